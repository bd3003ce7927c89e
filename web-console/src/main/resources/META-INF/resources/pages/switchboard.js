// "Sentralbord": who is busy now, until when, where their calls go, and their next change, for the people at the
// switchboard. Routing knows users by id and number only, so names come from config-service's employee list; the
// search (name, e-mail or number) filters in the browser. The table refreshes in place every 15 s: the search
// field, its focus and the page's scroll stay put.
import { t } from '../i18n.js';
import { h, field, render, formatWhen, formatClock, debounce } from '../dom.js';
import { configApi, routingApi, query } from '../api.js';
import { tenant } from '../auth.js';
import { showError } from '../problems.js';
import { formatPhone } from '../phone.js';

const REFRESH_MILLIS = 15_000;
const PAGE_SIZE = 200;
// A switchboard looks at a company's people, busy ones first; beyond this many the view stops reading further pages.
const MAX_ROWS = 2000;
let refreshTimer;
// Each visit of the page counts up; a refresh belonging to an earlier visit stops instead of starting a second loop.
let visit = 0;

export function leaveSwitchboard() {
  clearTimeout(refreshTimer);
  visit++;
}

/** Every page of a paged list, up to MAX_ROWS items. */
async function allPages(fetchPage) {
  const items = [];
  for (let page = 0; ; page++) {
    const answer = await fetchPage(page);
    items.push(...(answer.items || []));
    if (items.length >= Math.min(answer.total ?? 0, MAX_ROWS) || !(answer.items || []).length) return { items, total: answer.total };
  }
}

/** Busy: a calendar state or an override. Outside working hours is shown as such, but is not "busy". */
function isBusy(entry) {
  return entry.state && entry.state !== 'AVAILABLE' && entry.state !== 'OUTSIDE_WORKING_HOURS';
}

/** Anything but available: the state and its end are shown. */
function showsState(entry) {
  return entry.state && entry.state !== 'AVAILABLE';
}

function row(entry, person) {
  const next = entry.nextChange;
  return h('tr', { 'data-user-id': entry.userId || '', 'data-state': entry.state || '', class: isBusy(entry) ? 'busy' : '' },
    h('td', { 'data-label': t('switchboard.name') }, person?.displayName || person?.email || formatPhone(entry.number)),
    h('td', { 'data-label': t('switchboard.number'), class: 'number' }, formatPhone(entry.number)),
    h('td', { 'data-label': t('switchboard.status') }, showsState(entry) ? t('stateName.' + entry.state) : t('switchboard.free')),
    h('td', { 'data-label': t('switchboard.calls') }, t('actionName.' + (entry.action || 'RING'))
      + (entry.target ? ' → ' + formatPhone(entry.target, { international: true }) : '')),
    h('td', { 'data-label': t('switchboard.until') }, showsState(entry) && entry.until ? formatWhen(entry.until) : t('none')),
    h('td', { 'data-label': t('switchboard.next') }, next?.at
      ? formatWhen(next.at) + (next.state ? ': ' + (next.state === 'AVAILABLE' ? t('switchboard.free') : t('stateName.' + next.state)) : '')
      : t('none')));
}

export async function switchboardPage() {
  leaveSwitchboard();
  const mine = visit;
  const search = h('input', { type: 'search', autocomplete: 'off' });
  const summary = h('p', { id: 'switchboard-summary', class: 'muted', 'aria-live': 'polite' });
  const body = h('tbody', {});
  const table = h('table', { class: 'responsive compact', id: 'switchboard' },
    h('thead', {}, h('tr', {}, [t('switchboard.name'), t('switchboard.number'), t('switchboard.status'), t('switchboard.calls'),
      t('switchboard.until'), t('switchboard.next')].map((c) => h('th', { scope: 'col' }, c)))), body);
  const empty = h('p', { id: 'switchboard-empty', hidden: true });
  const people = new Map(); // userId → the enrolled user (name, e-mail)
  let entries = [];
  let refreshedAt = new Date();

  async function loadPeople() {
    const { items } = await allPages((page) => configApi(`/api/v1/tenants/${tenant()}/users` + query({ page, size: PAGE_SIZE })));
    people.clear();
    for (const user of items) people.set(user.id, user);
  }

  async function loadStatus() {
    const answer = await allPages((page) => routingApi(`/api/v1/tenants/${tenant()}/status` + query({ page, size: PAGE_SIZE })));
    entries = answer.items;
    // Someone enrolled since the page opened: read the names again.
    if (entries.some((entry) => !people.has(entry.userId))) await loadPeople();
    refreshedAt = new Date();
  }

  /** Shows the rows matching the search; replacing only the rows keeps the search field, its focus and the scroll. */
  function show() {
    const needle = search.value.trim().toLowerCase();
    const digits = needle.replace(/\D/g, '');
    const shown = entries.filter((entry) => {
      if (!needle) return true;
      const person = people.get(entry.userId);
      return ((person?.displayName || '') + ' ' + (person?.email || '')).toLowerCase().includes(needle)
        || (digits && entry.number.includes(digits));
    });
    const scroll = window.scrollY;
    body.replaceChildren(...shown.map((entry) => row(entry, people.get(entry.userId))));
    window.scrollTo({ top: scroll });
    table.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
    empty.textContent = t('switchboard.none');
    const outside = entries.filter((entry) => entry.state === 'OUTSIDE_WORKING_HOURS').length;
    summary.textContent = t('switchboard.busyNow', { count: entries.filter(isBusy).length })
      + (outside ? ' · ' + t('switchboard.outsideNow', { count: outside }) : '') + ' · '
      + t('switchboard.refreshedAt', { time: formatClock(refreshedAt) });
  }

  search.addEventListener('input', debounce(show, 150));
  function scheduleRefresh() {
    refreshTimer = setTimeout(async () => {
      if (mine !== visit) return;
      try {
        await loadStatus();
        if (mine === visit) show();
      } catch (error) {
        showError(error);
      }
      if (mine === visit) scheduleRefresh();
    }, REFRESH_MILLIS);
  }

  await Promise.all([loadPeople(), loadStatus()]);
  render(t('switchboard.title'),
    h('section', { class: 'panel', 'aria-labelledby': 'switchboard-title' }, h('h2', { id: 'switchboard-title' }, t('switchboard.listTitle')),
      h('p', { class: 'hint' }, t('switchboard.help')), field('switchboard-search', t('switchboard.search'), search), summary,
      table, empty));
  show();
  scheduleRefresh();
}
