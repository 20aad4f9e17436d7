import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countWords, summarize } from "../../../src/nlp/index.js";

const STORY = [
  "GAZA (Reuters) - Hamas fighters holed up in the Rafah area of Gaza will not surrender to Israel, the group's armed wing said on Sunday.",
  "Sources close to mediation efforts told Reuters that fighters could surrender their arms in exchange for passage to other areas.",
  "Egyptian mediators have proposed that fighters still in Rafah surrender their arms to Egypt.",
  "He said the proposal was still under discussion.",
  "The ceasefire took effect on October 10 after two years of war in Gaza.",
  "Hamas fighters holed up in the Rafah area of Gaza will not surrender to Israel, the armed wing said.",
].join(" ");

describe("summarize", () => {
  it("takes the lead, strips the dateline and keeps article order", () => {
    const out = summarize({ title: "Hamas says fighters in Rafah will not surrender", text: STORY });
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(
      "Hamas fighters holed up in the Rafah area of Gaza will not surrender to Israel, the group's armed wing said on Sunday.",
    );
    const positions = out.map((s) => STORY.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("never picks two sentences that say the same thing", () => {
    const out = summarize({ title: "", text: STORY }, { sentences: 6 });
    const repeats = out.filter((s) => s.startsWith("Hamas fighters holed up"));
    expect(repeats).toHaveLength(1);
  });

  it("takes a sentence that leans on the one before only together with it", () => {
    const out = summarize({ title: "", text: STORY }, { sentences: 6 });
    const i = out.indexOf("He said the proposal was still under discussion.");
    if (i >= 0)
      expect(out[i - 1]).toBe(
        "Egyptian mediators have proposed that fighters still in Rafah surrender their arms to Egypt.",
      );
    const text = [
      "The city council approved a new budget on Tuesday after months of debate over school funding.",
      "The mayor called the vote a turning point for the district and promised more teachers.",
      "Critics said the plan relied on optimistic revenue forecasts that might not hold.",
      "He added that the council would revisit the numbers in the spring if tax receipts fell short.",
    ].join(" ");
    for (const sentences of [1, 2, 3]) {
      const picked = summarize({ title: "", text }, { sentences });
      const j = picked.findIndex((s) => s.startsWith("He added"));
      if (j >= 0) expect(picked[j - 1]).toMatch(/^Critics said/);
    }
  });

  it("keeps to a word budget, cutting one sentence only when none fits", () => {
    const out = summarize({ title: "", text: STORY }, { words: 30 });
    expect(out.reduce((n, s) => n + countWords(s), 0)).toBeLessThanOrEqual(30);
    expect(out.length).toBeGreaterThan(0);
    const tiny = summarize({ title: "", text: STORY }, { words: 5 });
    expect(tiny).toEqual(["Hamas fighters holed up in…"]);
  });

  it("skips headings and captions given as lines and paragraphs", () => {
    const text = [
      "Displaced Palestinians walk among the ruins in Khan Younis, Gaza Strip, Saturday. (AP)",
      "",
      "Hamas fighters in Rafah will not surrender, the group said on Sunday, urging mediators to act.",
      "",
      "What Comes Next",
      "",
      "Mediators have proposed safe passage for the fighters in exchange for their weapons.",
    ].join("\n");
    expect(summarize({ title: "Hamas fighters will not surrender", text })).toEqual([
      "Hamas fighters in Rafah will not surrender, the group said on Sunday, urging mediators to act.",
      "Mediators have proposed safe passage for the fighters in exchange for their weapons.",
    ]);
  });

  it("returns nothing for an empty body or a zero budget", () => {
    expect(summarize({ title: "Headline", text: "" })).toEqual([]);
    expect(summarize({ title: "", text: STORY }, { sentences: 0 })).toEqual([]);
  });
});

describe("summarize properties", () => {
  const sentence = fc
    .array(
      fc.constantFrom(
        "the",
        "council",
        "said",
        "Gaza",
        "vote",
        "on",
        "Monday",
        "He",
        "But",
        "2.5%",
        "U.S.",
        '"',
        "(AP)",
      ),
      {
        minLength: 1,
        maxLength: 14,
      },
    )
    .map((w) => `${w.join(" ")}.`);
  const article = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: "binary", maxLength: 400 }),
    fc.array(sentence, { maxLength: 25 }).map((s) => s.join(" ")),
    fc.array(sentence, { maxLength: 25 }).map((s) => s.join("\n\n")),
  );
  const budget: fc.Arbitrary<{ sentences?: number; words?: number }> = fc.oneof(
    fc.record({ sentences: fc.integer({ min: 0, max: 8 }) }),
    fc.record({ words: fc.integer({ min: 0, max: 80 }) }),
    fc.record({ sentences: fc.integer({ min: 1, max: 5 }), words: fc.integer({ min: 1, max: 60 }) }),
  );

  it("never throws, never exceeds the budget and is deterministic", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), article, budget, (title, text, b) => {
        const out = summarize({ title, text }, b);
        if (b.sentences !== undefined) expect(out.length).toBeLessThanOrEqual(b.sentences);
        if (b.words !== undefined)
          expect(out.reduce((n, s) => n + countWords(s), 0)).toBeLessThanOrEqual(b.words);
        expect(summarize({ title, text }, b)).toEqual(out);
      }),
      { numRuns: 400 },
    );
  });

  it("with a sentence budget, returns sentences found verbatim in the text", () => {
    fc.assert(
      fc.property(article, (text) => {
        const flat = text.replace(/\s+/g, " ");
        for (const s of summarize({ title: "", text })) expect(flat).toContain(s);
      }),
      { numRuns: 300 },
    );
  });
});
