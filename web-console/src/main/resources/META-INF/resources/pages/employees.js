// The admin's employee page: the list first (search, filter, sort and paging on the server; compact rows; bulk
// resync and removal of the selected rows), then enrolling one employee and many from a CSV file.
import { t } from '../i18n.js';
import { h, fill, field, select, render, showAlert, formatWhen, debounce, keepFocus } from '../dom.js';
import { configApi, syncApi, optional, query, limited } from '../api.js';
import { tenant } from '../auth.js';
import { busy, showError, problemSentence, technicalDetail } from '../problems.js';
import { formatPhone } from '../phone.js';
import { syncStateLabel, syncErrorLabel } from '../labels.js';
import { enrolSection } from './enrol.js';
import { csvSection } from './csv-import.js';

const PAGE_SIZE = 25;
const BULK_CONCURRENCY = 4;
const FILTERS = ['all', 'on', 'off', 'failing'];
const SORTS = ['email', 'name', '-updatedAt'];

/** The list's state lives in the address (#/employees?q=…&filter=…), so reloading or going back keeps it. */
function readState() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  return {
    q: params.get('q') || '',
    filter: FILTERS.includes(params.get('filter')) ? params.get('filter') : 'all',
    sort: SORTS.includes(params.get('sort')) ? params.get('sort') : 'email',
    page: Math.max(0, Number.parseInt(params.get('page') || '0', 10) || 0),
  };
}

function writeState(state) {
  const text = query({ q: state.q, filter: state.filter === 'all' ? '' : state.filter,
    sort: state.sort === 'email' ? '' : state.sort, page: state.page || '' });
  // replaceState: no hashchange, so the page is not rebuilt and the search field keeps focus.
  history.replaceState(null, '', '#/employees' + text);
}

/** One page of users with their sync health: from config-service, or from sync-health for "with errors". */
async function loadUsers(state) {
  const id = tenant();
  if (state.filter === 'failing') {
    const health = await syncApi(`/api/v1/tenants/${id}/sync-health` + query({ state: 'FAILING', page: state.page, size: PAGE_SIZE }));
    const failing = (health.users || []).filter((u) => u.state === 'FAILING' || u.state === 'ERROR');
    const users = await Promise.all(failing.map((u) => optional(configApi(`/api/v1/tenants/${id}/users/${u.userId}`))));
    const needle = state.q.toLowerCase();
    const items = users.map((user, i) => user && { ...user, health: failing[i] })
      .filter((user) => user && (!needle || (user.email + ' ' + (user.displayName || '')).toLowerCase().includes(needle)));
    return { items, total: health.summary?.failing ?? health.total ?? items.length };
  }
  const page = await configApi(`/api/v1/tenants/${id}/users` + query({ page: state.page, size: PAGE_SIZE, q: state.q || '',
    syncEnabled: state.filter === 'on' ? 'true' : state.filter === 'off' ? 'false' : '', sort: state.sort }));
  const ids = page.items.map((u) => u.id);
  const health = ids.length
    ? await optional(syncApi(`/api/v1/tenants/${id}/sync-health` + query({ userIds: ids.join(','), size: 200 }))) : null;
  const byId = new Map((health?.users || []).map((u) => [u.userId, u]));
  return { items: page.items.map((user) => ({ ...user, health: byId.get(user.id) })), total: page.total };
}

function syncCell(user) {
  const health = user.health;
  if (!health) return h('td', { 'data-label': t('employees.syncState'), class: 'sync-state' }, t('none'));
  const failing = health.state === 'ERROR' || health.state === 'FAILING';
  return h('td', { 'data-label': t('employees.syncState'), class: 'sync-state' + (failing ? ' bad' : ''), 'data-state': health.state },
    syncStateLabel(health.state),
    failing ? h('div', { class: 'sync-error' }, syncErrorLabel(health.lastErrorKind),
      health.lastErrorAt ? ' (' + t('employees.errorSince', { time: formatWhen(health.lastErrorAt) }) + ')' : '') : null,
    health.lastSuccess ? h('div', { class: 'muted' }, t('employees.lastSuccess', { time: formatWhen(health.lastSuccess) })) : null,
    failing ? technicalDetail(health.lastError) : null);
}

export async function employeesPage() {
  const state = readState();
  const listArea = h('div', { id: 'users-area', 'aria-live': 'polite', 'aria-busy': 'false' });
  const selected = new Map(); // userId → user, across re-renders of the same page
  const bulkResult = h('div', { id: 'bulk-result', 'aria-live': 'polite' });

  const search = h('input', { type: 'search', value: state.q, autocomplete: 'off' });
  const filter = select(FILTERS.map((f) => [f, t('employees.filter' + f[0].toUpperCase() + f.slice(1))]), state.filter);
  const sort = select([['email', t('employees.sortEmail')], ['name', t('employees.sortName')], ['-updatedAt', t('employees.sortUpdated')]], state.sort);
  const changed = () => {
    Object.assign(state, { q: search.value.trim(), filter: filter.value, sort: sort.value, page: 0 });
    refreshList();
  };
  search.addEventListener('input', debounce(changed, 300));
  filter.addEventListener('change', changed);
  sort.addEventListener('change', changed);

  const bulkResync = h('button', { type: 'button', id: 'bulk-resync', class: 'secondary', disabled: true }, t('employees.bulkResync'));
  const bulkUnenrol = h('button', { type: 'button', id: 'bulk-unenrol', class: 'danger', disabled: true }, t('employees.bulkUnenrol'));
  const selectedCount = h('span', { id: 'selected-count', class: 'muted', 'aria-live': 'polite' });
  const bulkRow = h('div', { class: 'row bulk' }, bulkResync, bulkUnenrol, selectedCount);
  let unenrolArmed = false;
  const updateSelection = () => {
    selectedCount.textContent = selected.size ? t('employees.selected', { count: selected.size }) : '';
    bulkResync.disabled = bulkUnenrol.disabled = selected.size === 0;
    unenrolArmed = false;
    bulkUnenrol.textContent = t('employees.bulkUnenrol');
  };

  /** Runs one per-user call for each selected employee, a few at a time, and sums up what happened. */
  async function runBulk(label, perUser, skip) {
    const users = [...selected.values()];
    const skipped = users.filter((u) => skip?.(u));
    const todo = users.filter((u) => !skip?.(u));
    const results = await limited(todo.map((user) => () => perUser(user)), BULK_CONCURRENCY);
    const failed = results.map((r, i) => ({ ...r, user: todo[i] })).filter((r) => !r.ok);
    fill(bulkResult, h('p', { class: failed.length ? 'bad' : 'ok' },
      t('employees.bulkDone', { action: label, ok: results.length - failed.length, total: users.length, failed: failed.length })),
    skipped.length || failed.length ? h('ul', {},
      skipped.map((u) => h('li', {}, u.email + ': ' + t('employees.skippedSyncOff'))),
      failed.map((r) => h('li', {}, r.user.email + ': ' + problemSentence(r.error).text))) : null);
    selected.clear();
    await refreshList();
    bulkResult.setAttribute('tabindex', '-1');
    bulkResult.focus();
  }

  bulkResync.addEventListener('click', () => busy(bulkResync, () => runBulk(t('employees.actionResync'),
    (user) => syncApi(`/api/v1/tenants/${tenant()}/users/${user.id}/resync`, { method: 'POST' }), (user) => !user.syncEnabled)));
  bulkUnenrol.addEventListener('click', () => {
    if (!unenrolArmed) {
      unenrolArmed = true;
      bulkUnenrol.textContent = t('employees.confirmBulkUnenrol', { count: selected.size });
      return;
    }
    busy(bulkUnenrol, () => runBulk(t('employees.actionUnenrol'),
      (user) => configApi(`/api/v1/tenants/${tenant()}/users/${user.id}`, { method: 'DELETE' })));
  });

  function row(user) {
    const check = h('input', { type: 'checkbox', class: 'select-row', 'data-user-id': user.id, checked: selected.has(user.id),
      'aria-label': t('employees.select', { email: user.email }) });
    check.addEventListener('change', () => {
      if (check.checked) selected.set(user.id, user); else selected.delete(user.id);
      updateSelection();
    });
    const resync = h('button', { type: 'button', class: 'secondary small', 'aria-label': t('employees.resyncLabel', { email: user.email }) },
      t('employees.resync'));
    resync.addEventListener('click', () => busy(resync, async () => {
      // Nothing to read while the employee has sync off; say so instead of asking the service.
      if (!user.syncEnabled) { showAlert(t('employees.resyncNeedsSync')); return; }
      await syncApi(`/api/v1/tenants/${tenant()}/users/${user.id}/resync`, { method: 'POST' });
      showAlert(t('employees.resyncStarted', { email: user.email }), 'info');
    }));
    const remove = h('button', { type: 'button', class: 'danger small', 'aria-label': t('employees.unenrolLabel', { email: user.email }) },
      t('employees.unenrol'));
    let armed = false;
    remove.addEventListener('click', () => {
      if (!armed) {
        armed = true;
        remove.textContent = t('employees.confirmUnenrol', { email: user.email });
        remove.setAttribute('aria-label', remove.textContent);
        return;
      }
      busy(remove, async () => {
        await configApi(`/api/v1/tenants/${tenant()}/users/${user.id}`, { method: 'DELETE' });
        selected.delete(user.id);
        await refreshList();
        showAlert(t('employees.unenrolled', { email: user.email }), 'info');
      });
    });
    return h('tr', { 'data-email': user.email, 'data-user-id': user.id },
      h('td', { class: 'select' }, check),
      h('td', { 'data-label': t('employees.name') }, h('div', { class: 'name' }, user.displayName || user.email),
        h('div', { class: 'muted email' }, user.email)),
      h('td', { 'data-label': t('employees.mobile'), class: 'mobile' }, formatPhone(user.mobileNumber)),
      h('td', { 'data-label': t('employees.sync'), class: 'sync-enabled' }, user.syncEnabled ? t('on') : t('off')),
      syncCell(user),
      h('td', { 'data-label': t('employees.actions') }, h('div', { class: 'actions' }, resync, remove)));
  }

  let loadNumber = 0;
  async function refreshList() {
    writeState(state);
    const mine = ++loadNumber;
    listArea.setAttribute('aria-busy', 'true');
    let result;
    try {
      result = await loadUsers(state);
    } catch (error) {
      showError(error);
      return;
    } finally {
      listArea.setAttribute('aria-busy', 'false');
    }
    if (mine !== loadNumber) return; // a newer search answered first
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const selectAll = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': t('employees.selectAll'),
      checked: result.items.length > 0 && result.items.every((u) => selected.has(u.id)) });
    selectAll.addEventListener('change', () => {
      for (const user of result.items) {
        if (selectAll.checked) selected.set(user.id, user); else selected.delete(user.id);
      }
      for (const box of listArea.querySelectorAll('.select-row')) box.checked = selectAll.checked;
      updateSelection();
    });
    const previous = h('button', { type: 'button', class: 'secondary', id: 'page-previous', disabled: state.page === 0 }, t('employees.previous'));
    const next = h('button', { type: 'button', class: 'secondary', id: 'page-next', disabled: state.page + 1 >= pages }, t('employees.next'));
    previous.addEventListener('click', () => { state.page--; refreshList().then(() => keepFocus(document.getElementById('page-previous'))); });
    next.addEventListener('click', () => { state.page++; refreshList().then(() => keepFocus(document.getElementById('page-next'))); });
    const empty = !result.items.length;
    fill(listArea,
      h('p', { id: 'users-count' }, t('employees.count', { total: result.total })),
      empty ? h('p', { id: 'users-empty' }, state.q || state.filter !== 'all' ? t('employees.none') : t('employees.noneYet'))
        : h('table', { class: 'responsive compact', id: 'users' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'select' }, selectAll),
            [t('employees.name'), t('employees.mobile'), t('employees.sync'), t('employees.syncState'), t('employees.actions')]
              .map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, result.items.map(row))),
      pages > 1 ? h('nav', { class: 'pager', 'aria-label': t('employees.pageOf', { page: state.page + 1, pages }) }, previous,
        h('span', { id: 'page-of' }, t('employees.pageOf', { page: state.page + 1, pages })), next) : null);
    bulkRow.hidden = empty;
    updateSelection();
  }

  render(t('employees.title'),
    h('section', { class: 'panel', 'aria-labelledby': 'list-title', id: 'employee-list' },
      h('h2', { id: 'list-title' }, t('employees.listTitle')),
      h('div', { class: 'row toolbar' }, field('user-search', t('employees.search'), search),
        field('user-filter', t('employees.filter'), filter), field('user-sort', t('employees.sort'), sort)),
      bulkRow, bulkResult, listArea),
    enrolSection(refreshList),
    csvSection(refreshList));
  await refreshList();
}
