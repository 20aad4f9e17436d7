import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DedupeIndex, NEAR_DUPLICATE_BITS } from "../../../src/ingest/dedupe.js";
import { articleId, contentHash, hammingDistance, simhash } from "../../../src/ingest/fingerprint.js";

// The body of the seed's Rafah article (about 450 words): real text of a real length.
const SEED = fs.readFileSync(
  new URL("../../../content/asharq-al-awsat-2025-11-09.txt", import.meta.url),
  "utf8",
);
const STORY = SEED.slice(
  SEED.indexOf("Hamas fighters holed up in the Israeli-held"),
  SEED.indexOf("Israel Receives Body of a Hostage"),
).trim();

describe("articleId", () => {
  it("is stable and ignores case, punctuation and spacing of the headline", () => {
    const a = articleId({ url: null, source: "AP", title: "Hamas Says Fighters Will Not Surrender" });
    const b = articleId({ url: null, source: "ap ", title: "hamas says   fighters will not surrender!" });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
  it("prefers the URL and drops tracking parameters and fragments", () => {
    const a = articleId({ url: "https://x.com/a/1?utm=2#top", source: "A", title: "One" });
    const b = articleId({ url: "https://x.com/a/1/", source: "B", title: "Two" });
    expect(a).toBe(b);
  });
  it("separates different sources and different headlines", () => {
    const base = { url: null, title: "Same headline" };
    expect(articleId({ ...base, source: "A" })).not.toBe(articleId({ ...base, source: "B" }));
    expect(articleId({ url: null, source: "A", title: "Other" })).not.toBe(
      articleId({ ...base, source: "A" }),
    );
  });
});

describe("contentHash and simhash", () => {
  it("contentHash ignores whitespace, case and punctuation but not words", () => {
    expect(contentHash("T", STORY)).toBe(
      contentHash("t", STORY.replace(/ /g, "  ").toUpperCase().replace(/, /g, " ")),
    );
    expect(contentHash("T", STORY)).not.toBe(contentHash("T", STORY.replace("Sunday", "Monday")));
  });
  it("a one-word edit stays within the near-duplicate distance; another story does not", () => {
    const edited = STORY.replace("Thursday", "Friday");
    expect(hammingDistance(simhash(STORY), simhash(edited))).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
    const other =
      "Russian President Vladimir Putin welcomed Syrian President Ahmed al-Sharaa at the Kremlin, where the two leaders discussed military bases, debts and reconstruction of energy and transport infrastructure in Syria after years of war.";
    expect(hammingDistance(simhash(STORY), simhash(other))).toBeGreaterThan(10);
  });
  it("simhash is 16 hex chars for any text, and hamming distance is a metric", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ha = simhash(a);
        const hb = simhash(b);
        expect(ha).toMatch(/^[0-9a-f]{16}$/);
        expect(hammingDistance(ha, ha)).toBe(0);
        expect(hammingDistance(ha, hb)).toBe(hammingDistance(hb, ha));
        expect(hammingDistance(ha, hb)).toBeLessThanOrEqual(64);
      }),
    );
  });
});

describe("DedupeIndex", () => {
  const print = (id: string, text: string, file = "a.txt") => ({
    id,
    contentHash: contentHash("", text),
    simhash: simhash(text),
    file,
  });

  it("finds exact and near duplicates but not itself or other stories", () => {
    const index = new DedupeIndex();
    index.add(print("one", STORY));
    expect(index.findDuplicate(print("x", STORY))).toBe("one");
    expect(index.findDuplicate(print("x", STORY.replace("Thursday", "Friday")))).toBe("one");
    expect(index.findDuplicate(print("one", STORY), "one")).toBeUndefined();
    expect(
      index.findDuplicate(
        print("x", "A completely different story about the weather in Oslo today and tomorrow."),
      ),
    ).toBeUndefined();
  });

  it("forgets removed and replaced fingerprints", () => {
    const index = new DedupeIndex();
    index.add(print("one", STORY));
    index.add(
      print("one", "Now the article says something else entirely, about football results in Madrid."),
    );
    expect(index.findDuplicate(print("x", STORY))).toBeUndefined();
    index.remove("one");
    expect(index.size).toBe(0);
  });

  it("finds every stored hash within the distance, whatever bits differ (band pigeonhole)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: NEAR_DUPLICATE_BITS }),
        (value, bits) => {
          const hex = (v: bigint) => v.toString(16).padStart(16, "0");
          let flipped = value;
          for (const b of bits) flipped ^= 1n << BigInt(b);
          const index = new DedupeIndex();
          index.add({ id: "stored", contentHash: "h1", simhash: hex(value), file: "f" });
          expect(index.findDuplicate({ contentHash: "h2", simhash: hex(flipped) })).toBe("stored");
        },
      ),
    );
  });
});
