// Booking → Calendar Sync: connect a staff member's own calendar (or the
// site's) so bookings appear in it and its busy times block booking slots;
// choose the calendars, see each connection's state (last sync, errors,
// reconnect needed, failed pushes, conflicts), sync now and disconnect.
// Apple (CalDAV) is connected with its address, user and an app password.
import { h } from "../../shared/dom.js";
import { button, checkbox, field, form, saving, select } from "../dom.js";
import { intl, t } from "../i18n.js";
import { confirmStep, listTable } from "./common.js";

const TEXT = {
  title: t("Calendar Sync"),
  intro: t("Connect a staff member's own calendar: new and changed bookings appear in it, and its busy times block booking slots. Calendars are read every 5 minutes; the booking pages never wait for them."),
  none: t("No calendar is connected yet."),
  site: t("The site"),
  apple: t("Apple (CalDAV)"),
  google: t("Google Calendar"),
  googleTitle: t("Connect Google Calendar"),
  googleHint: t("Google asks the staff member (or whoever owns the calendar) to allow access, then brings you back here."),
  googleConnect: t("Connect with Google"),
  googleFor: t("Google calendar of"),
  googleConnected: t("Google Calendar connected. Choose its calendars below."),
  refused: (reason) => t("The calendar was not connected: {reason}", { reason }),
  account: t("Account"),
  state: t("State"),
  connected: t("Connected"),
  reconnect: t("Reconnect needed: the calendar refused the password, so syncing has stopped. Disconnect and connect again with a new app password."),
  lastSync: t("Last sync"),
  never: t("Not synced yet"),
  error: t("Last error"),
  busyCount: (count) => t("{count} busy times read from this calendar", { count }),
  write: t("Write bookings to"),
  noWrite: t("Don't write bookings"),
  busy: t("Busy times come from"),
  deletes: t("External deletes cancel bookings"),
  deletesHint: t("Deleting a booking's event in this calendar cancels the booking, and the client is told, as if an admin cancelled it."),
  save: t("Save calendars"),
  saved: t("Calendars saved; they are read again now."),
  syncNow: t("Sync now"),
  synced: t("Synced."),
  disconnect: t("Disconnect"),
  disconnectQuestion: t("Disconnect this calendar? Its busy times stop blocking slots; events already written stay in it."),
  disconnectConfirm: t("Yes, disconnect"),
  disconnected: t("Calendar disconnected."),
  failedPushes: t("Bookings not yet written to the calendar"),
  failedColumns: [t("Booking ID"), t("Error"), t("Next try")],
  conflicts: t("Conflicts: busy times on top of bookings"),
  conflictsHint: t("A busy time never moves or cancels a booking: call the client if the time no longer suits."),
  conflictColumns: [t("Booking ID"), t("Busy time"), t("Event")],
  connectTitle: t("Connect Apple Calendar"),
  connectHint: t("For iCloud use https://caldav.icloud.com/, the Apple ID and an app-specific password made at appleid.apple.com. Any CalDAV server works the same way."),
  for: t("Connect for"),
  url: t("CalDAV address"),
  username: t("User name"),
  password: t("App password"),
  connect: t("Connect"),
  connectedNow: t("Calendar connected. Choose its calendars below."),
};

function when(app, iso) {
  if (!iso) return TEXT.never;
  const options = { dateStyle: "medium", timeStyle: "short" };
  if (app.site?.timezone) options.timeZone = app.site.timezone;
  return new Date(iso).toLocaleString(intl, options);
}

function ownerName(app, connection) {
  if (!connection.staffId) return TEXT.site;
  return app.data.staff.find((member) => member.id === connection.staffId)?.name || connection.staffId;
}

function settingsForm(app, connection) {
  const calendars = connection.calendars.map((calendar) => [calendar.id, calendar.name]);
  const write = select([["", TEXT.noWrite], ...calendars], connection.writeCalendar || "", { "data-path": "writeCalendar" });
  const busy = connection.calendars.map((calendar) => checkbox(calendar.name, connection.busyCalendars.includes(calendar.id)));
  const deletes = checkbox(TEXT.deletes, connection.externalDeletesCancel, { hint: TEXT.deletesHint });
  const settings = form(
    () =>
      saving(settings, async () => {
        await app.call("adminConfigureCalendarSync", {
          connectionId: connection.id,
          writeCalendar: write.value || null,
          busyCalendars: connection.calendars.filter((_, index) => busy[index].control.checked).map((calendar) => calendar.id),
          externalDeletesCancel: deletes.control.checked,
        });
        app.announce(TEXT.saved);
        app.go("calendar-sync");
      }),
    field(TEXT.write, write),
    h("fieldset", { "data-path": "busyCalendars" }, h("legend", {}, TEXT.busy), busy.map((item) => item.wrap)),
    deletes.wrap,
    h("button", { type: "submit", class: "button primary" }, TEXT.save),
  );
  return settings;
}

function connectionCard(app, connection) {
  const name = `${ownerName(app, connection)} · ${connection.provider === "google" ? TEXT.google : TEXT.apple}`;
  const headingId = `connection-${connection.id}`;
  const broken = connection.status === "reconnect";
  const syncButton = button(TEXT.syncNow, async () => {
    syncButton.disabled = true;
    try {
      await app.call("adminSyncCalendarNow", { connectionId: connection.id });
      app.announce(TEXT.synced);
      app.go("calendar-sync");
    } catch (error) {
      app.announce(error.message);
      syncButton.disabled = false;
    }
  }, { class: "button", "aria-describedby": headingId, disabled: broken });
  const failed = connection.failedPushes.map((push) => [push.bookingId, push.error, when(app, push.nextAttemptAt)]);
  const conflicts = connection.conflicts.map((item) => [
    h("a", { href: `#/bookings/${encodeURIComponent(item.bookingId)}` }, item.bookingId),
    `${when(app, item.start)} – ${when(app, item.end)}`,
    item.summary || "—",
  ]);
  return h("section", { class: "card", "aria-labelledby": headingId },
    h("h2", { id: headingId }, name),
    h("dl", { class: "facts" },
      h("dt", {}, TEXT.account), h("dd", {}, connection.account),
      h("dt", {}, TEXT.state), h("dd", {}, broken ? h("strong", { class: "form-error" }, TEXT.reconnect) : TEXT.connected),
      h("dt", {}, TEXT.lastSync), h("dd", {}, when(app, connection.lastSyncAt), " · ", TEXT.busyCount(connection.busyCount)),
      connection.lastError && h("dt", {}, TEXT.error),
      connection.lastError && h("dd", { class: "form-error" }, connection.lastError),
    ),
    failed.length ? h("h3", {}, TEXT.failedPushes) : null,
    failed.length ? listTable(TEXT.failedPushes, TEXT.failedColumns, failed, "") : null,
    conflicts.length ? h("h3", {}, TEXT.conflicts) : null,
    conflicts.length ? h("p", { class: "hint" }, TEXT.conflictsHint) : null,
    conflicts.length ? listTable(TEXT.conflicts, TEXT.conflictColumns, conflicts, "") : null,
    settingsForm(app, connection),
    h("div", { class: "actions" }, syncButton),
    confirmStep(app, {
      label: TEXT.disconnect,
      name: `${TEXT.disconnect}: ${name}`,
      question: TEXT.disconnectQuestion,
      confirm: TEXT.disconnectConfirm,
      run: async () => {
        await app.call("adminDisconnectCalendar", { connectionId: connection.id });
        app.announce(TEXT.disconnected);
        app.go("calendar-sync");
      },
    }),
  );
}

function googleForm(app, staff) {
  const owner = select([...staff.map((member) => [member.id, member.name]), ["", TEXT.site]], staff[0]?.id || "", { "data-path": "staffId" });
  const google = form(
    () =>
      saving(google, async () => {
        const { url } = await app.call("adminStartGoogleConnect", owner.value ? { staffId: owner.value } : {});
        location.assign(url);
      }),
    h("div", { class: "filters" }, field(TEXT.googleFor, owner)),
    h("button", { type: "submit", class: "button primary" }, TEXT.googleConnect),
  );
  return google;
}

function connectForm(app, staff) {
  const owner = select([...staff.map((member) => [member.id, member.name]), ["", TEXT.site]], staff[0]?.id || "", { "data-path": "staffId" });
  const url = h("input", { type: "url", required: true, autocomplete: "url", "data-path": "url", placeholder: "https://caldav.icloud.com/" });
  const username = h("input", { type: "text", required: true, autocomplete: "username", "data-path": "username" });
  const password = h("input", { type: "password", required: true, autocomplete: "new-password", "data-path": "password" });
  const connect = form(
    () =>
      saving(connect, async () => {
        const data = { url: url.value.trim(), username: username.value.trim(), password: password.value };
        if (owner.value) data.staffId = owner.value;
        await app.call("adminConnectCalDav", data);
        app.announce(TEXT.connectedNow);
        app.go("calendar-sync");
      }),
    h("div", { class: "filters" },
      field(TEXT.for, owner),
      field(TEXT.url, url),
      field(TEXT.username, username),
      field(TEXT.password, password),
    ),
    h("button", { type: "submit", class: "button primary" }, TEXT.connect),
  );
  return connect;
}

export async function renderCalendarSync(app, _parts, query = new URLSearchParams()) {
  const listing = await app.call("adminListCalendarSync", {});
  const outcome = query.get("error")
    ? h("p", { role: "alert", class: "form-error" }, TEXT.refused(query.get("error")))
    : query.get("connected") === "google" ? h("p", { role: "status", class: "hint" }, TEXT.googleConnected) : null;
  return h("section", {},
    h("h1", {}, TEXT.title),
    h("p", { class: "hint" }, TEXT.intro),
    outcome,
    listing.connections.length ? listing.connections.map((connection) => connectionCard(app, connection)) : h("p", { class: "empty" }, TEXT.none),
    h("h2", {}, TEXT.connectTitle),
    h("p", { class: "hint" }, TEXT.connectHint),
    connectForm(app, listing.staff),
    h("h2", {}, TEXT.googleTitle),
    h("p", { class: "hint" }, TEXT.googleHint),
    googleForm(app, listing.staff),
  );
}
