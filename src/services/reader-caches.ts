/**
 * The caches of the store-backed reader and their bounds. Readers of a news bot ask the same
 * things over and over (the day's topics, the same search words, the top articles), so results
 * are kept until the store changes: an ingest bumps the change stamp and every cache is dropped
 * at the next read. Result lists and trending topics also turn over every hour, because their
 * ranking depends on the time (recency).
 */
import type { Article } from "../domain/article.js";
import type { BriefSentence, TopicSummary } from "../domain/topic.js";
import { createStampedCache, type StampedCache } from "./read-cache.js";
import type { ReaderStats } from "./types.js";

/** Bounds of the reader's caches. Every one is optional; 0 turns that cache off. */
export interface ReaderCacheLimits {
  /** Result pages (search, topic, latest) kept, as ids: ≤ 50 ids each. Default 5,000. */
  lists?: number;
  /** Parsed articles kept. Default 10,000. */
  articles?: number;
  /**
   * Characters of article text kept (title, body, sentences, summary). Default 16,000,000:
   * about 2,500 typical news articles and ~30 MB of heap (measured ~1.7 bytes of heap per character).
   */
  articleChars?: number;
  /** Topic briefs kept. Default 1,000. */
  briefs?: number;
  /** Suggestion lists for unknown topic names kept. Default 1,000. */
  suggestions?: number;
  /** Trending lists kept (one per size asked for). Default 32. */
  trending?: number;
}

/** A page of ids as the index answered it. */
export interface IdList {
  ids: string[];
  total: number;
  corrected?: string;
}

/** The reader's caches. */
export interface ReaderCaches {
  lists: StampedCache<IdList>;
  articles: StampedCache<Article>;
  briefs: StampedCache<BriefSentence[]>;
  suggestions: StampedCache<TopicSummary[]>;
  trending: StampedCache<TopicSummary[]>;
  stats(): ReaderStats;
}

const HOUR_MS = 3_600_000;

/** Creates the caches, keyed to `changeStamp` (and, for time-ranked ones, the hour of `clock`). */
export function createReaderCaches(
  changeStamp: () => number,
  clock: () => Date,
  limits: ReaderCacheLimits = {},
): ReaderCaches {
  const hourly = () => `${changeStamp()}@${Math.floor(clock().getTime() / HOUR_MS)}`;
  const caches = {
    lists: createStampedCache<IdList>({ stamp: hourly, limits: { maxEntries: limits.lists ?? 5_000 } }),
    articles: createStampedCache<Article>({
      stamp: changeStamp,
      limits: { maxEntries: limits.articles ?? 10_000, maxCost: limits.articleChars ?? 16_000_000 },
      cost: articleChars,
    }),
    briefs: createStampedCache<BriefSentence[]>({
      stamp: changeStamp,
      limits: { maxEntries: limits.briefs ?? 1_000 },
    }),
    suggestions: createStampedCache<TopicSummary[]>({
      stamp: changeStamp,
      limits: { maxEntries: limits.suggestions ?? 1_000 },
    }),
    trending: createStampedCache<TopicSummary[]>({
      stamp: hourly,
      limits: { maxEntries: limits.trending ?? 32 },
    }),
  };
  return {
    ...caches,
    stats: () => ({
      lists: caches.lists.stats(),
      articles: caches.articles.stats(),
      briefs: caches.briefs.stats(),
      suggestions: caches.suggestions.stats(),
      trending: caches.trending.stats(),
    }),
  };
}

/** Characters of text an article holds: what its size in memory grows with. */
export function articleChars(a: Article): number {
  let n = 200 + a.title.length + (a.caption?.length ?? 0);
  for (const b of a.blocks) n += b.text.length;
  for (const s of a.sentences) n += s.text.length;
  for (const s of a.summary) n += s.length;
  for (const t of a.topics) n += t.name.length + t.id.length;
  return n;
}
