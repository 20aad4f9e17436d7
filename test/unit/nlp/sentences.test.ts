import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/nlp/index.js";
import { SEGMENTATION_GOLD } from "./fixtures/segmentation-gold.js";

describe("splitSentences on the hand-labelled gold set", () => {
  for (const c of SEGMENTATION_GOLD) {
    it(c.note, () => {
      expect(splitSentences(c.text)).toEqual(c.sentences);
    });
  }
});

describe("splitSentences", () => {
  it("always ends a sentence at a paragraph break, and at a short heading line", () => {
    expect(
      splitSentences(
        "Russian Military Bases\nBehind the public optics lay protocols.\n\nAs expected, topics were omitted",
      ),
    ).toEqual([
      "Russian Military Bases",
      "Behind the public optics lay protocols.",
      "As expected, topics were omitted",
    ]);
  });

  it("joins a hard-wrapped paragraph", () => {
    const text =
      "Hamas fighters holed up in the Israeli-held Rafah area of Gaza will\nnot surrender to Israel, the group said on Sunday. Mediators are\nworking on a deal.";
    expect(splitSentences(text)).toEqual([
      "Hamas fighters holed up in the Israeli-held Rafah area of Gaza will not surrender to Israel, the group said on Sunday.",
      "Mediators are working on a deal.",
    ]);
  });

  it("splits lower-cased tokenised text too", () => {
    expect(splitSentences("the bishop exposed hundreds . the state issued an advisory .")).toEqual([
      "the bishop exposed hundreds .",
      "the state issued an advisory .",
    ]);
  });

  it("returns nothing for blank input", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences(" \n\n \t")).toEqual([]);
  });

  it("never throws and never loses or adds a visible character (property)", () => {
    const newsy = fc.stringMatching(/^[A-Za-z0-9 .,!?"'“”‘’()\n-]{0,200}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), newsy), (text) => {
        const out = splitSentences(text);
        expect(out.every((s) => s.trim() === s && s !== "")).toBe(true);
        expect(out.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }),
      { numRuns: 500 },
    );
  });
});
