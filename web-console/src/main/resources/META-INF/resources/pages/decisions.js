// "Why did my call go there?" on My calls: the employee's recent route decisions (routing's log, newest first, each
// as the line routing writes in the console's language, callers masked but for their last 3 digits) and a what-if:
// what a call from a number would do at a time, and why, answered by the lookup's own engine.
import { lang, t } from '../i18n.js';
import { h, field, section, setFieldError, toLocalInput, formatWhen } from '../dom.js';
import { myRoutingApi, optional } from '../api.js';
import { busy } from '../problems.js';
import { formatPhone, phoneForApi } from '../phone.js';

/** The sentence for why a what-if answer is what it is. */
function whyText(reason) {
  if (!reason) return '';
  const busyWord = reason.busyType ? (lang === 'en' ? t('busy.' + reason.busyType) : t('busy.' + reason.busyType).toLowerCase()) : '…';
  let sentence = t('calls.why.' + reason.source, { busy: busyWord });
  if (reason.ringThrough) sentence = t('decisions.ringThrough.' + reason.ringThrough) + ' ' + sentence;
  if (reason.forwardLoop) sentence += ' ' + t('decisions.forwardLoop');
  return sentence;
}

/** The sections (recent decisions, what-if) and a refresh for the page's own refresh loop. */
export function decisionSections() {
  const list = h('div', { id: 'decisions-area', 'aria-live': 'polite' });

  async function refresh() {
    const page = await optional(myRoutingApi('/api/v1/me/routes/decisions'));
    const decisions = page?.decisions || [];
    list.replaceChildren(decisions.length
      ? h('ul', { id: 'decisions', class: 'decisions' }, decisions.map((d) => h('li',
        { 'data-action': d.action, 'data-caller': d.caller || '', 'data-ring-through': d.reason?.ringThrough || '' }, d.text)))
      : h('p', { id: 'decisions-empty' }, t('decisions.none')));
  }

  const at = h('input', { type: 'datetime-local', value: toLocalInput(new Date()) });
  const caller = h('input', { type: 'tel', autocomplete: 'off', inputmode: 'tel' });
  const ask = h('button', { type: 'submit', id: 'what-if-ask' }, t('decisions.ask'));
  const answer = h('div', { id: 'what-if-answer', class: 'result', 'aria-live': 'polite', tabindex: '-1' });
  const form = h('form', { id: 'what-if-form', novalidate: true },
    h('div', { class: 'row' }, field('what-if-at', t('decisions.at'), at),
      field('what-if-caller', t('decisions.caller'), caller, t('decisions.callerHelp'))), h('p', {}, ask));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(ask, async () => {
      if (!at.value) { setFieldError('what-if-at', t('decisions.atMissing')); at.focus(); return; }
      const when = new Date(at.value).toISOString();
      const params = new URLSearchParams({ at: when });
      if (caller.value.trim()) params.set('caller', phoneForApi(caller.value));
      const result = await myRoutingApi('/api/v1/me/routes/what-if?' + params.toString());
      const target = result.target ? ' (' + formatPhone(result.target, { international: true }) + ')' : '';
      answer.replaceChildren(
        h('p', { id: 'what-if-result', 'data-action': result.action, 'data-state': result.state },
          t('decisions.wouldBe', { time: formatWhen(when), action: t('action.' + result.action) }) + target + '.'),
        h('p', { class: 'muted', id: 'what-if-why' }, whyText(result.reason)));
      answer.focus();
    }, { form, fieldIds: { at: 'what-if-at', caller: 'what-if-caller' } });
  });

  return {
    sections: [
      section('decisions-title', t('decisions.title'), h('p', { class: 'hint' }, t('decisions.help')), list),
      section('what-if-title', t('decisions.whatIf'), h('p', { class: 'hint' }, t('decisions.whatIfHelp')), form, answer),
    ],
    refresh,
  };
}
