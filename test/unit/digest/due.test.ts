import { describe, expect, it } from "vitest";
import { instantOfLocalTime, nextDigestAt, selectDueSubscriptions } from "../../../src/digest/due.js";
import { zoneFor } from "../../../src/digest/timezone.js";
import { makeSub } from "./fixtures.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Every due instant of `sub` in (from, to]. */
function dueBetween(sub: ReturnType<typeof makeSub>, from: string, to: string): string[] {
  const out: string[] = [];
  let t = nextDigestAt(sub, new Date(from));
  while (t && t.getTime() <= Date.parse(to)) {
    out.push(t.toISOString());
    t = nextDigestAt(sub, t);
  }
  return out;
}

describe("nextDigestAt: DST in Europe/Berlin", () => {
  const berlin = makeSub({ time: "02:30", timezone: "Europe/Berlin" });

  it("spring forward 2026-03-29: 02:30 does not exist, so it is due once, at 03:00 CEST", () => {
    const day = dueBetween(berlin, "2026-03-28T22:00:00Z", "2026-03-29T22:00:00Z");
    expect(day).toEqual(["2026-03-29T01:00:00.000Z"]);
    expect(dueBetween(berlin, "2026-03-27T12:00:00Z", "2026-03-31T12:00:00Z")).toEqual([
      "2026-03-28T01:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
      "2026-03-31T00:30:00.000Z",
    ]);
  });

  it("fall back 2026-10-25: 02:30 happens twice, the digest is due once, at the first", () => {
    expect(dueBetween(berlin, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")).toEqual([
      "2026-10-25T00:30:00.000Z",
    ]);
    // Between the two 02:30s (after the first) the next is the following day, not the repeat.
    expect(iso(nextDigestAt(berlin, new Date("2026-10-25T00:45:00Z")))).toBe("2026-10-26T01:30:00.000Z");
  });

  it("an 08:00 digest on DST days moves with the wall clock", () => {
    const eight = makeSub({ time: "08:00", timezone: "Europe/Berlin" });
    expect(iso(nextDigestAt(eight, new Date("2026-03-29T00:00:00Z")))).toBe("2026-03-29T06:00:00.000Z");
    expect(iso(nextDigestAt(eight, new Date("2026-10-25T00:00:00Z")))).toBe("2026-10-25T07:00:00.000Z");
  });
});

describe("nextDigestAt: edges of the day and odd offsets", () => {
  it("midnight 00:00 is due at the start of the local day", () => {
    const sub = makeSub({ time: "00:00", timezone: "America/New_York" });
    expect(iso(nextDigestAt(sub, new Date("2026-01-10T04:59:00Z")))).toBe("2026-01-10T05:00:00.000Z");
    // exactly at the due instant: the next one is a day later (strictly after)
    expect(iso(nextDigestAt(sub, new Date("2026-01-10T05:00:00Z")))).toBe("2026-01-11T05:00:00.000Z");
  });

  it("23:59 in Auckland falls on the previous UTC day", () => {
    const sub = makeSub({ time: "23:59", timezone: "Pacific/Auckland" });
    expect(iso(nextDigestAt(sub, new Date("2026-01-10T00:00:00Z")))).toBe("2026-01-10T10:59:00.000Z");
  });

  it("Asia/Kolkata (+05:30) and Asia/Kathmandu (+05:45)", () => {
    expect(
      iso(
        nextDigestAt(makeSub({ time: "07:30", timezone: "Asia/Kolkata" }), new Date("2026-06-01T00:00:00Z")),
      ),
    ).toBe("2026-06-01T02:00:00.000Z");
    expect(
      iso(
        nextDigestAt(
          makeSub({ time: "07:30", timezone: "Asia/Kathmandu" }),
          new Date("2026-06-01T00:00:00Z"),
        ),
      ),
    ).toBe("2026-06-01T01:45:00.000Z");
    expect(
      iso(
        nextDigestAt(
          makeSub({ time: "00:10", timezone: "Asia/Kathmandu" }),
          new Date("2026-06-01T00:00:00Z"),
        ),
      ),
    ).toBe("2026-06-01T18:25:00.000Z");
  });

  it("fixed offsets stored as UTC+05:30 / UTC-03:00", () => {
    expect(
      iso(nextDigestAt(makeSub({ time: "07:30", timezone: "UTC+05:30" }), new Date("2026-06-01T00:00:00Z"))),
    ).toBe("2026-06-01T02:00:00.000Z");
    expect(
      iso(nextDigestAt(makeSub({ time: "22:00", timezone: "UTC-03:00" }), new Date("2026-06-01T00:00:00Z"))),
    ).toBe("2026-06-01T01:00:00.000Z");
  });
});

describe("nextDigestAt: frequency", () => {
  // 2026-11-27 is a Friday.
  it("weekdays skip Saturday and Sunday", () => {
    const sub = makeSub({ frequency: "weekdays", time: "07:00", timezone: "Europe/Berlin" });
    expect(iso(nextDigestAt(sub, new Date("2026-11-27T07:00:00Z")))).toBe("2026-11-30T06:00:00.000Z");
  });

  it("weekly runs on the local weekday, not the UTC one", () => {
    // Monday 00:30 in Tokyo is Sunday 15:30 UTC.
    const sub = makeSub({ frequency: "weekly", weekday: 1, time: "00:30", timezone: "Asia/Tokyo" });
    expect(iso(nextDigestAt(sub, new Date("2026-11-27T00:00:00Z")))).toBe("2026-11-29T15:30:00.000Z");
  });

  it("paused, inactive or unusable subscriptions get nothing", () => {
    const after = new Date("2026-11-27T00:00:00Z");
    expect(nextDigestAt(makeSub({ frequency: "paused" }), after)).toBeNull();
    expect(nextDigestAt(makeSub({ active: false }), after)).toBeNull();
    expect(nextDigestAt(makeSub({ timezone: "Mars/Olympus" }), after)).toBeNull();
    expect(nextDigestAt(makeSub({ time: "25:00" }), after)).toBeNull();
  });
});

describe("instantOfLocalTime", () => {
  it("finds the transition instant for a time inside the gap (America/New_York, 2026-03-08 02:15)", () => {
    const t = instantOfLocalTime(zoneFor("America/New_York")!, 2026, 2, 8, 2, 15);
    expect(new Date(t).toISOString()).toBe("2026-03-08T07:00:00.000Z");
  });
});

describe("selectDueSubscriptions", () => {
  const subs = [
    makeSub({ chatId: 1, time: "07:30", timezone: "Europe/Berlin" }),
    makeSub({ chatId: 2, time: "07:30", timezone: "Europe/Berlin" }),
    makeSub({ chatId: 3, time: "07:31", timezone: "Europe/Berlin" }),
    makeSub({ chatId: 4, time: "07:30", timezone: "Europe/Berlin", frequency: "paused" }),
    makeSub({ chatId: 5, time: "13:00", timezone: "Asia/Kolkata" }),
  ];

  it("a minute tick selects exactly the subscriptions due in (from, to]", () => {
    const due = selectDueSubscriptions(subs, {
      from: new Date("2026-11-26T06:29:00Z"),
      to: new Date("2026-11-26T06:30:00Z"),
    });
    expect(due.map((d) => [d.sub.chatId, d.dueAt.toISOString()])).toEqual([
      [1, "2026-11-26T06:30:00.000Z"],
      [2, "2026-11-26T06:30:00.000Z"],
    ]);
    // The next minute's window has chat 3 only; the instant `from` itself is excluded.
    const next = selectDueSubscriptions(subs, {
      from: new Date("2026-11-26T06:30:00Z"),
      to: new Date("2026-11-26T06:31:00Z"),
    });
    expect(next.map((d) => d.sub.chatId)).toEqual([3]);
  });

  it("a tick that fires late covers the gap, each subscription once", () => {
    const due = selectDueSubscriptions(subs, {
      from: new Date("2026-11-26T06:00:00Z"),
      to: new Date("2026-11-26T08:00:00Z"),
    });
    expect(due.map((d) => [d.sub.chatId, d.dueAt.toISOString()])).toEqual([
      [1, "2026-11-26T06:30:00.000Z"],
      [2, "2026-11-26T06:30:00.000Z"],
      [3, "2026-11-26T06:31:00.000Z"],
      [5, "2026-11-26T07:30:00.000Z"],
    ]);
  });

  it("a window spanning two days picks the latest due instant (one digest covers both)", () => {
    const due = selectDueSubscriptions([subs[0]!], {
      from: new Date("2026-11-25T00:00:00Z"),
      to: new Date("2026-11-26T12:00:00Z"),
    });
    expect(due.map((d) => d.dueAt.toISOString())).toEqual(["2026-11-26T06:30:00.000Z"]);
  });

  it("the same window twice selects the same pairs (the ledger makes the second a no-op)", () => {
    const w = { from: new Date("2026-11-26T06:29:00Z"), to: new Date("2026-11-26T06:30:00Z") };
    expect(selectDueSubscriptions(subs, w)).toEqual(selectDueSubscriptions(subs, w));
  });
});
