// Raw values from the services shown as words: Exchange versions, time zones, connection kinds, sync states.
import { t, tIn } from './i18n.js';

export const EXCHANGE_VERSIONS = ['Exchange2013_SP1', 'Exchange2013', 'Exchange2010_SP2', 'Exchange2010_SP1', 'Exchange2010'];

export function exchangeVersionLabel(version) {
  return tIn('version', version) || version || '';
}

/** "Norsk tid (Europe/Oslo)"; an unlisted zone shows its IANA id, which is a technical token in any language. */
export function timeZoneLabel(zone) {
  return tIn('timeZoneName', zone) || zone || '';
}

export function kindLabel(kind) {
  return tIn('kindName', kind) || kind || '';
}

export function countryLabel(country) {
  return tIn('country', country) || country || '';
}

export function syncStateLabel(state) {
  return tIn('syncState', state) || t('none');
}

/** A sync error in words from its stable kind; the English detail goes to the technical-detail box. */
export function syncErrorLabel(kind) {
  return tIn('syncError', kind) || t('syncError.generic');
}
