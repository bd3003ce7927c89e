// A connection test's result in words: from its stable code and params (or, from an older service, its step),
// never the service's English sentence inline.
import { has, t, tIn } from './i18n.js';
import { h, formatTime } from './dom.js';
import { technicalDetail } from './problems.js';
import { exchangeVersionLabel } from './labels.js';

/** The sentence explaining a test result; `known` is false when its code was not recognised. */
export function diagnosisSentence(result) {
  if (result.ok) return { text: t('diagnosis.ok'), known: true };
  const params = { host: '', mailbox: '', ...(result.params || {}) };
  const sentence = result.code ? codeSentence(result.code, params) : null;
  if (sentence) {
    // A certificate refusal says why when the service knows (expired, another server's name, ...).
    const tls = result.code === 'tls-untrusted' && has('diagnosis.tlsReason.' + params.reason) ? t('diagnosis.tlsReason.' + params.reason) : null;
    return { text: tls ? sentence + ' ' + tls : sentence, known: true };
  }
  const step = result.step ? tIn('step', result.step) : null;
  return { text: step ? t('diagnosis.failedAt', { step }) : t('diagnosis.generic'), known: false };
}

function codeSentence(code, params) {
  const text = t('diagnosis.code.' + code, params);
  return text === 'diagnosis.code.' + code ? null : text.replace(/\s+([.,])/g, '$1').replace(/ {2,}/g, ' ');
}

/**
 * The result box: verdict, sentence, server version, time; the raw English message collapsed when needed. `id`
 * tells two boxes on one page apart (the test area and the save warning).
 */
export function testResultView(result, id = 'test-result') {
  if (!result) return h('p', { class: 'muted', id: 'test-result-none' }, t('company.notTested'));
  const { text, known } = diagnosisSentence(result);
  const parts = [h('p', { class: result.ok ? 'ok' : 'bad' }, text)];
  if (result.serverVersion) parts.push(h('p', { class: 'muted' }, t('diagnosis.okVersion', { version: exchangeVersionLabel(result.serverVersion) })));
  if (result.at) parts.push(h('p', { class: 'muted' }, formatTime(result.at)));
  if (!result.ok) parts.push(technicalDetail(result.message));
  return h('div', { class: 'result ' + (result.ok ? 'ok' : 'bad'), id, 'data-code': result.code || result.step || '' },
    ...parts.filter(Boolean));
}
