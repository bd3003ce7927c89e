// Enrolling many employees from a CSV file: read in the browser (comma or semicolon, UTF-8 or Windows-1252,
// Norwegian or English headings), previewed row by row with a verdict, sent as JSON to the bulk API, and each
// row's answer shown in words. Rows that need fixing stay in the text box, ready to correct and send again.
import { t } from '../i18n.js';
import { h, fill, field, section, showAlert, keepFocus } from '../dom.js';
import { configApi } from '../api.js';
import { tenant } from '../auth.js';
import { busy, fieldErrorText, technicalDetail } from '../problems.js';
import { parsePhone, formatPhone } from '../phone.js';
import { decodeBytes, readEmployees, toLine, templateCsv } from '../csv.js';
import { tenantCountry } from './company.js';

const NAME_MAX = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DELIMITER_NAMES = { ';': 'csv.semicolon', ',': 'csv.comma', '\t': 'csv.tab' };

/** The client-side verdict of one row: {ok, reason, body} with the body to send when it is ok. */
function checkRow(row, seen, country) {
  const email = row.email.trim();
  if (!email) return { reason: t('csv.emailMissing') };
  if (!EMAIL.test(email)) return { reason: t('csv.emailInvalid') };
  if (seen.has(email.toLowerCase())) return { reason: t('csv.duplicateInFile') };
  seen.add(email.toLowerCase());
  const phone = parsePhone(row.mobile, country);
  if (phone.reason) return { reason: t(phone.reason) };
  if (row.name.length > NAME_MAX) return { reason: t('csv.nameTooLong', { max: NAME_MAX }) };
  return { ok: true, body: { email, mobileNumber: phone.e164 || row.mobile.trim(), ...(row.name ? { displayName: row.name } : {}) } };
}

/** The words for one row of the bulk API's answer: from its code, else the generic refusal with the raw reason. */
function answerVerdict(answer) {
  if (answer.status === 'CREATED') return { text: t('csv.created'), kind: 'ok' };
  if (answer.status === 'DUPLICATE') return { text: t('csv.duplicate'), kind: 'muted', fix: false };
  const sentence = fieldErrorText(answer) || fieldErrorText(answer.errors?.[0]);
  return { text: t('csv.refused') + ': ' + (sentence || t('fieldError.generic')), kind: 'bad', fix: true,
    detail: sentence ? null : answer.reason };
}

export function csvSection(afterImport) {
  // A data: address rather than a blob: one, so the file is the link itself (and readable under the page's CSP).
  const template = h('a', { id: 'csv-template', download: t('csv.templateName'),
    href: 'data:text/csv;charset=utf-8,' + encodeURIComponent(templateCsv(t('csv.templateHeader'), t('csv.templateExample'))) },
  t('csv.template'));
  const file = h('input', { type: 'file', accept: '.csv,text/csv,text/plain' });
  const text = h('textarea', { spellcheck: 'false', rows: '6' });
  const encoding = h('p', { id: 'csv-encoding', class: 'muted', 'aria-live': 'polite' });
  const fixNote = h('p', { id: 'csv-fix-note', class: 'warning-text', hidden: true }, t('csv.fixHelp'));
  const preview = h('div', { id: 'csv-preview', 'aria-live': 'polite' });
  const check = h('button', { type: 'button', id: 'csv-check' }, t('csv.preview'));

  file.addEventListener('change', async () => {
    if (!file.files[0]) return;
    const decoded = decodeBytes(await file.files[0].arrayBuffer());
    text.value = decoded.text;
    const parsed = readEmployees(decoded.text);
    encoding.textContent = t('csv.encoding', { encoding: decoded.encoding, delimiter: t(DELIMITER_NAMES[parsed.delimiter]) });
    await showPreview();
  });

  /** Reads the box, checks every row here, and shows the preview with an "enrol" button for the good rows. */
  async function showPreview() {
    const parsed = readEmployees(text.value);
    if (parsed.error) { preview.replaceChildren(h('p', { class: 'bad', id: 'csv-error' }, t(parsed.error))); return; }
    if (!parsed.rows.length) { preview.replaceChildren(h('p', { id: 'csv-error' }, t('csv.noRows'))); return; }
    const country = await tenantCountry();
    const seen = new Set();
    const rows = parsed.rows.map((row) => ({ ...row, verdict: checkRow(row, seen, country) }));
    const ready = rows.filter((r) => r.verdict.ok);
    const verdictCells = new Map();
    const table = h('table', { class: 'responsive compact', id: 'csv-preview-table' },
      h('caption', {}, t('csv.previewTitle')),
      h('thead', {}, h('tr', {}, [t('csv.row'), t('employees.email'), t('employees.mobile'), t('employees.name'), t('csv.verdict')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => {
        const cell = h('td', { 'data-label': t('csv.verdict'), class: 'verdict ' + (r.verdict.ok ? 'ok' : 'bad') },
          r.verdict.ok ? t('csv.ready') : r.verdict.reason);
        verdictCells.set(r, cell);
        return h('tr', { 'data-line': r.line, 'data-email': r.email },
          h('td', { 'data-label': t('csv.row') }, String(r.line)), h('td', { 'data-label': t('employees.email') }, r.email),
          h('td', { 'data-label': t('employees.mobile') }, r.verdict.ok ? formatPhone(r.verdict.body.mobileNumber) : r.mobile),
          h('td', { 'data-label': t('employees.name') }, r.name), cell);
      })));
    const summary = h('p', { id: 'csv-summary' }, t('csv.previewSummary', { ok: ready.length, bad: rows.length - ready.length }));
    const importButton = ready.length ? h('button', { type: 'button', id: 'csv-import' }, t('csv.import', { count: ready.length })) : null;
    importButton?.addEventListener('click', () => busy(importButton, async () => {
      const report = await configApi(`/api/v1/tenants/${tenant()}/users/bulk`, { method: 'POST', body: ready.map((r) => r.verdict.body) });
      const toFix = rows.filter((r) => !r.verdict.ok);
      // The answer's row n is the n-th row sent (1 = first).
      for (const answer of report.rows || []) {
        const row = ready[answer.row - 1];
        if (!row) continue;
        const verdict = answerVerdict(answer);
        verdictCells.get(row).className = 'verdict ' + verdict.kind;
        fill(verdictCells.get(row), verdict.text, technicalDetail(verdict.detail));
        if (verdict.fix) toFix.push(row);
      }
      toFix.sort((a, b) => a.line - b.line);
      keepRowsToFix(parsed, toFix);
      importButton.remove();
      summary.textContent = t('csv.importDone', report);
      await afterImport();
      showAlert(t('csv.importDone', report), 'info');
      keepFocus(summary);
    }));
    fill(preview, summary, table, importButton);
  }

  /** Leaves only the rows that need fixing in the box, under their original heading and separator. */
  function keepRowsToFix(parsed, rows) {
    const delimiter = parsed.delimiter;
    const lines = [];
    if (parsed.header) lines.push(toLine(parsed.header, delimiter));
    for (const row of rows) lines.push(toLine(row.cells, delimiter));
    text.value = rows.length ? lines.join('\n') + '\n' : '';
    fixNote.hidden = rows.length === 0;
  }

  check.addEventListener('click', () => busy(check, showPreview));

  return section('bulk-title', t('csv.title'),
    h('p', { class: 'hint' }, t('csv.help')), h('p', {}, template),
    field('bulk-file', t('csv.file'), file), encoding,
    field('bulk-csv', t('csv.text'), text), fixNote,
    h('p', {}, check), preview);
}
