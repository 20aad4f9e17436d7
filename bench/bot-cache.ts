/**
 * The bot benchmark's read-cache figures: hit rates per run from the reader's `stats()`, and a
 * reader that can be switched under a running bot, so the same session is also measured with
 * every read a cache miss (an uncached reader over the same store).
 */
import type { CacheStats, NewsReader, ReaderStats } from "../src/services/types.js";

/** Columns of the cache table. */
export const CACHE_COLUMNS = [
  "run",
  "lists hit %",
  "articles hit %",
  "briefs hit %",
  "suggestions hit %",
  "trending hit %",
  "articles kept",
  "article text kept (M chars)",
  "evictions (lists/articles)",
];

const NAMES = ["lists", "articles", "briefs", "suggestions", "trending"] as const;

/** One row: the hit rate of each cache over a run (stats before and after it). */
export function cacheRow(label: string, before: ReaderStats, after: ReaderStats): (string | number)[] {
  return [
    label,
    ...NAMES.map((n) => hitRate(before[n], after[n])),
    after.articles.size,
    (after.articles.cost / 1e6).toFixed(1),
    `${after.lists.evictions - before.lists.evictions}/${after.articles.evictions - before.articles.evictions}`,
  ];
}

function hitRate(before: CacheStats, after: CacheStats): string {
  const hits = after.hits - before.hits;
  const lookups = hits + after.misses - before.misses;
  return lookups === 0 ? "—" : `${((100 * hits) / lookups).toFixed(1)} (${lookups})`;
}

/** A reader that forwards every call to the reader switched in last. */
export function switchableReader(first: NewsReader): { reader: NewsReader; use(next: NewsReader): void } {
  let active = first;
  const reader: NewsReader = {
    latest: (page) => active.latest(page),
    search: (query, page) => active.search(query, page),
    topic: (query, page) => active.topic(query, page),
    trendingTopics: (limit) => active.trendingTopics(limit),
    article: (id) => active.article(id),
  };
  return {
    reader,
    use(next) {
      active = next;
    },
  };
}
