// The English words WebConsoleIT looks for in Norwegian pages (run on a console page through
// executeAsyncScript; the last argument is Selenium's callback): the words of the console's own English texts
// that its bokmål texts never use, plus common English words a service's message would bring, minus words that
// are as Norwegian as English and the allowed proper nouns and technical tokens.
const done = arguments[arguments.length - 1];
(async () => {
  // The texts' string literals (keys are the same in both files, so they cancel out).
  const source = async (path) => (await (await fetch(path)).text()).match(/'(?:[^'\\]|\\.)*'/g) || [];
  const [en, nb] = await Promise.all([source('/texts/en.js'), source('/texts/nb.js')]);
  const words = (text) => (String(text).toLowerCase().match(/[a-zæøåé]{3,}/g) || []);
  const collect = (texts, into) => {
    texts.forEach((text) => words(text).forEach((w) => into.add(w)));
    return into;
  };
  const norwegian = collect(nb, new Set());
  // Words that are just as Norwegian (or a name) as English, whatever the texts say.
  for (const w of ['for', 'under', 'over', 'man', 'bare', 'side', 'ring', 'alle', 'test', 'status', 'start', 'server',
    'app', 'dag', 'tid', 'til', 'sang', 'hat', 'fin', 'tor', 'lise', 'lund', 'nordlys', 'tveit', 'ole', 'kari', 'per',
    'min', 'mine', 'sin', 'hvor', 'land', 'web', 'online', 'services', 'management', 'shell', 'subscription', 'edition',
    'application', 'impersonation', 'calendars', 'read', 'windows', 'office', 'graph', 'entra', 'microsoft', 'outlook',
    'exchange', 'calroute', 'keycloak', 'ews', 'csv', 'pem', 'tls', 'dns', 'utf', 'http', 'https', 'europe', 'oslo',
    'stockholm', 'copenhagen', 'helsinki', 'utc', 'sms', 'postboks', 'mail', 'all', 'rest', 'fine', 'front',
    'most', 'moment', 'form', 'sort', 'port', 'kind', 'ask', 'tab', 'match']) norwegian.add(w);
  const english = new Set([...collect(en, new Set())].filter((w) => !norwegian.has(w)));
  for (const w of ['the', 'and', 'with', 'your', 'you', 'this', 'that', 'not', 'was', 'were', 'has', 'have', 'been',
    'could', 'cannot', 'failed', 'error', 'password', 'invalid', 'required', 'found', 'refused', 'please', 'must',
    'should', 'already', 'enrolled', 'off', 'unauthorized', 'denied', 'sign', 'signed', 'account', 'forgot', 'remember',
    'username', 'email', 'submit', 'loading', 'welcome', 'settings', 'calls', 'employees', 'connection', 'busy',
    'available', 'voicemail', 'forward', 'switchboard', 'until', 'today', 'tomorrow', 'week', 'save', 'cancel']) {
    if (!norwegian.has(w)) english.add(w);
  }
  return [...english];
})().then(done, (error) => done(['check failed: ' + error]));
