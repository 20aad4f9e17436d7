/**
 * The typo-correction vocabulary on the write side. `vocab` holds every folded surface word of
 * the indexed documents with an id and its document frequency (df: how many indexed documents
 * contain it); `doc_words` keeps each document's words as an id blob (word-ids.ts), so replacing
 * or removing a document takes its words back out. A word no document contains any more leaves
 * `vocab` together with its symmetric-delete keys, so typo correction never suggests it.
 */
import type { Db } from "./db.js";
import { deleteKeys } from "./typo.js";
import { decodeWordIds, encodeWordIdLists } from "./word-ids.js";

/**
 * The words of a chunk of documents: each distinct word once, each document as indexes into
 * that list. Few retained objects while a chunk is written (one small array a document).
 */
export interface ChunkWords {
  /** Adds the next document's distinct words. */
  add(words: Iterable<string>): void;
  readonly words: readonly string[];
  readonly documents: readonly Uint32Array[];
}

/** An empty {@link ChunkWords}. */
export function chunkWords(): ChunkWords {
  const index = new Map<string, number>();
  const words: string[] = [];
  const documents: Uint32Array[] = [];
  return {
    words,
    documents,
    add(distinct) {
      const local: number[] = [];
      for (const w of distinct) {
        let i = index.get(w);
        if (i === undefined) {
          i = words.length;
          index.set(w, i);
          words.push(w);
        }
        local.push(i);
      }
      documents.push(Uint32Array.from(local));
    },
  };
}

/** Each document's word blob: a span of one buffer (see encodeWordIdLists). */
export interface WordBlobs {
  bytes: Buffer;
  spans: [start: number, length: number][];
}

/** The vocabulary changes of one write call (one transaction). */
export interface VocabularyUpdate {
  /** Takes back the words of documents about to be deleted, and drops their word blobs. */
  forget(rowids: readonly number[]): Promise<void>;
  /**
   * Counts the words of new documents, registering words never seen before; resolves with each
   * document's word blob, in the chunk's order.
   */
  learn(chunk: ChunkWords): Promise<WordBlobs>;
  /** Applies the counts and drops the words left in no document. Call once, last. */
  finish(): Promise<void>;
}

/** Starts the vocabulary changes of one write call; `db` must be inside its transaction. */
export function updateVocabulary(db: Db): VocabularyUpdate {
  /** Documents gained per word (by term: new words are the common case, and term is the key). */
  const gained = new Map<string, number>();
  /** Documents lost per word id (replaced and removed documents only). */
  const lost = new Map<number, number>();
  /** Ids of the words this call has seen. */
  const ids = new Map<string, number>();
  let nextId: number | undefined;

  /** Words this call registers, with their new ids (written by `finish`). */
  const fresh: [string, number][] = [];

  /** Ids for words this call has not seen yet: looked up, else given the next free id. */
  async function resolve(words: readonly string[]): Promise<void> {
    if (words.length === 0) return;
    const known = await db.all<{ term: string; id: number }>(
      "SELECT w.value AS term, v.id AS id FROM json_each(?) AS w JOIN vocab AS v ON v.term = w.value",
      [JSON.stringify(words)],
    );
    for (const row of known) ids.set(row.term, row.id);
    for (const term of words) {
      if (ids.has(term)) continue;
      nextId ??= (await db.get<{ n: number }>("SELECT coalesce(max(id), 0) + 1 AS n FROM vocab"))?.n ?? 1;
      ids.set(term, nextId);
      fresh.push([term, nextId]);
      nextId += 1;
    }
  }

  return {
    async forget(rowids) {
      if (rowids.length === 0) return;
      const json = JSON.stringify(rowids);
      const rows = await db.all<{ words: Uint8Array }>(
        "SELECT words FROM doc_words WHERE doc IN (SELECT value FROM json_each(?))",
        [json],
      );
      for (const row of rows)
        for (const id of decodeWordIds(row.words)) lost.set(id, (lost.get(id) ?? 0) + 1);
      await db.run("DELETE FROM doc_words WHERE doc IN (SELECT value FROM json_each(?))", [json]);
    },

    async learn(chunk) {
      await resolve(chunk.words.filter((w) => !ids.has(w)));
      const global = Float64Array.from(chunk.words, (w) => ids.get(w)!);
      const counts = new Uint32Array(chunk.words.length);
      const lists = chunk.documents.map((local) => {
        const list = new Float64Array(local.length);
        for (let i = 0; i < local.length; i++) {
          list[i] = global[local[i]!]!;
          counts[local[i]!]! += 1;
        }
        return list;
      });
      chunk.words.forEach((w, i) => {
        gained.set(w, (gained.get(w) ?? 0) + counts[i]!);
      });
      return encodeWordIdLists(lists);
    },

    async finish() {
      if (gained.size > 0) {
        // New words are inserted with their count, known words gain theirs (the id is kept).
        await db.run(
          `INSERT INTO vocab(term, id, df) SELECT value->>0, value->>1, value->>2 FROM json_each(?) WHERE true
           ON CONFLICT(term) DO UPDATE SET df = df + excluded.df`,
          [JSON.stringify([...gained].map(([term, n]) => [term, ids.get(term), n]))],
        );
      }
      if (fresh.length > 0) {
        const keys: [string, string][] = [];
        for (const [term] of fresh) for (const key of deleteKeys(term, 1)) keys.push([key, term]);
        await db.run(
          "INSERT OR IGNORE INTO vocab_deletes(del, term) SELECT value->>0, value->>1 FROM json_each(?)",
          [JSON.stringify(keys)],
        );
      }
      if (lost.size > 0) await dropLost();
    },
  };

  /** Lowers the counts of words that lost documents, and removes the words left in none. */
  async function dropLost(): Promise<void> {
    const json = JSON.stringify([...lost]);
    await db.run(
      `UPDATE vocab SET df = df - x.n FROM (SELECT value->>0 AS id, value->>1 AS n FROM json_each(?)) AS x
       WHERE vocab.id = x.id`,
      [json],
    );
    const gone = await db.all<{ term: string }>(
      "SELECT v.term AS term FROM json_each(?) AS x JOIN vocab AS v ON v.id = x.value->>0 WHERE v.df <= 0",
      [json],
    );
    if (gone.length === 0) return;
    const keys: [string, string][] = [];
    for (const { term } of gone) for (const key of deleteKeys(term, 1)) keys.push([key, term]);
    await db.run(
      "DELETE FROM vocab_deletes WHERE (del, term) IN (SELECT value->>0, value->>1 FROM json_each(?))",
      [JSON.stringify(keys)],
    );
    await db.run("DELETE FROM vocab WHERE term IN (SELECT value FROM json_each(?))", [
      JSON.stringify(gone.map((g) => g.term)),
    ]);
  }
}
