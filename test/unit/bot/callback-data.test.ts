import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  byteLength,
  type CallbackAction,
  decodeCallback,
  encodeCallback,
  extensionPattern,
  tryEncodeCallback,
} from "../../../src/bot/callback-data.js";
import { MAX_QUERY_BYTES, prepareQuery } from "../../../src/bot/query.js";

const offset = fc.integer({ min: 0, max: 99_999 });
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 });
const action: fc.Arbitrary<CallbackAction> = fc.oneof(
  fc.record({ kind: fc.constant("latest" as const), offset, edit: fc.boolean() }),
  fc.constant({ kind: "topics" as const }),
  fc.record({ kind: fc.constant("topic" as const), topic: text, offset, edit: fc.boolean() }),
  fc.record({ kind: fc.constant("search" as const), query: text, offset }),
  fc.record({ kind: fc.constant("article" as const), id }),
  fc.record({ kind: fc.constant("card" as const), id }),
  fc.record({ kind: fc.constant("fulltext" as const), id, page: offset }),
  fc.constant({ kind: "noop" as const }),
  fc.record({
    kind: fc.constant("ext" as const),
    ns: fc.stringMatching(/^[a-z]{2,8}$/),
    payload: fc.string({ maxLength: 40 }),
  }),
);

describe("callback data codec", () => {
  it("is compact and versioned", () => {
    expect(encodeCallback({ kind: "topic", topic: "gaza", offset: 5, edit: true })).toBe("1:t:5:gaza");
    expect(encodeCallback({ kind: "fulltext", id: "0123456789abcdef", page: 2 })).toBe(
      "1:f:2:0123456789abcdef",
    );
    expect(encodeCallback({ kind: "ext", ns: "sub", payload: "start" })).toBe("1:sub:start");
    expect(decodeCallback("2:t:5:gaza")).toBeNull();
  });

  it("round-trips every action that fits in 64 bytes (property)", () => {
    fc.assert(
      fc.property(action, (a) => {
        const data = tryEncodeCallback(a);
        if (data === undefined) return;
        expect(byteLength(data)).toBeLessThanOrEqual(64);
        expect(decodeCallback(data)).toEqual(a);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on arbitrary input and returns null or a re-encodable action (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.integer(), fc.constant(null)),
        (data) => {
          const a = decodeCallback(data);
          if (a !== null) expect(encodeCallback(a)).toBe(data);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("rejects tampering: bad offsets, ids, versions and over-long data", () => {
    for (const bad of [
      "",
      "1",
      "1:",
      "1:l:-1",
      "1:l:007",
      "1:l:100000",
      "1:a:../x",
      "1:a:",
      "1:f:x:a1",
      "1:T:extra",
      "1:z",
      "1:s:0:",
      `1:${"a".repeat(70)}`,
    ]) {
      expect(decodeCallback(bad), bad).toBeNull();
    }
    expect(
      tryEncodeCallback({ kind: "topic", topic: "x".repeat(60), offset: 0, edit: false }),
    ).toBeUndefined();
    expect(() => encodeCallback({ kind: "article", id: "bad id" })).toThrow(RangeError);
  });

  it("gives extensions their own namespace", () => {
    expect(extensionPattern("sub").test("1:sub:time:08:00")).toBe(true);
    expect(extensionPattern("sub").test("1:s:0:sub")).toBe(false);
    expect(() => extensionPattern("s")).toThrow(RangeError);
  });
});

describe("prepareQuery", () => {
  it("fits any typed text into a paging button, cut at words (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (raw) => {
        const { query } = prepareQuery(raw);
        expect(byteLength(query)).toBeLessThanOrEqual(MAX_QUERY_BYTES);
        if (query) expect(tryEncodeCallback({ kind: "search", query, offset: 99_999 })).toBeDefined();
      }),
    );
    expect(prepareQuery("  gaza \u0000 truce  ")).toEqual({ query: "gaza truce", truncated: false });
    const long = prepareQuery("word ".repeat(100));
    expect(long.truncated).toBe(true);
    expect(long.query).toMatch(/^(word )+word$/);
  });
});
