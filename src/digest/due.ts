/**
 * Who is due when (pure). A subscription's digest is due at its local "HH:MM" in its own zone on
 * the days its frequency allows. Instants are computed from the zone's UTC offsets directly, so
 * DST is explicit:
 * - spring forward (the local time does not exist that day): the digest is due once, at the first
 *   valid instant after the gap (02:30 in Berlin on 2026-03-29 → 03:00 CEST);
 * - fall back (the local time happens twice): due once, at the first occurrence.
 */
import type { Zone } from "luxon";
import type { Subscription } from "../domain/subscription.js";
import { splitTimeOfDay } from "./time-of-day.js";
import { zoneFor } from "./timezone.js";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A due subscription and the instant its digest was due. */
export interface DueSubscription {
  sub: Subscription;
  dueAt: Date;
}

/** The local calendar day of an instant in a zone. */
function localDay(instant: number, zone: Zone): { y: number; m: number; d: number } {
  const wall = new Date(instant + zone.offset(instant) * MINUTE_MS);
  return { y: wall.getUTCFullYear(), m: wall.getUTCMonth(), d: wall.getUTCDate() };
}

/**
 * The UTC instant (ms) of a local wall time in a zone: the earliest one when it occurs twice,
 * the first valid instant after the gap when it does not occur. `month` is 0-based.
 */
export function instantOfLocalTime(
  zone: Zone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  const wall = Date.UTC(year, month, day, hour, minute);
  if (zone.isUniversal) return wall - zone.offset(wall) * MINUTE_MS;
  // Offsets either side of any transition near this wall time (they never change twice in two days).
  const before = zone.offset(wall - DAY_MS);
  const after = zone.offset(wall + DAY_MS);
  let earliest = Number.POSITIVE_INFINITY;
  for (const o of new Set([before, zone.offset(wall), after])) {
    const t = wall - o * MINUTE_MS;
    if (zone.offset(t) === o && t < earliest) earliest = t;
  }
  if (earliest !== Number.POSITIVE_INFINITY) return earliest;
  // A gap: the clock jumped from `before` to `after` between these two instants. Find the jump.
  let lo = wall - after * MINUTE_MS;
  let hi = wall - before * MINUTE_MS;
  if (hi <= lo) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a UTC-midnight date. */
function isoWeekday(date: Date): number {
  return ((date.getUTCDay() + 6) % 7) + 1;
}

function runsOn(sub: Subscription, weekday: number): boolean {
  switch (sub.frequency) {
    case "daily":
      return true;
    case "weekdays":
      return weekday <= 5;
    case "weekly":
      return weekday === sub.weekday;
    default:
      return false;
  }
}

/**
 * The next instant strictly after `after` at which this subscription's digest is due, or null
 * when it gets none (paused, inactive, or an unusable stored time or zone).
 */
export function nextDigestAt(sub: Subscription, after: Date): Date | null {
  if (!sub.active || sub.frequency === "paused") return null;
  const time = splitTimeOfDay(sub.time);
  const zone = zoneFor(sub.timezone);
  if (!time || !zone) return null;
  const from = after.getTime();
  const { y, m, d } = localDay(from, zone);
  // Start a day early: a gap-shifted instant of yesterday's time can fall after `after`.
  for (let k = -1; k <= 8; k++) {
    const day = new Date(Date.UTC(y, m, d + k));
    if (!runsOn(sub, isoWeekday(day))) continue;
    const t = instantOfLocalTime(
      zone,
      day.getUTCFullYear(),
      day.getUTCMonth(),
      day.getUTCDate(),
      time.hour,
      time.minute,
    );
    if (t > from) return new Date(t);
  }
  return null;
}

/**
 * Subscriptions due in the window (from, to], each once, with the latest due instant in it: a
 * tick that fired late covers the whole gap without sending two digests, and running the same
 * window twice selects the same (chatId, dueAt) pairs, which the delivery ledger dedupes.
 * Subscriptions sharing a schedule are computed once. Ordered by dueAt, then chatId.
 */
export function selectDueSubscriptions(
  subs: Iterable<Subscription>,
  window: { from: Date; to: Date },
): DueSubscription[] {
  const memo = new Map<string, Date | null>();
  const due: DueSubscription[] = [];
  for (const sub of subs) {
    if (!sub.active || sub.frequency === "paused") continue;
    const key = `${sub.timezone}|${sub.time}|${sub.frequency}|${sub.weekday}`;
    let dueAt = memo.get(key);
    if (dueAt === undefined) {
      dueAt = latestDueIn(sub, window);
      memo.set(key, dueAt);
    }
    if (dueAt) due.push({ sub, dueAt });
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.sub.chatId - b.sub.chatId);
}

function latestDueIn(sub: Subscription, window: { from: Date; to: Date }): Date | null {
  let latest: Date | null = null;
  let next = nextDigestAt(sub, window.from);
  while (next && next.getTime() <= window.to.getTime()) {
    latest = next;
    next = nextDigestAt(sub, next);
  }
  return latest;
}
