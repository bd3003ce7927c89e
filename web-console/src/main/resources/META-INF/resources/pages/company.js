// The admin's company overview: the company's facts and the Microsoft synchronisation panel (connection, counts
// from sync-health's summary, last successful sync, the last connection test of this session).
import { t } from '../i18n.js';
import { h, render, section, formatTime } from '../dom.js';
import { configApi, syncApi, optional } from '../api.js';
import { tenant } from '../auth.js';
import { formatPhone } from '../phone.js';
import { countryLabel, exchangeVersionLabel, kindLabel, timeZoneLabel } from '../labels.js';
import { testResultView } from '../diagnosis.js';

export function lastTestKey() {
  return 'calroute.lastTest.' + tenant();
}

export function lastTest() {
  return JSON.parse(sessionStorage.getItem(lastTestKey()) || 'null');
}

export function rememberTest(result) {
  sessionStorage.setItem(lastTestKey(), JSON.stringify({ ...result, at: new Date().toISOString() }));
}

function fact(term, value, id) {
  return [h('dt', {}, term), h('dd', id ? { id } : {}, value)];
}

export async function companyPage() {
  const id = tenant();
  const [company, exchange, health] = await Promise.all([configApi(`/api/v1/tenants/${id}`),
    optional(configApi(`/api/v1/tenants/${id}/exchange`)), optional(syncApi(`/api/v1/tenants/${id}/sync-health?size=1`))]);
  const summary = health?.summary;
  const connection = !exchange ? null : exchange.kind === 'GRAPH' ? kindLabel('GRAPH')
    : [kindLabel('EWS'), exchange.ewsUrl, exchangeVersionLabel(exchange.exchangeVersion)].filter(Boolean).join(' · ');
  const failing = summary ? summary.failing : 0;
  render(t('company.title'),
    section('company-facts', company.name,
      h('dl', { class: 'facts' },
        fact(t('company.switchboard'), formatPhone(company.switchboardNumber), 'switchboard-number'),
        fact(t('company.timeZone'), timeZoneLabel(company.timeZone), 'time-zone'),
        company.country ? fact(t('company.country'), countryLabel(company.country)) : null)),
    h('section', { class: 'panel', id: 'ms-sync', 'aria-labelledby': 'ms-sync-title' },
      h('h2', { id: 'ms-sync-title' }, t('company.msSync')),
      h('dl', { class: 'facts' },
        fact(t('company.state'), exchange ? t('company.configured') : t('company.notConfigured'), 'ms-sync-state'),
        connection ? fact(t('company.connection'), connection, 'ms-sync-connection') : null,
        // The counts are sync-health's own: a user fails only while their last error is newer than their last success.
        fact(t('company.syncing'), String(summary?.syncing ?? 0), 'users-syncing'),
        fact(t('company.pending'), String(summary?.pending ?? 0), 'users-pending'),
        fact(t('company.failing'), String(failing), 'users-failing'),
        fact(t('company.syncOff'), String(summary?.off ?? 0), 'users-off'),
        fact(t('company.lastSuccess'), summary?.lastSuccess ? formatTime(summary.lastSuccess) : t('company.never'), 'last-success')),
      failing ? h('p', {}, h('a', { href: '#/employees?filter=failing', id: 'show-failing' }, t('company.showFailing'))) : null,
      h('h3', {}, t('company.lastTest')), testResultView(lastTest()),
      h('p', {}, h('button', { type: 'button', id: 'edit-exchange', onclick: () => { location.hash = '#/exchange'; } }, t('edit')))));
}

let countryOfTenant;

/** The company's country (ISO code, default NO): how national phone numbers are read. Fetched once per page load. */
export function tenantCountry() {
  countryOfTenant ??= configApi(`/api/v1/tenants/${tenant()}`).then((company) => company.country || 'NO', () => 'NO');
  return countryOfTenant;
}
