// What the admin reads when a save is refused. The server names the field in
// its error's details ({field: "service.durationMinutes", problem: "must be a
// multiple of 5"}); the page puts the sentence for that field beside its
// input. Every sentence of every admin form is in this one table, each
// wrapped in t() for its Dutch (nl/shell.json).
//
// A rule is [field pattern, sentence] or [field pattern, sentence, problem
// start] for a field whose problems need different sentences. In a pattern,
// `*` stands for one part of the path: a list index, a weekday or a date.
// The first matching rule wins, so the specific ones come first.

import { t } from "./i18n.js";

/** The booking rules block: the same sentences for a branch's rules
 * (`branch.settings`) and the site's own (`settings`). */
const ruleSentences = (base) =>
  [
    ["noShow.timerMinutes", t("Enter the minutes after the start: a multiple of 5, from 5 to 240.")],
    ["waitlist.offerExpiryHours", t("Enter how many hours an offer stays open: from 1 to 72.")],
    ["waitlist.mode", t("Choose automatic or manual.")],
    ["clientConfirmation.expiryHours", t("Choose one of the listed times.")],
    ["reminders.leadHours", t("Enter how many hours before the appointment the reminder goes: from 2 to 168 (a week).")],
  ].map(([path, sentence]) => [`${base}.${path}`, sentence]);

export const FORM_SENTENCES = {
  fieldRefused: t("Please correct the marked field."),
  failed: t("Something went wrong. Try again."),
};

export const FIELD_SENTENCES = [
  // Services
  ["service.name", t("Give the service a name of at most 100 characters.")],
  ["service.durationMinutes", t("Enter the duration in whole minutes: a multiple of 5, from 5 to 720 (12 hours).")],
  ["service.priceCents", t("Enter the price as an amount such as 35.00, or leave it empty.")],
  ["service.depositCents", t("The deposit can't be more than the price."), "must not be more than"],
  ["service.depositCents", t("Enter the deposit as an amount above 0 such as 10.00, no more than the price.")],
  ["service.intakeQuestions", t("A service can ask at most 20 questions.")],
  ["service.intakeQuestions.*.label", t("Write the question, in at most 200 characters.")],
  ["service.intakeQuestions.*.options", t("Two choices must not be the same."), "options must differ"],
  ["service.intakeQuestions.*.options", t("Give 2 to 20 choices, one per line, each of at most 100 characters.")],
  ["service.intakeQuestions.*.type", t("Choose whether the answer is text or a choice.")],
  // Staff
  ["staff.name", t("Give the staff member's name, in at most 100 characters.")],
  ["staff.branchId", t("Choose the branch this person works at.")],
  ["staff.serviceIds", t("Choose services that exist; one may have been deleted meanwhile. Reload the page and try again.")],
  // Branches
  ["branch.name", t("Give the branch a name of at most 100 characters.")],
  ["branch.address", t("Keep the address to at most 200 characters.")],
  ["branch.city", t("Keep the city to at most 100 characters.")],
  ["branch.phone", t("Enter a phone number of 6 to 32 digits, spaces and + - ( ) . /, such as +31 20 123 4567.")],
  ["branch.timezone", t("Choose a time zone from the list.")],
  ...ruleSentences("branch.settings"),
  // Opening hours, breaks, holidays and special hours
  ["schedule.breaks.*", t("A break needs opening hours on the same day."), "a break needs"],
  ["schedule.overrides", t("Choose a date for every holiday or special day, or remove the row."), "choose a date"],
  ["schedule.overrides", t("At most 400 holidays and special days can be listed; remove past ones first."), "at most"],
  ["schedule.overrides.*", t("Choose a valid date."), "must be a date"],
  ["schedule.*.*.*.end", t("The end time must differ from the start. An end before the start runs into the next day."), "must differ"],
  ["schedule.*.*.*.start", t("Enter a time on a 5-minute step, such as 09:00.")],
  ["schedule.*.*.*.end", t("Enter a time on a 5-minute step, such as 17:00.")],
  ["schedule.*.*", t("These times overlap or touch. Join them into one range, or leave a gap between them."), "ranges must not overlap"],
  ["schedule.*.*", t("A day can have at most 10 ranges."), "at most"],
  // Settings and widget
  ["name", t("Give the business a name of at most 100 characters.")],
  ["timezone", t("Choose a time zone from the list.")],
  ["locale", t("Choose English or Nederlands.")],
  ["currency", t("Enter the currency as a three-letter code such as EUR.")],
  ["settings.minNoticeMinutes", t("Choose one of the listed notice times.")],
  ...ruleSentences("settings"),
  ["settings.*", t("Choose one of the listed values.")],
  ["terms.url", t("Enter the link to the terms as a web address starting with https://.")],
  ["terms.text", t("Keep the terms to at most 20,000 characters, or give a link instead."), "must be at most"],
  ["terms.text", t("Give the text of the terms, or a link to them, when clients must accept them.")],
  ["widget.heading", t("Give the widget a heading of at most 80 characters.")],
  ["widget.accentColor", t("Choose a colour.")],
  ["widget.*", t("Choose one of the listed values.")],
  // E-mail branding
  ["email.logoUrl", t("Keep the logo's web address to at most 500 characters."), "must be at most"],
  ["email.logoUrl", t("Enter the logo's web address, starting with https://, or leave it empty.")],
  ["email.footer", t("Keep the footer line to at most 200 characters.")],
  ["email.replyTo", t("The reply-to address must be an e-mail address such as info@example.com, or empty.")],
  // Staff access and payments
  ["sessionMinutes", t("Choose a session length from 15 minutes to 24 hours.")],
  ["pin", t("The PIN must be 4 to 6 digits, such as 4821.")],
  ["noShowFee.amountCents", t("Enter the fee as an amount above 0, such as 15.00.")],
  ["noShowFee.percent", t("Enter a percentage above 0 and at most 100, with at most two decimals, such as 12.5.")],
  ["noShowFee.kind", t("Choose a fixed amount or a percentage.")],
  // New booking (the form is marked data-fields="booking", see showError)
  ["booking.name", t("Give the client's name, in at most 100 characters.")],
  ["booking.email", t("Enter an e-mail address such as ada@example.com, or leave it empty.")],
  ["booking.phone", t("Enter a phone number of digits, spaces and + - ( ) . /, or leave it empty.")],
  ["booking.date", t("Choose a valid date.")],
  ["booking.time", t("Enter a time such as 10:30.")],
  ["booking.notes", t("Keep the notes to at most 2,000 characters.")],
  ["booking.*", t("Choose one of the listed values.")],
  // Bookings filter
  ["from", t("Choose a valid date.")],
  ["to", t("Choose an end date on or after the start date."), "must not be before"],
  ["to", t("Choose a valid date.")],
];

const matches = (pattern, path) => {
  const want = pattern.split(".");
  const have = path.split(".");
  return want.length === have.length && want.every((part, index) => part === "*" || part === have[index]);
};

/** The sentence for a refused field; a field the table misses still reads
 * as a sentence (the server's problem without its field path). */
export function fieldSentence(field, problem = "", rules = FIELD_SENTENCES) {
  const rule = rules.find(([pattern, , start]) => matches(pattern, field) && (!start || problem.startsWith(start)));
  if (rule) return rule[1];
  const text = problem.trim() || "is not valid";
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? "" : "."}`;
}
