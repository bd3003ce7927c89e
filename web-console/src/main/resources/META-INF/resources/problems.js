// Every refusal shown in the console's language, from stable codes: the problem body's type URN and each field
// error's code and params. An unknown code gets a generic translated sentence; the service's own English words
// are then kept in a collapsed "technical detail" (lang="en"), never inline in a Norwegian page.
import { has, t, tIn } from './i18n.js';
import { h, setFieldError, clearFieldErrors, showAlert, clearAlert, keepFocus } from './dom.js';
import { ApiError } from './api.js';

/** A collapsed box with the service's English words, for support; marked lang="en" for screen readers. */
export function technicalDetail(...texts) {
  const shown = texts.filter(Boolean);
  if (!shown.length) return null;
  return h('details', { class: 'technical' }, h('summary', {}, t('technicalDetail')),
    h('p', { lang: 'en' }, shown.join(' — ')));
}

/** The translated sentence for one field error, or null when its code is unknown. */
export function fieldErrorText(error) {
  if (!error?.code) return null;
  return has('fieldError.' + error.code) ? t('fieldError.' + error.code, error.params || {}) : null;
}

/** The translated name of a field path such as "mobileNumber" or "connection.password" or "BUSY.target". */
function fieldName(path) {
  const last = String(path || '').split(/[.[\]]/).filter(Boolean).pop();
  return has('fieldName.' + last) ? t('fieldName.' + last) : t('fieldName.generic');
}

/** The sentence for a problem type (or a generic one with the HTTP status); `known` says whether it was known. */
export function problemSentence(error) {
  const type = error.problem?.type;
  const known = type ? tIn('problem', type) : null;
  if (known) return { text: known, known: true };
  if (error.status === 0) return { text: t('networkError'), known: true };
  return { text: t('problem.generic', { status: error.status }), known: false };
}

/**
 * Shows an error: field errors next to their fields (fieldIds maps an API field path to an input id), the rest in
 * the alert region, all translated. Any other Error is shown as its (already translated) message.
 */
export function showError(error, fieldIds = {}) {
  if (!(error instanceof ApiError)) {
    showAlert(error.message);
    return;
  }
  const { text, known } = problemSentence(error);
  const leftOver = [];
  const unknownMessages = [];
  for (const fieldError of error.problem?.errors || []) {
    const sentence = fieldErrorText(fieldError);
    if (!sentence) unknownMessages.push(fieldError.message);
    const reason = sentence || t('fieldError.generic');
    const id = fieldIds[fieldError.field] ?? fieldIds[String(fieldError.field).split('.').pop()];
    if (!(id && setFieldError(id, reason))) leftOver.push(fieldName(fieldError.field) + ': ' + reason);
  }
  // A known type with no field errors says everything; otherwise keep the service's words for support.
  const raw = !known || error.problem?.type === 'urn:calroute:problem:conflict' || unknownMessages.length
    ? technicalDetail(!known ? error.problem?.title : null, error.problem?.detail, ...unknownMessages) : null;
  showAlert([h('p', {}, text), leftOver.length ? h('ul', {}, leftOver.map((line) => h('li', {}, line))) : null, raw]
    .filter(Boolean));
}

/**
 * Runs a button's action with the button disabled; clears old errors first and shows a refusal translated, with
 * field errors beside the fields of `form`. Keyboard focus never falls back to the page body afterwards.
 */
export async function busy(button, action, { form, fieldIds } = {}) {
  button.disabled = true;
  try {
    clearAlert();
    if (form) clearFieldErrors(form);
    await action();
  } catch (error) {
    showError(error, fieldIds);
  } finally {
    button.disabled = false;
    keepFocus(button);
  }
}
