/* Texts through Django's JavaScriptCatalog (the page loads it before the modules,
 * as a same-origin script: /jsi18n/ or /en/jsi18n/). Without a catalogue the
 * English source texts show. The msgids are extracted by
 * `makemessages -d djangojs` into the djangojs domain. */

function catalog() {
  // No window outside a browser (the client's unit tests run in Node).
  return (typeof window !== "undefined" && window.django) || null;
}

export function gettext(msgid) {
  const django = catalog();
  return django ? django.gettext(msgid) : msgid;
}

export function ngettext(singular, plural, n) {
  const django = catalog();
  if (django) return django.ngettext(singular, plural, n);
  return n === 1 ? singular : plural;
}

/* Fill in %(name)s placeholders, as Django's interpolate() with named=true. */
export function format(text, values) {
  return text.replace(/%\((\w+)\)s/g, (match, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match
  );
}
