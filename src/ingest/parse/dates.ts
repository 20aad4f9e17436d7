/**
 * Dates as news files write them. Everything returns an ISO-8601 UTC instant
 * (`Date#toISOString` form) or null; nothing reads the machine's clock or time zone.
 */
import { DateTime } from "luxon";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
// "09 November 2025", "8 Nov. 2025"
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\.?,?\\s+(\\d{4})\\b`, "i");
// "Nov. 8, 2025", "November 9, 2025", "Nov 8th 2025"
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i");
// "2025-11-08"
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** Earliest and latest years accepted; anything else is a typo or an epoch mix-up. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** Midnight UTC of a calendar day, or null when the day does not exist (31 Nov). */
export function utcDay(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString();
}

/**
 * The first calendar date written out in running text such as a photo caption
 * ("09 November 2025, …", "Saturday, Nov. 8, 2025", "… 08 November 2025."), as midnight UTC of
 * that day; null when the text names no full date (a bare weekday is not a date).
 */
export function findDateInText(text: string): string | null {
  const candidates: { index: number; iso: string | null }[] = [];
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) candidates.push({ index: dmy.index, iso: day(dmy[3], dmy[2], dmy[1]) });
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) candidates.push({ index: mdy.index, iso: day(mdy[3], mdy[1], mdy[2]) });
  const iso = ISO_DAY.exec(text);
  if (iso) candidates.push({ index: iso.index, iso: utcDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) });
  candidates.sort((a, b) => a.index - b.index);
  return candidates.find((c) => c.iso !== null)?.iso ?? null;
}

function day(
  year: string | undefined,
  monthName: string | undefined,
  dayOfMonth: string | undefined,
): string | null {
  const month = MONTHS[(monthName ?? "").slice(0, 3).toLowerCase()];
  return month === undefined ? null : utcDay(Number(year), month, Number(dayOfMonth));
}

/**
 * A date from a structured field (front matter, JSON, feed, HTML meta): ISO 8601 date or
 * date-time (no zone means UTC), RFC 2822 (`Sat, 08 Nov 2025 10:00:00 GMT`), HTTP dates, epoch
 * seconds or milliseconds, a `Date`, or a written-out date ("November 8, 2025").
 * Returns null when the value is not a date this function understands.
 */
export function parseDateValue(value: unknown): string | null {
  if (value instanceof Date) return inRange(value.getTime());
  if (typeof value === "number")
    return Number.isFinite(value) ? inRange(value < 1e11 ? value * 1000 : value) : null;
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (s === "") return null;
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (ymd) return utcDay(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  if (/^\d{9,13}$/.test(s)) return parseDateValue(Number(s));
  for (const parsed of [
    DateTime.fromISO(s, { zone: "utc" }),
    DateTime.fromRFC2822(s, { zone: "utc" }),
    DateTime.fromHTTP(s, { zone: "utc" }),
    DateTime.fromSQL(s, { zone: "utc" }),
  ]) {
    if (parsed.isValid) return inRange(parsed.toMillis());
  }
  return findDateInText(s);
}

function inRange(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  return Number.isNaN(ms) || year < MIN_YEAR || year > MAX_YEAR ? null : date.toISOString();
}
