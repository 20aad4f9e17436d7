/**
 * The recent shard: a second FTS5 table (`fts_recent`) that holds the newest documents again.
 *
 * Why: FTS5's bm25() computes each query term's IDF by walking the term's whole doclist, once per
 * statement (about 30 ns a document: ~0.5 ms for a common word at 100,000 documents, more than
 * the rest of a query). Ranking only ever looks at the newest `rankWindow` matches, and when the
 * shard alone holds that many, they are exactly the newest matches of the whole index, so the
 * ranking statement scores them in the shard, where the walk is bounded by the shard's size.
 * Rarer queries fall back to the full table, whose doclists are then short anyway.
 *
 * Invariant: `fts_recent` holds exactly the documents whose rowid is ≥ meta 'recent_floor'
 * (rowids sort by publication time, see rowid.ts). The floor only rises: the index keeps no text,
 * so a document that left the shard cannot come back. Writes add documents at or above the floor
 * and, once the shard holds more than `size × 1.25` documents, raise the floor to its `size`-th
 * newest document (trims are batched so that an ingest does not trim on every chunk).
 */
import type { Db } from "./db.js";

/** SQL for the floor, for statements that read the shard: 0 while it holds every document. */
export const RECENT_FLOOR_SQL = "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'recent_floor')";

/** Documents the shard is trimmed back to by default (40 × the default rank window). */
export const DEFAULT_RECENT_DOCS = 10_000;
/** The shard grows to this multiple of its size before a trim. */
const SLACK = 1.25;

/** A row of the full-text tables: rowid, title, body, topic names. */
export type FtsRow = [rowid: number, title: string, body: string, topics: string];

/** The shard's side of one write call (inside its transaction). */
export interface RecentShard {
  /** Writes the rows at or above the floor; `rows` must be sorted by rowid. */
  insert(rows: readonly FtsRow[]): Promise<void>;
  /** Deletes the documents at or above the floor (the others are not in the shard). */
  remove(rowids: readonly number[]): Promise<void>;
  /** Raises the floor when the shard outgrew its size. Call after the documents table is written. */
  trim(): Promise<void>;
}

/** Reads the floor; `size` is the number of documents a trim keeps (≥ 1). */
export async function recentShard(db: Db, size: number): Promise<RecentShard> {
  const row = await db.get<{ floor: number | null }>(
    "SELECT CAST(value AS INTEGER) AS floor FROM meta WHERE key = 'recent_floor'",
  );
  let floor = row?.floor ?? 0;
  const keep = Math.max(1, Math.floor(size));
  return {
    async insert(rows) {
      const kept = rows.filter((r) => r[0] >= floor);
      if (kept.length === 0) return;
      await db.run(
        "INSERT INTO fts_recent(rowid, title, body, topics) SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?)",
        [JSON.stringify(kept)],
      );
    },
    async remove(rowids) {
      const kept = rowids.filter((r) => r >= floor);
      if (kept.length === 0) return;
      await db.run("DELETE FROM fts_recent WHERE rowid IN (SELECT value FROM json_each(?))", [
        JSON.stringify(kept),
      ]);
    },
    async trim() {
      const count = await db.get<{ n: number }>("SELECT count(*) AS n FROM docs WHERE rowid >= ?", [floor]);
      if ((count?.n ?? 0) <= keep * SLACK) return;
      const next = await db.get<{ r: number }>(
        "SELECT rowid AS r FROM docs ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        [keep - 1],
      );
      if (next === undefined || next.r <= floor) return;
      await db.run(
        "DELETE FROM fts_recent WHERE rowid IN (SELECT rowid FROM docs WHERE rowid >= ? AND rowid < ?)",
        [floor, next.r],
      );
      await db.run("UPDATE meta SET value = ? WHERE key = 'recent_floor'", [String(next.r)]);
      floor = next.r;
    },
  };
}
