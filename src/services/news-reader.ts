/**
 * NewsReader over the article repository, the search index and the topic directory.
 * Everything it returns was computed at ingest time; topic briefs are assembled from stored
 * sentence scores. Result pages, articles, briefs, suggestions and trending topics are cached
 * (bounded LRUs, see reader-caches.ts) until the next ingest changes the store.
 */
import type { Article } from "../domain/article.js";
import type { TopicSummary } from "../domain/topic.js";
import { type TopicDirectory, topicBrief } from "../nlp/index.js";
import type { SearchIndex } from "../search/index.js";
import type { ArticleRepo } from "../store/article-repo.js";
import { createReaderCaches, type IdList, type ReaderCacheLimits } from "./reader-caches.js";
import type { NewsReader, Page, PageRequest } from "./types.js";

export type { ReaderCacheLimits } from "./reader-caches.js";

/** Articles a topic brief is drawn from (the topic's newest). */
const BRIEF_ARTICLES = 8;
const DEFAULT_LIMIT = 5;
/** The window that counts every article, for filling a short trending list. */
const ALL_TIME_DAYS = 365 * 100;
const MAX_LIMIT = 50;
const SUGGESTIONS = 6;

/** What {@link createNewsReader} reads from. */
export interface NewsReaderDeps {
  articles: ArticleRepo;
  search: SearchIndex;
  topics: TopicDirectory;
  clock: () => Date;
  /** Changes whenever stored articles change (after they are committed); every cache is dropped when it does. */
  changeStamp: () => number;
  /** Bounds of the caches (defaults in {@link ReaderCacheLimits}); 0 turns one off. */
  cache?: ReaderCacheLimits;
}

/** Create the read side used by bot features and digests. */
export function createNewsReader(deps: NewsReaderDeps): NewsReader {
  const caches = createReaderCaches(deps.changeStamp, deps.clock, deps.cache);

  const articles = async (ids: readonly string[]): Promise<Article[]> => {
    const found = await caches.articles.getMany(ids, async (missing) => {
      const list = await deps.articles.getMany(missing);
      return new Map(list.map((a) => [a.id, a]));
    });
    return found.filter((a): a is Article => a !== undefined);
  };

  const page = async (list: IdList, offset: number): Promise<Page<Article>> => ({
    items: await articles(list.ids),
    total: list.total,
    offset,
  });

  const topicIds = (topicId: string, offset: number, limit: number): Promise<IdList> =>
    caches.lists.get(`t\u0000${topicId}\u0000${offset}\u0000${limit}`, () =>
      deps.search.topicArticles(topicId, { offset, limit }),
    );

  const brief = (topicId: string) =>
    caches.briefs.get(topicId, async () => {
      const { ids } = await topicIds(topicId, 0, BRIEF_ARTICLES);
      return topicBrief(await articles(ids), { sentences: 3 });
    });

  const suggestions = (query: string) =>
    caches.suggestions.get(query, async () =>
      deps.topics
        .suggest(query, SUGGESTIONS)
        .map((t): TopicSummary => ({ id: t.id, name: t.name, kind: t.kind, count: 0, score: 0 })),
    );

  const trending = async (limit: number): Promise<TopicSummary[]> => {
    const now = deps.clock();
    const recent = await deps.search.trendingTopics({ now, limit });
    if (recent.length >= limit) return recent;
    // A quiet news week (or an old archive) still offers its topics: fill up with all-time ones.
    const allTime = await deps.search.trendingTopics({ now, limit, windowDays: ALL_TIME_DAYS });
    const seen = new Set(recent.map((t) => t.id));
    return [...recent, ...allTime.filter((t) => !seen.has(t.id))].slice(0, limit);
  };

  return {
    async latest(req) {
      const { offset, limit } = bounds(req);
      const list = await caches.lists.get(`l\u0000${offset}\u0000${limit}`, () =>
        deps.search.latest({ offset, limit }),
      );
      return page(list, offset);
    },
    async search(query, req) {
      const { offset, limit } = bounds(req);
      const list = await caches.lists.get(`s\u0000${offset}\u0000${limit}\u0000${query}`, async () => {
        const result = await deps.search.search(query, { offset, limit, now: deps.clock() });
        const ids = result.hits.map((h) => h.id);
        return result.corrected
          ? { ids, total: result.total, corrected: result.corrected }
          : { ids, total: result.total };
      });
      const p = await page(list, offset);
      return list.corrected ? { ...p, corrected: list.corrected } : p;
    },
    async topic(query, req) {
      const { offset, limit } = bounds(req);
      const ref = deps.topics.resolve(query);
      if (!ref) return { kind: "unknown", query, suggestions: [...(await suggestions(query))] };
      const [list, sentences] = await Promise.all([topicIds(ref.id, offset, limit), brief(ref.id)]);
      return {
        kind: "found",
        topic: { id: ref.id, name: ref.name, kind: ref.kind, count: list.total, score: 0 },
        page: await page(list, offset),
        brief: sentences,
      };
    },
    async trendingTopics(limit = 12) {
      return [...(await caches.trending.get(String(limit), () => trending(limit)))];
    },
    async article(id) {
      const [found] = await caches.articles.getMany([id], async () => {
        const a = await deps.articles.get(id);
        return new Map(a ? [[id, a]] : []);
      });
      return found;
    },
    stats: caches.stats,
  };
}

function bounds(req: PageRequest | undefined): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(req?.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(req?.limit ?? DEFAULT_LIMIT)));
  return { offset, limit };
}
