/**
 * Turns what a reader typed into a bounded list of clauses, and clauses into an FTS5 MATCH
 * expression. Every word reaches FTS5 inside double quotes, so operators and metacharacters
 * (AND, NEAR, *, ^, :, -, parentheses) are always plain text. Pure.
 */
import { fold, STOPWORDS, tokens } from "./text.js";

/** Characters of a query that are read; the rest is ignored (no slow path on huge input). */
export const MAX_QUERY_CHARS = 256;
/** Clauses (words or phrases) kept from one query. */
export const MAX_CLAUSES = 8;
/** Words kept in one phrase. */
export const MAX_PHRASE_WORDS = 8;

/**
 * One unit of a query. A `word` may later be replaced by alternatives (prefix completions or a
 * typo correction); a `phrase` ("quoted words", or a hyphenated/apostrophised chunk such as
 * al-Sharaa) must match as consecutive words.
 */
export type Clause = { kind: "word"; word: string; key: string } | { kind: "phrase"; words: string[] };

const QUOTES = '"“”„«»';
/** A quoted phrase, or a run of non-space characters, in reading order. */
const PIECE = new RegExp(`[${QUOTES}]([^${QUOTES}]*)[${QUOTES}]|\\S+`, "gu");
const POSSESSIVE = /['’`]s(?=[^\p{L}\p{N}]*$)/iu;

/** Parses a free-text query. Stopwords are dropped outside phrases; the result is capped. */
export function parseQuery(raw: string): Clause[] {
  const clauses: Clause[] = [];
  const seen = new Set<string>();
  const push = (clause: Clause) => {
    const key = clause.kind === "word" ? clause.key : `"${clause.words.join(" ")}"`;
    if (!seen.has(key)) {
      seen.add(key);
      clauses.push(clause);
    }
  };
  for (const piece of raw.slice(0, MAX_QUERY_CHARS).matchAll(PIECE)) {
    if (clauses.length >= MAX_CLAUSES) break;
    const quoted = piece[1];
    // A possessive is the word itself: "Hamas's" searches for hamas, not the phrase "hamas s".
    const words = tokens(quoted ?? piece[0].replace(POSSESSIVE, "")).slice(0, MAX_PHRASE_WORDS);
    const [first] = words;
    if (first === undefined) continue;
    if (words.length > 1) {
      // Quoted phrases keep their stopwords; an unquoted chunk of only stopwords ("it's") is noise.
      if (quoted !== undefined || !words.every((w) => STOPWORDS.has(fold(w))))
        push({ kind: "phrase", words });
    } else {
      const key = fold(first);
      if (quoted !== undefined || !STOPWORDS.has(key)) push({ kind: "word", word: first, key });
    }
  }
  return clauses;
}

/** A clause ready for FTS5: a phrase, or a set of alternative words (any one may match). */
export type MatchGroup = { kind: "phrase"; words: string[] } | { kind: "any"; words: string[] };

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** The FTS5 MATCH expression of groups joined by AND or OR; empty string for no groups. */
export function matchExpression(groups: readonly MatchGroup[], op: "AND" | "OR"): string {
  return groups
    .map((g) => {
      if (g.kind === "phrase") return quote(g.words.join(" "));
      const alternatives = g.words.map(quote);
      return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" OR ")})`;
    })
    .join(` ${op} `);
}

/**
 * The clauses as searched, for "showing results for …": corrected words substituted, words
 * mapped to "" (dropped) left out, phrases quoted.
 */
export function describeQuery(clauses: readonly Clause[], corrections: ReadonlyMap<string, string>): string {
  return clauses
    .map((c) => (c.kind === "word" ? (corrections.get(c.key) ?? c.word) : `"${c.words.join(" ")}"`))
    .filter((text) => text !== "")
    .join(" ");
}
