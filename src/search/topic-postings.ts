/**
 * Topic bookkeeping on the write side: postings (topic → documents), how often each name is used
 * for a topic, and documents per topic per day. Removal undoes exactly what insertion added,
 * using the topic list stored with each document.
 */
import type { TopicRef } from "../domain/article.js";
import type { Db } from "./db.js";
import { SLOT_BITS, SLOTS_PER_SECOND } from "./rowid.js";

const SECONDS_PER_DAY = 86_400;

/** A topic as stored with a document: [id, name, kind]. */
export type StoredTopic = [string, string, TopicRef["kind"]];

/** One entry per topic id (the heaviest), skipping entries without an id or a name. */
export function uniqueTopics(topics: readonly TopicRef[]): StoredTopic[] {
  const byId = new Map<string, TopicRef>();
  for (const t of topics) {
    if (!t.id || !t.name.trim()) continue;
    const seen = byId.get(t.id);
    if (!seen || t.weight > seen.weight) byId.set(t.id, t);
  }
  return [...byId.values()].map((t) => [t.id, t.name, t.kind]);
}

/** The UTC day of a rowid's publication second, or null for undated documents. */
export function dayOfRowid(rowid: number): number | null {
  return rowid >= SLOTS_PER_SECOND ? Math.floor(rowid / SLOTS_PER_SECOND / SECONDS_PER_DAY) : null;
}

/** Posting rows [topic, doc, name, kind, day] to insert. */
export type PostingRow = [string, number, string, string, number | null];

/** Adds postings and counts for newly inserted documents. */
export async function addPostings(db: Db, rows: readonly PostingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  // Sorted inserts touch each b-tree page once instead of in random order.
  await db.run(
    "INSERT INTO doc_topics(topic, doc) SELECT value->>0, value->>1 FROM json_each(?) ORDER BY 1, 2",
    [json],
  );
  await db.run(
    `INSERT INTO topic_names(topic, name, kind, n)
     SELECT value->>0, value->>2, value->>3, count(*) FROM json_each(?) WHERE true GROUP BY 1, 2
     ON CONFLICT(topic, name) DO UPDATE SET n = n + excluded.n, kind = excluded.kind`,
    [json],
  );
  await db.run(
    `INSERT INTO topic_days(day, topic, n)
     SELECT value->>4, value->>0, count(*) FROM json_each(?) WHERE value->>4 IS NOT NULL GROUP BY 1, 2
     ON CONFLICT(day, topic) DO UPDATE SET n = n + excluded.n`,
    [json],
  );
}

/** The (doc, topic, name, day) rows of the documents whose rowids are the JSON array ?1. */
const GONE = `WITH gone AS (
  SELECT d.rowid AS doc, t.value->>0 AS topic, t.value->>1 AS name,
         CASE WHEN d.rowid >= ${SLOTS_PER_SECOND} THEN (d.rowid >> ${SLOT_BITS}) / ${SECONDS_PER_DAY} END AS day
  FROM docs d, json_each(d.topics) t
  WHERE d.rowid IN (SELECT value FROM json_each(?1))
)`;

/** Undoes the postings and counts of documents about to be deleted (call before deleting docs). */
export async function removePostings(db: Db, rowidsJson: string): Promise<void> {
  await db.run(
    `${GONE} UPDATE topic_names SET n = topic_names.n - x.c
     FROM (SELECT topic, name, count(*) AS c FROM gone GROUP BY 1, 2) AS x
     WHERE topic_names.topic = x.topic AND topic_names.name = x.name`,
    [rowidsJson],
  );
  await db.run(`${GONE} DELETE FROM topic_names WHERE n <= 0 AND topic IN (SELECT topic FROM gone)`, [
    rowidsJson,
  ]);
  await db.run(
    `${GONE} UPDATE topic_days SET n = topic_days.n - x.c
     FROM (SELECT day, topic, count(*) AS c FROM gone WHERE day IS NOT NULL GROUP BY 1, 2) AS x
     WHERE topic_days.day = x.day AND topic_days.topic = x.topic`,
    [rowidsJson],
  );
  await db.run(`${GONE} DELETE FROM topic_days WHERE n <= 0 AND day IN (SELECT day FROM gone)`, [rowidsJson]);
  await db.run(`${GONE} DELETE FROM doc_topics WHERE (topic, doc) IN (SELECT topic, doc FROM gone)`, [
    rowidsJson,
  ]);
}
