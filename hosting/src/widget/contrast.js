// WCAG 2.x contrast helpers: any accent colour a site picks must stay readable.

const FALLBACK = "#0f766e";
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
const AA_TEXT = 4.5;

export function parseHex(value) {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(value || "").trim());
  if (!match) return null;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join("") : match[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function linear(channel) {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function luminance([r, g, b]) {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const toHex = (rgb) => "#" + rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("");
const mix = (rgb, other, amount) => rgb.map((c, i) => c + (other[i] - c) * amount);

/**
 * Colours derived from the accent, as the custom properties styles.js uses:
 * - --accent: fill of selected and primary buttons;
 * - --on-accent: black or white, whichever reads better on the fill (always >= 4.5:1);
 * - --accent-text: the accent darkened until it reads on white (links, borders, focus rings);
 * - --tint: a pale wash for hover, dark text stays readable on it.
 */
export function palette(accent) {
  const rgb = parseHex(accent) || parseHex(FALLBACK);
  const onAccent = contrast(rgb, WHITE) >= contrast(rgb, BLACK) ? "#ffffff" : "#000000";
  let text = rgb;
  for (let step = 1; contrast(text, WHITE) < AA_TEXT && step <= 20; step++) {
    text = mix(rgb, BLACK, step / 20);
  }
  return {
    "--accent": toHex(rgb),
    "--on-accent": onAccent,
    "--accent-text": toHex(text),
    "--tint": toHex(mix(rgb, WHITE, 0.9)),
  };
}
