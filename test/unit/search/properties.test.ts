import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { fixtureDocs } from "./fixture.js";
import { seedDocs } from "./seed-docs.js";

const NOW = new Date("2025-11-09T18:00:00Z");
/** Pieces of hostile input: FTS5 operators, SQL and regex metacharacters, scripts, emoji. */
const HOSTILE = [
  '"',
  "'",
  "*",
  "NEAR",
  "NEAR(",
  "AND",
  "OR",
  "NOT",
  "-",
  "(",
  ")",
  ":",
  "^",
  "%",
  "\\",
  ";",
  "--",
  "/*",
  "{title}",
  "col:",
  "DROP TABLE docs;",
  "' OR 1=1 --",
  ".*",
  "[a-z]+",
  "$",
  "|",
  "\u0000",
  "\uFFFF",
  "غزة",
  "Москва",
  "🙂",
  "👨‍👩‍👧",
  "Türkiye",
  "gaza",
  "hamas",
  "the",
  " ",
  "\n",
  "\t",
]; // prettier-ignore

describe("no query input throws, and pages respect their limits", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await openSearchIndex({ path: ":memory:" });
    await index.upsert([...seedDocs(), ...fixtureDocs(60)]);
  });
  afterAll(() => index.close());

  const check = async (query: string, limit?: number, offset?: number) => {
    const result = await index.search(query, { now: NOW, limit, offset });
    expect(Array.isArray(result.hits)).toBe(true);
    const cap =
      limit === undefined || Number.isNaN(limit) ? 10 : Math.max(0, Math.min(Math.floor(limit), 100));
    expect(result.hits.length).toBeLessThanOrEqual(cap);
    expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
    expect(new Set(result.hits.map((h) => h.id)).size).toBe(result.hits.length);
  };

  it("handles the listed bad inputs", async () => {
    const cases = [
      "",
      "   ",
      "a".repeat(10_000),
      "the of and",
      "?!.,;:",
      "🙂🙂🙂",
      "غزة",
      "Москва",
      '"',
      '""',
      '"unclosed',
      "NEAR(gaza hamas, 2)",
      "gaza AND hamas",
      "-gaza",
      "gaza*",
      "^gaza",
      "title:gaza",
      "(((",
      "%",
      "\\",
      "'",
      "' OR 1=1 --",
      "gaza\u0000hamas",
      `${"gaza ".repeat(3000)}`,
    ]; // prettier-ignore
    for (const q of cases) await check(q);
  });

  it("treats a 10,000-character query quickly and as its first words", async () => {
    const huge = `hamas ${"x".repeat(10_000)}`;
    expect((await index.search(huge, { now: NOW })).hits.map((h) => h.id).sort()).toEqual([
      "seed-3",
      "seed-4",
    ]);
  });

  it("never throws on arbitrary unicode strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (q) => check(q)),
      { numRuns: 150 },
    );
  });

  it("never throws on mixes of metacharacters and words, with any limit and offset", async () => {
    const query = fc.array(fc.constantFrom(...HOSTILE), { maxLength: 12 }).map((parts) => parts.join(""));
    const number = fc.oneof(
      fc.integer({ min: -5, max: 500 }),
      fc.constant(Number.NaN),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(query, number, number, async (q, limit, offset) => check(q, limit, offset)),
      { numRuns: 200 },
    );
  });

  it("never throws on odd topic ids and page options", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.integer({ min: -3, max: 300 }),
        async (topic, n) => {
          const page = await index.topicArticles(topic, { limit: n, offset: n });
          expect(page.ids.length).toBeLessThanOrEqual(Math.max(0, Math.min(n, 100)));
          await check("gaza", n, n);
          await index.search("gaza", { topic, now: NOW });
        },
      ),
      { numRuns: 60 },
    );
  });
});
