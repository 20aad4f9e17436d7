import { describe, expect, it } from "vitest";
import { lcsIndices, rouge, rougeLsum, rougeTokens } from "../../../src/nlp/rouge.js";

describe("ROUGE against hand-computed values", () => {
  it("tokenises like rouge-score: lower case, alphanumerics, Porter stems only above 3 characters", () => {
    expect(rougeTokens("Running runners ran, U.S.-led!")).toEqual(["run", "runner", "ran", "u", "s", "led"]);
  });

  it("ROUGE-1/2/L of one sentence pair", () => {
    const s = rouge(["the cat sat on the mat"], ["the cat lay on the mat"]);
    expect(s.rouge1.f1).toBeCloseTo(5 / 6, 10);
    expect(s.rouge2.precision).toBeCloseTo(3 / 5, 10);
    expect(s.rouge2.f1).toBeCloseTo(3 / 5, 10);
    expect(s.rougeL.f1).toBeCloseTo(5 / 6, 10);
  });

  it("clips repeated n-grams", () => {
    const s = rouge(["the the the the"], ["the cat"]);
    expect(s.rouge1.precision).toBeCloseTo(1 / 4, 10);
    expect(s.rouge1.recall).toBeCloseTo(1 / 2, 10);
    expect(s.rouge1.f1).toBeCloseTo(1 / 3, 10);
  });

  it("summary-level L takes the union LCS over candidate sentences", () => {
    // r1 "a b c d" meets "a b" in c1 and "c d" in c2; r2 "e f g" meets "e" and "f": 6 hits of 7.
    const s = rougeLsum(
      [
        ["a", "b", "x", "e"],
        ["c", "d", "f"],
      ],
      [
        ["a", "b", "c", "d"],
        ["e", "f", "g"],
      ],
    );
    expect(s.precision).toBeCloseTo(6 / 7, 10);
    expect(s.recall).toBeCloseTo(6 / 7, 10);
  });

  it("backtracks one LCS as indices into the reference", () => {
    expect(lcsIndices(["a", "b", "c", "d"], ["b", "d"])).toEqual([1, 3]);
    expect(lcsIndices(["a"], ["b"])).toEqual([]);
  });

  it("scores empty summaries as zero", () => {
    const s = rouge([], ["a reference"]);
    expect(s.rouge1.f1).toBe(0);
    expect(s.rougeL.f1).toBe(0);
  });
});
