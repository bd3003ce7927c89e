// Reading an employee list the way people export it: comma or semicolon (Norwegian Excel uses semicolon), UTF-8
// with or without BOM or Windows-1252 (older Excel), Norwegian or English headings. Pure functions: no DOM.

/** Text from a file's bytes: UTF-8 (BOM dropped) when the bytes are valid UTF-8, else Windows-1252. */
export function decodeBytes(buffer) {
  const bytes = new Uint8Array(buffer);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes), encoding: 'UTF-8' };
  } catch (invalidUtf8) {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/** The separator of the heading line: whichever of ; , and tab occurs most outside quotes (comma on a tie). */
export function detectDelimiter(line) {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Rows of fields (RFC 4180 quoting, "" inside quotes, CRLF or LF); blank lines dropped. */
export function parseRows(text, delimiter) {
  const rows = [];
  let row = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { value += '"'; i++; }
      else if (char === '"') quoted = false;
      else value += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) { row.push(value); value = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else value += char;
  }
  row.push(value);
  rows.push(row);
  return rows.map((r) => r.map((v) => v.trim())).filter((r) => r.some((v) => v !== ''));
}

// Headings people write, lower-cased with spaces, dashes, dots and underscores removed.
const HEADINGS = {
  email: ['email', 'epost', 'epostadresse', 'mail', 'emailaddress', 'epostaddresse'],
  mobile: ['mobile', 'mobil', 'mobilnummer', 'mobilenumber', 'mobilephone', 'mobiltelefon', 'telefon', 'telefonnummer',
    'phone', 'phonenumber', 'tlf', 'tlfnr', 'nummer'],
  name: ['name', 'navn', 'displayname', 'visningsnavn', 'fulltnavn', 'fullname'],
};

function headingKey(text) {
  const compact = text.replace(/^\ufeff/, '').toLowerCase().replace(/[\s._\-]/g, '');
  return Object.keys(HEADINGS).find((key) => HEADINGS[key].includes(compact)) || null;
}

/**
 * Reads CSV text into {delimiter, columns, rows: [{line, email, mobile, name, cells}]} or {error} when the heading
 * lacks an e-mail or mobile column. Without a heading row (the first row holds an address), the columns are taken
 * as e-mail, mobile, name.
 */
export function readEmployees(text) {
  const clean = text.replace(/^\ufeff/, '');
  const firstLine = clean.split(/\r?\n/).find((line) => line.trim() !== '') || '';
  const delimiter = detectDelimiter(firstLine);
  const table = parseRows(clean, delimiter);
  if (!table.length) return { delimiter, rows: [], header: null };
  let header = table[0];
  let columns = Object.fromEntries(header.map((cell, index) => [headingKey(cell), index]).filter(([key]) => key));
  let body = table.slice(1);
  let firstLineNumber = 2;
  if (!('email' in columns) && header.some((cell) => cell.includes('@'))) {
    columns = { email: 0, mobile: 1, name: 2 };
    header = null;
    body = table;
    firstLineNumber = 1;
  }
  if (!('email' in columns) || !('mobile' in columns)) return { error: 'csv.missingColumns', delimiter };
  const rows = body.map((cells, index) => ({
    line: firstLineNumber + index,
    email: cells[columns.email] ?? '',
    mobile: cells[columns.mobile] ?? '',
    name: 'name' in columns ? cells[columns.name] ?? '' : '',
    cells,
  }));
  return { delimiter, header, rows };
}

/** One CSV line from fields, quoting where needed. */
export function toLine(cells, delimiter) {
  return cells.map((cell) => (/["\r\n]/.test(cell) || cell.includes(delimiter) ? '"' + cell.replace(/"/g, '""') + '"' : cell))
    .join(delimiter);
}

/** The template: semicolon-separated, Norwegian headings, a UTF-8 BOM so Excel reads æøå right. */
export function templateCsv(headerLine, exampleLine) {
  return '\ufeff' + headerLine + '\r\n' + exampleLine + '\r\n';
}
