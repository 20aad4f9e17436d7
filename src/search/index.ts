/**
 * The search and topic index, on SQLite FTS5 through node-sqlite3 (chosen by benchmark: see
 * bench/search.ts). One file holds everything needed to answer queries and can be rebuilt from
 * `IndexDoc`s alone; it does not depend on the article store.
 *
 * - Ranking: BM25 with title × 4 and topic names × 2 over the newest `rankWindow` matches,
 *   multiplied by a recency factor; stemming (Porter), case and diacritic folding (unicode61
 *   remove_diacritics 2), quoted phrases, whole-word matching, a topic filter. The newest
 *   `recentDocs` documents are indexed twice, so most queries are scored in a small table
 *   (recent.ts), which keeps bm25's per-term cost from growing with the corpus.
 * - Repair when nothing matches: prefix completion and symmetric-delete typo correction over a
 *   vocabulary of folded surface words kept beside the FTS index, with exact document counts
 *   (a replaced or removed document takes its words back out; see vocabulary.ts), looked up in
 *   one statement and remembered until the next write (repair-cache.ts).
 * - Speed: the read statements are prepared once per connection (Db.query), so a query pays
 *   neither SQL parsing nor a new native statement object per call.
 * - Consistency: a file index has one writing and one read-only connection in WAL mode; every
 *   answer is one statement, so it sees the last committed snapshot even while an ingest runs.
 *   ":memory:" has a single connection, so reads wait for a running write instead.
 */
import { createLock, type Db, inTransaction, type Lock, openDb } from "./db.js";
import { countDocs, latest, topicArticles, topicNames, trendingTopics } from "./lists.js";
import { prepareRanking, type RankingConfig } from "./ranking.js";
import { DEFAULT_RECENT_DOCS } from "./recent.js";
import { prepareRepair } from "./repair.js";
import { createRepairCache, type RepairCache } from "./repair-cache.js";
import { SLOT_BITS } from "./rowid.js";
import { ensureSchema, READER_PRAGMAS, WRITER_PRAGMAS } from "./schema.js";
import { searchIndex } from "./search.js";
import type { OpenSearchIndexOptions, SearchIndex } from "./types.js";
import { removeDocs, upsertDocs, type WriteOptions } from "./writer.js";

/** The public types, defined in types.ts. */
export type {
  IdPage,
  IndexDoc,
  OpenSearchIndexOptions,
  PageOptions,
  SearchIndex,
  SearchOptions,
  SearchResult,
  TrendingOptions,
} from "./types.js";

const DEFAULT_RANK_WINDOW = 250;
const DEFAULT_COUNT_CAP = 1000;

/** Opens (creating if needed) a search index. `path` is a file or ":memory:". */
export async function openSearchIndex(options: OpenSearchIndexOptions): Promise<SearchIndex> {
  const memory = options.path === ":memory:" || options.path === "";
  const writer = await openDb(memory ? ":memory:" : options.path);
  let reader: Db = writer;
  try {
    if (!memory) await writer.exec(WRITER_PRAGMAS);
    await ensureSchema(writer);
    if (!memory) {
      reader = await openDb(options.path, { readonly: true });
      await reader.exec(READER_PRAGMAS);
    }
    // Compiled once here (about a millisecond), not by the first searches.
    await prepareRanking(reader);
    await prepareRepair(reader);
  } catch (err) {
    if (reader !== writer) await reader.close().catch(() => undefined);
    await writer.close().catch(() => undefined);
    throw err;
  }
  const config: RankingConfig = {
    weight: options.recency?.weight ?? 0.5,
    halfLifeDays: options.recency?.halfLifeDays ?? 3,
    window: Math.max(1, Math.floor(options.rankWindow ?? DEFAULT_RANK_WINDOW)),
    countCap: Math.max(1, Math.floor(options.countCap ?? DEFAULT_COUNT_CAP)),
  };
  const writes = createLock();
  // One connection would show readers its own open transaction, so in memory reads queue too.
  const reads: Lock | undefined = memory ? writes : undefined;
  const requested = options.recentDocs;
  // Infinity keeps every document in the shard (it is never trimmed).
  const recentDocs =
    requested === undefined || Number.isNaN(requested)
      ? DEFAULT_RECENT_DOCS
      : Math.max(1, Math.floor(requested));
  return createIndex({
    writer,
    reader,
    writes,
    reads,
    config,
    clock: options.clock,
    writeOptions: { recentDocs },
    repairs: createRepairCache(),
  });
}

interface Parts {
  writer: Db;
  reader: Db;
  writes: Lock;
  reads: Lock | undefined;
  config: RankingConfig;
  clock: (() => Date) | undefined;
  writeOptions: WriteOptions;
  /** Cleared after every write: it describes the vocabulary. */
  repairs: RepairCache;
}

function createIndex(parts: Parts): SearchIndex {
  const { writer, reader, writes, config, writeOptions, repairs } = parts;
  let closed = false;
  const open = () => {
    if (closed) throw new Error("The search index is closed: open it again with openSearchIndex().");
  };
  const read = async <T>(fn: () => Promise<T>): Promise<T> => {
    open();
    return parts.reads ? parts.reads.run(fn) : fn();
  };
  const write = async <T>(fn: () => Promise<T>): Promise<T> => {
    open();
    return writes.run(async () => {
      try {
        return await inTransaction(writer, fn);
      } finally {
        // After the commit (or rollback): a repair read meanwhile is not stored (see repair-cache.ts).
        repairs.clear();
      }
    });
  };
  const nowSeconds = async (now: Date | undefined): Promise<number> => {
    const instant = now ?? parts.clock?.();
    if (instant !== undefined && Number.isFinite(instant.getTime()))
      return Math.floor(instant.getTime() / 1000);
    const row = await reader.get<{ s: number | null }>(`SELECT max(rowid) >> ${SLOT_BITS} AS s FROM docs`);
    return row?.s ?? 0;
  };

  return {
    upsert: (docs) => write(() => upsertDocs(writer, docs, writeOptions)),
    remove: (ids) => write(() => removeDocs(writer, ids, writeOptions)),
    search: (query, options = {}) =>
      read(async () => searchIndex(reader, config, query, options, await nowSeconds(options.now), repairs)),
    topicArticles: (topicId, options) => read(() => topicArticles(reader, topicId, options)),
    topicNames: () => read(() => topicNames(reader)),
    trendingTopics: (options) => read(() => trendingTopics(reader, options)),
    latest: (options) => read(() => latest(reader, options)),
    count: () => read(() => countDocs(reader)),
    getStamp: () =>
      read(
        async () =>
          (await reader.get<{ value: string }>("SELECT value FROM meta WHERE key = 'stamp'"))?.value ?? null,
      ),
    setStamp: (stamp) =>
      write(async () => {
        await writer.run("INSERT OR REPLACE INTO meta(key, value) VALUES ('stamp', ?)", [stamp]);
      }),
    optimize: async () => {
      open();
      return writes.run(async () => {
        await writer.run("INSERT INTO fts(fts) VALUES ('optimize')");
        await writer.run("INSERT INTO fts_recent(fts_recent) VALUES ('optimize')");
        await writer.exec("PRAGMA optimize");
        if (reader !== writer) await writer.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await writes.run(async () => undefined);
      if (reader !== writer) await reader.close();
      await writer.close();
    },
  };
}
