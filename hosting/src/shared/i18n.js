// The one string lookup. Each page keeps its own tables ({en: {...}, nl:
// {...}}, "{name}" marking a value); this picks the language and fills in.

/** t("key", {name: value}) in the locale's language: "nl", "nl-BE", … get
 * Dutch, every other locale English. A key that language lacks falls back to
 * English, then to the key itself. t.strings is the language's raw table (for
 * lists and nested tables), t.lang its code. */
export function translator(tables, locale) {
  const lang = String(locale || "").toLowerCase().startsWith("nl") ? "nl" : "en";
  const strings = tables[lang];
  const t = (key, vars = {}) =>
    String(strings[key] ?? tables.en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => vars[name] ?? "");
  t.strings = strings;
  t.lang = lang;
  return t;
}
