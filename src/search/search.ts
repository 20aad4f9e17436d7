/**
 * Free-text search. The query runs as typed first (all words required); only when that finds
 * nothing is it repaired (repair.ts): words the index lacks are completed, corrected or dropped
 * (corrections and drops are reported in `corrected`), and if all words together still match
 * nothing, any of them may match. So correct queries pay for one statement, correction never
 * hides an exact match, and a misspelt query pays for three: the exact one, one lookup for all
 * its words, and the repaired one. A misspelling seen before skips the first two (repair-cache.ts).
 */
import type { Db } from "./db.js";
import { describeQuery, type MatchGroup, matchExpression, parseQuery } from "./query.js";
import { type RankedPage, type RankingConfig, rankMatches } from "./ranking.js";
import { asGroup, cachedRepairs, repair } from "./repair.js";
import type { RepairCache } from "./repair-cache.js";
import type { SearchOptions, SearchResult } from "./types.js";

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
  cache?: RepairCache,
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

  // A word known to match no document cannot satisfy the AND: skip the exact statement.
  const knownMissing = cachedRepairs(clauses, cache).some((entry) => entry?.present === false);
  const exact = knownMissing ? undefined : await run(clauses.map(asGroup), "AND");
  if (exact !== undefined && exact.total > 0) return exact;

  const repaired = await repair(db, clauses, options.topic === undefined, cache);
  if (repaired.groups.length === 0) return { hits: [], total: 0 };
  let result = !repaired.changed && exact !== undefined ? exact : await run(repaired.groups, "AND");
  if (result.total === 0 && repaired.groups.length > 1) result = await run(repaired.groups, "OR");
  if (repaired.corrections.size > 0 && result.total > 0) {
    return { ...result, corrected: describeQuery(clauses, repaired.corrections) };
  }
  return result;
}
