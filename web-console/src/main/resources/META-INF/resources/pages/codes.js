// The admin's subject codes and Outlook categories: what "MØT:" (diverts) or "MØT;" (only shows) at the start of an
// appointment's subject means, and what each category means, as rows edited in place and saved whole.
import { t } from '../i18n.js';
import { h, field, select, render, section, showAlert } from '../dom.js';
import { configApi } from '../api.js';
import { tenant } from '../auth.js';
import { busy } from '../problems.js';

/** The busy types a code or category may mean (the API refuses FREE). */
export const CODE_BUSY_TYPES = ['BUSY', 'OOF', 'TENTATIVE', 'WORKING_ELSEWHERE'];
/** The most codes, and the most categories, a company may define (the API refuses more). */
export const MAX_ENTRIES = 50;

/** The document the API takes from the rows as typed: empty rows left out. */
export function codesDocument(codeRows, categoryRows) {
  return {
    codes: codeRows.filter((row) => row.code.trim()).map((row) => ({ code: row.code.trim(), busyType: row.busyType })),
    categories: categoryRows.filter((row) => row.name.trim())
      .map((row) => ({ name: row.name.trim(), busyType: row.busyType, diverts: row.diverts })),
  };
}

function busyTypeSelect(value) {
  return select(CODE_BUSY_TYPES.map((type) => [type, t('busy.' + type)]), value || 'BUSY');
}

export async function codesPage() {
  const path = `/api/v1/tenants/${tenant()}/calendar-codes`;
  const saved = await configApi(path);
  const codeList = h('div', { id: 'code-rows' });
  const categoryList = h('div', { id: 'category-rows' });
  const codeRows = [];
  const categoryRows = [];
  const fieldIds = {};

  const renumber = () => {
    for (const key of Object.keys(fieldIds)) delete fieldIds[key];
    codeRows.forEach((row, i) => {
      fieldIds['codes[' + i + '].code'] = row.input.id;
      fieldIds['codes[' + i + '].busyType'] = row.type.id;
    });
    categoryRows.forEach((row, i) => {
      fieldIds['categories[' + i + '].name'] = row.input.id;
      fieldIds['categories[' + i + '].busyType'] = row.type.id;
    });
  };
  let counter = 0;
  const addCode = (entry = {}) => {
    const n = counter++;
    const input = h('input', { type: 'text', maxlength: '10', autocomplete: 'off', spellcheck: 'false', value: entry.code || '' });
    const type = busyTypeSelect(entry.busyType);
    const row = { input, type };
    const remove = h('button', { type: 'button', class: 'secondary', onclick: () => {
      codeRows.splice(codeRows.indexOf(row), 1);
      element.remove();
      renumber();
    } }, t('codes.remove'));
    const element = h('div', { class: 'row code-row' }, field('code-' + n, t('codes.code'), input, t('codes.codeHelp')),
      field('code-type-' + n, t('codes.means'), type), remove);
    codeRows.push(row);
    codeList.append(element);
    renumber();
  };
  const addCategory = (entry = {}) => {
    const n = counter++;
    const input = h('input', { type: 'text', maxlength: '255', autocomplete: 'off', value: entry.name || '' });
    const type = busyTypeSelect(entry.busyType);
    const diverts = select([['true', t('codes.diverts')], ['false', t('codes.showOnly')]],
      entry.diverts === false ? 'false' : 'true');
    const row = { input, type, diverts };
    const remove = h('button', { type: 'button', class: 'secondary', onclick: () => {
      categoryRows.splice(categoryRows.indexOf(row), 1);
      element.remove();
      renumber();
    } }, t('codes.remove'));
    const element = h('div', { class: 'row category-row' }, field('category-' + n, t('codes.category'), input),
      field('category-type-' + n, t('codes.means'), type), field('category-diverts-' + n, t('codes.calls'), diverts),
      remove);
    categoryRows.push(row);
    categoryList.append(element);
    renumber();
  };
  (saved?.codes || []).forEach(addCode);
  (saved?.categories || []).forEach(addCategory);

  const save = h('button', { type: 'submit', id: 'save-codes' }, t('codes.save'));
  const form = h('form', { id: 'codes-form', novalidate: true },
    h('fieldset', { class: 'panel', id: 'subject-codes' }, h('legend', {}, t('codes.codesTitle')),
      h('p', { class: 'hint' }, t('codes.codesHelp')), codeList,
      h('p', {}, h('button', { type: 'button', id: 'add-code', class: 'secondary',
        onclick: () => { if (codeRows.length < MAX_ENTRIES) addCode(); } }, t('codes.addCode')))),
    h('fieldset', { class: 'panel', id: 'categories' }, h('legend', {}, t('codes.categoriesTitle')),
      h('p', { class: 'hint' }, t('codes.categoriesHelp')), categoryList,
      h('p', {}, h('button', { type: 'button', id: 'add-category', class: 'secondary',
        onclick: () => { if (categoryRows.length < MAX_ENTRIES) addCategory(); } }, t('codes.addCategory')))),
    h('p', {}, save));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(save, async () => {
      const body = codesDocument(
        codeRows.map((row) => ({ code: row.input.value, busyType: row.type.value })),
        categoryRows.map((row) => ({ name: row.input.value, busyType: row.type.value, diverts: row.diverts.value === 'true' })));
      await configApi(path, { method: 'PUT', body });
      showAlert(t('codes.saved'), 'info');
    }, { form, fieldIds });
  });
  render(t('codes.title'), section('codes-intro', t('codes.title'), h('p', { class: 'hint' }, t('codes.intro')), form));
}
