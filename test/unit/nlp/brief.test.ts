import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BriefArticle } from "../../../src/nlp/index.js";
import { countWords, topicBrief } from "../../../src/nlp/index.js";

const wire = (id: string, published: string, simhash?: string): BriefArticle => ({
  id,
  title: "Hamas says fighters in Rafah will not surrender",
  published,
  ...(simhash ? { simhash } : {}),
  sentences: [
    {
      text: "Hamas fighters holed up in Rafah will not surrender to Israel, the group said on Sunday.",
      score: 1,
    },
    {
      text: "Egyptian mediators have proposed safe passage in exchange for the fighters' weapons.",
      score: 0.7,
    },
    { text: "He said the talks would continue.", score: 0.6 },
  ],
});

const goldin: BriefArticle = {
  id: "goldin",
  title: "Israel receives body of soldier Hadar Goldin",
  published: "2025-11-09T12:00:00Z",
  sentences: [
    {
      text: "Israel on Sunday received the remains of soldier Hadar Goldin, held in Gaza since 2014.",
      score: 1,
    },
    {
      text: "Prime Minister Benjamin Netanyahu said the family could now give him a Jewish burial.",
      score: 0.8,
    },
  ],
};

describe("topicBrief", () => {
  it("tells a story carried by several articles once, and covers every story first", () => {
    const brief = topicBrief(
      [
        wire("a", "2025-11-09T08:00:00Z", "ffff0000ffff0000"),
        wire("b", "2025-11-09T09:00:00Z", "ffff0000ffff0001"),
        goldin,
      ],
      {
        sentences: 2,
      },
    );
    expect(brief).toHaveLength(2);
    expect(brief.map((s) => s.articleId).sort()).toEqual(["b", "goldin"]);
    const texts = brief.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("never repeats a sentence and attributes each to its article", () => {
    const brief = topicBrief([wire("a", "2025-11-09T08:00:00Z"), wire("b", "2025-11-09T09:00:00Z"), goldin], {
      sentences: 10,
    });
    const texts = brief.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const s of brief) {
      const source = [wire("a", ""), wire("b", ""), goldin].find((a) => a.id === s.articleId);
      expect(source?.sentences.map((x) => x.text)).toContain(s.text);
    }
    expect(texts).not.toContain("He said the talks would continue.");
  });

  it("keeps to a word budget and returns nothing for no articles", () => {
    const brief = topicBrief([wire("a", "2025-11-09T08:00:00Z"), goldin], { words: 20 });
    expect(brief.reduce((n, s) => n + countWords(s.text), 0)).toBeLessThanOrEqual(20);
    expect(topicBrief([])).toEqual([]);
  });

  it("is deterministic, never throws and keeps to its budget (property)", () => {
    const article = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      title: fc.string({ maxLength: 30 }),
      published: fc.option(fc.constantFrom("2025-11-08T00:00:00Z", "2025-11-09T00:00:00Z"), { nil: null }),
      simhash: fc.option(fc.stringMatching(/^[0-9a-f]{16}$/), { nil: undefined }),
      sentences: fc.array(
        fc.record({ text: fc.string({ maxLength: 60 }), score: fc.double({ min: -1, max: 2, noNaN: true }) }),
        {
          maxLength: 6,
        },
      ),
    });
    fc.assert(
      fc.property(fc.array(article, { maxLength: 6 }), fc.integer({ min: 0, max: 6 }), (arts, n) => {
        const clean = arts.map((a) =>
          a.simhash === undefined ? { ...a, simhash: undefined } : a,
        ) as BriefArticle[];
        const brief = topicBrief(clean, { sentences: n });
        expect(brief.length).toBeLessThanOrEqual(n);
        expect(topicBrief(clean, { sentences: n })).toEqual(brief);
      }),
      { numRuns: 200 },
    );
  });
});
