// Finds English words in a Norwegian page (run by WebConsoleIT through executeScript with the list from
// english-words.js as the first argument). Text the console marks lang="en" (the collapsed technical detail) and
// code samples are skipped; e-mail addresses, URLs, time zone ids and "(English)" (a language menu names each
// language in its own words, e.g. Keycloak's "Engelsk (English)") are removed before looking.
const english = new Set(arguments[0]);
const words = (text) => (String(text).toLowerCase().match(/[a-zæøåé]{3,}/g) || []);
const allowed = /([\w.+-]+@[\w-]+(\.[\w-]+)+)|(https?:\/\/\S+)|(\b[A-Za-z]+\/[A-Za-z_]+\b)|(\(English\))/g;
const found = [];
const look = (text, where) => {
  const clean = String(text).replace(allowed, ' ');
  const hits = words(clean).filter((w) => english.has(w));
  if (hits.length) found.push(where + ': "' + String(text).trim().slice(0, 160) + '" → ' + [...new Set(hits)].join(', '));
};
// A textarea holds data (a pasted certificate, CSV rows), not the console's words.
const skip = (element) => element.closest('script, style, noscript, code, pre, textarea, [lang="en"]');
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!node.textContent.trim() || skip(node.parentElement)) continue;
  look(node.textContent, node.parentElement.tagName.toLowerCase() + (node.parentElement.id ? '#' + node.parentElement.id : ''));
}
for (const element of document.querySelectorAll('[placeholder], [aria-label], [title], [alt], input[type=button], input[type=submit]')) {
  if (skip(element)) continue;
  for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
    if (element.hasAttribute(name)) look(element.getAttribute(name), element.tagName.toLowerCase() + '[' + name + ']');
  }
  if (element.type === 'button' || element.type === 'submit') look(element.value, element.tagName.toLowerCase() + '[value]');
}
look(document.title, 'title');
return { lang: document.documentElement.lang, found };
