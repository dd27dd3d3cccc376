// What the admin reads when a save is refused. The server names the field in
// its error's details ({field: "service.durationMinutes", problem: "must be a
// multiple of 5"}); the page puts the sentence for that field beside its
// input. Every sentence of every admin form is in this one table, so a
// translation replaces the table and nothing else.
//
// A rule is [field pattern, sentence] or [field pattern, sentence, problem
// start] for a field whose problems need different sentences. In a pattern,
// `*` stands for one part of the path: a list index, a weekday or a date.
// The first matching rule wins, so the specific ones come first.

export const FORM_SENTENCES = {
  fieldRefused: "Please correct the marked field.",
  failed: "Something went wrong. Try again.",
};

export const FIELD_SENTENCES = [
  // Services
  ["service.name", "Give the service a name of at most 100 characters."],
  ["service.durationMinutes", "Enter the duration in whole minutes: a multiple of 5, from 5 to 720 (12 hours)."],
  ["service.priceCents", "Enter the price as an amount such as 35.00, or leave it empty."],
  ["service.depositCents", "The deposit can't be more than the price.", "must not be more than"],
  ["service.depositCents", "Enter the deposit as an amount above 0 such as 10.00, no more than the price."],
  ["service.intakeQuestions", "A service can ask at most 20 questions."],
  ["service.intakeQuestions.*.label", "Write the question, in at most 200 characters."],
  ["service.intakeQuestions.*.options", "Two choices must not be the same.", "options must differ"],
  ["service.intakeQuestions.*.options", "Give 2 to 20 choices, one per line, each of at most 100 characters."],
  ["service.intakeQuestions.*.type", "Choose whether the answer is text or a choice."],
  // Staff
  ["staff.name", "Give the staff member's name, in at most 100 characters."],
  ["staff.branchId", "Choose the branch this person works at."],
  ["staff.serviceIds", "Choose services that exist; one may have been deleted meanwhile. Reload the page and try again."],
  // Branches
  ["branch.name", "Give the branch a name of at most 100 characters."],
  ["branch.address", "Keep the address to at most 200 characters."],
  ["branch.city", "Keep the city to at most 100 characters."],
  ["branch.phone", "Enter a phone number of 6 to 32 digits, spaces and + - ( ) . /, such as +31 20 123 4567."],
  ["branch.timezone", "Choose a time zone from the list."],
  ["branch.settings.noShow.timerMinutes", "Enter the minutes after the start: a multiple of 5, from 5 to 240."],
  ["branch.settings.waitlist.offerExpiryHours", "Enter how many hours an offer stays open: from 1 to 72."],
  ["branch.settings.waitlist.mode", "Choose automatic or manual."],
  ["branch.settings.clientConfirmation.expiryHours", "Choose one of the listed times."],
  ["branch.settings.reminders.leadHours", "Enter how many hours before the appointment the reminder goes: from 2 to 168 (a week)."],
  // Opening hours, breaks, holidays and special hours
  ["schedule.breaks.*", "A break needs opening hours on the same day.", "a break needs"],
  ["schedule.overrides", "Choose a date for every holiday or special day, or remove the row.", "choose a date"],
  ["schedule.overrides", "At most 400 holidays and special days can be listed; remove past ones first.", "at most"],
  ["schedule.overrides.*", "Choose a valid date.", "must be a date"],
  ["schedule.*.*.*.end", "The end time must differ from the start. An end before the start runs into the next day.", "must differ"],
  ["schedule.*.*.*.start", "Enter a time on a 5-minute step, such as 09:00."],
  ["schedule.*.*.*.end", "Enter a time on a 5-minute step, such as 17:00."],
  ["schedule.*.*", "These times overlap or touch. Join them into one range, or leave a gap between them.", "ranges must not overlap"],
  ["schedule.*.*", "A day can have at most 10 ranges.", "at most"],
  // Settings and widget
  ["name", "Give the business a name of at most 100 characters."],
  ["timezone", "Choose a time zone from the list."],
  ["locale", "Choose English or Nederlands."],
  ["currency", "Enter the currency as a three-letter code such as EUR."],
  ["settings.minNoticeMinutes", "Choose one of the listed notice times."],
  ["settings.*", "Choose one of the listed values."],
  ["terms.url", "Enter the link to the terms as a web address starting with https://."],
  ["terms.text", "Keep the terms to at most 20,000 characters, or give a link instead.", "must be at most"],
  ["terms.text", "Give the text of the terms, or a link to them, when clients must accept them."],
  ["widget.heading", "Give the widget a heading of at most 80 characters."],
  ["widget.accentColor", "Choose a colour."],
  ["widget.*", "Choose one of the listed values."],
  // Staff access and payments
  ["sessionMinutes", "Choose a session length from 15 minutes to 24 hours."],
  ["pin", "The PIN must be 4 to 6 digits, such as 4821."],
  ["noShowFee.amountCents", "Enter the fee as an amount above 0, such as 15.00."],
  ["noShowFee.percent", "Enter a percentage above 0 and at most 100, with at most two decimals, such as 12.5."],
  ["noShowFee.kind", "Choose a fixed amount or a percentage."],
  // Bookings filter
  ["from", "Choose a valid date."],
  ["to", "Choose an end date on or after the start date.", "must not be before"],
  ["to", "Choose a valid date."],
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
