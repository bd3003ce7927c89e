// Bokmål and English texts; the language is the first of the browser's languages the console speaks.
const en = {
  skip: 'Skip to content', loading: 'Loading…', login: 'Log in', logout: 'Log out', welcome: 'Calroute web console',
  welcomeText: 'Log in with your company account to manage Outlook synchronisation and what happens to your calls.',
  navCompany: 'Company', navExchange: 'Exchange connection', navEmployees: 'Employees', navMe: 'My settings', navCalls: 'My calls',
  company: 'Company overview', name: 'Name', switchboard: 'Switchboard number', timeZone: 'Time zone',
  msSync: 'Microsoft synchronisation', state: 'State', notConfigured: 'Not configured', configured: 'Configured',
  connectionKind: 'Connection', lastTest: 'Last connection test', never: 'Not tested in this session', edit: 'Edit',
  usersSyncing: 'Employees syncing', usersWithErrors: 'Employees with errors',
  exchange: 'Exchange connection', kind: 'Kind of connection', kindEWS: 'Exchange Web Services (on-premises Exchange)',
  kindGRAPH: 'Microsoft Graph (Exchange Online / Office 365)', username: 'Service account user name',
  password: 'Password', passwordKept: 'Leave empty to keep the saved password', ewsUrl: 'EWS URL', domain: 'Domain',
  exchangeVersion: 'Exchange version', entraTenantId: 'Entra tenant id', clientId: 'Application (client) id',
  clientSecret: 'Client secret', secretKept: 'Leave empty to keep the saved secret',
  caCertificatePem: 'CA certificate (PEM, only for a private certificate authority)', save: 'Save', saved: 'Saved.',
  testMailbox: 'Mailbox to try (optional)', testConnection: 'Test connection', testing: 'Testing…',
  testOk: 'Connection works', testFailed: 'Connection failed at step', serverVersion: 'Server version',
  employees: 'Employees', enrolOne: 'Enrol an employee', email: 'E-mail address', mobile: 'Mobile number (E.164, e.g. +4791234567)',
  displayName: 'Name', enrol: 'Enrol', enrolled: 'Enrolled {email}.', bulk: 'Enrol many (CSV)',
  bulkHelp: 'Paste CSV with the header email,mobileNumber,displayName, or choose a file.', csvFile: 'CSV file',
  csvText: 'CSV rows', bulkEnrol: 'Enrol all', report: 'Report: {created} created, {duplicates} duplicates, {invalid} invalid.',
  row: 'Row', status: 'Status', reason: 'Reason', sync: 'Sync', syncState: 'Sync state', lastError: 'Last error',
  lastSuccess: 'Last success', actions: 'Actions', on: 'On', off: 'Off', resync: 'Resync', resyncStarted: 'Resync requested for {email}.',
  unenrol: 'Un-enrol', confirmUnenrol: 'Confirm un-enrol of {email}', unenrolled: 'Un-enrolled {email}.', noUsers: 'No employees enrolled yet.',
  me: 'My settings', advanced: 'Advanced', outlookSync: 'Outlook synchronisation',
  outlookSyncHelp: 'When on, your Outlook calendar decides what happens to calls to your mobile.',
  syncOn: 'Outlook synchronisation is on.', syncOff: 'Outlook synchronisation is off.',
  statusSettings: 'Status settings', statusHelp: 'What happens to calls to your mobile during an Outlook appointment, per busy type.',
  forwardTo: 'Forward to (E.164)', saveSettings: 'Save status settings', settingsSaved: 'Status settings saved.',
  yourNumber: 'your mobile', notEnrolled: 'You are not enrolled yet: ask your administrator to add your e-mail address.',
  calls: 'My calls', now: 'Now', week: 'This week', noTimeline: 'Nothing planned: calls ring normally.',
  from: 'From', to: 'To', until: 'until {time}', openEnded: 'until further notice',
  override: 'Manual override', overrideHelp: 'Beats the calendar until the end time.', overrideAction: 'What happens to calls',
  overrideUntil: 'Until', setOverride: 'Set override', clearOverride: 'Remove override', overrideSet: 'Override set.', overrideCleared: 'Override removed.',
  source: 'Why',
  busy: { TENTATIVE: 'Tentative', BUSY: 'Busy', OOF: 'Out of office', WORKING_ELSEWHERE: 'Working elsewhere' },
  stateName: { AVAILABLE: 'Available', TENTATIVE: 'Tentative', BUSY: 'Busy', OOF: 'Out of office', WORKING_ELSEWHERE: 'Working elsewhere', OVERRIDE: 'Manual override' },
  action: { RING: 'ring normally', VOICEMAIL: 'go to voicemail', FORWARD: 'are forwarded', SWITCHBOARD: 'go to the switchboard', BUSY: 'are rejected as busy' },
  actionName: { RING: 'Ring normally', VOICEMAIL: 'Voicemail', FORWARD: 'Forward', SWITCHBOARD: 'Switchboard', BUSY: 'Reject as busy' },
  sourceName: { CALENDAR: 'calendar', OVERRIDE: 'manual override', DEFAULT: 'no appointment', UNKNOWN: 'beyond the synchronised period' },
  explain: 'During appointments marked {busy}, calls to {number} {action}.', explainForward: 'During appointments marked {busy}, calls to {number} are forwarded to {target}.',
  nowExplain: 'Calls to {number} {action}', step: { DNS: 'DNS', CONNECT: 'connect', TLS: 'TLS', AUTH: 'sign-in', IMPERSONATION: 'impersonation', MAILBOX: 'mailbox', TOKEN: 'token', PERMISSION: 'permission', OK: 'OK' },
  errorTitle: 'Something went wrong', sessionExpired: 'Your session has expired: log in again.', noRole: 'Your account has neither the tenant-admin nor the employee role.',
  networkError: 'The service at {url} cannot be reached.',
  loginDenied: 'The login was cancelled or refused.', loginAgain: 'You need to log in again.',
  loginUnavailable: 'The login service is not available right now. Try again in a moment.',
  loginFailed: 'The login failed. Try again, and ask your administrator if it keeps failing.',
};

const nb = {
  skip: 'Gå til innhold', loading: 'Laster …', login: 'Logg inn', logout: 'Logg ut', welcome: 'Calroute nettkonsoll',
  welcomeText: 'Logg inn med bedriftskontoen din for å styre Outlook-synkronisering og hva som skjer med samtalene dine.',
  navCompany: 'Bedrift', navExchange: 'Exchange-tilkobling', navEmployees: 'Ansatte', navMe: 'Mine innstillinger', navCalls: 'Mine samtaler',
  company: 'Bedriftsoversikt', name: 'Navn', switchboard: 'Sentralbordnummer', timeZone: 'Tidssone',
  msSync: 'Microsoft synkronisering', state: 'Tilstand', notConfigured: 'Ikke satt opp', configured: 'Satt opp',
  connectionKind: 'Tilkobling', lastTest: 'Siste tilkoblingstest', never: 'Ikke testet i denne økten', edit: 'Endre',
  usersSyncing: 'Ansatte som synkroniseres', usersWithErrors: 'Ansatte med feil',
  exchange: 'Exchange-tilkobling', kind: 'Type tilkobling', kindEWS: 'Exchange Web Services (lokal Exchange)',
  kindGRAPH: 'Microsoft Graph (Exchange Online / Office 365)', username: 'Brukernavn for tjenestekontoen',
  password: 'Passord', passwordKept: 'La stå tomt for å beholde lagret passord', ewsUrl: 'EWS-adresse', domain: 'Domene',
  exchangeVersion: 'Exchange-versjon', entraTenantId: 'Entra-leietaker-ID', clientId: 'Applikasjons-ID (klient-ID)',
  clientSecret: 'Klienthemmelighet', secretKept: 'La stå tomt for å beholde lagret hemmelighet',
  caCertificatePem: 'CA-sertifikat (PEM, bare for en privat sertifikatutsteder)', save: 'Lagre', saved: 'Lagret.',
  testMailbox: 'Postboks å prøve (valgfritt)', testConnection: 'Test tilkobling', testing: 'Tester …',
  testOk: 'Tilkoblingen virker', testFailed: 'Tilkoblingen feilet i steget', serverVersion: 'Serverversjon',
  employees: 'Ansatte', enrolOne: 'Legg til en ansatt', email: 'E-postadresse', mobile: 'Mobilnummer (E.164, f.eks. +4791234567)',
  displayName: 'Navn', enrol: 'Legg til', enrolled: 'La til {email}.', bulk: 'Legg til mange (CSV)',
  bulkHelp: 'Lim inn CSV med overskriften email,mobileNumber,displayName, eller velg en fil.', csvFile: 'CSV-fil',
  csvText: 'CSV-rader', bulkEnrol: 'Legg til alle', report: 'Rapport: {created} lagt til, {duplicates} duplikater, {invalid} ugyldige.',
  row: 'Rad', status: 'Status', reason: 'Årsak', sync: 'Synk', syncState: 'Synkstatus', lastError: 'Siste feil',
  lastSuccess: 'Sist vellykket', actions: 'Handlinger', on: 'På', off: 'Av', resync: 'Synkroniser på nytt', resyncStarted: 'Ny synkronisering bestilt for {email}.',
  unenrol: 'Fjern', confirmUnenrol: 'Bekreft fjerning av {email}', unenrolled: 'Fjernet {email}.', noUsers: 'Ingen ansatte er lagt til ennå.',
  me: 'Mine innstillinger', advanced: 'Avansert', outlookSync: 'Outlook synkronisering',
  outlookSyncHelp: 'Når den er på, bestemmer Outlook-kalenderen din hva som skjer med samtaler til mobilen din.',
  syncOn: 'Outlook synkronisering er på.', syncOff: 'Outlook synkronisering er av.',
  statusSettings: 'Statusinnstillinger', statusHelp: 'Hva som skjer med samtaler til mobilen din under en Outlook-avtale, per opptatt-type.',
  forwardTo: 'Viderekoble til (E.164)', saveSettings: 'Lagre statusinnstillinger', settingsSaved: 'Statusinnstillingene er lagret.',
  yourNumber: 'mobilen din', notEnrolled: 'Du er ikke lagt til ennå: be administratoren legge til e-postadressen din.',
  calls: 'Mine samtaler', now: 'Nå', week: 'Denne uken', noTimeline: 'Ingenting planlagt: samtaler ringer som vanlig.',
  from: 'Fra', to: 'Til', until: 'til {time}', openEnded: 'inntil videre',
  override: 'Manuell overstyring', overrideHelp: 'Går foran kalenderen til sluttidspunktet.', overrideAction: 'Hva som skjer med samtaler',
  overrideUntil: 'Til', setOverride: 'Overstyr', clearOverride: 'Fjern overstyring', overrideSet: 'Overstyringen er satt.', overrideCleared: 'Overstyringen er fjernet.',
  source: 'Hvorfor',
  busy: { TENTATIVE: 'Foreløpig', BUSY: 'Opptatt', OOF: 'Fraværende', WORKING_ELSEWHERE: 'Arbeider et annet sted' },
  stateName: { AVAILABLE: 'Tilgjengelig', TENTATIVE: 'Foreløpig', BUSY: 'Opptatt', OOF: 'Fraværende', WORKING_ELSEWHERE: 'Arbeider et annet sted', OVERRIDE: 'Manuell overstyring' },
  action: { RING: 'ringer som vanlig', VOICEMAIL: 'går til talepost', FORWARD: 'viderekobles', SWITCHBOARD: 'går til sentralbordet', BUSY: 'avvises som opptatt' },
  actionName: { RING: 'Ring som vanlig', VOICEMAIL: 'Talepost', FORWARD: 'Viderekoble', SWITCHBOARD: 'Sentralbord', BUSY: 'Avvis som opptatt' },
  sourceName: { CALENDAR: 'kalender', OVERRIDE: 'manuell overstyring', DEFAULT: 'ingen avtale', UNKNOWN: 'utenfor synkronisert periode' },
  explain: 'Under avtaler merket {busy}: samtaler til {number} {action}.', explainForward: 'Under avtaler merket {busy}: samtaler til {number} viderekobles til {target}.',
  nowExplain: 'Samtaler til {number} {action}', step: { DNS: 'DNS', CONNECT: 'tilkobling', TLS: 'TLS', AUTH: 'innlogging', IMPERSONATION: 'impersonering', MAILBOX: 'postboks', TOKEN: 'token', PERMISSION: 'tillatelse', OK: 'OK' },
  errorTitle: 'Noe gikk galt', sessionExpired: 'Økten er utløpt: logg inn igjen.', noRole: 'Kontoen din har verken rollen tenant-admin eller employee.',
  networkError: 'Tjenesten på {url} svarer ikke.',
  loginDenied: 'Innloggingen ble avbrutt eller avvist.', loginAgain: 'Du må logge inn på nytt.',
  loginUnavailable: 'Innloggingstjenesten er ikke tilgjengelig akkurat nå. Prøv igjen om litt.',
  loginFailed: 'Innloggingen mislyktes. Prøv igjen, og spør administratoren din hvis det fortsetter.',
};

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

/** The text for a key (dotted for nested maps), with {placeholders} filled in. */
export function t(key, values = {}) {
  let text = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), dict);
  if (text == null) text = key;
  return String(text).replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? ''));
}
