// The console's language: bokmål for browsers asking for nb, no or nn, English otherwise. Every text the console
// shows comes from texts/nb.js or texts/en.js through t(); values from the services are translated from their codes.
import nb from './texts/nb.js';
import en from './texts/en.js';

/** Picks bokmål for nb, no and nn browsers, English otherwise. */
export function chooseLanguage(languages) {
  for (const tag of languages || []) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export const lang = chooseLanguage(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
const dict = lang === 'nb' ? nb : en;

/** The BCP 47 locale for dates and numbers. */
export const locale = lang === 'nb' ? 'nb-NO' : 'en-GB';

/** Keycloak's own locale id for the login page: its Norwegian messages are "no", not "nb". */
export const keycloakLocale = lang === 'nb' ? 'no' : 'en';

function lookup(key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), dict);
}

/** Whether a text exists for the key: lets callers fall back to a generic sentence for an unknown code. */
export function has(key) {
  return typeof lookup(key) === 'string';
}

/** The text for a key (dotted for nested maps), with {placeholders} filled in. */
export function t(key, values = {}) {
  const text = lookup(key);
  return String(text ?? key).replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? ''));
}

/** t() for a nested map whose keys may contain dots (e.g. problem URNs, time zone names). */
export function tIn(map, key, values = {}) {
  const text = dict[map]?.[key];
  return text == null ? null : String(text).replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? ''));
}
