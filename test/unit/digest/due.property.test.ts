import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { nextDigestAt } from "../../../src/digest/due.js";
import { zoneFor } from "../../../src/digest/timezone.js";
import { makeSub } from "./fixtures.js";

const ZONES = [
  "UTC",
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Sao_Paulo",
  "America/Santiago",
  "America/Havana",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Tehran",
  "Australia/Lord_Howe",
  "Australia/Adelaide",
  "Pacific/Chatham",
  "Africa/Casablanca",
  "UTC+05:30",
  "UTC-03:00",
];

const arbTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const arbInstant = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
  .map((ms) => new Date(ms));

/** Local "HH:MM" of an instant in a stored zone. */
const localTime = (t: Date, zone: string) =>
  DateTime.fromJSDate(t, { zone: zoneFor(zone)! }).toFormat("HH:mm");

describe("nextDigestAt properties", () => {
  it("is after `after`, at the local HH:MM unless that time does not exist that day", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), arbTime, arbInstant, (timezone, time, after) => {
        const next = nextDigestAt(makeSub({ time, timezone }), after);
        expect(next).not.toBeNull();
        expect(next!.getTime()).toBeGreaterThan(after.getTime());
        if (localTime(next!, timezone) !== time) {
          // Only allowed in a spring-forward gap: `next` is the instant the clock jumped.
          const zone = zoneFor(timezone)!;
          expect(zone.offset(next!.getTime() - 1)).toBeLessThan(zone.offset(next!.getTime()));
          const [h, m] = time.split(":").map(Number) as [number, number];
          const wanted = DateTime.fromJSDate(next!, { zone }).set({ hour: h, minute: m });
          expect(wanted.hour * 60 + wanted.minute).not.toBe(h * 60 + m);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("daily digests come once a local day: never two within 22 hours, never more than 26 apart", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), arbTime, arbInstant, (timezone, time, after) => {
        const sub = makeSub({ time, timezone });
        const first = nextDigestAt(sub, after)!;
        const second = nextDigestAt(sub, first)!;
        const gapHours = (second.getTime() - first.getTime()) / 3_600_000;
        expect(gapHours).toBeGreaterThanOrEqual(22);
        expect(gapHours).toBeLessThanOrEqual(26);
        expect((first.getTime() - after.getTime()) / 3_600_000).toBeLessThanOrEqual(26);
      }),
      { numRuns: 2000 },
    );
  });

  it("weekly digests fall on the chosen local weekday", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        arbTime,
        arbInstant,
        fc.integer({ min: 1, max: 7 }),
        (timezone, time, after, weekday) => {
          const next = nextDigestAt(makeSub({ time, timezone, frequency: "weekly", weekday }), after)!;
          const local = DateTime.fromJSDate(next, { zone: zoneFor(timezone)! });
          // A gap-shifted instant can only move forward within the same night.
          if (local.toFormat("HH:mm") === time) expect(local.weekday).toBe(weekday);
          expect(next.getTime() - after.getTime()).toBeLessThanOrEqual(8 * 86_400_000);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
