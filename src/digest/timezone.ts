/**
 * Time zones as subscribers type them and as the scheduler uses them. Stored names are IANA
 * names ("Europe/Berlin") or fixed offsets written "UTC+05:30"; {@link zoneFor} turns either
 * into a luxon Zone. Nothing here reads the machine's zone.
 */
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from "luxon";
import { CITY_ZONES, MODERN_ZONES } from "./cities.js";

/** A zone the reader typed that we could not recognise; `suggestions` are close known names. */
export class TimezoneError extends Error {
  override name = "TimezoneError";
  constructor(
    readonly input: string,
    readonly suggestions: string[],
  ) {
    const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : "";
    super(
      `"${input}" is not a time zone I know.${hint} Use an IANA name like Europe/Berlin, a city like "New York", or an offset like UTC+05:30.`,
    );
  }
}

const OFFSET = /^(?:utc|gmt)?\s*([+\-\u2212])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$/i;
const MAX_EAST = 14 * 60;
const MAX_WEST = 12 * 60;

/** Lower case, no diacritics, separators as single spaces: the form city names are compared in. */
export function foldPlace(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[_\-.,']+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Offset minutes → the stored form: "UTC", "UTC+05:30", "UTC-03:00". */
export function formatOffsetZone(minutes: number): string {
  if (minutes === 0) return "UTC";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `UTC${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

/** Minutes east of UTC for "UTC+05:30", "GMT-3", "+0545"; undefined when it is not an offset. */
export function parseOffset(text: string): number | undefined {
  const t = text.trim();
  if (/^(utc|gmt|z)$/i.test(t)) return 0;
  const m = OFFSET.exec(t);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[3] ?? 0) > 59) return undefined;
  const signed = m[1] === "+" ? minutes : -minutes;
  if (signed > MAX_EAST || -signed > MAX_WEST) return undefined;
  return signed;
}

interface ZoneTables {
  /** lower-cased IANA name → its canonical spelling. */
  names: Map<string, string>;
  /** folded place → IANA name. */
  places: Map<string, string>;
}

let tables: ZoneTables | undefined;

/** Built on first use (not at import time): ~600 zones from ICU plus the curated places. */
function zoneTables(): ZoneTables {
  if (tables) return tables;
  const names = new Map<string, string>();
  const places = new Map<string, string>();
  const all = [...Intl.supportedValuesOf("timeZone"), ...MODERN_ZONES];
  for (const zone of all) {
    names.set(zone.toLowerCase(), zone);
    const city = zone.split("/").pop();
    if (city && zone.includes("/")) places.set(foldPlace(city), zone);
  }
  for (const zone of MODERN_ZONES) places.set(foldPlace(zone.split("/").pop()!), zone);
  for (const [place, zone] of Object.entries(CITY_ZONES)) places.set(place, zone);
  tables = { names, places };
  return tables;
}

/**
 * Parse what a reader typed into the stored zone name: an IANA name in any case
 * ("europe/berlin" → "Europe/Berlin"), a well-known city ("New York", "Kolkata", "São Paulo"),
 * or a fixed offset ("UTC+5:30" → "UTC+05:30", "UTC-3" → "UTC-03:00").
 * @throws TimezoneError with close suggestions when nothing matches.
 */
export function parseTimezone(input: string): string {
  const text = input.trim();
  const offset = parseOffset(text);
  if (offset !== undefined) return formatOffsetZone(offset);
  const { names, places } = zoneTables();
  const named = names.get(text.toLowerCase()) ?? titleCaseZone(text);
  if (named && IANAZone.isValidZone(named)) return named;
  const place = places.get(foldPlace(text));
  if (place) return place;
  throw new TimezoneError(text, suggestZones(text));
}

/** "asia/kolkata" → "Asia/Kolkata" for valid zones ICU lists under another name. */
function titleCaseZone(text: string): string | undefined {
  if (!text.includes("/") || !IANAZone.isValidZone(text)) return undefined;
  return text
    .split("/")
    .map((part) => part.replace(/(^|[_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase()))
    .join("/");
}

/** Up to three known places or zone names within two edits of the input. */
export function suggestZones(text: string): string[] {
  const folded = foldPlace(text);
  if (folded.length < 3) return [];
  const { places } = zoneTables();
  const scored: { name: string; d: number }[] = [];
  for (const place of places.keys()) {
    const d = editDistance(folded, place, 2);
    if (d <= 2) scored.push({ name: place, d });
  }
  scored.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  return scored.slice(0, 3).map((s) => places.get(s.name)!);
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

const zoneCache = new Map<string, Zone | null>();

/**
 * The luxon Zone of a stored zone name, or null when the name is not valid (a stored value
 * that predates validation). Cached: the scheduler asks for the same few zones all the time.
 */
export function zoneFor(name: string): Zone | null {
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached;
  const offset = parseOffset(name);
  let zone: Zone | null;
  if (offset !== undefined)
    zone = offset === 0 ? FixedOffsetZone.utcInstance : FixedOffsetZone.instance(offset);
  else zone = IANAZone.isValidZone(name) ? IANAZone.create(name) : null;
  zoneCache.set(name, zone);
  return zone;
}

/** Format an instant in a stored zone with a luxon format string, in English ("Tue 26 Nov, 07:30"). */
export function formatInZone(instant: Date, zoneName: string, format: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneFor(zoneName) ?? FixedOffsetZone.utcInstance })
    .setLocale("en-US")
    .toFormat(format);
}

const offsetCache = new Map<string, number>();

/**
 * UTC offset (minutes) of a stored zone at an instant, cached per zone and minute: offsets only
 * change on whole minutes, and an IANA lookup costs ~10 µs. Bounded: cleared when large.
 */
function cachedOffset(zoneName: string, ms: number): number {
  const key = `${zoneName}|${Math.floor(ms / 60_000)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = (zoneFor(zoneName) ?? FixedOffsetZone.utcInstance).offset(ms);
    if (offsetCache.size >= 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The styles {@link formatLocal} knows: "Tue 26 Nov", "Tue 26 Nov, 07:30", "26 Nov, 07:30". */
export type LocalStyle = "day" | "dayTime" | "dateTime";

/**
 * Fast formatting of an instant in a stored zone, in English (same output as
 * {@link formatInZone} with "ccc d LLL", "ccc d LLL, HH:mm", "d LLL, HH:mm"): one offset
 * lookup instead of a luxon DateTime, for rendering a hundred thousand digests.
 */
export function formatLocal(instant: Date, zoneName: string, style: LocalStyle): string {
  const ms = instant.getTime();
  const wall = new Date(ms + cachedOffset(zoneName, ms) * 60_000);
  const date = `${wall.getUTCDate()} ${MONTHS[wall.getUTCMonth()]}`;
  const time = `${String(wall.getUTCHours()).padStart(2, "0")}:${String(wall.getUTCMinutes()).padStart(2, "0")}`;
  if (style === "dateTime") return `${date}, ${time}`;
  const day = `${WEEKDAYS[wall.getUTCDay()]} ${date}`;
  return style === "day" ? day : `${day}, ${time}`;
}
