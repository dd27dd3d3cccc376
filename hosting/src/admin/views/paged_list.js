// A list read a page at a time with the server's cursors, never an offset
// (Bookings, Customers). The cursor trail of one site and set of filters is
// kept while the admin opens a row and comes back; only the newest request of
// a list may move its paging, so an answer that comes late for a page left
// behind is dropped.
import { h } from "../../shared/dom.js";
import { button } from "../dom.js";
import { t } from "../i18n.js";

const TEXT = {
  previous: t("Previous page"),
  next: t("Next page"),
  pages: t("Pages"),
  page: (n) => t("Page {n}", { n }),
};

const newest = {};

/** The paging kept for `address`, or a fresh one at its first page. */
export function pagingFor(kept, app, address) {
  return kept && kept.siteId === app.siteId && kept.address === address ? kept : { siteId: app.siteId, address, cursors: [null], page: 0 };
}

/**
 * The list's results and its summary line. `fetch(cursor)` answers
 * `{rows, nextCursor}`; `table(rows)` draws them; `text` gives `none` and
 * `summary(page, count)`. `show()` draws the page the paging is at.
 */
export function pagedList(name, paging, { fetch, table, text }) {
  const results = h("div", { class: "results", "aria-busy": "true" });
  const summary = h("p", { class: "hint", role: "status" });

  const load = async () => {
    const ticket = (newest[name] = (newest[name] || 0) + 1);
    const index = paging.page;
    results.setAttribute("aria-busy", "true");
    const page = await fetch(paging.cursors[index]);
    if (ticket !== newest[name]) return false;
    paging.cursors[index + 1] = page.nextCursor;
    results.replaceChildren(
      table(page.rows),
      h(
        "nav",
        { class: "pager", "aria-label": TEXT.pages },
        button(TEXT.previous, () => move(-1), { disabled: index === 0 }),
        h("span", {}, TEXT.page(index + 1)),
        button(TEXT.next, () => move(1), { disabled: !page.nextCursor }),
      ),
    );
    summary.textContent = page.rows.length ? text.summary(index + 1, page.rows.length) : text.none;
    // A stable signal of the page shown, for people (the summary) and for tests.
    results.dataset.page = String(index + 1);
    results.removeAttribute("aria-busy");
    return true;
  };

  const move = async (step) => {
    paging.page += step;
    try {
      if (await load()) results.querySelector("table a, .empty")?.focus();
    } catch (error) {
      paging.page -= step;
      results.removeAttribute("aria-busy");
      summary.textContent = error.message;
    }
  };

  const show = async () => {
    try {
      await load();
    } catch (error) {
      results.removeAttribute("aria-busy");
      results.replaceChildren(h("p", { role: "alert" }, error.message));
    }
  };

  return { results, summary, show };
}
