/**
 * The ranked query: BM25 with column weights over the newest `window` matching documents,
 * blended with recency, with the page, the ids and the total read in one statement (one
 * snapshot). Rowids encode publication seconds, so FTS5 walks doclists newest-first and stops
 * after `window` matches. One cost still grows with the corpus: FTS5's bm25() computes each
 * term's IDF by counting the documents that contain it, a walk of the term's whole doclist
 * (about 50 ns a document: ~1 ms for a word in 20,000 documents). It is most of a query's time
 * at 100,000 documents, and only a smaller table to rank on (e.g. a shard of recent documents)
 * would remove it.
 */
import type { Db } from "./db.js";
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

const BM25 = `-bm25(fts, ${COLUMN_WEIGHTS.join(", ")})`;

// The unary plus keeps FTS5 from turning the IN list into per-row lookups: the doclist is
// walked newest-first and each row is probed against the topic's postings instead.
const TOPIC_FILTER = "AND +rowid IN (SELECT doc FROM doc_topics WHERE topic = ?2)";

/**
 * Counts matches, stopping one past the cap: exact up to `countCap`, else `countCap` flagged as
 * capped. Counting walks every doclist in full, so an uncapped count of a broad query costs as
 * much as ranking it.
 */
function countSql(filter: string, capParam: string): string {
  return `(SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ?1 ${filter} LIMIT ${capParam}))`;
}

function withCap(config: RankingConfig, counted: number, hits: RankedPage["hits"]): RankedPage {
  return counted > config.countCap
    ? { hits, total: config.countCap, totalCapped: true }
    : { hits, total: counted };
}

/**
 * The ranked statement. Only the page is joined to `docs` (not the whole window), and the count
 * subquery is uncorrelated, so SQLite runs it once and only when the window is full.
 */
function rankSql(filter: string): string {
  return `WITH m AS (
       SELECT rowid AS r, ${BM25} AS s FROM fts WHERE fts MATCH ?1 ${filter}
       ORDER BY rowid DESC LIMIT ?3
     ), w AS (
       SELECT r, s * (1.0 + ?5 * pow(2.0, -max(0, ?4 - (r >> ${SLOT_BITS})) / ?6)) AS score,
              count(*) OVER () AS n
       FROM m
     ), p AS (
       SELECT r, score, n FROM w ORDER BY score DESC, r DESC LIMIT ?7 OFFSET ?8
     )
     SELECT d.id AS id, p.score AS score, CASE WHEN p.n >= ?3 THEN ${countSql(filter, "?9")} ELSE p.n END AS total
     FROM p JOIN docs d ON d.rowid = p.r
     ORDER BY p.score DESC, p.r DESC`;
}

/** The statement texts, built once: with and without a topic filter. */
const RANK_SQL = { all: rankSql(""), topic: rankSql(TOPIC_FILTER) };
const COUNT_SQL = {
  all: `SELECT ${countSql("", "?2")} AS n`,
  topic: `SELECT ${countSql(TOPIC_FILTER, "?3")} AS n`,
};

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
