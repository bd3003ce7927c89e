// Small DOM helpers: elements, labelled fields with a place for their error, the alert region and time formats.
import { locale } from './i18n.js';

/** Creates an element: h('button', {class: 'x', onclick}, 'text', child). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'checked') element.checked = true;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Replaces an element's children, skipping null and false (replaceChildren would show them as text). */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat().filter((child) => child != null && child !== false));
  return element;
}

/**
 * A labelled form field: label, control, an optional hint and an (initially hidden) error line, both tied to the
 * control with aria-describedby so a screen reader reads them with the field.
 */
export function field(id, label, control, hint) {
  control.id = id;
  if (!control.name) control.name = id;
  const describedBy = [];
  const parts = [h('label', { for: id }, label), control];
  if (hint) {
    describedBy.push(id + '-hint');
    parts.push(h('div', { id: id + '-hint', class: 'hint' }, hint));
  }
  describedBy.push(id + '-error');
  parts.push(h('div', { id: id + '-error', class: 'field-error', hidden: true }));
  control.setAttribute('aria-describedby', describedBy.join(' '));
  return h('div', { class: 'field' }, ...parts);
}

/** Shows (or with null, hides) the reason next to a field made by field(). */
export function setFieldError(id, message) {
  const slot = document.getElementById(id + '-error');
  const control = document.getElementById(id);
  if (!slot) return false;
  slot.textContent = message || '';
  slot.hidden = !message;
  if (control) {
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
  return true;
}

/** Hides every field error inside a container. */
export function clearFieldErrors(container) {
  for (const slot of container.querySelectorAll('.field-error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const control of container.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

export function select(options, selected) {
  return h('select', {}, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/** The page's one alert region: errors are announced at once (role=alert), confirmations politely (role=status). */
export function showAlert(content, kind = 'error') {
  const box = document.getElementById('alert');
  box.replaceChildren(...(Array.isArray(content) ? content : [content]).map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  box.className = kind === 'info' ? 'alert info' : 'alert';
  box.setAttribute('role', kind === 'info' ? 'status' : 'alert');
  box.hidden = false;
}

export function clearAlert() {
  document.getElementById('alert').hidden = true;
}

export function render(title, ...content) {
  const main = document.getElementById('main');
  fill(main, h('h1', {}, title), ...content);
  document.title = title + ' · Calroute';
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short',
    hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A time today as "14:30", another day with its date. */
export function formatWhen(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const today = new Date();
  if (date.toDateString() === today.toDateString()) {
    return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
  }
  return formatTime(iso);
}

export function formatClock(date = new Date()) {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

/** A datetime-local input's value for a Date, in the browser's time zone. */
export function toLocalInput(date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

export function debounce(action, millis) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), millis);
  };
}

/** A section with a heading: the landmark structure every page uses. */
export function section(id, title, ...content) {
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

/** Moves keyboard focus somewhere sensible after an action replaced what had it (never the page body). */
export function keepFocus(fallback) {
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  const alert = document.getElementById('alert');
  const target = fallback?.isConnected ? fallback : (!alert.hidden ? alert : document.getElementById('main'));
  if (target === alert) alert.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: false });
}

