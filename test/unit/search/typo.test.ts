import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deleteKeys, editDistance, maxTypoDistance, pickCorrection } from "../../../src/search/typo.js";

/** Reference optimal-string-alignment distance, no cut-off. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions as one edit", () => {
    expect(editDistance("gazza", "gaza", 2)).toBe(1);
    expect(editDistance("hamass", "hamas", 2)).toBe(1);
    expect(editDistance("netanyhu", "netanyahu", 2)).toBe(1);
    expect(editDistance("isreal", "israel", 2)).toBe(1);
    expect(editDistance("chelsae", "chelsea", 2)).toBe(1);
    expect(editDistance("assad", "ambassador", 2)).toBe(3);
  });

  it("agrees with the reference up to the cut-off (property)", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 8 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(osa(a, b), max + 1));
        expect(editDistance(a, b, max)).toBe(editDistance(b, a, max));
      }),
    );
  });
});

describe("deleteKeys", () => {
  it("holds the word and its deletions of at least three letters", () => {
    expect([...deleteKeys("gaza", 1)].sort()).toEqual(["aza", "gaa", "gaz", "gaza", "gza"]);
    expect([...deleteKeys("abc", 2)]).toEqual(["abc"]);
  });

  it("finds the symmetric-delete key that links a typo to its word (property)", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcdefghij"), minLength: 5, maxLength: 10 });
    fc.assert(
      fc.property(word, fc.nat(), (w, at) => {
        const i = at % w.length;
        const typo = w.slice(0, i) + w.slice(i + 1); // one letter missing
        const stored = deleteKeys(w, 1);
        expect([...deleteKeys(typo, maxTypoDistance(typo.length))].some((k) => stored.has(k))).toBe(true);
      }),
    );
  });
});

describe("pickCorrection", () => {
  it("prefers the closest word, then the most frequent, then alphabetical order", () => {
    const candidates = [
      { term: "gaza", df: 10 },
      { term: "gazan", df: 50 },
      { term: "gauze", df: 900 },
    ];
    expect(pickCorrection("gazza", candidates)).toBe("gaza");
    expect(
      pickCorrection("gazx", [
        { term: "gaza", df: 3 },
        { term: "gazo", df: 9 },
      ]),
    ).toBe("gazo");
    expect(
      pickCorrection("gazx", [
        { term: "gazo", df: 3 },
        { term: "gaza", df: 3 },
      ]),
    ).toBe("gaza");
  });

  it("never corrects short words or to words too far away", () => {
    expect(pickCorrection("gaz", [{ term: "gas", df: 100 }])).toBeUndefined();
    expect(pickCorrection("assad", [{ term: "ambassador", df: 100 }])).toBeUndefined();
    expect(maxTypoDistance(3)).toBe(0);
    expect(maxTypoDistance(5)).toBe(1);
    expect(maxTypoDistance(9)).toBe(2);
  });
});
