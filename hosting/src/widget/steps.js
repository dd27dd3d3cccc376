// The choice steps (branch, service, staff) and the selection summary.

import { definitionList, h } from "../shared/dom.js";
import { actions, backButton, commaList, heading, slotText } from "./parts.js";

function choice(key, selected, onclick, main, end) {
  return h("li", {},
    h("button", { type: "button", class: "bw-choice", "data-key": key, "aria-pressed": String(selected), onclick },
      h("span", {}, main), end && h("span", { class: "bw-end" }, end)));
}

export function branchStep(w) {
  return h("div", {},
    heading(w.t("chooseBranch")),
    h("ul", { class: "bw-list" },
      w.config.branches.map((branch) =>
        choice(`branch:${branch.id}`, branch.id === w.state.branchId, () => w.chooseBranch(branch.id), [
          h("strong", {}, branch.name),
          h("span", { class: "bw-muted" }, commaList(branch.address, branch.city)),
        ]),
      ),
    ),
  );
}

export function priceText(w, service) {
  const price = service.price == null ? w.t("priceOnRequest") : w.fmt.money(service.price);
  return service.deposit ? `${price}, ${w.t("deposit", { amount: w.fmt.money(service.deposit) })}` : price;
}

export function serviceStep(w) {
  return h("div", {},
    heading(w.t("chooseService")),
    h("ul", { class: "bw-list" },
      w.services().map((service) =>
        choice(`service:${service.id}`, service.id === w.state.serviceId, () => w.chooseService(service.id),
          [h("strong", {}, service.name), h("span", { class: "bw-muted" }, w.fmt.duration(service.durationMinutes))],
          priceText(w, service)),
      ),
    ),
    w.steps().indexOf("service") > 0 && actions(backButton(w)),
  );
}

export function staffStep(w) {
  const { staffId, serviceId } = w.state;
  return h("div", {},
    heading(w.t("chooseStaff")),
    h("ul", { class: "bw-list" },
      choice("staff:", staffId === null, () => w.chooseStaff(null),
        [h("strong", {}, w.t("noPreference")), h("span", { class: "bw-muted" }, w.t("noPreferenceHint"))]),
      w.staffFor(serviceId).map((member) =>
        choice(`staff:${member.id}`, member.id === staffId, () => w.chooseStaff(member.id), h("strong", {}, member.name)),
      ),
    ),
    actions(backButton(w)),
  );
}

/** The choices so far, beside the step in the full layout. */
export function summary(w) {
  const { state, t } = w;
  const branch = w.config.branches.length > 1 && w.branch();
  const service = w.service();
  const noPreference = state.staffId === null && w.steps().includes("staff") && { name: t("noPreference") };
  const member = state.staffId ? w.staffMember(state.staffId) : noPreference;
  const rows = [
    branch && [t("location"), branch.name],
    service && [t("service"), `${service.name} (${w.fmt.duration(service.durationMinutes)})`],
    service && [t("price"), priceText(w, service)],
    member && [t("staff"), member.name],
    state.slot && [t("when"), slotText(w, state.slot)],
  ].filter(Boolean);
  if (!rows.length || state.step === "done") return null;
  return h("aside", { class: "bw-summary", "aria-label": t("yourBooking") },
    h("h3", {}, t("yourBooking")),
    definitionList(rows),
  );
}
