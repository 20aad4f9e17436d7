/**
 * The write side: upsert and remove, in chunks, each chunk a handful of set-based statements fed
 * by one JSON array (node-sqlite3 pays a thread-pool round trip per statement, not per row).
 * Callers wrap these in one transaction.
 */
import type { Db } from "./db.js";
import { type FtsRow, type RecentShard, recentShard } from "./recent.js";
import { firstRowidOf, publishedSeconds, SLOTS_PER_SECOND, secondsOfRowid } from "./rowid.js";
import { vocabularyWords } from "./text.js";
import { addPostings, dayOfRowid, type PostingRow, removePostings, uniqueTopics } from "./topic-postings.js";
import type { IndexDoc } from "./types.js";
import { chunkWords, updateVocabulary, type VocabularyUpdate } from "./vocabulary.js";

/** Documents written per round of statements. */
const CHUNK = 500;

/** What the write side needs to know beyond the documents. */
export interface WriteOptions {
  /** Documents the recent shard is trimmed back to (see recent.ts). */
  recentDocs: number;
}

/** Adds or replaces documents. Later duplicates of an id in the same call win. */
export async function upsertDocs(db: Db, docs: readonly IndexDoc[], options: WriteOptions): Promise<void> {
  const byId = new Map<string, IndexDoc>();
  for (const doc of docs) byId.set(doc.id, doc);
  // FTS5 flushes its pending segment whenever a rowid is not larger than the previous one, so
  // writing in publication order (rowid order) keeps one segment per chunk instead of one per doc.
  const unique = [...byId.values()]
    .map((doc) => ({ doc, seconds: publishedSeconds(doc.published) }))
    .sort((a, b) => a.seconds - b.seconds)
    .map((x) => x.doc);
  const vocabulary = updateVocabulary(db);
  const recent = await recentShard(db, options.recentDocs);
  for (let i = 0; i < unique.length; i += CHUNK) {
    await upsertChunk(db, unique.slice(i, i + CHUNK), { vocabulary, recent });
    // Per chunk, so that a bulk load does not write documents the shard would drop at once.
    await recent.trim();
  }
  await vocabulary.finish();
  await refreshCount(db);
}

/** Removes documents by id. */
export async function removeDocs(db: Db, ids: readonly string[], options: WriteOptions): Promise<void> {
  const vocabulary = updateVocabulary(db);
  const recent = await recentShard(db, options.recentDocs);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await existingRowids(db, ids.slice(i, i + CHUNK));
    await deleteRows(db, [...rows.values()], { vocabulary, recent });
  }
  await vocabulary.finish();
  await refreshCount(db);
}

async function refreshCount(db: Db): Promise<void> {
  await db.run("UPDATE meta SET value = (SELECT count(*) FROM docs) WHERE key = 'count'");
}

async function existingRowids(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.all<{ r: number; id: string }>(
    "SELECT rowid AS r, id FROM docs WHERE id IN (SELECT value FROM json_each(?))",
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((row) => [row.id, row.r]));
}

/** The per-call state a chunk updates besides its own tables. */
interface CallState {
  vocabulary: VocabularyUpdate;
  recent: RecentShard;
}

async function deleteRows(db: Db, rowids: readonly number[], state: CallState): Promise<void> {
  if (rowids.length === 0) return;
  const json = JSON.stringify(rowids);
  await state.vocabulary.forget(rowids);
  await removePostings(db, json);
  await db.run("DELETE FROM fts WHERE rowid IN (SELECT value FROM json_each(?))", [json]);
  await state.recent.remove(rowids);
  await db.run("DELETE FROM docs WHERE rowid IN (SELECT value FROM json_each(?))", [json]);
}

async function upsertChunk(db: Db, docs: readonly IndexDoc[], state: CallState): Promise<void> {
  const old = await existingRowids(
    db,
    docs.map((d) => d.id),
  );
  await deleteRows(db, [...old.values()], state);
  const rowids = await assignRowids(db, docs, old);

  const docRows: [number, string, string][] = [];
  const ftsRows: FtsRow[] = [];
  const postings: PostingRow[] = [];
  const words = chunkWords();
  docs.forEach((doc, i) => {
    const rowid = rowids[i]!;
    const topics = uniqueTopics(doc.topics);
    const topicText = topics.map((t) => t[1]).join(" ; ");
    docRows.push([rowid, doc.id, JSON.stringify(topics)]);
    ftsRows.push([rowid, doc.title, doc.body, topicText]);
    const day = dayOfRowid(rowid);
    for (const [id, name, kind] of topics) postings.push([id, rowid, name, kind, day]);
    words.add(vocabularyWords(`${doc.title}\n${doc.body}\n${topicText}`));
  });
  const blobs = await state.vocabulary.learn(words);
  ftsRows.sort((a, b) => a[0] - b[0]);
  await db.run(
    "INSERT INTO docs(rowid, id, topics) SELECT value->>0, value->>1, value->>2 FROM json_each(?)",
    [JSON.stringify(docRows)],
  );
  await db.run(
    "INSERT INTO fts(rowid, title, body, topics) SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?)",
    [JSON.stringify(ftsRows)],
  );
  await state.recent.insert(ftsRows);
  await addPostings(db, postings);
  // One blob parameter for the chunk; substr() on a blob counts bytes, from 1.
  await db.run(
    "INSERT INTO doc_words(doc, words) SELECT value->>0, coalesce(substr(?2, value->>1, value->>2), x'') FROM json_each(?1)",
    [JSON.stringify(blobs.spans.map(([start, length], i) => [rowids[i], start + 1, length])), blobs.bytes],
  );
}

/**
 * Rowids by publication second: an updated document published in the same second keeps its
 * rowid; others take the next free slot of their second.
 */
async function assignRowids(
  db: Db,
  docs: readonly IndexDoc[],
  old: ReadonlyMap<string, number>,
): Promise<number[]> {
  const seconds = docs.map((d) => publishedSeconds(d.published));
  const maxima = await db.all<{ s: number; m: number | null }>(
    `SELECT value AS s, (SELECT max(rowid) FROM docs
       WHERE rowid BETWEEN value * ${SLOTS_PER_SECOND} AND value * ${SLOTS_PER_SECOND} + ${SLOTS_PER_SECOND - 1}) AS m
     FROM json_each(?)`,
    [JSON.stringify([...new Set(seconds)])],
  );
  const next = new Map(maxima.map((row) => [row.s, row.m === null ? firstRowidOf(row.s) : row.m + 1]));
  const reused: (number | undefined)[] = docs.map((doc, i) => {
    const previous = old.get(doc.id);
    if (previous === undefined || secondsOfRowid(previous) !== seconds[i]) return undefined;
    next.set(seconds[i]!, Math.max(next.get(seconds[i]!)!, previous + 1));
    return previous;
  });
  return reused.map((rowid, i) => {
    if (rowid !== undefined) return rowid;
    const s = seconds[i]!;
    const fresh = next.get(s)!;
    if (fresh >= firstRowidOf(s + 1)) {
      throw new Error(`More than ${SLOTS_PER_SECOND} documents share the publication second ${s}`);
    }
    next.set(s, fresh + 1);
    return fresh;
  });
}
