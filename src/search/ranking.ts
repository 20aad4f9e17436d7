/**
 * The ranked query: BM25 with column weights over the newest `window` matching documents,
 * blended with recency, with the page, the ids and the total read in one statement (one
 * snapshot). Rowids encode publication seconds, so FTS5 walks doclists newest-first and stops
 * after `window` matches.
 *
 * The window is scored in the recent shard (recent.ts) when the shard alone holds `window`
 * matches, and in the full table otherwise. The reason is bm25()'s one cost that grows with the
 * corpus: it computes each term's IDF by counting the documents that contain it, a walk of the
 * term's whole doclist in the table it runs on (~30 ns a document: ~0.5–0.9 ms for common words at
 * 100,000 documents, most of a query). In the shard that walk is bounded by the shard's size; a
 * query that falls back to the full table has short doclists there. Both tables hold the same
 * newest documents, so the window (the candidates) is the same either way; only the IDF and
 * average length statistics come from the table that scores them.
 */
import type { Db } from "./db.js";
import { RECENT_FLOOR_SQL } from "./recent.js";
import { SLOT_BITS } from "./rowid.js";
import { COLUMN_WEIGHTS } from "./schema.js";

/** How relevance and recency combine. */
export interface RankingConfig {
  /** Extra weight of a brand-new article: score = bm25 × (1 + weight × 2^(−age/halfLife)). */
  weight: number;
  halfLifeDays: number;
  /** Newest matching documents that are scored. */
  window: number;
  /** Matches counted exactly; beyond it `total` is the cap and `totalCapped` is set. */
  countCap: number;
}

/** One ranked page. */
export interface RankedPage {
  hits: { id: string; score: number }[];
  total: number;
  totalCapped?: true;
}

/** Inputs of one ranked query. */
export interface RankRequest {
  match: string;
  topic: string | undefined;
  nowSeconds: number;
  limit: number;
  offset: number;
}

const FLOOR = RECENT_FLOOR_SQL;

// The unary plus keeps FTS5 from turning the IN list into per-row lookups: the doclist is
// walked newest-first and each row is probed against the topic's postings instead.
const TOPIC_FILTER = "AND +rowid IN (SELECT doc FROM doc_topics WHERE topic = ?2)";

/**
 * Counts matches, stopping one past the cap: exact up to `countCap`, else `countCap` flagged as
 * capped. Counting walks every doclist in full, so an uncapped count of a broad query costs as
 * much as ranking it. `capParam` is countCap + 1, or -1 (no LIMIT) for an infinite cap.
 */
function countSql(filter: string, capParam: string, table: "fts" | "fts_recent" = "fts"): string {
  return `(SELECT count(*) FROM (SELECT 1 FROM ${table} WHERE ${table} MATCH ?1 ${filter} LIMIT ${capParam}))`;
}

/**
 * The total of a full window, counted in the shard when that settles it: the shard is the whole
 * index (floor 0), or it alone has more matches than the cap. Broad queries then never touch the
 * full table's doclists (fewer pages read, fewer kept in memory); the others count there.
 */
function totalSql(filter: string, capParam: string): string {
  const inShard = countSql(filter, capParam, "fts_recent");
  // CASE evaluates lazily: an uncapped count (capParam -1) never counts the shard for nothing.
  return `(CASE WHEN ${FLOOR} = 0 THEN ${inShard}
     WHEN ${capParam} > 0 AND ${inShard} >= ${capParam} THEN ${capParam}
     ELSE ${countSql(filter, capParam)} END)`;
}

function withCap(config: RankingConfig, counted: number, hits: RankedPage["hits"]): RankedPage {
  return counted > config.countCap
    ? { hits, total: config.countCap, totalCapped: true }
    : { hits, total: counted };
}

/** Scored newest matches of one table, for the `WITH` clause of {@link rankSql}. */
function windowSql(table: "fts" | "fts_recent", filter: string, match = "?1"): string {
  return `SELECT rowid AS r, -bm25(${table}, ${COLUMN_WEIGHTS.join(", ")}) AS s FROM ${table}
     WHERE ${table} MATCH ${match} ${filter} ORDER BY rowid DESC LIMIT ?3`;
}

/**
 * True when the shard cannot answer: it holds fewer than `window` matches and is not the whole
 * index (a floor of 0 means no document was ever trimmed from it). Uncorrelated, so SQLite
 * evaluates it once.
 */
const FALLBACK = `((SELECT count(*) FROM recent) < ?3 AND ${FLOOR} > 0)`;

/**
 * The ranked statement. The full table's branch matches the empty phrase `""` (nothing, at once)
 * unless the shard falls short: FTS5 reads the MATCH argument once, before it opens any doclist,
 * whereas a plain WHERE condition would be tested on every row, after bm25 ran. Only the page
 * is joined to `docs` (not the whole window), and the total is uncorrelated, so SQLite counts
 * once and only when the window is full.
 */
function rankSql(filter: string): string {
  return `WITH recent AS MATERIALIZED (${windowSql("fts_recent", filter)}),
     m AS (
       SELECT r, s FROM recent WHERE NOT ${FALLBACK}
       UNION ALL
       SELECT r, s FROM (${windowSql("fts", filter, `(CASE WHEN ${FALLBACK} THEN ?1 ELSE '""' END)`)})
     ), w AS (
       SELECT r, s * (1.0 + ?5 * pow(2.0, -max(0, ?4 - (r >> ${SLOT_BITS})) / ?6)) AS score,
              count(*) OVER () AS n
       FROM m
     ), p AS (
       SELECT r, score, n FROM w ORDER BY score DESC, r DESC LIMIT ?7 OFFSET ?8
     )
     SELECT d.id AS id, p.score AS score, CASE WHEN p.n >= ?3 THEN ${totalSql(filter, "?9")} ELSE p.n END AS total
     FROM p JOIN docs d ON d.rowid = p.r
     ORDER BY p.score DESC, p.r DESC`;
}

/** The statement texts, built once: with and without a topic filter. */
const RANK_SQL = { all: rankSql(""), topic: rankSql(TOPIC_FILTER) };
const COUNT_SQL = {
  all: `SELECT ${countSql("", "?2")} AS n`,
  topic: `SELECT ${countSql(TOPIC_FILTER, "?3")} AS n`,
};

/** Prepares the ranked statements, so that no search pays for compiling them. */
export async function prepareRanking(db: Db): Promise<void> {
  for (const sql of [RANK_SQL.all, RANK_SQL.topic]) await db.prepare(sql);
}

/** Runs the ranked query for an FTS5 MATCH expression. */
export async function rankMatches(db: Db, config: RankingConfig, request: RankRequest): Promise<RankedPage> {
  const variant = request.topic === undefined ? "all" : "topic";
  const halfLifeSeconds = config.halfLifeDays * 86_400;
  // SQLite reads a negative LIMIT as "no limit": an infinite cap counts everything.
  const countLimit = Number.isFinite(config.countCap) ? config.countCap + 1 : -1;
  const rows = await db.query<{ id: string; score: number; total: number }>(RANK_SQL[variant], [
    request.match,
    request.topic ?? null,
    config.window,
    request.nowSeconds,
    config.weight,
    halfLifeSeconds,
    request.limit,
    request.offset,
    countLimit,
  ]);
  const first = rows[0];
  if (first !== undefined)
    return withCap(
      config,
      first.total,
      rows.map((r) => ({ id: r.id, score: r.score })),
    );
  if (request.offset === 0 && request.limit > 0) return { hits: [], total: 0 };
  // A page past the end (or a count-only request): the total still matters to the pager.
  const params =
    request.topic === undefined ? [request.match, countLimit] : [request.match, request.topic, countLimit];
  const [count] = await db.query<{ n: number }>(COUNT_SQL[variant], params);
  return withCap(config, count?.n ?? 0, []);
}
