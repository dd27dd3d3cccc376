// Wall-clock times for the desk. The server sends every instant as ISO 8601
// with the branch's offset, so its clock digits are the branch's local time
// whatever zone the tablet is set to.

/** The wall-clock time of an ISO instant with offset, "HH:MM". */
export const clock = (iso) => iso.slice(11, 16);

/** The branch's calendar date of an ISO instant with offset, "YYYY-MM-DD". */
export const localDay = (iso) => iso.slice(0, 10);

/** The next 5-minute step at or after the local time of `nowIso`. */
export function nextStep(nowIso) {
  const [hours, minutes] = clock(nowIso).split(":").map(Number);
  const total = Math.min(Math.ceil((hours * 60 + minutes) / 5) * 5, 23 * 60 + 55);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}
