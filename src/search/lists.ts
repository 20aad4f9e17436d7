/**
 * The non-text reads: a topic's articles, the latest articles, topic names and trending topics.
 * Each page (ids and total) comes from one statement, so from one snapshot.
 */
import type { TopicRef } from "../domain/article.js";
import type { TopicSummary } from "../domain/topic.js";
import type { Db } from "./db.js";
import type { IdPage, PageOptions, TrendingOptions } from "./types.js";

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/** Clamped limit and offset of a page request. */
export function pageBounds(options: PageOptions | undefined): { limit: number; offset: number } {
  const limit = options?.limit;
  const offset = options?.offset;
  return {
    limit:
      limit === undefined || !Number.isFinite(limit)
        ? DEFAULT_LIMIT
        : Math.min(MAX_LIMIT, Math.max(0, Math.floor(limit))),
    offset: offset === undefined || !Number.isFinite(offset) ? 0 : Math.max(0, Math.floor(offset)),
  };
}

/** Runs a page query whose rows carry the total; a page past the end asks for the total alone. */
async function page(
  db: Db,
  sql: string,
  params: (string | number)[],
  totalSql: string,
  totalParams: string[],
): Promise<IdPage> {
  const rows = await db.query<{ id: string; total: number }>(sql, params);
  const first = rows[0];
  if (first !== undefined) return { ids: rows.map((r) => r.id), total: first.total };
  const [total] = await db.query<{ total: number }>(totalSql, totalParams);
  return { ids: [], total: total?.total ?? 0 };
}

const TOPIC_TOTAL = "(SELECT coalesce(sum(n), 0) FROM topic_names WHERE topic = ?1)";

/**
 * A topic's documents, newest first (rowids sort by publication time). The offset is applied to
 * the postings alone, so a deep page skips index entries without looking each document up.
 */
export function topicArticles(db: Db, topicId: string, options?: PageOptions): Promise<IdPage> {
  const { limit, offset } = pageBounds(options);
  return page(
    db,
    `SELECT d.id AS id, ${TOPIC_TOTAL} AS total
     FROM (SELECT doc FROM doc_topics WHERE topic = ?1 ORDER BY doc DESC LIMIT ?2 OFFSET ?3) AS t
     JOIN docs d ON d.rowid = t.doc ORDER BY t.doc DESC`,
    [topicId, limit, offset],
    `SELECT ${TOPIC_TOTAL} AS total`,
    [topicId],
  );
}

const COUNT = "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'count')";

/** All documents, newest first. */
export function latest(db: Db, options?: PageOptions): Promise<IdPage> {
  const { limit, offset } = pageBounds(options);
  return page(
    db,
    `SELECT id, ${COUNT} AS total FROM docs ORDER BY rowid DESC LIMIT ?1 OFFSET ?2`,
    [limit, offset],
    `SELECT ${COUNT} AS total`,
    [],
  );
}

/** Number of documents. */
export async function countDocs(db: Db): Promise<number> {
  const [row] = await db.query<{ total: number }>(`SELECT ${COUNT} AS total`);
  return row?.total ?? 0;
}

interface NameRow {
  topic: string;
  name: string;
  kind: TopicRef["kind"];
  n: number;
}

/** Rows sorted by topic then preference: the first row of each topic is its display name. */
function bestNames(rows: readonly NameRow[]): Map<string, TopicRef> {
  const out = new Map<string, TopicRef>();
  for (const row of rows) {
    const seen = out.get(row.topic);
    if (seen) seen.weight += row.n;
    else out.set(row.topic, { id: row.topic, name: row.name, kind: row.kind, weight: row.n });
  }
  return out;
}

const NAME_ORDER = "ORDER BY topic, n DESC, length(name) DESC, name";

/** Every topic once, with its most common name; `weight` is its number of documents. */
export async function topicNames(db: Db): Promise<TopicRef[]> {
  const rows = await db.query<NameRow>(
    `SELECT topic, name, kind, n FROM topic_names WHERE n > 0 ${NAME_ORDER}`,
  );
  return [...bestNames(rows).values()];
}

const DAY_MS = 86_400_000;

/**
 * Topics by recency-weighted document count over the window before `now`: each day's count is
 * weighted 2^(−age / halfLifeDays), the age measured from the middle of the day (never negative),
 * so ten articles today outrank ten last week. Aggregated in SQL, names included: one statement.
 */
export async function trendingTopics(db: Db, options: TrendingOptions): Promise<TopicSummary[]> {
  const nowMs = options.now.getTime();
  if (!Number.isFinite(nowMs)) return [];
  const windowDays = Math.max(0, options.windowDays ?? 7);
  const name = (column: string) =>
    `(SELECT ${column} FROM topic_names WHERE topic = t.topic AND n > 0 ORDER BY n DESC, length(name) DESC, name LIMIT 1)`;
  const rows = await db.query<TopicSummary & { name: string | null }>(
    `WITH t AS (
       SELECT topic, sum(n) AS count, sum(n * pow(2.0, -max(0.0, ?1 - (day + 0.5)) / ?2)) AS score
       FROM topic_days WHERE day BETWEEN ?3 AND ?4 GROUP BY topic HAVING count > 0
       ORDER BY score DESC, count DESC, topic LIMIT ?5
     )
     SELECT t.topic AS id, ${name("name")} AS name, ${name("kind")} AS kind, t.count AS count, t.score AS score
     FROM t ORDER BY score DESC, count DESC, id`,
    [
      nowMs / DAY_MS,
      options.halfLifeDays ?? 2,
      Math.floor((nowMs - windowDays * DAY_MS) / DAY_MS),
      Math.floor(nowMs / DAY_MS),
      Math.max(0, Math.min(MAX_LIMIT, Math.floor(options.limit ?? DEFAULT_LIMIT))),
    ],
  );
  return rows.flatMap((r) => (r.name === null ? [] : [{ ...r, name: r.name }]));
}
