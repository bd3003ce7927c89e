// The Calroute web console: logs in with Keycloak (authorization code + PKCE S256) and calls the public APIs with
// the user's own access token. No framework, no build step: the pages are built from small DOM helpers below.
import { lang, t } from './i18n.js';

const BUSY_TYPES = ['BUSY', 'OOF', 'TENTATIVE', 'WORKING_ELSEWHERE'];
const ACTIONS = ['RING', 'VOICEMAIL', 'FORWARD', 'SWITCHBOARD', 'BUSY'];
const EXCHANGE_VERSIONS = ['Exchange2010', 'Exchange2010_SP1', 'Exchange2010_SP2', 'Exchange2013', 'Exchange2013_SP1'];
const SESSION = 'calroute.session';
const PENDING = 'calroute.login';

let config;
let session; // { accessToken, expiresAt, idToken, claims }
let refreshTimer;

// ---------- DOM helpers ----------

/** Creates an element: h('button', {class: 'x', onclick}, 'text', child). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'checked') element.checked = true;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A labelled form field; the label's for= points at the control. */
function field(id, label, control, hint) {
  control.id = id;
  if (!control.name) control.name = id;
  const parts = [h('label', { for: id }, label), control];
  if (hint) {
    control.setAttribute('aria-describedby', id + '-hint');
    parts.push(h('div', { id: id + '-hint', class: 'muted' }, hint));
  }
  return h('div', {}, ...parts);
}

function select(options, selected) {
  return h('select', {}, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

function showAlert(message, kind = 'error') {
  const box = document.getElementById('alert');
  box.textContent = message;
  box.className = kind === 'info' ? 'alert info' : 'alert';
  box.setAttribute('role', kind === 'info' ? 'status' : 'alert');
  box.hidden = false;
}

function clearAlert() {
  document.getElementById('alert').hidden = true;
}

function render(title, ...content) {
  const main = document.getElementById('main');
  main.replaceChildren(h('h1', {}, title), ...content);
  document.title = title + ' · Calroute';
}

function formatTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short',
    hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Runs a button's action with the button disabled, reporting an error in the alert region. */
async function busy(button, action) {
  button.disabled = true;
  try {
    clearAlert();
    await action();
  } catch (error) {
    showAlert(error.message);
  } finally {
    button.disabled = false;
  }
}

// ---------- OIDC: authorization code + PKCE ----------

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return window.location.origin + '/';
}

async function login() {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: window.location.hash }));
  const url = new URL(config.issuer + '/protocol/openid-connect/auth');
  url.search = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(),
    scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256',
    ui_locales: lang }).toString();
  window.location.assign(url.toString());
}

function decodeClaims(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

// OIDC error codes the console explains in its own words. The error_description of a redirect is never shown:
// anyone can send a link to the console with a text of their choosing (e.g. a phone number to call).
const LOGIN_ERRORS = {
  access_denied: 'loginDenied', login_required: 'loginAgain', interaction_required: 'loginAgain',
  consent_required: 'loginAgain', account_selection_required: 'loginAgain', invalid_grant: 'loginAgain',
  temporarily_unavailable: 'loginUnavailable', server_error: 'loginUnavailable',
};

/** A fixed, translated message for an OIDC error code; any other code is a plain "login failed". */
function loginError(code) {
  return t(Object.hasOwn(LOGIN_ERRORS, code) ? LOGIN_ERRORS[code] : 'loginFailed');
}

async function tokenRequest(form) {
  const response = await fetch(config.issuer + '/protocol/openid-connect/token', { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(loginError(body.error));
  return body;
}

function keep(tokens) {
  session = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, idToken: tokens.id_token,
    expiresAt: Date.now() + tokens.expires_in * 1000, claims: decodeClaims(tokens.access_token) };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  clearTimeout(refreshTimer);
  if (session.refreshToken) {
    refreshTimer = setTimeout(refresh, Math.max(10_000, tokens.expires_in * 1000 - 60_000));
  }
}

async function refresh() {
  try {
    keep(await tokenRequest({ grant_type: 'refresh_token', client_id: config.clientId, refresh_token: session.refreshToken }));
  } catch (error) {
    sessionStorage.removeItem(SESSION);
    session = null;
    showAlert(t('sessionExpired'));
  }
}

/** Finishes a login redirect (?code=&state=) or restores the session of this tab. */
async function restoreSession() {
  const params = new URLSearchParams(window.location.search);
  if (params.has('code') || params.has('error')) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    window.history.replaceState(null, '', '/' + (pending?.hash || ''));
    if (params.has('error')) throw new Error(loginError(params.get('error')));
    if (!pending || pending.state !== params.get('state')) throw new Error(t('sessionExpired'));
    keep(await tokenRequest({ grant_type: 'authorization_code', client_id: config.clientId, code: params.get('code'),
      redirect_uri: redirectUri(), code_verifier: pending.verifier }));
    return;
  }
  const stored = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  if (stored && stored.expiresAt > Date.now() + 5000) {
    session = stored;
    if (session.refreshToken) refreshTimer = setTimeout(refresh, Math.max(1000, session.expiresAt - Date.now() - 60_000));
  }
}

function logout() {
  const idToken = session?.idToken;
  sessionStorage.removeItem(SESSION);
  session = null;
  const url = new URL(config.issuer + '/protocol/openid-connect/logout');
  url.search = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri(),
    ...(idToken ? { id_token_hint: idToken } : {}) }).toString();
  window.location.assign(url.toString());
}

function roles() {
  return session?.claims?.realm_access?.roles || [];
}

const isAdmin = () => roles().includes('tenant-admin');
const isEmployee = () => roles().includes('employee');
const tenant = () => session.claims.tenant;

// ---------- API calls ----------

/** Calls a public API with the user's token; a problem body becomes an Error with its title and detail. */
async function api(base, path, { method = 'GET', body, contentType = 'application/json' } = {}) {
  const headers = { Authorization: 'Bearer ' + session.accessToken, Accept: 'application/json', 'Accept-Language': lang };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(base + path, { method, headers, body: payload });
  } catch (error) {
    throw new Error(t('networkError', { url: base }));
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (ignored) { json = null; }
  if (!response.ok) {
    if (response.status === 401) showAlert(t('sessionExpired'));
    const detail = json && (json.detail || json.title) ? [json.title, json.detail].filter(Boolean).join(': ') : text;
    const error = new Error(detail || t('errorTitle') + ' (HTTP ' + response.status + ')');
    error.status = response.status;
    error.problem = json;
    throw error;
  }
  return json;
}

const configApi = (path, options) => api(config.configApi, path, options);
const syncApi = (path, options) => api(config.syncApi, path, options);
const routingApi = (path, options) => api(config.routingApi, path, options);

/**
 * The employee's own routing API. Routing knows an employee by the login that config-service links to their
 * enrolment at their first visit; a first visit may reach routing before that link, so sign in to the settings
 * (which links it) and ask again while routing catches up.
 */
async function myRoutingApi(path, options) {
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

async function optional(promise) {
  try {
    return await promise;
  } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

// ---------- admin pages ----------

function lastTestKey() {
  return 'calroute.lastTest.' + tenant();
}

function testResultView(result) {
  if (!result) return h('p', { class: 'muted' }, t('never'));
  return h('div', { class: 'result ' + (result.ok ? 'ok' : 'bad'), id: 'test-result' },
    h('p', { class: result.ok ? 'ok' : 'bad' }, result.ok ? t('testOk') : t('testFailed') + ' ' + t('step.' + result.step) + ' (' + result.step + ')'),
    h('p', {}, result.message || ''),
    result.serverVersion ? h('p', { class: 'muted' }, t('serverVersion') + ': ' + result.serverVersion) : null,
    result.at ? h('p', { class: 'muted' }, formatTime(result.at)) : null);
}

async function companyPage() {
  const id = tenant();
  const [company, exchange, health] = await Promise.all([configApi(`/api/v1/tenants/${id}`),
    optional(configApi(`/api/v1/tenants/${id}/exchange`)), optional(syncApi(`/api/v1/tenants/${id}/sync-health?size=1`))]);
  const summary = health?.summary;
  const lastTest = JSON.parse(sessionStorage.getItem(lastTestKey()) || 'null');
  render(t('company'),
    h('section', { class: 'panel', 'aria-labelledby': 'company-facts' }, h('h2', { id: 'company-facts' }, company.name),
      h('dl', { class: 'facts' }, h('dt', {}, t('switchboard')), h('dd', {}, company.switchboardNumber),
        h('dt', {}, t('timeZone')), h('dd', {}, company.timeZone))),
    h('section', { class: 'panel', id: 'ms-sync', 'aria-labelledby': 'ms-sync-title' },
      h('h2', { id: 'ms-sync-title' }, t('msSync')),
      h('dl', { class: 'facts' },
        h('dt', {}, t('state')), h('dd', { id: 'ms-sync-state' }, exchange ? t('configured') : t('notConfigured')),
        exchange ? [h('dt', {}, t('connectionKind')), h('dd', {}, exchange.kind === 'GRAPH' ? 'Microsoft Graph'
          : 'EWS · ' + (exchange.ewsUrl || '') + ' · ' + (exchange.exchangeVersion || ''))] : null,
        // The service counts the whole tenant; a user fails only while their last error is newer than their last success.
        h('dt', {}, t('usersSyncing')), h('dd', { id: 'users-syncing' }, String(summary ? summary.syncing + summary.pending : 0)),
        h('dt', {}, t('usersWithErrors')), h('dd', { id: 'users-failing' }, String(summary ? summary.failing : 0)),
        h('dt', {}, t('lastSuccess')), h('dd', { id: 'last-success' }, summary?.lastSuccess ? formatTime(summary.lastSuccess) : '–')),
      h('h3', {}, t('lastTest')), testResultView(lastTest),
      h('p', {}, h('button', { id: 'edit-exchange', onclick: () => { location.hash = '#/exchange'; } }, t('edit')))));
}

async function exchangePage() {
  const id = tenant();
  const current = (await optional(configApi(`/api/v1/tenants/${id}/exchange`))) || { kind: 'EWS' };
  const kind = select([['EWS', t('kindEWS')], ['GRAPH', t('kindGRAPH')]], current.kind);
  const inputs = {
    username: h('input', { type: 'text', autocomplete: 'off', value: current.username || '' }),
    password: h('input', { type: 'password', autocomplete: 'new-password' }),
    ewsUrl: h('input', { type: 'url', value: current.ewsUrl || 'https://outlook.office365.com/EWS/Exchange.asmx' }),
    domain: h('input', { type: 'text', value: current.domain || '' }),
    exchangeVersion: select(EXCHANGE_VERSIONS.map((v) => [v, v]), current.exchangeVersion || 'Exchange2013_SP1'),
    entraTenantId: h('input', { type: 'text', value: current.entraTenantId || '' }),
    clientId: h('input', { type: 'text', value: current.clientId || '' }),
    clientSecret: h('input', { type: 'password', autocomplete: 'new-password' }),
    caCertificatePem: h('textarea', { spellcheck: 'false' }, current.caCertificatePem || ''),
  };
  const ews = h('fieldset', { class: 'panel' }, h('legend', {}, 'EWS'),
    field('username', t('username'), inputs.username),
    field('password', t('password'), inputs.password, current.passwordSet ? t('passwordKept') : null),
    field('ewsUrl', t('ewsUrl'), inputs.ewsUrl), field('domain', t('domain'), inputs.domain),
    field('exchangeVersion', t('exchangeVersion'), inputs.exchangeVersion));
  const graph = h('fieldset', { class: 'panel' }, h('legend', {}, 'Microsoft Graph'),
    field('entraTenantId', t('entraTenantId'), inputs.entraTenantId), field('clientId', t('clientId'), inputs.clientId),
    field('clientSecret', t('clientSecret'), inputs.clientSecret, current.clientSecretSet ? t('secretKept') : null));
  const showKind = () => { ews.hidden = kind.value !== 'EWS'; graph.hidden = kind.value !== 'GRAPH'; };
  kind.addEventListener('change', showKind);
  showKind();
  const save = h('button', { type: 'submit', id: 'save-exchange' }, t('save'));
  const form = h('form', { id: 'exchange-form' }, field('kind', t('kind'), kind), ews, graph,
    field('caCertificatePem', t('caCertificatePem'), inputs.caCertificatePem), h('p', {}, save));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, async () => {
      const body = { kind: kind.value };
      const names = kind.value === 'EWS' ? ['username', 'password', 'ewsUrl', 'domain', 'exchangeVersion'] : ['entraTenantId', 'clientId', 'clientSecret'];
      for (const name of [...names, 'caCertificatePem']) {
        const value = inputs[name].value.trim();
        if (value) body[name] = value;
      }
      await configApi(`/api/v1/tenants/${id}/exchange`, { method: 'PUT', body });
      inputs.password.value = '';
      inputs.clientSecret.value = '';
      showAlert(t('saved'), 'info');
    });
  });
  const mailbox = h('input', { type: 'email' });
  const resultBox = h('div', { 'aria-live': 'polite', id: 'test-area' });
  const test = h('button', { type: 'button', id: 'test-connection', class: 'secondary' }, t('testConnection'));
  test.addEventListener('click', () => busy(test, async () => {
    resultBox.replaceChildren(h('p', {}, t('testing')));
    try {
      const result = await configApi(`/api/v1/tenants/${id}/exchange/test`, { method: 'POST',
        body: mailbox.value.trim() ? { mailbox: mailbox.value.trim() } : {} });
      result.at = new Date().toISOString();
      sessionStorage.setItem(lastTestKey(), JSON.stringify(result));
      resultBox.replaceChildren(testResultView(result));
    } catch (error) {
      resultBox.replaceChildren();
      throw error;
    }
  }));
  render(t('exchange'), form,
    h('section', { class: 'panel', 'aria-labelledby': 'test-title' }, h('h2', { id: 'test-title' }, t('testConnection')),
      h('div', { class: 'row' }, field('test-mailbox', t('testMailbox'), mailbox), h('div', {}, test)), resultBox));
}

async function employeesPage() {
  const id = tenant();
  const [page, health] = await Promise.all([configApi(`/api/v1/tenants/${id}/users?size=200`),
    optional(syncApi(`/api/v1/tenants/${id}/sync-health?size=1`))]);
  const healthById = new Map((health?.users || []).map((u) => [u.userId, u]));
  const email = h('input', { type: 'email', required: true, autocomplete: 'off' });
  const mobile = h('input', { type: 'tel', required: true, pattern: '\\+[1-9][0-9]{6,14}' });
  const name = h('input', { type: 'text' });
  const enrolButton = h('button', { type: 'submit', id: 'enrol' }, t('enrol'));
  const enrolForm = h('form', { id: 'enrol-form' }, h('div', { class: 'row' }, field('enrol-email', t('email'), email),
    field('enrol-mobile', t('mobile'), mobile), field('enrol-name', t('displayName'), name), h('div', {}, enrolButton)));
  enrolForm.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(enrolButton, async () => {
      const created = await configApi(`/api/v1/tenants/${id}/users`, { method: 'POST',
        body: { email: email.value.trim(), mobileNumber: mobile.value.trim(), displayName: name.value.trim() || email.value.trim() } });
      await employeesPage();
      showAlert(t('enrolled', { email: created.email }), 'info');
    });
  });

  const csv = h('textarea', { spellcheck: 'false', placeholder: 'email,mobileNumber,displayName' });
  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  file.addEventListener('change', async () => { if (file.files[0]) csv.value = await file.files[0].text(); });
  const report = h('div', { id: 'bulk-report', 'aria-live': 'polite' });
  const bulkButton = h('button', { type: 'button', id: 'bulk-enrol' }, t('bulkEnrol'));
  bulkButton.addEventListener('click', () => busy(bulkButton, async () => {
    const result = await configApi(`/api/v1/tenants/${id}/users/bulk`, { method: 'POST', body: csv.value, contentType: 'text/csv' });
    await employeesPage();
    document.getElementById('bulk-report').replaceChildren(h('p', {}, t('report', result)),
      h('table', { class: 'responsive' }, h('thead', {}, h('tr', {}, [t('row'), t('email'), t('status'), t('reason')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, result.rows.map((r) => h('tr', {}, h('td', { 'data-label': t('row') }, String(r.row)),
          h('td', { 'data-label': t('email') }, r.email || ''), h('td', { 'data-label': t('status') }, r.status),
          h('td', { 'data-label': t('reason') }, r.reason || ''))))));
  }));

  const rows = page.items.map((user) => {
    const state = healthById.get(user.id);
    const resync = h('button', { type: 'button', class: 'secondary', 'aria-label': t('resync') + ' ' + user.email }, t('resync'));
    resync.addEventListener('click', () => busy(resync, async () => {
      await syncApi(`/api/v1/tenants/${id}/users/${user.id}/resync`, { method: 'POST' });
      showAlert(t('resyncStarted', { email: user.email }), 'info');
    }));
    const remove = h('button', { type: 'button', class: 'danger', 'aria-label': t('unenrol') + ' ' + user.email }, t('unenrol'));
    let armed = false;
    remove.addEventListener('click', () => {
      if (!armed) { armed = true; remove.textContent = t('confirmUnenrol', { email: user.email }); remove.focus(); return; }
      busy(remove, async () => {
        await configApi(`/api/v1/tenants/${id}/users/${user.id}`, { method: 'DELETE' });
        await employeesPage();
        showAlert(t('unenrolled', { email: user.email }), 'info');
      });
    });
    return h('tr', { 'data-email': user.email },
      h('td', { 'data-label': t('email') }, user.email), h('td', { 'data-label': t('displayName') }, user.displayName || ''),
      h('td', { 'data-label': t('mobile') }, user.mobileNumber),
      h('td', { 'data-label': t('sync'), class: 'sync-enabled' }, user.syncEnabled ? t('on') : t('off')),
      h('td', { 'data-label': t('syncState'), class: 'sync-state' }, state?.state || '–',
        state?.lastSuccess ? h('div', { class: 'muted' }, t('lastSuccess') + ': ' + formatTime(state.lastSuccess)) : null),
      h('td', { 'data-label': t('lastError'), class: state?.lastError ? 'bad' : '' }, state?.lastError || ''),
      h('td', { 'data-label': t('actions') }, h('div', { class: 'actions' }, resync, remove)));
  });
  render(t('employees'),
    h('section', { class: 'panel', 'aria-labelledby': 'enrol-title' }, h('h2', { id: 'enrol-title' }, t('enrolOne')), enrolForm),
    h('section', { class: 'panel', 'aria-labelledby': 'bulk-title' }, h('h2', { id: 'bulk-title' }, t('bulk')),
      h('p', { class: 'muted' }, t('bulkHelp')), field('bulk-file', t('csvFile'), file), field('bulk-csv', t('csvText'), csv),
      h('p', {}, bulkButton), report),
    h('h2', {}, t('employees') + ' (' + page.total + ')'),
    rows.length ? h('table', { class: 'responsive', id: 'users' },
      h('thead', {}, h('tr', {}, [t('email'), t('displayName'), t('mobile'), t('sync'), t('syncState'), t('lastError'), t('actions')]
        .map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows)) : h('p', {}, t('noUsers')));
}

// ---------- employee pages ----------

function explanation(busyType, setting, number) {
  const values = { busy: t('busy.' + busyType).toLowerCase(), number, action: t('action.' + setting.action), target: setting.target || '…' };
  if (lang === 'en') values.busy = t('busy.' + busyType);
  return setting.action === 'FORWARD' ? t('explainForward', values) : t('explain', values);
}

async function myNumber() {
  const status = await optional(myRoutingApi('/api/v1/me/status'));
  return status?.number || t('yourNumber');
}

async function mePage() {
  const sync = await optional(configApi('/api/v1/me/calendar-sync'));
  if (!sync) {
    render(t('me'), h('p', { class: 'panel' }, t('notEnrolled')));
    return;
  }
  const [settings, number] = await Promise.all([configApi('/api/v1/me/status-settings'), myNumber()]);
  const toggle = h('input', { type: 'checkbox', role: 'switch', id: 'outlook-sync', checked: sync.enabled });
  const syncState = h('p', { id: 'outlook-sync-state', 'aria-live': 'polite' }, sync.enabled ? t('syncOn') : t('syncOff'));
  toggle.addEventListener('change', () => busy(toggle, async () => {
    try {
      const saved = await configApi('/api/v1/me/calendar-sync', { method: 'PUT', body: { enabled: toggle.checked } });
      toggle.checked = saved?.enabled ?? toggle.checked;
      syncState.textContent = toggle.checked ? t('syncOn') : t('syncOff');
    } catch (error) {
      toggle.checked = !toggle.checked;
      throw error;
    }
  }));

  const controls = {};
  const fieldsets = BUSY_TYPES.map((type) => {
    const setting = settings?.[type] || { action: 'RING' };
    const action = select(ACTIONS.map((a) => [a, t('actionName.' + a)]), setting.action);
    const target = h('input', { type: 'tel', value: setting.target || '', pattern: '\\+[1-9][0-9]{6,14}' });
    const targetField = field('target-' + type, t('forwardTo'), target);
    const explain = h('p', { class: 'explain', id: 'explain-' + type, 'aria-live': 'polite' });
    const update = () => {
      targetField.hidden = action.value !== 'FORWARD';
      explain.textContent = explanation(type, { action: action.value, target: target.value.trim() }, number);
    };
    action.addEventListener('change', update);
    target.addEventListener('input', update);
    update();
    controls[type] = { action, target };
    return h('fieldset', { class: 'panel' }, h('legend', {}, t('busy.' + type)),
      h('div', { class: 'row' }, field('action-' + type, t('overrideAction'), action), targetField), explain);
  });
  const save = h('button', { type: 'submit', id: 'save-settings' }, t('saveSettings'));
  const form = h('form', { id: 'settings-form' }, ...fieldsets, h('p', {}, save));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, async () => {
      const body = {};
      for (const type of BUSY_TYPES) {
        const { action, target } = controls[type];
        body[type] = action.value === 'FORWARD' ? { action: action.value, target: target.value.trim() } : { action: action.value };
      }
      await configApi('/api/v1/me/status-settings', { method: 'PUT', body });
      showAlert(t('settingsSaved'), 'info');
    });
  });
  render(t('me'),
    h('section', { class: 'panel', 'aria-labelledby': 'advanced-title' }, h('h2', { id: 'advanced-title' }, t('advanced')),
      h('label', { class: 'switch', for: 'outlook-sync' }, toggle, t('outlookSync')),
      h('p', { class: 'muted' }, t('outlookSyncHelp')), syncState),
    h('section', { 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title' }, t('statusSettings')),
      h('p', { class: 'muted' }, t('statusHelp')), form));
}

function describe(entry, number) {
  const action = t('action.' + entry.action) + (entry.target ? ' → ' + entry.target : '');
  return t('nowExplain', { number, action });
}

let callsTimer;

async function callsPage() {
  const from = new Date();
  const to = new Date(from.getTime() + 7 * 24 * 3600 * 1000);
  const [status, timeline] = await Promise.all([optional(myRoutingApi('/api/v1/me/status')),
    optional(myRoutingApi(`/api/v1/me/status/timeline?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`))]);
  if (!status && !timeline) {
    render(t('calls'), h('p', { class: 'panel' }, t('notEnrolled')));
    refreshCallsLater(null);
    return;
  }
  const number = status?.number || t('yourNumber');
  const intervals = (timeline?.intervals || []).filter((i) => i.state !== 'AVAILABLE' || i.reason?.source === 'OVERRIDE');
  const action = select(ACTIONS.map((a) => [a, t('actionName.' + a)]), 'RING');
  const target = h('input', { type: 'tel', pattern: '\\+[1-9][0-9]{6,14}' });
  const targetField = field('override-target', t('forwardTo'), target);
  const showTarget = () => { targetField.hidden = action.value !== 'FORWARD'; };
  action.addEventListener('change', showTarget);
  showTarget();
  const inAnHour = new Date(Date.now() + 3600 * 1000 - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const until = h('input', { type: 'datetime-local', value: inAnHour, required: true });
  const set = h('button', { type: 'submit', id: 'set-override' }, t('setOverride'));
  const clear = h('button', { type: 'button', class: 'secondary', id: 'clear-override' }, t('clearOverride'));
  const form = h('form', { id: 'override-form' }, h('div', { class: 'row' }, field('override-action', t('overrideAction'), action),
    targetField, field('override-until', t('overrideUntil'), until), h('div', { class: 'actions' }, set, clear)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(set, async () => {
      const body = { action: action.value, until: new Date(until.value).toISOString() };
      if (action.value === 'FORWARD') body.target = target.value.trim();
      await myRoutingApi('/api/v1/me/status/override', { method: 'PUT', body });
      await callsPage();
      showAlert(t('overrideSet'), 'info');
    });
  });
  clear.addEventListener('click', () => busy(clear, async () => {
    await optional(myRoutingApi('/api/v1/me/status/override', { method: 'DELETE' }));
    await callsPage();
    showAlert(t('overrideCleared'), 'info');
  }));
  render(t('calls'),
    h('section', { class: 'panel', 'aria-labelledby': 'now-title' }, h('h2', { id: 'now-title' }, t('now')),
      status ? h('p', { class: 'now', id: 'now' }, h('strong', {}, t('stateName.' + status.state)), ' — ', describe(status, number),
        ' (', status.until ? t('until', { time: formatTime(status.until) }) : t('openEnded'), ')') : h('p', { id: 'now' }, '–'),
      status?.reason ? h('p', { class: 'muted' }, t('source') + ': ' + t('sourceName.' + status.reason.source)) : null),
    h('section', { 'aria-labelledby': 'week-title' }, h('h2', { id: 'week-title' }, t('week')),
      intervals.length ? h('table', { class: 'responsive', id: 'timeline' },
        h('thead', {}, h('tr', {}, [t('from'), t('to'), t('state'), t('overrideAction'), t('source')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, intervals.map((i) => h('tr', { 'data-state': i.state, 'data-action': i.action },
          h('td', { 'data-label': t('from') }, formatTime(i.from)), h('td', { 'data-label': t('to') }, formatTime(i.to)),
          h('td', { 'data-label': t('state') }, t('stateName.' + i.state)),
          h('td', { 'data-label': t('overrideAction') }, t('actionName.' + i.action) + (i.target ? ' → ' + i.target : '')),
          h('td', { 'data-label': t('source') }, t('sourceName.' + (i.reason?.source || 'UNKNOWN')))))))
        : h('p', { id: 'timeline-empty' }, t('noTimeline'))),
    h('section', { class: 'panel', 'aria-labelledby': 'override-title' }, h('h2', { id: 'override-title' }, t('override')),
      h('p', { class: 'muted' }, t('overrideHelp')), form));
  refreshCallsLater(form);
}

/** "Now" and the week follow the calendar: refreshed while the page is open and no field is being edited. */
function refreshCallsLater(form) {
  clearTimeout(callsTimer);
  callsTimer = setTimeout(() => {
    if (location.hash !== '#/calls') return;
    if (form && form.contains(document.activeElement)) { refreshCallsLater(form); return; }
    callsPage().catch((e) => showAlert(e.message));
  }, 5000);
}

// ---------- navigation ----------

function pages() {
  const list = [];
  if (isAdmin()) list.push(['#/company', t('navCompany'), companyPage], ['#/exchange', t('navExchange'), exchangePage],
    ['#/employees', t('navEmployees'), employeesPage]);
  if (isEmployee()) list.push(['#/me', t('navMe'), mePage], ['#/calls', t('navCalls'), callsPage]);
  return list;
}

async function route() {
  const list = pages();
  if (!list.length) { render(t('welcome'), h('p', {}, t('noRole'))); return; }
  const current = list.find(([hash]) => hash === location.hash) || list[0];
  if (location.hash !== current[0]) { history.replaceState(null, '', current[0]); }
  document.getElementById('nav').replaceChildren(...list.map(([hash, label]) =>
    h('a', { href: hash, 'aria-current': hash === current[0] ? 'page' : null }, label)));
  clearAlert();
  try {
    await current[2]();
  } catch (error) {
    render(current[1]);
    showAlert(error.message);
  }
  document.getElementById('main').focus({ preventScroll: true });
}

function welcome() {
  const button = h('button', { id: 'login', onclick: login }, t('login'));
  render(t('welcome'), h('p', {}, t('welcomeText')), h('p', {}, button));
}

async function start() {
  document.documentElement.lang = lang;
  document.querySelector('.skip').textContent = t('skip');
  document.getElementById('nav').setAttribute('aria-label', t('welcome'));
  config = await (await fetch('/config.json')).json();
  try {
    await restoreSession();
  } catch (error) {
    showAlert(error.message);
  }
  if (!session) { welcome(); return; }
  const who = document.getElementById('who');
  who.replaceChildren(h('span', { id: 'user-email' }, session.claims.email || ''),
    h('button', { type: 'button', id: 'logout', onclick: logout }, t('logout')));
  window.addEventListener('hashchange', route);
  await route();
}

start().catch((error) => showAlert(error.message));
