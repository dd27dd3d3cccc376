// Small accessible SVG charts for the dashboard, written by hand (no
// library): each is a <figure> with a caption, an SVG image named by it, and
// a table of the same numbers for screen readers and for reading.
import { h } from "../../shared/dom.js";
import { t } from "../i18n.js";

const NS = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 200;
const PAD = 28;

/** An SVG element: h() makes HTML elements only. */
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  node.append(...children.flat(Infinity).filter((child) => child != null));
  return node;
}

function label(x, y, text, anchor = "middle") {
  return svg("text", { x, y, "text-anchor": anchor, class: "chart-label" }, text);
}

/** The figure: caption, image (hidden from screen readers, who get the table) and the table. */
function figure(id, caption, image, headers, rows) {
  image.setAttribute("aria-hidden", "true");
  image.setAttribute("focusable", "false");
  return h(
    "figure",
    { class: "chart card", "aria-labelledby": `${id}-caption` },
    h("figcaption", { id: `${id}-caption` }, caption),
    image,
    h(
      "details",
      {},
      h("summary", {}, t("Show as a table")),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          {},
          h("caption", { class: "visually-hidden" }, caption),
          h("thead", {}, h("tr", {}, headers.map((text) => h("th", { scope: "col" }, text)))),
          h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell, i) => (i ? h("td", {}, cell) : h("th", { scope: "row" }, cell)))))),
        ),
      ),
    ),
  );
}

/** A line over evenly spaced points: [{label, value}]. */
export function lineChart(id, caption, points, headers) {
  const top = Math.max(1, ...points.map((p) => p.value));
  const step = (WIDTH - 2 * PAD) / Math.max(1, points.length - 1);
  const y = (value) => HEIGHT - PAD - (value / top) * (HEIGHT - 2 * PAD);
  const path = points.map((p, i) => `${i ? "L" : "M"}${(PAD + i * step).toFixed(1)},${y(p.value).toFixed(1)}`).join("");
  const image = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart-image" },
    svg("line", { x1: PAD, y1: HEIGHT - PAD, x2: WIDTH - PAD, y2: HEIGHT - PAD, class: "chart-axis" }),
    svg("path", { d: path, class: "chart-line" }),
    label(PAD - 4, y(top) + 4, String(top), "end"),
    label(PAD - 4, HEIGHT - PAD + 4, "0", "end"),
    points.length ? label(PAD, HEIGHT - 8, points[0].label, "start") : null,
    points.length ? label(WIDTH - PAD, HEIGHT - 8, points[points.length - 1].label, "end") : null,
  );
  return figure(id, caption, image, headers, points.map((p) => [p.label, String(p.value)]));
}

/** Bars with their values above: [{label, value, text}]. */
export function barChart(id, caption, bars, headers) {
  const top = Math.max(1, ...bars.map((b) => b.value));
  const slot = (WIDTH - 2 * PAD) / Math.max(1, bars.length);
  const image = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart-image" },
    svg("line", { x1: PAD, y1: HEIGHT - PAD, x2: WIDTH - PAD, y2: HEIGHT - PAD, class: "chart-axis" }),
    bars.map((bar, i) => {
      const height = (Math.max(0, bar.value) / top) * (HEIGHT - 2 * PAD - 14);
      const x = PAD + i * slot + slot * 0.15;
      return [
        svg("rect", { x: x.toFixed(1), y: (HEIGHT - PAD - height).toFixed(1), width: (slot * 0.7).toFixed(1), height: height.toFixed(1), class: "chart-bar" }),
        label(x + slot * 0.35, HEIGHT - PAD - height - 4, bar.text ?? String(bar.value)),
        label(x + slot * 0.35, HEIGHT - 10, bar.label),
      ];
    }),
  );
  return figure(id, caption, image, headers, bars.map((b) => [b.label, b.text ?? String(b.value)]));
}

/** Rows × columns of counts, darker for more: the weekday × hour heatmap. */
export function heatmap(id, caption, rows, columns, value, headers) {
  const top = Math.max(1, ...rows.flatMap((row) => columns.map((column) => value(row.key, column))));
  const cellW = (WIDTH - 60) / columns.length;
  const cellH = (HEIGHT - 30) / rows.length;
  const image = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart-image" },
    rows.map((row, r) => [
      label(52, 14 + r * cellH + cellH / 2, row.label, "end"),
      columns.map((column, c) =>
        svg("rect", {
          x: (58 + c * cellW).toFixed(1),
          y: (10 + r * cellH).toFixed(1),
          width: (cellW - 1).toFixed(1),
          height: (cellH - 1).toFixed(1),
          class: "chart-cell",
          "fill-opacity": (0.06 + (0.94 * value(row.key, column)) / top).toFixed(2),
        }),
      ),
    ]),
    columns.filter((_, c) => c % 3 === 0).map((column) => label(58 + columns.indexOf(column) * cellW + cellW / 2, HEIGHT - 4, column)),
  );
  const tableRows = rows.map((row) => [row.label, ...columns.map((column) => String(value(row.key, column)))]);
  return figure(id, caption, image, headers, tableRows);
}
