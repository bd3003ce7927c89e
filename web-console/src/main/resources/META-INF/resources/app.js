// The Calroute web console: logs in with Keycloak (authorization code + PKCE S256) and calls the public APIs with
// the user's own access token. No framework, no build step. This file only starts the console and routes between
// the pages; each page lives in pages/.
import { lang, t } from './i18n.js';
import { h, render, showAlert, clearAlert } from './dom.js';
import { configure, restoreSession, hasSession, login, logout, claims, isAdmin, isEmployee } from './auth.js';
import { configureApis } from './api.js';
import { showError } from './problems.js';
import { companyPage } from './pages/company.js';
import { codesPage } from './pages/codes.js';
import { exchangePage } from './pages/exchange.js';
import { employeesPage } from './pages/employees.js';
import { switchboardPage, leaveSwitchboard } from './pages/switchboard.js';
import { mePage } from './pages/me.js';
import { callsPage, leaveCallsPage } from './pages/calls.js';

function pages() {
  const list = [];
  if (isAdmin()) {
    list.push(['#/company', t('navCompany'), companyPage], ['#/employees', t('navEmployees'), employeesPage],
      ['#/exchange', t('navExchange'), exchangePage], ['#/switchboard', t('navSwitchboard'), switchboardPage],
      ['#/codes', t('navCodes'), codesPage]);
  }
  if (isEmployee()) list.push(['#/me', t('navMe'), mePage], ['#/calls', t('navCalls'), callsPage]);
  return list;
}

let firstRoute = true;

async function route() {
  leaveCallsPage();
  leaveSwitchboard();
  const list = pages();
  if (!list.length) { render(t('welcome'), h('p', {}, t('noRole'))); return; }
  const path = location.hash.split('?')[0];
  const current = list.find(([hash]) => hash === path) || list[0];
  if (path !== current[0]) history.replaceState(null, '', current[0]);
  document.getElementById('nav').replaceChildren(...list.map(([hash, label]) =>
    h('a', { href: hash, 'aria-current': hash === current[0] ? 'page' : null }, label)));
  clearAlert();
  try {
    await current[2]();
  } catch (error) {
    render(current[1]);
    showError(error);
  }
  // The time from navigation to a usable first page, for the browser test's page-load figure.
  if (firstRoute) performance.measure('calroute:page-ready');
  firstRoute = false;
  document.getElementById('main').focus({ preventScroll: true });
}

function welcome() {
  const button = h('button', { type: 'button', id: 'login', onclick: login }, t('login'));
  render(t('welcome'), h('p', {}, t('welcomeText')), h('p', {}, button));
}

async function start() {
  document.documentElement.lang = lang;
  document.querySelector('.skip').textContent = t('skip');
  document.getElementById('nav').setAttribute('aria-label', t('mainNav'));
  document.getElementById('main').replaceChildren(h('p', {}, t('loading')));
  const config = await (await fetch('/config.json')).json();
  configure(config);
  configureApis(config);
  try {
    await restoreSession();
  } catch (error) {
    showAlert(error.message);
  }
  if (!hasSession()) { welcome(); return; }
  const who = document.getElementById('who');
  who.replaceChildren(h('span', { id: 'user-email' }, claims().email || ''),
    h('button', { type: 'button', id: 'logout', onclick: logout }, t('logout')));
  window.addEventListener('hashchange', route);
  await route();
}

start().catch((error) => showAlert(error.message));
