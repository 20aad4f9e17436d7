import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeQuery,
  MAX_CLAUSES,
  MAX_PHRASE_WORDS,
  matchExpression,
  parseQuery,
} from "../../../src/search/query.js";

const WORD = /^[\p{L}\p{N}\p{M}\p{Co}]+$/u;

describe("parseQuery", () => {
  it("keeps content words, folds keys and drops stopwords", () => {
    expect(parseQuery("The talks in Türkiye")).toEqual([
      { kind: "word", word: "talks", key: "talks" },
      { kind: "word", word: "türkiye", key: "turkiye" },
    ]);
  });

  it("keeps US, WHO and May, which are also names", () => {
    expect(parseQuery("us who may").map((c) => (c.kind === "word" ? c.key : ""))).toEqual([
      "us",
      "who",
      "may",
    ]);
  });

  it("reads quoted phrases, including typographic quotes, and keeps their stopwords", () => {
    expect(parseQuery('"state of the union" “Khan Younis” rafah')).toEqual([
      { kind: "phrase", words: ["state", "of", "the", "union"] },
      { kind: "phrase", words: ["khan", "younis"] },
      { kind: "word", word: "rafah", key: "rafah" },
    ]);
  });

  it("turns hyphenated chunks into phrases and drops possessive 's", () => {
    expect(parseQuery("al-Sharaa Hamas's Russia’s")).toEqual([
      { kind: "phrase", words: ["al", "sharaa"] },
      { kind: "word", word: "hamas", key: "hamas" },
      { kind: "word", word: "russia", key: "russia" },
    ]);
  });

  it("treats FTS5 and SQL syntax as plain words or punctuation", () => {
    expect(parseQuery("NEAR(gaza hamas) AND -israel* ^rafah col:x %\\ '")).toEqual([
      { kind: "phrase", words: ["near", "gaza"] },
      { kind: "word", word: "hamas", key: "hamas" },
      { kind: "word", word: "israel", key: "israel" },
      { kind: "word", word: "rafah", key: "rafah" },
      { kind: "phrase", words: ["col", "x"] },
    ]);
  });

  it("returns nothing for empty, punctuation-only, emoji-only and stopword-only queries", () => {
    for (const q of ["", "   ", "?!.,;:()[]{}", "🙂🔥👍", "the of and to", '""', "'s"])
      expect(parseQuery(q)).toEqual([]);
  });

  it("keeps Arabic and Cyrillic words", () => {
    expect(parseQuery("غزة Москва")).toEqual([
      { kind: "word", word: "غزة", key: "غزة" },
      { kind: "word", word: "москва", key: "москва" },
    ]);
  });

  it("caps clauses and phrase length on huge input", () => {
    const many = Array.from({ length: 5000 }, (_, i) => `word${i}`).join(" ");
    expect(parseQuery(many).length).toBeLessThanOrEqual(MAX_CLAUSES);
    const phrase = parseQuery(`"${"a b c d e f g h i j k l ".repeat(5)}"`);
    expect(phrase[0]?.kind === "phrase" && phrase[0].words.length).toBe(MAX_PHRASE_WORDS);
  });

  it("only ever yields plain word tokens (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (q) => {
        const clauses = parseQuery(q);
        expect(clauses.length).toBeLessThanOrEqual(MAX_CLAUSES);
        for (const c of clauses) {
          const words = c.kind === "word" ? [c.word] : c.words;
          for (const w of words) expect(w).toMatch(WORD);
        }
      }),
    );
  });
});

describe("matchExpression", () => {
  it("quotes every word and joins groups", () => {
    expect(
      matchExpression(
        [
          { kind: "any", words: ["gaza"] },
          { kind: "any", words: ["netanyahu", "netanyahus"] },
          { kind: "phrase", words: ["khan", "younis"] },
        ],
        "AND",
      ),
    ).toBe('"gaza" AND ("netanyahu" OR "netanyahus") AND "khan younis"');
    expect(matchExpression([{ kind: "any", words: ['a"b'] }], "OR")).toBe('"a""b"');
  });
});

describe("describeQuery", () => {
  it("substitutes corrections and keeps phrases quoted", () => {
    const clauses = parseQuery('gazza "khan younis" hamas');
    expect(describeQuery(clauses, new Map([["gazza", "gaza"]]))).toBe('gaza "khan younis" hamas');
    expect(describeQuery(clauses, new Map([["hamas", ""]]))).toBe('gazza "khan younis"');
  });
});
