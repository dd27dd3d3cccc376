// Amounts travel as whole cents with an ISO currency code. What a page shows
// for no amount at all ("—", "Price on request") is the page's own choice.

/**
 * 3550 → "€35.50" (en-GB) or "€ 35,50" (nl-NL). A currency code Intl refuses
 * gives "35.50 XYZ" rather than a broken page.
 */
export function formatMoney(cents, currency = "EUR", locale = "en-GB") {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** "35", "35.5" or "35,50" → 3550; empty → null; anything else → NaN. */
export function parseMoney(text) {
  const value = String(text || "").trim().replace(",", ".");
  if (!value) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return NaN;
  return Math.round(Number(value) * 100);
}
