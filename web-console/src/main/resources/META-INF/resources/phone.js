// Phone numbers as people write them: "91234567", "912 34 567", "+47 912 34 567", "0047 912 34 567". The services
// are the authority (they answer E.164 or the field code invalid-phone-number); this only gives a quick reason
// beside the field and shows numbers grouped the Norwegian way.

const NORWAY = '47';
// Country calling codes of one or two digits (the rest have three); enough to group foreign numbers readably.
const ONE_DIGIT = ['1', '7'];
const TWO_DIGIT = ['20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86', '90',
  '91', '92', '93', '94', '95', '98'];

/**
 * Reads a typed number for a company in `country` (ISO code, default NO). Answers {e164} when it is clearly valid,
 * {reason} (a text key) when it is clearly not, and {e164: null} when only the service can tell (another country's
 * national form).
 */
export function parsePhone(input, country = 'NO') {
  const typed = String(input ?? '').trim();
  if (!typed) return { reason: 'phone.empty' };
  const compact = typed.replace(/[\s\u00a0().\-/]/g, '');
  if (!/^(\+|00)?[0-9]+$/.test(compact)) return { reason: 'phone.characters' };
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const digits = compact.replace(/^(\+|00)/, '');
    if (digits.startsWith(NORWAY)) {
      return digits.length === 10 ? { e164: '+' + digits } : { reason: 'phone.length' };
    }
    return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? { e164: '+' + digits } : { reason: 'phone.international' };
  }
  if (country !== 'NO') return { e164: null };
  return compact.length === 8 ? { e164: '+' + NORWAY + compact } : { reason: 'phone.length' };
}

/** What to send for a typed number: the E.164 form when it is clear, else the text as typed (the service decides). */
export function phoneForApi(input, country = 'NO') {
  return parsePhone(input, country).e164 || String(input ?? '').trim();
}

/** Groups digits from the left in threes, keeping a short tail with the group before it ("12 345 67" style avoided). */
function groups(digits) {
  const parts = [];
  let rest = digits;
  while (rest.length > 4) {
    parts.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  parts.push(rest);
  return parts.join(' ');
}

/**
 * A number for people: Norwegian mobiles "912 34 567", other Norwegian numbers "22 00 00 00"; with `international`
 * (where countries mix, e.g. forward targets) "+47 912 34 567"; foreign numbers "+46 701 234 567". The groups are
 * joined by no-break spaces, so a number never wraps over two lines.
 */
export function formatPhone(number, options) {
  return spaced(number, options).replace(/ /g, '\u00a0');
}

function spaced(number, { international = false } = {}) {
  const value = String(number ?? '');
  const match = /^\+([0-9]{7,15})$/.exec(value);
  if (!match) return value;
  const digits = match[1];
  if (digits.startsWith(NORWAY) && digits.length === 10) {
    const national = digits.slice(2);
    const grouped = /^[49]/.test(national)
      ? `${national.slice(0, 3)} ${national.slice(3, 5)} ${national.slice(5)}`
      : `${national.slice(0, 2)} ${national.slice(2, 4)} ${national.slice(4, 6)} ${national.slice(6)}`;
    return international ? '+47 ' + grouped : grouped;
  }
  const codeLength = ONE_DIGIT.includes(digits[0]) ? 1 : TWO_DIGIT.includes(digits.slice(0, 2)) ? 2 : 3;
  return '+' + digits.slice(0, codeLength) + ' ' + groups(digits.slice(codeLength));
}
