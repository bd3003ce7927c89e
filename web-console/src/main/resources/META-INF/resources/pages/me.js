// The employee's own settings: Outlook synchronisation on/off (under "Advanced"), what happens to calls per busy type
// and outside working hours, how invitations not yet answered count, each with a live sentence explaining it, and
// whose calls always ring through (priority callers, one number a line, and whether colleagues may), and whether callers
// may be told the employee's status and until when.
import { lang, t } from '../i18n.js';
import { h, field, select, render, section, showAlert, setFieldError } from '../dom.js';
import { configApi, myRoutingApi, optional } from '../api.js';
import { busy } from '../problems.js';
import { formatPhone, parsePhone, phoneForApi } from '../phone.js';

export const BUSY_TYPES = ['BUSY', 'OOF', 'TENTATIVE', 'WORKING_ELSEWHERE'];
export const ACTIONS = ['RING', 'VOICEMAIL', 'FORWARD', 'SWITCHBOARD', 'BUSY'];
/** The status-settings document's setting for calls outside the mailbox's working hours (a state, not a busy type). */
export const OUTSIDE_WORKING_HOURS = 'OUTSIDE_WORKING_HOURS';
const SETTINGS = [...BUSY_TYPES, OUTSIDE_WORKING_HOURS];
export const UNANSWERED = ['AS_SHOWN', 'TENTATIVE', 'IGNORE'];
/** The most numbers an employee may list as priority callers (the API refuses more). */
export const MAX_PRIORITY_CALLERS = 20;

/** The numbers typed in the priority-caller box, one a line, as the API takes them; empty lines left out. */
export function priorityCallerLines(text) {
  return String(text ?? '').split('\n').map((line) => line.trim()).filter(Boolean).map((line) => phoneForApi(line));
}

function explanation(setting, action, target, number) {
  const values = { number, action: t('action.' + action), target: target || '…' };
  if (setting === OUTSIDE_WORKING_HOURS) {
    return action === 'FORWARD' ? t('me.explainOutsideForward', values) : t('me.explainOutside', values);
  }
  values.busy = lang === 'en' ? t('busy.' + setting) : t('busy.' + setting).toLowerCase();
  return action === 'FORWARD' ? t('me.explainForward', values) : t('me.explain', values);
}

function legend(setting) {
  return setting === OUTSIDE_WORKING_HOURS ? t('me.outsideWorkingHours') : t('busy.' + setting);
}

/** A forward-target input checked as the user types it leaves; the reason appears beside it. */
export function targetInput(value) {
  const input = h('input', { type: 'tel', inputmode: 'tel', autocomplete: 'off', value: value ? formatPhone(value, { international: true }) : '' });
  input.addEventListener('blur', () => {
    const parsed = parsePhone(input.value);
    setFieldError(input.id, input.value.trim() && parsed.reason ? t(parsed.reason) : null);
  });
  return input;
}

/** The employee's own number, formatted, or "your mobile" until routing knows them. */
export async function myNumber() {
  const status = await optional(myRoutingApi('/api/v1/me/status'));
  return status?.number ? formatPhone(status.number) : t('me.yourNumber');
}

export async function mePage() {
  const sync = await optional(configApi('/api/v1/me/calendar-sync'));
  if (!sync) {
    render(t('me.title'), h('p', { class: 'panel' }, t('me.notEnrolled')));
    return;
  }
  const [settings, invitations, priority, number, announcing] = await Promise.all([configApi('/api/v1/me/status-settings'),
    optional(configApi('/api/v1/me/invitations')), optional(configApi('/api/v1/me/priority-callers')), myNumber(),
    optional(configApi('/api/v1/me/announcement'))]);
  const toggle = h('input', { type: 'checkbox', role: 'switch', id: 'outlook-sync', checked: sync.enabled });
  const syncState = h('p', { id: 'outlook-sync-state', 'aria-live': 'polite' }, sync.enabled ? t('me.syncOn') : t('me.syncOff'));
  toggle.addEventListener('change', () => busy(toggle, async () => {
    try {
      const saved = await configApi('/api/v1/me/calendar-sync', { method: 'PUT', body: { enabled: toggle.checked } });
      toggle.checked = saved?.enabled ?? toggle.checked;
      syncState.textContent = toggle.checked ? t('me.syncOn') : t('me.syncOff');
    } catch (error) {
      toggle.checked = !toggle.checked;
      throw error;
    }
  }));

  const controls = {};
  const fieldIds = {};
  const fieldsets = SETTINGS.map((type) => {
    const setting = settings?.[type] || { action: 'RING' };
    const action = select(ACTIONS.map((a) => [a, t('actionName.' + a)]), setting.action);
    const target = targetInput(setting.target);
    const targetField = field('target-' + type, t('me.forwardTo'), target, t('phone.help'));
    const explain = h('p', { class: 'explain', id: 'explain-' + type, 'aria-live': 'polite' });
    const update = () => {
      targetField.hidden = action.value !== 'FORWARD';
      const parsed = parsePhone(target.value);
      explain.textContent = explanation(type, action.value, parsed.e164 ? formatPhone(parsed.e164, { international: true }) : target.value.trim(), number);
    };
    action.addEventListener('change', update);
    target.addEventListener('input', update);
    update();
    controls[type] = { action, target };
    fieldIds[type + '.target'] = 'target-' + type;
    fieldIds[type + '.action'] = 'action-' + type;
    return h('fieldset', { class: 'panel', id: 'setting-' + type }, h('legend', {}, legend(type)),
      type === OUTSIDE_WORKING_HOURS ? h('p', { class: 'hint' }, t('me.outsideWorkingHoursHelp')) : null,
      h('div', { class: 'row' }, field('action-' + type, t('me.action'), action), targetField), explain);
  });

  const savedUnanswered = invitations?.unanswered || 'AS_SHOWN';
  const unanswered = select(UNANSWERED.map((u) => [u, t('unanswered.' + u)]), savedUnanswered);
  const explainUnanswered = h('p', { class: 'explain', id: 'explain-invitations', 'aria-live': 'polite' });
  const updateUnanswered = () => { explainUnanswered.textContent = t('me.explainUnanswered.' + unanswered.value); };
  unanswered.addEventListener('change', updateUnanswered);
  updateUnanswered();
  fieldIds.unanswered = 'invitations-unanswered';
  fieldsets.push(h('fieldset', { class: 'panel', id: 'setting-invitations' }, h('legend', {}, t('me.invitations')),
    h('p', { class: 'hint' }, t('me.invitationsHelp')),
    h('div', { class: 'row' }, field('invitations-unanswered', t('me.invitationsLabel'), unanswered)), explainUnanswered));
  let unansweredOnServer = savedUnanswered;

  const priorityOnServer = { numbers: priority?.numbers || [], colleagues: priority?.colleagues === true };
  const callers = h('textarea', { rows: '4', spellcheck: 'false', autocomplete: 'off', inputmode: 'tel' },
    priorityOnServer.numbers.map((n) => formatPhone(n, { international: true })).join('\n'));
  const colleagues = h('input', { type: 'checkbox', id: 'priority-colleagues', checked: priorityOnServer.colleagues });
  const explainPriority = h('p', { class: 'explain', id: 'explain-priority', 'aria-live': 'polite' });
  const updatePriority = () => {
    const count = priorityCallerLines(callers.value).length;
    explainPriority.textContent = (count === 0 ? t('me.priorityNone') : t('me.priorityCount', { count }))
      + ' ' + (colleagues.checked ? t('me.priorityColleaguesOn') : t('me.priorityColleaguesOff'));
  };
  callers.addEventListener('input', updatePriority);
  colleagues.addEventListener('change', updatePriority);
  updatePriority();
  fieldIds.numbers = 'priority-numbers';
  for (let i = 0; i < MAX_PRIORITY_CALLERS * 2; i++) fieldIds['numbers[' + i + ']'] = 'priority-numbers';
  fieldsets.push(h('fieldset', { class: 'panel', id: 'setting-priority' }, h('legend', {}, t('me.priority')),
    h('p', { class: 'hint' }, t('me.priorityHelp')),
    field('priority-numbers', t('me.priorityNumbers'), callers, t('me.priorityNumbersHelp', { max: MAX_PRIORITY_CALLERS })),
    h('label', { class: 'switch', for: 'priority-colleagues' }, colleagues, t('me.priorityColleagues')),
    explainPriority));
  let announcementOnServer = announcing?.enabled !== false;
  const announcement = h('input', { type: 'checkbox', id: 'announcement-enabled', checked: announcementOnServer });
  const explainAnnouncement = h('p', { class: 'explain', id: 'explain-announcement', 'aria-live': 'polite' });
  const updateAnnouncement = () => {
    explainAnnouncement.textContent = announcement.checked ? t('me.announcementOn') : t('me.announcementOff');
  };
  announcement.addEventListener('change', updateAnnouncement);
  updateAnnouncement();
  fieldIds.enabled = 'announcement-enabled';
  fieldsets.push(h('fieldset', { class: 'panel', id: 'setting-announcement' }, h('legend', {}, t('me.announcement')),
    h('p', { class: 'hint' }, t('me.announcementHelp')),
    h('label', { class: 'switch', for: 'announcement-enabled' }, announcement, t('me.announcementLabel')),
    explainAnnouncement));
  const save = h('button', { type: 'submit', id: 'save-settings' }, t('me.save'));
  const form = h('form', { id: 'settings-form', novalidate: true }, ...fieldsets, h('p', {}, save));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, async () => {
      const body = {};
      for (const type of SETTINGS) {
        const { action, target } = controls[type];
        body[type] = action.value === 'FORWARD' ? { action: action.value, target: phoneForApi(target.value) } : { action: action.value };
      }
      await configApi('/api/v1/me/status-settings', { method: 'PUT', body });
      // A separate resource: sent only when changed, after the settings it sits beside were accepted.
      if (unanswered.value !== unansweredOnServer) {
        const saved = await configApi('/api/v1/me/invitations', { method: 'PUT', body: { unanswered: unanswered.value } });
        unansweredOnServer = saved?.unanswered || unanswered.value;
      }
      const numbers = priorityCallerLines(callers.value);
      if (numbers.join() !== priorityOnServer.numbers.join() || colleagues.checked !== priorityOnServer.colleagues) {
        const saved = await configApi('/api/v1/me/priority-callers', { method: 'PUT',
          body: { numbers, colleagues: colleagues.checked } });
        priorityOnServer.numbers = saved?.numbers || numbers;
        priorityOnServer.colleagues = saved?.colleagues ?? colleagues.checked;
        callers.value = priorityOnServer.numbers.map((n) => formatPhone(n, { international: true })).join('\n');
        updatePriority();
      }
      if (announcing && announcement.checked !== announcementOnServer) {
        const saved = await configApi('/api/v1/me/announcement', { method: 'PUT', body: { enabled: announcement.checked } });
        announcementOnServer = saved?.enabled ?? announcement.checked;
      }
      showAlert(t('me.saved'), 'info');
    }, { form, fieldIds });
  });
  render(t('me.title'),
    section('advanced-title', t('me.advanced'),
      h('label', { class: 'switch', for: 'outlook-sync' }, toggle, t('me.outlookSync')),
      h('p', { class: 'hint' }, t('me.outlookSyncHelp')), syncState),
    h('section', { 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title' }, t('me.statusSettings')),
      h('p', { class: 'hint' }, t('me.statusHelp')), form));
}
