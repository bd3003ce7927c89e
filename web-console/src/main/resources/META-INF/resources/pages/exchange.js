// The Exchange connection form. "Test tilkobling" tests what is in the form (the candidate), not what is saved;
// "Lagre" tests the candidate first and, when it fails, shows why and asks before saving: a broken connection
// stops synchronisation for every employee at once.
import { t } from '../i18n.js';
import { h, field, select, render, section, showAlert } from '../dom.js';
import { configApi, optional } from '../api.js';
import { tenant } from '../auth.js';
import { busy, problemSentence, technicalDetail } from '../problems.js';
import { EXCHANGE_VERSIONS, exchangeVersionLabel } from '../labels.js';
import { testResultView } from '../diagnosis.js';
import { rememberTest } from './company.js';

const EWS_FIELDS = ['username', 'password', 'ewsUrl', 'domain', 'exchangeVersion'];
const GRAPH_FIELDS = ['entraTenantId', 'clientId', 'clientSecret'];
// The API's field paths (also under "connection." in a test request) are the input ids.
const FIELD_IDS = Object.fromEntries([...EWS_FIELDS, ...GRAPH_FIELDS, 'caCertificatePem', 'kind'].map((name) => [name, name]));
FIELD_IDS.mailbox = 'test-mailbox';

const IMPERSONATION_COMMAND = 'New-ManagementRoleAssignment -Name "Calroute" -Role ApplicationImpersonation -User svc-calroute';

export async function exchangePage() {
  const id = tenant();
  const current = (await optional(configApi(`/api/v1/tenants/${id}/exchange`))) || { kind: 'EWS' };
  const kind = select([['EWS', t('exchange.kindEWS')], ['GRAPH', t('exchange.kindGRAPH')]], current.kind);
  const inputs = {
    username: h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', value: current.username || '' }),
    password: h('input', { type: 'password', autocomplete: 'new-password' }),
    // No default address: the Office 365 one belongs to Graph, and an on-premises server has its own.
    ewsUrl: h('input', { type: 'url', spellcheck: 'false', value: current.ewsUrl || '', placeholder: 'https://mail.firma.no/ews/exchange.asmx' }),
    domain: h('input', { type: 'text', spellcheck: 'false', value: current.domain || '' }),
    exchangeVersion: select(EXCHANGE_VERSIONS.map((v) => [v, exchangeVersionLabel(v)]), current.exchangeVersion || 'Exchange2013_SP1'),
    entraTenantId: h('input', { type: 'text', spellcheck: 'false', value: current.entraTenantId || '' }),
    clientId: h('input', { type: 'text', spellcheck: 'false', value: current.clientId || '' }),
    clientSecret: h('input', { type: 'password', autocomplete: 'new-password' }),
    caCertificatePem: h('textarea', { spellcheck: 'false' }, current.caCertificatePem || ''),
  };
  const ews = h('fieldset', { class: 'panel', id: 'ews-fields' }, h('legend', {}, t('exchange.ewsLegend')),
    field('username', t('exchange.username'), inputs.username, t('exchange.usernameHelp')),
    field('password', t('exchange.password'), inputs.password, current.passwordSet ? t('exchange.passwordKept') : null),
    field('ewsUrl', t('exchange.ewsUrl'), inputs.ewsUrl, t('exchange.ewsUrlHelp')),
    field('domain', t('exchange.domain'), inputs.domain, t('exchange.domainHelp')),
    field('exchangeVersion', t('exchange.exchangeVersion'), inputs.exchangeVersion, t('exchange.versionHelp')),
    h('div', { class: 'help', id: 'impersonation-help' }, h('h3', {}, t('exchange.impersonationTitle')),
      h('p', {}, t('exchange.impersonationHelp')), h('pre', {}, h('code', {}, IMPERSONATION_COMMAND))));
  const graph = h('fieldset', { class: 'panel', id: 'graph-fields' }, h('legend', {}, t('exchange.graphLegend')),
    h('p', { class: 'help', id: 'graph-help' }, t('exchange.graphHelp')),
    field('entraTenantId', t('exchange.entraTenantId'), inputs.entraTenantId),
    field('clientId', t('exchange.clientId'), inputs.clientId),
    field('clientSecret', t('exchange.clientSecret'), inputs.clientSecret, current.clientSecretSet ? t('exchange.secretKept') : null));
  const showKind = () => { ews.hidden = kind.value !== 'EWS'; graph.hidden = kind.value !== 'GRAPH'; };
  kind.addEventListener('change', showKind);
  showKind();

  /** The connection as the form has it now; empty secrets mean "the saved one". */
  const candidate = () => {
    const body = { kind: kind.value };
    for (const name of [...(kind.value === 'EWS' ? EWS_FIELDS : GRAPH_FIELDS), 'caCertificatePem']) {
      const value = inputs[name].value.trim();
      if (value) body[name] = value;
    }
    // Endpoints set by the operator (tests, sovereign clouds) are not on the form; send them back unchanged.
    if (kind.value === 'GRAPH') {
      for (const name of ['graphBaseUrl', 'loginBaseUrl']) if (current[name]) body[name] = current[name];
    }
    return body;
  };

  const mailbox = h('input', { type: 'email', autocomplete: 'off', spellcheck: 'false' });
  const resultBox = h('div', { 'aria-live': 'polite', id: 'test-area' });
  const warning = h('div', { id: 'save-warning', class: 'warning', hidden: true, tabindex: '-1' });

  async function testCandidate() {
    const body = { connection: candidate() };
    if (mailbox.value.trim()) body.mailbox = mailbox.value.trim();
    const result = await configApi(`/api/v1/tenants/${id}/exchange/test`, { method: 'POST', body });
    rememberTest(result);
    resultBox.replaceChildren(testResultView({ ...result, at: new Date().toISOString() }));
    return result;
  }

  async function saveCandidate() {
    await configApi(`/api/v1/tenants/${id}/exchange`, { method: 'PUT', body: candidate() });
    inputs.password.value = '';
    inputs.clientSecret.value = '';
    warning.hidden = true;
    showAlert(t('saved'), 'info');
  }

  const save = h('button', { type: 'submit', id: 'save-exchange' }, t('save'));
  const form = h('form', { id: 'exchange-form', novalidate: true }, field('kind', t('exchange.kind'), kind), ews, graph,
    field('caCertificatePem', t('exchange.caCertificatePem'), inputs.caCertificatePem), h('p', {}, save), warning);

  /** Asks before saving a connection that failed its test (or could not be tested), with the reason. */
  function askBeforeSaving(reasonView) {
    const saveAnyway = h('button', { type: 'button', class: 'danger', id: 'save-anyway' }, t('exchange.saveAnyway'));
    const cancel = h('button', { type: 'button', class: 'secondary', id: 'save-cancel' }, t('cancel'));
    saveAnyway.addEventListener('click', () => busy(saveAnyway, saveCandidate, { form, fieldIds: FIELD_IDS }));
    cancel.addEventListener('click', () => {
      warning.hidden = true;
      showAlert(t('exchange.saveCancelled'), 'info');
      save.focus();
    });
    warning.replaceChildren(h('h2', {}, t('exchange.saveWarnTitle')), reasonView, h('p', {}, t('exchange.saveWarn')),
      h('div', { class: 'actions' }, saveAnyway, cancel));
    warning.hidden = false;
    warning.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, async () => {
      warning.hidden = true;
      let result;
      try {
        result = await testCandidate();
      } catch (error) {
        // Refused as a request (e.g. a field is invalid): show it by the fields and save nothing.
        if (error.status === 400) throw error;
        // Could not test (rate limit, service away): say so and let the admin decide.
        const { text } = problemSentence(error);
        askBeforeSaving(h('div', { class: 'result bad' }, h('p', { class: 'bad' }, t('exchange.untestable')), h('p', {}, text),
          technicalDetail(error.problem?.detail)));
        return;
      }
      if (result.ok) await saveCandidate();
      else askBeforeSaving(testResultView(result, 'save-warning-result'));
    }, { form, fieldIds: FIELD_IDS });
  });

  const test = h('button', { type: 'button', id: 'test-connection', class: 'secondary' }, t('exchange.test'));
  test.addEventListener('click', () => busy(test, async () => {
    resultBox.replaceChildren(h('p', {}, t('exchange.testing')));
    try {
      await testCandidate();
    } catch (error) {
      resultBox.replaceChildren();
      throw error;
    }
  }, { form: document.getElementById('main'), fieldIds: FIELD_IDS }));

  render(t('exchange.title'), form,
    section('test-title', t('exchange.testTitle'), h('p', { class: 'hint' }, t('exchange.testsForm')),
      h('div', { class: 'row' }, field('test-mailbox', t('exchange.testMailbox'), mailbox, t('exchange.testMailboxHelp')), h('div', { class: 'row-action' }, test)),
      resultBox));
}
