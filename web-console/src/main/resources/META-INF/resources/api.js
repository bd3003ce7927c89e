// The three public APIs, called with the logged-in user's own token. A refusal becomes an ApiError carrying the
// problem body, which problems.js turns into translated words from its type and field codes.
import { lang, t } from './i18n.js';
import { accessToken } from './auth.js';

let bases;

export function configureApis(config) {
  bases = { config: config.configApi, sync: config.syncApi, routing: config.routingApi };
}

/** A refused call: HTTP status and the problem body (null when the answer was not JSON). */
export class ApiError extends Error {
  constructor(status, problem, raw) {
    super(problem?.detail || problem?.title || raw || 'HTTP ' + status);
    this.status = status;
    this.problem = problem;
  }
}

async function call(base, path, { method = 'GET', body, contentType = 'application/json' } = {}) {
  const headers = { Authorization: 'Bearer ' + accessToken(), Accept: 'application/json', 'Accept-Language': lang };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(base + path, { method, headers, body: payload });
  } catch (error) {
    throw new ApiError(0, null, t('networkError'));
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (ignored) { json = null; }
  if (!response.ok) throw new ApiError(response.status, json, text);
  return json;
}

export const configApi = (path, options) => call(bases.config, path, options);
export const syncApi = (path, options) => call(bases.sync, path, options);
export const routingApi = (path, options) => call(bases.routing, path, options);

/** A query string from the set values of an object. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

/**
 * The employee's own routing API. Routing knows an employee by the login that config-service links to their
 * enrolment at their first visit; a first visit may reach routing before that link, so sign in to the settings
 * (which links it) and ask again while routing catches up.
 */
export async function myRoutingApi(path, options) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await routingApi(path, options);
    } catch (error) {
      if (error.problem?.type !== 'urn:calroute:problem:login-not-linked' || attempt >= 10) throw error;
      if (attempt === 0) await configApi('/api/v1/me/calendar-sync');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** The answer, or null when the object does not exist (404). */
export async function optional(promise) {
  try {
    return await promise;
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

/** Runs tasks with at most `limit` at a time; resolves to each task's {ok, value|error}, in order. */
export async function limited(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await tasks[index]() };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
