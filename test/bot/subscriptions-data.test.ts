/** The "sub" callback codec and topic-argument parsing: round trips, limits, and hostile input. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byteLength, decodeCallback } from "../../src/bot/callback-data.js";
import {
  decodeSubAction,
  digestButtonData,
  encodeSubAction,
  type SubAction,
} from "../../src/bot/features/subscriptions/data.js";
import { resolveTopics, suggestTopics } from "../../src/bot/features/subscriptions/topics-input.js";
import { createTopicDirectory } from "../../src/nlp/index.js";

const actions = fc.oneof(
  fc.constant<SubAction>({ kind: "start" }),
  fc.constant<SubAction>({ kind: "all" }),
  fc.stringMatching(/^[a-z0-9-]{1,48}$/).map((topic): SubAction => ({ kind: "add", topic })),
  fc.stringMatching(/^[a-z0-9-]{1,48}$/).map((topic): SubAction => ({ kind: "drop", topic })),
  fc
    .record({ offset: fc.integer({ min: 0, max: 9999 }), scheduled: fc.boolean() })
    .map((a): SubAction => ({ kind: "more", ...a })),
  fc
    .constantFrom("main", "time", "zone", "topics", "freq", "day", "size")
    .map((view): SubAction => ({ kind: "view", view })),
  fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(
    ({ h, m }): SubAction => ({
      kind: "time",
      time: `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`,
    }),
  ),
  fc
    .constantFrom("UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC+05:45")
    .map((zone): SubAction => ({ kind: "zone", zone })),
  fc
    .constantFrom("daily", "weekdays", "weekly", "paused")
    .map((frequency): SubAction => ({ kind: "freq", frequency })),
  fc.integer({ min: 1, max: 7 }).map((day): SubAction => ({ kind: "day", day })),
  fc.integer({ min: 1, max: 99 }).map((size): SubAction => ({ kind: "size", size })),
  fc.boolean().map((on): SubAction => ({ kind: "empty", on })),
);

describe("sub callback data", () => {
  it("every action round-trips within Telegram's 64 bytes, in the codec's extension namespace", () => {
    fc.assert(
      fc.property(actions, (action) => {
        const data = encodeSubAction(action);
        expect(data).toBeDefined();
        expect(byteLength(data!)).toBeLessThanOrEqual(64);
        expect(decodeCallback(data)).toMatchObject({ kind: "ext", ns: "sub" });
        expect(decodeSubAction(data)).toEqual(action);
      }),
    );
  });

  it("decoding never throws, and only accepts what encoding produces", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `1:sub:${s}`),
        ),
        (data) => {
          const action = decodeSubAction(data);
          if (action !== null) expect(encodeSubAction(action)).toBe(data);
        },
      ),
    );
    for (const data of [
      "1:sub:t:2400",
      "1:sub:s:0",
      "1:sub:w:0",
      "1:sub:f:hourly",
      "1:sub:add:",
      "2:sub:start",
      "1:subx:start",
    ]) {
      expect(decodeSubAction(data)).toBeNull();
    }
  });

  it("digest buttons open the reader bot's article card; ids that cannot be encoded become a no-op", () => {
    const data = digestButtonData(true);
    expect(data.article("seed-1")).toBe("1:a:seed-1");
    expect(data.article("x".repeat(80))).toBe("1:n");
    expect(data.more(10)).toBe("1:sub:m:10");
    expect(digestButtonData(false).more(10)).toBe("1:sub:p:10");
  });
});

describe("topic arguments", () => {
  const directory = createTopicDirectory([]);
  for (const [id, name, kind] of [
    ["gaza", "Gaza", "place"],
    ["saudi-arabia", "Saudi Arabia", "place"],
    ["ahmed-al-sharaa", "Ahmed al-Sharaa", "person"],
    ["hamas", "Hamas", "organization"],
  ] as const) {
    directory.add({ id, name, kind, weight: 1 });
  }

  it("multi-word names without quotes, commas when given, surnames and other forms, each topic once", () => {
    expect(resolveTopics("saudi arabia gaza", directory)).toEqual({
      found: [expect.objectContaining({ id: "saudi-arabia" }), expect.objectContaining({ id: "gaza" })],
      unknown: [],
    });
    const r = resolveTopics("Sharaa, the Saudis, GAZA, gaza, Narnia", directory);
    expect(r.found.map((t) => t.id)).toEqual(["ahmed-al-sharaa", "saudi-arabia", "gaza"]);
    expect(r.unknown).toEqual(["Narnia"]);
    expect(resolveTopics("gazza hamaz", directory).unknown).toEqual(["gazza", "hamaz"]);
    expect(suggestTopics(["gazza", "hamaz"], directory).map((t) => t.id)).toEqual(["gaza", "hamas"]);
  });

  it("never throws on arbitrary text and bounds what it returns", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = resolveTopics(text, directory);
        expect(r.found.length).toBeLessThanOrEqual(12);
        expect(r.unknown.length).toBeLessThanOrEqual(12);
      }),
    );
  });
});
