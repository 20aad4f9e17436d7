/**
 * The search index's public types. Implemented by `openSearchIndex` (src/search/index.ts) over
 * SQLite FTS5; see that file for how ranking, typo tolerance and consistency work.
 */
import type { TopicRef } from "../domain/article.js";
import type { TopicSummary } from "../domain/topic.js";

/** What the index needs of an article. The index can always be rebuilt from these alone. */
export interface IndexDoc {
  /** The article id (the store's key). */
  id: string;
  title: string;
  /** Plain body text. */
  body: string;
  /** Topics attached by the language stage; searchable by name, listed by id. */
  topics: TopicRef[];
  /** Publication instant (ISO-8601) or null: undated documents sort as the oldest. */
  published: string | null;
}

/** Options of {@link SearchIndex.search}. */
export interface SearchOptions {
  /** Page size, 1..100 (default 10). */
  limit?: number;
  /** Hits to skip (default 0). Pages reach at most `rankWindow` hits deep. */
  offset?: number;
  /** Only documents under this topic id. */
  topic?: string;
  /** The instant recency is measured from (default: the index clock, else the newest document). */
  now?: Date;
}

/** A page of hits, best first. */
export interface SearchResult {
  /** Document ids with their blended score (higher is better). */
  hits: { id: string; score: number }[];
  /**
   * All documents matching the query, not just this page: exact up to the index's `countCap`
   * (default 1,000); beyond it the cap, with `totalCapped` set (render as "1,000+").
   */
  total: number;
  /** Set when more documents match than `total` says (see `countCap`). */
  totalCapped?: true;
  /** The query as searched when it differs from what was typed: typos corrected, unmatchable words dropped. */
  corrected?: string;
}

/** A page of ids with the size of the whole list. */
export interface IdPage {
  ids: string[];
  total: number;
}

/** Paging of id lists (default limit 10, at most 100). */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** Options of {@link SearchIndex.trendingTopics}. */
export interface TrendingOptions {
  now: Date;
  /** Days counted back from `now` (default 7). */
  windowDays?: number;
  /** Topics returned (default 10). */
  limit?: number;
  /** Half-life of an article's weight in days (default 2). */
  halfLifeDays?: number;
}

/**
 * Full-text and topic index of articles. Reads never see a half-applied write: every answer comes
 * from one SQL statement over the last committed snapshot.
 */
export interface SearchIndex {
  /** Adds or replaces documents (by id), incrementally, in one transaction. */
  upsert(docs: IndexDoc[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
  /** Ranked search: BM25 (title-boosted) blended with recency, with prefix and typo fallbacks. */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** A topic's documents, newest first. */
  topicArticles(topicId: string, options?: PageOptions): Promise<IdPage>;
  /** Every topic present, once per id, with its most common name; `weight` is its document count. */
  topicNames(): Promise<TopicRef[]>;
  /** Topics by recency-weighted document count over a recent window. */
  trendingTopics(options: TrendingOptions): Promise<TopicSummary[]>;
  /** All documents, newest first. */
  latest(options?: PageOptions): Promise<IdPage>;
  count(): Promise<number>;
  /** An opaque marker the caller stores beside its data to know whether the persisted index is current (e.g. the last applied change stamp). */
  getStamp(): Promise<string | null>;
  setStamp(stamp: string): Promise<void>;
  /** Merges the full-text segments and truncates the WAL; worth calling after a bulk rebuild. */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

/** Options of `openSearchIndex`. */
export interface OpenSearchIndexOptions {
  /** A file (persisted; reopened quickly on restart) or ":memory:". */
  path: string;
  /** The default "now" of recency ranking; without it, the newest document's date is used. */
  clock?: () => Date;
  /** Recency blend: score = bm25 × (1 + weight × 2^(−age / halfLifeDays)). Defaults 0.5 and 3. */
  recency?: { weight?: number; halfLifeDays?: number };
  /**
   * Newest matching documents scored per query (default 250). Queries with fewer matches are ranked
   * exactly; broader ones rank their newest matches, which bounds the cost at any corpus size.
   */
  rankWindow?: number;
  /**
   * Search matches counted exactly (default 1000; Infinity for always exact). Counting a broad
   * query walks its whole doclists and costs about as much as ranking it.
   */
  countCap?: number;
  /**
   * Newest documents kept a second time in a small full-text table that ranking reads first
   * (default 10,000; it is trimmed back to this once it holds a quarter more; Infinity never
   * trims). Larger keeps more queries on the cheap path, smaller makes each of them cheaper. Any
   * value scores the same candidates (the newest `rankWindow` matches); scores differ slightly,
   * since bm25's term statistics come from the table that scores them.
   */
  recentDocs?: number;
}
