import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTimeOfDay, TimeOfDayError } from "../../../src/digest/time-of-day.js";
import { formatInZone, formatLocal, parseTimezone, TimezoneError } from "../../../src/digest/timezone.js";

describe("parseTimezone", () => {
  it.each([
    ["Europe/Berlin", "Europe/Berlin"],
    ["europe/berlin", "Europe/Berlin"],
    ["asia/kolkata", "Asia/Kolkata"],
    ["Berlin", "Europe/Berlin"],
    ["New York", "America/New_York"],
    ["new_york", "America/New_York"],
    ["Kolkata", "Asia/Kolkata"],
    ["Mumbai", "Asia/Kolkata"],
    ["Kathmandu", "Asia/Kathmandu"],
    ["São Paulo", "America/Sao_Paulo"],
    ["Kyiv", "Europe/Kyiv"],
    ["UTC", "UTC"],
    ["UTC+05:30", "UTC+05:30"],
    ["utc+5:30", "UTC+05:30"],
    ["UTC-3", "UTC-03:00"],
    ["GMT+0545", "UTC+05:45"],
    ["+14", "UTC+14:00"],
  ])("%s → %s", (input, zone) => {
    expect(parseTimezone(input)).toBe(zone);
  });

  it("rejects unknown names with suggestions and a hint at the accepted forms", () => {
    const error = (() => {
      try {
        parseTimezone("Berlinn");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TimezoneError);
    expect((error as TimezoneError).suggestions).toContain("Europe/Berlin");
    expect((error as Error).message).toMatch(/Europe\/Berlin.*UTC\+05:30/);
  });

  it.each(["", "Atlantis", "UTC+15", "UTC-13", "UTC+05:75"])("rejects %j", (input) => {
    expect(() => parseTimezone(input)).toThrow(TimezoneError);
  });
});

describe("formatInZone", () => {
  it("formats in the reader's zone, not the machine's", () => {
    const t = new Date("2024-11-26T06:30:00Z");
    expect(formatInZone(t, "Europe/Berlin", "ccc d LLL, HH:mm")).toBe("Tue 26 Nov, 07:30");
    expect(formatInZone(t, "UTC+05:45", "HH:mm")).toBe("12:15");
  });
});

describe("formatLocal", () => {
  it("property: matches luxon's formatting for any instant and zone", () => {
    const zones = [
      "UTC",
      "Europe/Berlin",
      "America/New_York",
      "Asia/Kathmandu",
      "Australia/Lord_Howe",
      "UTC-03:00",
      "UTC+05:30",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2050, 0, 1) }),
        (zone, ms) => {
          const t = new Date(ms);
          expect(formatLocal(t, zone, "day")).toBe(formatInZone(t, zone, "ccc d LLL"));
          expect(formatLocal(t, zone, "dayTime")).toBe(formatInZone(t, zone, "ccc d LLL, HH:mm"));
          expect(formatLocal(t, zone, "dateTime")).toBe(formatInZone(t, zone, "d LLL, HH:mm"));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("parseTimeOfDay", () => {
  it.each([
    ["07:30", "07:30"],
    ["7:30", "07:30"],
    ["7.05", "07:05"],
    ["7", "07:00"],
    ["23:59", "23:59"],
    ["00:00", "00:00"],
    ["7pm", "19:00"],
    ["12:15 am", "00:15"],
    ["12 pm", "12:00"],
  ])("%s → %s", (input, time) => {
    expect(parseTimeOfDay(input)).toBe(time);
  });

  it.each(["24:00", "7:60", "13pm", "noon", "0730", ""])("rejects %j", (input) => {
    expect(() => parseTimeOfDay(input)).toThrow(TimeOfDayError);
  });
});
