/** Local times of day ("HH:MM") as subscribers type them and as subscriptions store them. */

/** A time the reader typed that is not a time of day. */
export class TimeOfDayError extends Error {
  override name = "TimeOfDayError";
  constructor(readonly input: string) {
    super(
      `"${input}" is not a time of day. Use 24-hour HH:MM, e.g. 07:30 or 18:00 (7:30am and 6pm work too).`,
    );
  }
}

const STORED = /^([01]\d|2[0-3]):([0-5]\d)$/;
const TYPED = /^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i;

/** Hour and minute of a stored "HH:MM", or null when it is malformed. */
export function splitTimeOfDay(time: string): { hour: number; minute: number } | null {
  const m = STORED.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/**
 * Parse "7:30", "07.30", "0730"-less forms like "7", "7pm", "12:15 am" into the stored "HH:MM".
 * @throws TimeOfDayError when it is not a time of day.
 */
export function parseTimeOfDay(input: string): string {
  const text = input.trim();
  const m = TYPED.exec(text);
  if (!m) throw new TimeOfDayError(text);
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const meridiem = m[3]?.toLowerCase().replace(/\./g, "");
  if (minute > 59) throw new TimeOfDayError(text);
  if (meridiem) {
    if (hour < 1 || hour > 12) throw new TimeOfDayError(text);
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  } else if (hour > 23 || (m[2] === undefined && text.length > 2)) {
    throw new TimeOfDayError(text);
  }
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
