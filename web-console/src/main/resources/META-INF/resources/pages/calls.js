// "My calls": what happens to the employee's calls now, today and the next 7 days, and a manual override. The
// status and the timeline refresh every 5 s; the override form is built once and never touched by the refresh,
// so nothing the employee is typing is lost.
import { has, lang, t } from '../i18n.js';
import { h, fill, field, select, render, section, showAlert, setFieldError, clearFieldErrors, formatTime, formatWhen,
  formatClock, toLocalInput } from '../dom.js';
import { configApi, myRoutingApi, optional, query } from '../api.js';
import { busy, showError } from '../problems.js';
import { formatPhone, phoneForApi } from '../phone.js';
import { ACTIONS, targetInput } from './me.js';
import { decisionSections } from './decisions.js';

const REFRESH_MILLIS = 5000;
let refreshTimer;
// Each visit of the page counts up; a refresh belonging to an earlier visit stops instead of starting a second loop.
let visit = 0;

/** Stops the refresh when the employee leaves the page. */
export function leaveCallsPage() {
  clearTimeout(refreshTimer);
  visit++;
}

function actionText(entry) {
  const target = entry.target ? ' → ' + formatPhone(entry.target, { international: true }) : '';
  return t('actionName.' + entry.action) + target;
}

/** Reasons under which the calendar decides, so how unanswered invitations count may be why. */
const CALENDAR_DECIDES = ['CALENDAR', 'DEFAULT', 'WORKING_HOURS'];

/**
 * Why the status is what it is, in a sentence: the appointment and its busy type, automatic replies, working hours,
 * an override; and, where the calendar decides and the employee chose otherwise than "as shown", how their
 * invitations not yet answered count.
 */
function why(reason, unanswered) {
  const source = reason.source;
  const busyWord = reason.busyType ? (lang === 'en' ? t('busy.' + reason.busyType) : t('busy.' + reason.busyType).toLowerCase()) : '…';
  let sentence = has('calls.why.' + source) ? t('calls.why.' + source, { busy: busyWord })
    : t('calls.source') + ': ' + (has('sourceName.' + source) ? t('sourceName.' + source) : source);
  if (unanswered && unanswered !== 'AS_SHOWN' && CALENDAR_DECIDES.includes(source)) {
    sentence += ' ' + t('me.explainUnanswered.' + unanswered);
  }
  return sentence;
}

function isOverride(status) {
  return status?.reason?.source === 'OVERRIDE' || status?.state === 'OVERRIDE';
}

/** The end of the calendar item under way now (from the timeline, since an override hides it in the status). */
function currentMeetingEnd(status, timeline) {
  const now = Date.now();
  const meeting = (timeline?.intervals || []).find((i) => i.reason?.source === 'CALENDAR' && i.state !== 'AVAILABLE'
    && Date.parse(i.from) <= now && Date.parse(i.to) > now);
  if (meeting) return new Date(meeting.to);
  if (status?.reason?.source === 'CALENDAR' && status.until) return new Date(status.until);
  return null;
}

export async function callsPage() {
  leaveCallsPage();
  const mine = visit;
  const [first, invitations] = await Promise.all([loadStatus(), optional(configApi('/api/v1/me/invitations'))]);
  const unanswered = invitations?.unanswered;
  if (!first.status && !first.timeline) {
    render(t('calls.title'), h('p', { class: 'panel' }, t('me.notEnrolled')));
    return;
  }

  const decisions = decisionSections();

  // ---- the status display (replaced by each refresh) ----
  const now = h('div', { id: 'now-area', 'aria-live': 'polite' });
  const refreshed = h('p', { class: 'muted', id: 'refreshed-at' });
  const active = h('div', { id: 'active-override', class: 'result', tabindex: '-1' });
  const week = h('div', { id: 'week-area' });

  // ---- the override form (built once) ----
  const action = select(ACTIONS.map((a) => [a, t('actionName.' + a)]), 'RING');
  const target = targetInput('');
  const targetField = field('override-target', t('me.forwardTo'), target, t('phone.help'));
  const showTarget = () => { targetField.hidden = action.value !== 'FORWARD'; };
  action.addEventListener('change', showTarget);
  showTarget();
  const until = h('input', { type: 'datetime-local', value: toLocalInput(new Date(Date.now() + 3600_000)) });
  const preset = (id, label, end) => {
    const button = h('button', { type: 'button', class: 'secondary small', id }, label);
    button.addEventListener('click', () => {
      const when = end();
      if (when) { until.value = toLocalInput(when); setFieldError('override-until', null); until.focus(); }
    });
    return button;
  };
  const endOfDay = () => { const d = new Date(); d.setHours(23, 59, 0, 0); return d; };
  let latest = first;
  const meetingPreset = preset('preset-meeting', t('calls.presetMeeting'), () => currentMeetingEnd(latest.status, latest.timeline));
  const presets = h('div', { class: 'actions presets', role: 'group', 'aria-labelledby': 'presets-label' },
    h('span', { id: 'presets-label', class: 'label' }, t('calls.presets')),
    preset('preset-30', t('calls.preset30'), () => new Date(Date.now() + 30 * 60_000)),
    preset('preset-60', t('calls.preset60'), () => new Date(Date.now() + 60 * 60_000)),
    preset('preset-day', t('calls.presetDay'), endOfDay), meetingPreset);
  const set = h('button', { type: 'submit', id: 'set-override' }, t('calls.setOverride'));
  const form = h('form', { id: 'override-form', novalidate: true },
    h('div', { class: 'row' }, field('override-action', t('calls.action'), action), targetField,
      field('override-until', t('calls.overrideUntil'), until)), presets, h('p', {}, set));
  const fieldIds = { until: 'override-until', target: 'override-target', action: 'override-action' };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(set, async () => {
      clearFieldErrors(form);
      if (!until.value) { setFieldError('override-until', t('calls.untilMissing')); until.focus(); return; }
      const end = new Date(until.value);
      if (end.getTime() <= Date.now()) { setFieldError('override-until', t('calls.untilInPast')); until.focus(); return; }
      const body = { action: action.value, until: end.toISOString() };
      if (action.value === 'FORWARD') body.target = phoneForApi(target.value);
      await myRoutingApi('/api/v1/me/status/override', { method: 'PUT', body });
      await refresh();
      showAlert(t('calls.overrideSet', { time: formatWhen(end.toISOString()) }), 'info');
      active.focus();
    }, { form, fieldIds });
  });

  const clear = h('button', { type: 'button', class: 'secondary', id: 'clear-override' }, t('calls.clearOverride'));
  clear.addEventListener('click', () => busy(clear, async () => {
    await optional(myRoutingApi('/api/v1/me/status/override', { method: 'DELETE' }));
    await refresh();
    showAlert(t('calls.overrideCleared'), 'info');
    set.focus();
  }));

  /** Shows a status and timeline: the "now" sentence, the active override (with its own remove button), the week. */
  function show({ status, timeline }) {
    const number = status?.number ? formatPhone(status.number) : t('me.yourNumber');
    fill(now, [status
      ? h('p', { class: 'now', id: 'now', 'data-state': status.state, 'data-action': status.action },
        h('strong', {}, t('stateName.' + status.state)), ' — ',
        t('calls.nowExplain', { number, action: t('action.' + status.action) })
          + (status.target ? ' (' + formatPhone(status.target, { international: true }) + ')' : ''),
        ' (', status.until ? t('calls.until', { time: formatWhen(status.until) }) : t('calls.openEnded'), ')')
      : h('p', { id: 'now' }, t('none')),
    status?.reason ? h('p', { class: 'muted', id: 'why' }, why(status.reason, unanswered)) : null,
    status?.nextChange?.at ? h('p', { class: 'muted', id: 'next-change' }, t('calls.nextChange',
      { time: formatWhen(status.nextChange.at), state: t('stateName.' + (status.nextChange.state || status.nextChange.status)) })) : null]);
    if (isOverride(status)) {
      active.hidden = false;
      active.replaceChildren(h('h3', {}, t('calls.activeOverride')),
        h('p', { id: 'active-override-text' }, t('calls.activeText', { action: actionText(status),
          time: status.until ? formatWhen(status.until) : t('calls.openEnded') })), clear);
    } else {
      active.hidden = true;
      active.replaceChildren();
    }
    meetingPreset.hidden = !currentMeetingEnd(status, timeline);
    const intervals = (timeline?.intervals || []).filter((i) => i.state !== 'AVAILABLE' || i.reason?.source === 'OVERRIDE');
    week.replaceChildren(intervals.length ? h('table', { class: 'responsive', id: 'timeline' },
      h('thead', {}, h('tr', {}, [t('calls.from'), t('calls.to'), t('calls.state'), t('calls.action'), t('calls.source')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, intervals.map((i) => h('tr', { 'data-state': i.state, 'data-action': i.action },
        h('td', { 'data-label': t('calls.from') }, formatTime(i.from)), h('td', { 'data-label': t('calls.to') }, formatTime(i.to)),
        h('td', { 'data-label': t('calls.state') }, t('stateName.' + i.state)),
        h('td', { 'data-label': t('calls.action') }, actionText(i)),
        h('td', { 'data-label': t('calls.source') }, t('sourceName.' + (i.reason?.source || 'UNKNOWN')))))))
      : h('p', { id: 'timeline-empty' }, t('calls.noTimeline')));
    refreshed.textContent = t('calls.refreshedAt', { time: formatClock() });
  }

  async function refresh() {
    performance.mark('calroute:status-refresh:start');
    [latest] = await Promise.all([loadStatus(), decisions.refresh()]);
    show(latest);
    performance.measure('calroute:status-refresh', 'calroute:status-refresh:start');
  }

  function scheduleRefresh() {
    refreshTimer = setTimeout(async () => {
      if (mine !== visit) return;
      try {
        await refresh();
      } catch (error) {
        showError(error);
      }
      if (mine === visit) scheduleRefresh();
    }, REFRESH_MILLIS);
  }

  show(first);
  render(t('calls.title'),
    section('now-title', t('calls.now'), now, refreshed),
    section('override-title', t('calls.override'), h('p', { class: 'hint' }, t('calls.overrideHelp')), active, form),
    h('section', { 'aria-labelledby': 'week-title' }, h('h2', { id: 'week-title' }, t('calls.week')), week),
    ...decisions.sections);
  await decisions.refresh().catch(showError);
  scheduleRefresh();
}

/** Status now and the timeline from the start of today to 8 days later, so an ongoing item shows its real start. */
async function loadStatus() {
  const from = new Date();
  from.setHours(0, 0, 0, 0);
  const to = new Date(from.getTime());
  to.setDate(to.getDate() + 8);
  const [status, timeline] = await Promise.all([optional(myRoutingApi('/api/v1/me/status')),
    optional(myRoutingApi('/api/v1/me/status/timeline' + query({ from: from.toISOString(), to: to.toISOString() })))]);
  return { status, timeline };
}
