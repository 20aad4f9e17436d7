/**
 * Free-text search. The query runs as typed first (all words required); only when that finds
 * nothing are its words diagnosed: a word the index lacks is completed as a prefix ("netan" →
 * netanyahu) or corrected as a typo ("gazza" → gaza), a word nothing can rescue is dropped
 * (corrections and drops are reported in `corrected`), and if all words together still match
 * nothing, any of them may match. So correct queries pay for one statement, and correction never
 * hides an exact match.
 */
import type { Db } from "./db.js";
import { type Clause, describeQuery, type MatchGroup, matchExpression, parseQuery } from "./query.js";
import { type RankedPage, type RankingConfig, rankMatches } from "./ranking.js";
import type { SearchOptions, SearchResult } from "./types.js";
import { type Candidate, deleteKeys, maxTypoDistance, pickCorrection } from "./typo.js";

/** Completions tried for a word the index lacks. */
const MAX_COMPLETIONS = 5;
/** Shortest word completed as a prefix. */
const MIN_PREFIX_LENGTH = 3;
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/** Runs a search; never throws on odd input (only on a broken database). */
export async function searchIndex(
  db: Db,
  config: RankingConfig,
  query: string,
  options: SearchOptions,
  nowSeconds: number,
): Promise<SearchResult> {
  const limit = clampInt(options.limit, DEFAULT_LIMIT, 0, MAX_LIMIT);
  const offset = clampInt(options.offset, 0, 0, config.window);
  const clauses = parseQuery(typeof query === "string" ? query : "");
  if (clauses.length === 0) return { hits: [], total: 0 };
  const run = (groups: MatchGroup[], op: "AND" | "OR"): Promise<RankedPage> =>
    rankMatches(db, config, {
      match: matchExpression(groups, op),
      topic: options.topic,
      nowSeconds,
      limit,
      offset,
    });

  const exact = await run(clauses.map(asGroup), "AND");
  if (exact.total > 0) return exact;

  const repaired = await repair(db, clauses, options.topic === undefined);
  if (repaired.groups.length === 0) return { hits: [], total: 0 };
  let result = repaired.changed ? await run(repaired.groups, "AND") : exact;
  if (result.total === 0 && repaired.groups.length > 1) result = await run(repaired.groups, "OR");
  if (repaired.corrections.size > 0 && result.total > 0) {
    return { ...result, corrected: describeQuery(clauses, repaired.corrections) };
  }
  return result;
}

function asGroup(clause: Clause): MatchGroup {
  return clause.kind === "word" ? { kind: "any", words: [clause.word] } : clause;
}

interface Repaired {
  groups: MatchGroup[];
  corrections: Map<string, string>;
  changed: boolean;
}

/**
 * Replaces the words the index lacks by completions or a correction, or drops them.
 * `unfiltered`: the failed query had no topic filter, so a lone word that matched nothing is
 * known to be missing from the whole index and need not be looked up.
 */
async function repair(db: Db, clauses: readonly Clause[], unfiltered: boolean): Promise<Repaired> {
  const only = clauses.length === 1 ? clauses[0] : undefined;
  const present =
    unfiltered && only?.kind === "word"
      ? new Set<string>()
      : await presentWords(
          db,
          clauses.flatMap((c) => (c.kind === "word" ? [c.word] : [])),
        );
  const result: Repaired = { groups: [], corrections: new Map(), changed: false };
  for (const clause of clauses) {
    if (clause.kind === "phrase" || present.has(clause.word)) {
      result.groups.push(asGroup(clause));
      continue;
    }
    result.changed = true;
    const { completions, correction } = await alternatives(db, clause.key);
    if (completions.length > 0) {
      result.groups.push({ kind: "any", words: completions });
    } else if (correction !== undefined) {
      result.groups.push({ kind: "any", words: [correction] });
      result.corrections.set(clause.key, correction);
    } else {
      // Nothing close: search without the word, and say so through `corrected`.
      result.corrections.set(clause.key, "");
    }
  }
  return result;
}

/** The words (as FTS5 stems them) that occur in at least one document. One statement. */
async function presentWords(db: Db, words: readonly string[]): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  // One statement text per word count (at most MAX_CLAUSES), so the prepared statements stay few.
  const columns = words.map((_, i) => `EXISTS (SELECT 1 FROM fts WHERE fts MATCH ?${i + 1}) AS p${i}`);
  const [row] = await db.query<Record<string, number>>(
    `SELECT ${columns.join(", ")}`,
    words.map((w) => matchExpression([{ kind: "any", words: [w] }], "AND")),
  );
  return new Set(words.filter((_, i) => row?.[`p${i}`] === 1));
}

const ALTERNATIVES_SQL = `SELECT 'p' AS kind, term, df FROM (
    SELECT term, df FROM vocab WHERE ?1 >= ${MIN_PREFIX_LENGTH} AND term > ?2 AND term < ?3
    ORDER BY df DESC, term LIMIT ${MAX_COMPLETIONS})
  UNION ALL
  SELECT DISTINCT 't', v.term, v.df FROM vocab_deletes d JOIN vocab v ON v.term = d.term
  WHERE d.del IN (SELECT value FROM json_each(?4))`;

/**
 * In one statement: the most frequent vocabulary words starting with `key` (prefix completion),
 * and the words sharing a symmetric-delete key with it (typo candidates). Completions win.
 */
async function alternatives(db: Db, key: string): Promise<{ completions: string[]; correction?: string }> {
  const depth = maxTypoDistance(key.length);
  const rows = await db.query<Candidate & { kind: "p" | "t" }>(ALTERNATIVES_SQL, [
    key.length,
    key,
    `${key}\u{10FFFF}`,
    JSON.stringify(depth > 0 ? [...deleteKeys(key, depth)] : []),
  ]);
  const completions = rows.filter((r) => r.kind === "p").map((r) => r.term);
  if (completions.length > 0) return { completions };
  return { completions, correction: pickCorrection(key, rows) };
}
