/**
 * The SQLite layout of the search index. Everything in it can be rebuilt from `IndexDoc`s; a
 * schema version mismatch drops the tables (and with them the stamp), which tells the caller to
 * rebuild from its article store.
 */
import type { Db } from "./db.js";

/** Bytes of pending postings FTS5 buffers before writing a segment (default 1 MiB). */
const FTS_HASH_BYTES = 16 * 2 ** 20;
/** The same for the recent shard, which takes a fraction of each chunk (a chunk is ~1–2 MB of text). */
const RECENT_HASH_BYTES = 4 * 2 ** 20;

/** Bump when the layout or the tokenizer changes. */
export const SCHEMA_VERSION = "3";

/**
 * BM25 column weights, in column order (title, body, topics): a title hit counts like four body
 * hits, a topic name like two.
 */
export const COLUMN_WEIGHTS = [4, 1, 2] as const;

const TABLES = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
-- rowid = published seconds * 2^20 + slot (see rowid.ts): newest first is rowid DESC.
-- topics: the document's topics as JSON [[id, name, kind], ...], to undo their counts on removal.
CREATE TABLE IF NOT EXISTS docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, topics TEXT NOT NULL);
-- Contentless: the index keeps postings and positions, not the text (the article store has it).
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  title, body, topics,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- The newest documents again: exactly those whose rowid ≥ meta 'recent_floor' (see recent.ts).
-- Ranking reads it first, so bm25's per-term document counts walk thousands of rows, not the corpus.
CREATE VIRTUAL TABLE IF NOT EXISTS fts_recent USING fts5(
  title, body, topics,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Topic postings, newest first by rowid.
CREATE TABLE IF NOT EXISTS doc_topics(topic TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(topic, doc)) WITHOUT ROWID;
-- How many documents call a topic by each name: the most common name is its display name.
CREATE TABLE IF NOT EXISTS topic_names(
  topic TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(topic, name)
) WITHOUT ROWID;
-- Documents per topic per UTC day, for trending lists.
CREATE TABLE IF NOT EXISTS topic_days(
  day INTEGER NOT NULL, topic TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(day, topic)
) WITHOUT ROWID;
-- Folded surface words (unstemmed) with an id and the number of indexed documents containing them.
CREATE TABLE IF NOT EXISTS vocab(
  term TEXT PRIMARY KEY, id INTEGER NOT NULL UNIQUE, df INTEGER NOT NULL
) WITHOUT ROWID;
-- Each document's vocabulary ids (word-ids.ts), to take its words back out when it goes.
CREATE TABLE IF NOT EXISTS doc_words(doc INTEGER PRIMARY KEY, words BLOB NOT NULL);
-- Symmetric-delete keys: each word under itself and each one-letter deletion of it.
CREATE TABLE IF NOT EXISTS vocab_deletes(
  del TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY(del, term)
) WITHOUT ROWID;
`;

const DROP = `
DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS fts_recent; DROP TABLE IF EXISTS doc_topics;
DROP TABLE IF EXISTS topic_names; DROP TABLE IF EXISTS topic_days; DROP TABLE IF EXISTS vocab;
DROP TABLE IF EXISTS vocab_deletes; DROP TABLE IF EXISTS doc_words; DROP TABLE IF EXISTS meta;
`;

/** Pragmas of the writing connection: WAL so readers keep their snapshot during an ingest. */
export const WRITER_PRAGMAS = `
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA busy_timeout = 5000;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;
PRAGMA journal_size_limit = 67108864;
PRAGMA wal_autocheckpoint = 4096;
`;

/** Pragmas of the reading connection. */
export const READER_PRAGMAS = `
PRAGMA busy_timeout = 5000;
PRAGMA cache_size = -32768;
PRAGMA mmap_size = 268435456;
PRAGMA query_only = 1;
`;

/** Creates the tables, or recreates them when they were written by another schema version. */
export async function ensureSchema(db: Db): Promise<void> {
  const hasMeta = await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
  );
  if (hasMeta && hasMeta.n > 0) {
    const row = await db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema'");
    if (row?.value === SCHEMA_VERSION) return;
    await db.exec(DROP);
  }
  await db.exec(`BEGIN; ${TABLES}
    INSERT INTO meta(key, value) VALUES ('schema', '${SCHEMA_VERSION}'), ('count', '0'), ('recent_floor', '0');
    -- Larger in-memory batches before FTS5 writes a segment: fewer segments, fewer merges.
    INSERT INTO fts(fts, rank) VALUES ('hashsize', ${FTS_HASH_BYTES});
    INSERT INTO fts_recent(fts_recent, rank) VALUES ('hashsize', ${RECENT_HASH_BYTES});
    -- Trims delete the shard's oldest fifth at a time: rewrite a segment once half of it is gone,
    -- not at 10% (the default), which rewrote the whole optimized shard on the first trim (~1 s).
    INSERT INTO fts_recent(fts_recent, rank) VALUES ('deletemerge', 50);
    COMMIT;`);
}
