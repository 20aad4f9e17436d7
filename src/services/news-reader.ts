/**
 * NewsReader over the article repository, the search index and the topic directory.
 * Everything it returns was computed at ingest time; topic briefs are assembled from stored
 * sentence scores and cached until the next ingest changes the store.
 */
import type { Article } from "../domain/article.js";
import type { BriefSentence, TopicSummary } from "../domain/topic.js";
import { type TopicDirectory, topicBrief } from "../nlp/index.js";
import type { SearchIndex } from "../search/index.js";
import type { ArticleRepo } from "../store/article-repo.js";
import type { NewsReader, Page, PageRequest } from "./types.js";

/** Articles a topic brief is drawn from (the topic's newest). */
const BRIEF_ARTICLES = 8;
const DEFAULT_LIMIT = 5;
/** The window that counts every article, for filling a short trending list. */
const ALL_TIME_DAYS = 365 * 100;
const MAX_LIMIT = 50;

export interface NewsReaderDeps {
  articles: ArticleRepo;
  search: SearchIndex;
  topics: TopicDirectory;
  clock: () => Date;
  /** Changes whenever stored articles change; cached briefs are dropped when it does. */
  changeStamp: () => number;
}

/** Create the read side used by bot features and digests. */
export function createNewsReader(deps: NewsReaderDeps): NewsReader {
  const briefs = new Map<string, BriefSentence[]>();
  let briefsStamp = -1;

  const page = async (ids: string[], total: number, offset: number): Promise<Page<Article>> => ({
    items: await deps.articles.getMany(ids),
    total,
    offset,
  });

  const brief = async (topicId: string): Promise<BriefSentence[]> => {
    if (briefsStamp !== deps.changeStamp()) {
      briefs.clear();
      briefsStamp = deps.changeStamp();
    }
    const cached = briefs.get(topicId);
    if (cached) return cached;
    const { ids } = await deps.search.topicArticles(topicId, { limit: BRIEF_ARTICLES, offset: 0 });
    const result = topicBrief(await deps.articles.getMany(ids), { sentences: 3 });
    if (briefs.size > 1000) briefs.clear();
    briefs.set(topicId, result);
    return result;
  };

  return {
    async latest(req) {
      const { offset, limit } = bounds(req);
      const { ids, total } = await deps.search.latest({ offset, limit });
      return page(ids, total, offset);
    },
    async search(query, req) {
      const { offset, limit } = bounds(req);
      const result = await deps.search.search(query, { offset, limit, now: deps.clock() });
      const p = await page(
        result.hits.map((h) => h.id),
        result.total,
        offset,
      );
      return result.corrected ? { ...p, corrected: result.corrected } : p;
    },
    async topic(query, req) {
      const { offset, limit } = bounds(req);
      const ref = deps.topics.resolve(query);
      if (!ref) {
        const suggestions: TopicSummary[] = deps.topics
          .suggest(query, 6)
          .map((t) => ({ id: t.id, name: t.name, kind: t.kind, count: 0, score: 0 }));
        return { kind: "unknown", query, suggestions };
      }
      const { ids, total } = await deps.search.topicArticles(ref.id, { offset, limit });
      return {
        kind: "found",
        topic: { id: ref.id, name: ref.name, kind: ref.kind, count: total, score: 0 },
        page: await page(ids, total, offset),
        brief: await brief(ref.id),
      };
    },
    async trendingTopics(limit = 12) {
      const now = deps.clock();
      const recent = await deps.search.trendingTopics({ now, limit });
      if (recent.length >= limit) return recent;
      // A quiet news week (or an old archive) still offers its topics: fill up with all-time ones.
      const allTime = await deps.search.trendingTopics({ now, limit, windowDays: ALL_TIME_DAYS });
      const seen = new Set(recent.map((t) => t.id));
      return [...recent, ...allTime.filter((t) => !seen.has(t.id))].slice(0, limit);
    },
    article(id) {
      return deps.articles.get(id);
    },
  };
}

function bounds(req: PageRequest | undefined): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(req?.offset ?? 0));
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(req?.limit ?? DEFAULT_LIMIT)));
  return { offset, limit };
}
