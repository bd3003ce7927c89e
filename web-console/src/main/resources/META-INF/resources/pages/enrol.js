// Enrolling one employee: e-mail, mobile number as people write it (checked lightly here, by the service for
// real), name. The reason for a refusal appears beside its field.
import { t } from '../i18n.js';
import { h, field, section, showAlert, setFieldError } from '../dom.js';
import { configApi } from '../api.js';
import { tenant } from '../auth.js';
import { busy } from '../problems.js';
import { parsePhone, phoneForApi } from '../phone.js';
import { tenantCountry } from './company.js';

const FIELD_IDS = { email: 'enrol-email', mobileNumber: 'enrol-mobile', displayName: 'enrol-name' };

/** Checks a phone input as the user leaves it and shows the reason beside it; answers whether it may be sent. */
export async function checkPhoneField(input, { required = true } = {}) {
  if (!required && !input.value.trim()) {
    setFieldError(input.id, null);
    return true;
  }
  const parsed = parsePhone(input.value, await tenantCountry());
  setFieldError(input.id, parsed.reason ? t(parsed.reason) : null);
  return !parsed.reason;
}

export function enrolSection(afterEnrol) {
  const email = h('input', { type: 'email', autocomplete: 'off', spellcheck: 'false' });
  const mobile = h('input', { type: 'tel', inputmode: 'tel', autocomplete: 'off' });
  const name = h('input', { type: 'text', autocomplete: 'off' });
  mobile.addEventListener('blur', () => { if (mobile.value.trim()) checkPhoneField(mobile); });
  const enrolButton = h('button', { type: 'submit', id: 'enrol' }, t('employees.enrol'));
  const form = h('form', { id: 'enrol-form', novalidate: true }, h('div', { class: 'row' },
    field('enrol-email', t('employees.email'), email),
    field('enrol-mobile', t('employees.mobile'), mobile, t('phone.help')),
    field('enrol-name', t('employees.name'), name), h('div', { class: 'row-action' }, enrolButton)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(enrolButton, async () => {
      if (!email.value.trim()) { setFieldError('enrol-email', t('fieldError.required')); email.focus(); return; }
      if (!(await checkPhoneField(mobile))) { mobile.focus(); return; }
      const created = await configApi(`/api/v1/tenants/${tenant()}/users`, { method: 'POST',
        body: { email: email.value.trim(), mobileNumber: phoneForApi(mobile.value, await tenantCountry()),
          displayName: name.value.trim() || email.value.trim() } });
      form.reset();
      await afterEnrol();
      showAlert(t('employees.enrolled', { email: created.email }), 'info');
      email.focus();
    }, { form, fieldIds: FIELD_IDS });
  });
  return section('enrol-title', t('employees.enrolTitle'), form);
}
