/**
 * The read side that bot features and the digest pipeline call. Implemented in
 * src/services/news-reader.ts over the article repository, the search index and
 * the topic directory. Handlers only read precomputed data through this port.
 */
import type { Article } from "../domain/article.js";
import type { BriefSentence, TopicSummary } from "../domain/topic.js";

/** A page of results. `total` counts all matches, not just this page. */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
}

export interface PageRequest {
  offset?: number;
  /** Page size; callers keep it small (bot pages are 5). */
  limit?: number;
}

export interface SearchPage extends Page<Article> {
  /** The query as corrected for typos, when a correction was applied. */
  corrected?: string;
}

export type TopicLookup =
  | { kind: "found"; topic: TopicSummary; page: Page<Article>; brief: BriefSentence[] }
  | { kind: "unknown"; query: string; suggestions: TopicSummary[] };

/** Counters of one read cache since the reader was created (see src/services/read-cache.ts). */
export interface CacheStats {
  /** Lookups answered from the cache (including ones joining a load in flight). */
  hits: number;
  /** Lookups that had to load. */
  misses: number;
  /** Entries kept now. */
  size: number;
  /** Total cost kept now: characters of text for articles, else entries. */
  cost: number;
  /** Entries evicted to respect the cache's bounds. */
  evictions: number;
  /** Times the whole cache was dropped because the store changed (or, for lists, the hour turned). */
  resets: number;
}

/** The read side's caches: result lists (search, topic, latest pages), articles, briefs, suggestions, trending. */
export interface ReaderStats {
  lists: CacheStats;
  articles: CacheStats;
  briefs: CacheStats;
  suggestions: CacheStats;
  trending: CacheStats;
}

/** What readers can ask for. All methods are fast reads; none parses or summarises. */
export interface NewsReader {
  latest(page?: PageRequest): Promise<Page<Article>>;
  search(query: string, page?: PageRequest): Promise<SearchPage>;
  /** Resolve a topic by any common form (case, diacritics, al-, demonyms, surname) and page its articles. */
  topic(query: string, page?: PageRequest): Promise<TopicLookup>;
  trendingTopics(limit?: number): Promise<TopicSummary[]>;
  article(id: string): Promise<Article | undefined>;
  /** Cache counters, where the reader caches (the store-backed one does). */
  stats?(): ReaderStats;
}
