/**
 * Search index sync across instances: two in-process "instances", each with its own in-memory
 * FTS index and its own Redis connections, over one Redis store. An article stored and announced
 * by one is found by the other's search; lost messages are made up by polling the change log.
 * Uses the real seed stories. Needs REDIS_URL; every test uses its own key prefix.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import {
  createIndexUpdater,
  readChangeHead,
  type SearchSync,
  type SearchSyncOptions,
  startSearchSync,
} from "../../../src/search/sync.js";
import { type ArticleRepo, createArticleRepo } from "../../../src/store/article-repo.js";
import { connectRedis } from "../../../src/store/redis-client.js";
import { openRedisStore, type RedisStore } from "../../../src/store/redis-store.js";
import { seedArticles } from "../digest/fixtures.js";

const REDIS_URL = process.env.REDIS_URL;
const [putin, spokesperson, rafah, goldin] = seedArticles();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Instance {
  store: RedisStore;
  articles: ArticleRepo;
  index: SearchIndex;
  sync: SearchSync;
  resets: number;
  errors: unknown[];
}

/** One bot instance: store connection, subscriber connection, local index, sync. */
async function instance(
  keyPrefix: string,
  options: Partial<Pick<SearchSyncOptions, "channel" | "pollMs" | "since">> = {},
): Promise<Instance> {
  const store = await openRedisStore(REDIS_URL ?? "", { keyPrefix, onError: () => {} });
  const subscriber = await connectRedis(REDIS_URL ?? "", { onError: () => {} });
  const index = await openSearchIndex({ path: ":memory:" });
  const articles = createArticleRepo(store);
  const self: Instance = {
    store,
    articles,
    index,
    resets: 0,
    errors: [],
    sync: undefined as unknown as SearchSync,
  };
  self.sync = await startSearchSync({
    publisher: store.client,
    subscriber,
    prefix: `${keyPrefix}:search`,
    onChanged: createIndexUpdater({ articles, index }),
    onReset: async () => {
      self.resets++;
    },
    onError: (error) => {
      self.errors.push(error);
    },
    pollMs: 60_000,
    ...options,
  });
  cleanups.push(async () => {
    await self.sync.stop();
    expect(self.errors).toEqual([]);
    await index.close();
    await subscriber.close();
    for await (const keys of store.client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 500 })) {
      if (keys.length > 0) await store.client.del(keys);
    }
    await store.close();
  });
  return self;
}

const prefix = () => `test:sync:${process.pid}-${randomUUID().slice(0, 8)}`;
const ids = async (index: SearchIndex, query: string) => (await index.search(query)).hits.map((h) => h.id);

describe.skipIf(!REDIS_URL)("search sync across instances (needs REDIS_URL)", () => {
  it("an article stored and announced by one instance is found through the other within seconds", async () => {
    const keyPrefix = prefix();
    const a = await instance(keyPrefix);
    const b = await instance(keyPrefix);
    await a.articles.putMany([putin!, goldin!]);
    const seq = await a.sync.publishChanged([putin!.id, goldin!.id], "7");
    expect(a.sync.applied()).toBe(seq);
    await vi.waitFor(async () => expect(await ids(b.index, "Putin Sharaa")).toEqual([putin!.id]), {
      timeout: 5000,
      interval: 20,
    });
    expect(await ids(b.index, "Hadar Goldin")).toEqual([goldin!.id]);
    expect(await b.index.getStamp()).toBe("7");
    expect(b.sync.applied()).toBe(seq);
  });

  it("a deleted article disappears from the other instance's index", async () => {
    const keyPrefix = prefix();
    const a = await instance(keyPrefix);
    const b = await instance(keyPrefix);
    await a.articles.putMany([rafah!]);
    await a.sync.publishChanged([rafah!.id]);
    await vi.waitFor(async () => expect(await ids(b.index, "Rafah surrender")).toEqual([rafah!.id]), {
      timeout: 5000,
      interval: 20,
    });
    await a.articles.delete(rafah!.id);
    await a.sync.publishChanged([rafah!.id]);
    await vi.waitFor(async () => expect(await ids(b.index, "Rafah surrender")).toEqual([]), {
      timeout: 5000,
      interval: 20,
    });
  });

  it("catches up by polling when the announcement never arrives", async () => {
    const keyPrefix = prefix();
    const a = await instance(keyPrefix);
    // B listens on a channel nobody publishes to: every message is "lost".
    const b = await instance(keyPrefix, { channel: `${keyPrefix}:elsewhere`, pollMs: 100 });
    await a.articles.putMany([spokesperson!]);
    await a.sync.publishChanged([spokesperson!.id]);
    await vi.waitFor(
      async () => expect(await ids(b.index, "Turkish forces Gaza spokesperson")).toEqual([spokesperson!.id]),
      { timeout: 5000, interval: 20 },
    );
  });

  it("an instance started later picks up changes made since the head it was given", async () => {
    const keyPrefix = prefix();
    const a = await instance(keyPrefix);
    const head = await readChangeHead(a.store.client, `${keyPrefix}:search`);
    await a.articles.putMany([putin!]);
    await a.sync.publishChanged([putin!.id]);
    // Rebuilt from the store before `head`, so everything after it is applied at start.
    const late = await instance(keyPrefix, { since: head });
    expect(await ids(late.index, "Kremlin Putin")).toEqual([putin!.id]);
  });

  it("asks for a full rebuild when the change log went backwards", async () => {
    const keyPrefix = prefix();
    const a = await instance(keyPrefix);
    await a.articles.putMany([putin!]);
    await a.sync.publishChanged([putin!.id]);
    await a.sync.publishChanged([putin!.id]);
    const b = await instance(keyPrefix);
    expect(b.sync.applied()).toBe(2);
    await b.store.client.del([`${keyPrefix}:search:seq`, `${keyPrefix}:search:log`]);
    await b.sync.catchUp();
    expect(b.resets).toBe(1);
    expect(b.sync.applied()).toBe(0);
  });
});
