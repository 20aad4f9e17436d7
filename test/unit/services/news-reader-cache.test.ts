/** The reader's caches over counting fakes: what is read again, and when. */
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/domain/article.js";
import { createTopicDirectory } from "../../../src/nlp/index.js";
import type { SearchIndex } from "../../../src/search/index.js";
import { createNewsReader, type ReaderCacheLimits } from "../../../src/services/news-reader.js";
import type { ArticleRepo } from "../../../src/store/article-repo.js";
import { makeArticle } from "../../helpers/articles.js";

const ARTICLES = Array.from({ length: 30 }, (_, i) =>
  makeArticle({
    id: `a${i}`,
    title: `Gaza story ${i}`,
    topics: [{ id: "gaza", name: "Gaza", kind: "place", weight: 1 }],
  }),
);

function setup(cache?: ReaderCacheLimits) {
  const calls = { search: 0, topicArticles: 0, latest: 0, trending: 0, articleIds: [] as string[] };
  const store = new Map(ARTICLES.map((a) => [a.id, a]));
  const page = (offset = 0, limit = 10) => ({
    ids: ARTICLES.slice(offset, offset + limit).map((a) => a.id),
    total: ARTICLES.length,
  });
  const articles = {
    async get(id: string) {
      calls.articleIds.push(id);
      return store.get(id);
    },
    async getMany(ids: readonly string[]) {
      calls.articleIds.push(...ids);
      return ids.map((id) => store.get(id)).filter((a): a is Article => a !== undefined);
    },
  } as unknown as ArticleRepo;
  const search = {
    async search(query: string, o: { offset?: number; limit?: number }) {
      calls.search++;
      const p = page(o.offset, o.limit);
      return { hits: p.ids.map((id) => ({ id, score: 1 })), total: p.total, corrected: `${query}!` };
    },
    async topicArticles(_id: string, o: { offset?: number; limit?: number }) {
      calls.topicArticles++;
      return page(o.offset, o.limit);
    },
    async latest(o: { offset?: number; limit?: number }) {
      calls.latest++;
      return page(o.offset, o.limit);
    },
    async trendingTopics(o: { limit?: number }) {
      calls.trending++;
      return Array.from({ length: o.limit ?? 10 }, (_, i) => ({
        id: `t${i}`,
        name: `Topic ${i}`,
        kind: "phrase",
        count: 30 - i,
        score: 1,
      }));
    },
  } as unknown as SearchIndex;
  const topics = createTopicDirectory([]);
  topics.add({ id: "gaza", name: "Gaza", kind: "place", weight: 1 });
  const state = { stamp: 1, now: new Date("2025-11-10T12:00:00Z") };
  const reader = createNewsReader({
    articles,
    search,
    topics,
    clock: () => state.now,
    changeStamp: () => state.stamp,
    ...(cache ? { cache } : {}),
  });
  return { reader, calls, state, store };
}

describe("NewsReader caches", () => {
  it("answers a repeated search from the cache, with the same page and correction", async () => {
    const { reader, calls } = setup();
    const first = await reader.search("gaza", { limit: 5 });
    const again = await reader.search("gaza", { limit: 5 });
    expect(again).toEqual(first);
    expect(first.corrected).toBe("gaza!");
    expect(calls.search).toBe(1);
    expect(calls.articleIds).toHaveLength(5);
    await reader.search("gaza", { offset: 5, limit: 5 });
    expect(calls.search).toBe(2);
    expect(reader.stats?.().lists).toMatchObject({ hits: 1, misses: 2 });
  });

  it("reads everything again once the change stamp moves", async () => {
    const { reader, calls, state, store } = setup();
    await reader.topic("gaza", { limit: 5 });
    await reader.latest({ limit: 5 });
    await reader.trendingTopics(3);
    const before = { ...calls, articles: calls.articleIds.length };
    store.set("a0", { ...ARTICLES[0]!, title: "Gaza story 0, updated" });
    state.stamp = 2;
    const found = await reader.topic("gaza", { limit: 5 });
    expect(found.kind === "found" && found.page.items[0]?.title).toBe("Gaza story 0, updated");
    expect((await reader.article("a0"))?.title).toBe("Gaza story 0, updated");
    await reader.latest({ limit: 5 });
    await reader.trendingTopics(3);
    expect(calls.topicArticles).toBeGreaterThan(before.topicArticles);
    expect(calls.latest).toBe(before.latest + 1);
    expect(calls.trending).toBe(before.trending + 1);
  });

  it("keeps result lists and trending topics for the hour only, articles until the store changes", async () => {
    const { reader, calls, state } = setup();
    await reader.latest({ limit: 5 });
    await reader.trendingTopics(3);
    state.now = new Date("2025-11-10T12:59:59Z");
    await reader.latest({ limit: 5 });
    await reader.trendingTopics(3);
    expect([calls.latest, calls.trending]).toEqual([1, 1]);
    state.now = new Date("2025-11-10T13:00:00Z");
    await reader.latest({ limit: 5 });
    await reader.trendingTopics(3);
    expect([calls.latest, calls.trending]).toEqual([2, 2]);
    expect(calls.articleIds).toHaveLength(5);
  });

  it("reads a hot article once and hands out lists callers may change", async () => {
    const { reader, calls } = setup();
    const card = await reader.article("a3");
    const page = await reader.latest({ limit: 5 });
    expect(page.items[3]).toBe(card);
    page.items.pop();
    const trending = await reader.trendingTopics(3);
    trending.pop();
    expect((await reader.latest({ limit: 5 })).items).toHaveLength(5);
    expect(await reader.trendingTopics(3)).toHaveLength(3);
    expect(calls.articleIds.filter((id) => id === "a3")).toEqual(["a3"]);
    expect(await reader.article("nope")).toBeUndefined();
    expect(await reader.article("nope")).toBeUndefined();
    expect(calls.articleIds.filter((id) => id === "nope")).toHaveLength(2);
  });

  it("bounds the articles kept (LRU) and can be turned off", async () => {
    const small = setup({ articles: 3 });
    await small.reader.latest({ limit: 10 });
    expect(small.reader.stats?.().articles).toMatchObject({ size: 3, evictions: 7 });
    await small.reader.article("a9");
    await small.reader.article("a0");
    expect(small.calls.articleIds.slice(10)).toEqual(["a0"]);

    const off = setup({ lists: 0, articles: 0, briefs: 0, suggestions: 0, trending: 0 });
    await off.reader.search("gaza");
    await off.reader.search("gaza");
    await off.reader.topic("gazza");
    await off.reader.topic("gazza");
    expect(off.calls.search).toBe(2);
    expect(off.reader.stats?.().suggestions).toMatchObject({ hits: 0, misses: 2, size: 0 });
  });

  it("suggests for an unknown name from the cache the second time", async () => {
    const { reader } = setup();
    const first = await reader.topic("gazza");
    expect(first).toEqual({
      kind: "unknown",
      query: "gazza",
      suggestions: [{ id: "gaza", name: "Gaza", kind: "place", count: 0, score: 0 }],
    });
    expect(await reader.topic("gazza")).toEqual(first);
    expect(reader.stats?.().suggestions).toMatchObject({ hits: 1, misses: 1 });
  });
});
