// OIDC login against Keycloak: authorization code with PKCE (S256). Tokens live in this tab's sessionStorage only
// and are refreshed a minute before they expire.
import { keycloakLocale, t } from './i18n.js';
import { showAlert } from './dom.js';

const SESSION = 'calroute.session';
const PENDING = 'calroute.login';

let config;
let session; // { accessToken, refreshToken, idToken, expiresAt, claims }
let refreshTimer;

export function configure(settings) {
  config = settings;
}

export function accessToken() {
  return session?.accessToken;
}

export function claims() {
  return session?.claims || {};
}

export function hasSession() {
  return Boolean(session);
}

function roles() {
  return session?.claims?.realm_access?.roles || [];
}

export const isAdmin = () => roles().includes('tenant-admin');
export const isEmployee = () => roles().includes('employee');
export const tenant = () => session.claims.tenant;

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return window.location.origin + '/';
}

export async function login() {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: window.location.hash }));
  const url = new URL(config.issuer + '/protocol/openid-connect/auth');
  // ui_locales: Keycloak shows its login page in the console's language (its Norwegian locale id is "no").
  url.search = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(),
    scope: 'openid email profile', state, code_challenge: challenge, code_challenge_method: 'S256',
    ui_locales: keycloakLocale }).toString();
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
export async function restoreSession() {
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

export function logout() {
  const idToken = session?.idToken;
  sessionStorage.removeItem(SESSION);
  session = null;
  const url = new URL(config.issuer + '/protocol/openid-connect/logout');
  url.search = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri(),
    ...(idToken ? { id_token_hint: idToken } : {}) }).toString();
  window.location.assign(url.toString());
}
