/**
 * An article ingested through one instance is found through the other: the real ingest service
 * (parse, language stage, store, local index) on instance A over a Redis store, the change
 * announced with `publishChanged`, and instance B's own index brought up to date by the sync.
 * This is the wiring the app needs, minus the bot. Needs REDIS_URL; own key prefix, removed after.
 */
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createIngestService } from "../../src/ingest/ingest-service.js";
import { createAnalyzer } from "../../src/nlp/index.js";
import { openSearchIndex, type SearchIndex } from "../../src/search/index.js";
import {
  createIndexUpdater,
  readChangeHead,
  type SearchSync,
  startSearchSync,
} from "../../src/search/sync.js";
import { createArticleRepo } from "../../src/store/article-repo.js";
import { createMetaRepo } from "../../src/store/meta-repo.js";
import { connectRedis } from "../../src/store/redis-client.js";
import { openRedisStore } from "../../src/store/redis-store.js";
import { deleteKeysUnder } from "../helpers/redis.js";

const REDIS_URL = process.env.REDIS_URL;
const SEED = fileURLToPath(new URL("../../content/asharq-al-awsat-2025-11-09.txt", import.meta.url));
const logger = pino({ level: "silent" });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One instance: store, subscriber, its own index, sync, and an ingest that announces what it stored. */
async function instance(keyPrefix: string) {
  const store = await openRedisStore(REDIS_URL ?? "", { keyPrefix, onError: () => {} });
  const subscriber = await connectRedis(REDIS_URL ?? "", { onError: () => {} });
  const articles = createArticleRepo(store);
  const meta = createMetaRepo(store);
  const index: SearchIndex = await openSearchIndex({ path: ":memory:" });
  const prefix = `${keyPrefix}:search`;
  const since = await readChangeHead(store.client, prefix); // before the (here empty) rebuild
  const errors: unknown[] = [];
  const sync: SearchSync = await startSearchSync({
    publisher: store.client,
    subscriber,
    prefix,
    since,
    onChanged: createIndexUpdater({ articles, index }),
    onError: (e) => errors.push(e),
  });
  const changed: string[] = [];
  const ingest = createIngestService({
    articles,
    meta,
    search: index,
    analyzer: createAnalyzer({ curated: [] }),
    clock: () => new Date("2026-11-26T06:00:00.000Z"),
    logger,
    onStored: (stored) => changed.push(...stored.map((a) => a.id)),
  });
  cleanups.push(async () => {
    await sync.stop();
    expect(errors).toEqual([]);
    await index.close();
    await subscriber.close();
    await deleteKeysUnder(store.client, keyPrefix);
    await store.close();
  });
  /** Ingest, then announce the stored ids with the store's new change stamp. */
  const ingestAndAnnounce = async (paths: string[]) => {
    changed.length = 0;
    const report = await ingest.ingestPaths(paths);
    await sync.publishChanged([...changed], String((await meta.get()).changeStamp));
    return report;
  };
  return { index, sync, ingestAndAnnounce };
}

describe.skipIf(!REDIS_URL)("search across instances on Redis (needs REDIS_URL)", () => {
  it("the seed file ingested through A is searchable through B within seconds", async () => {
    const keyPrefix = `test:e2e-sync:${process.pid}-${randomUUID().slice(0, 8)}`;
    const a = await instance(keyPrefix);
    const b = await instance(keyPrefix);
    const report = await a.ingestAndAnnounce([SEED]);
    expect(report.added).toBe(4);
    await vi.waitFor(async () => expect(await b.index.count()).toBe(4), { timeout: 5000, interval: 25 });
    const top = async (index: SearchIndex, q: string) => (await index.search(q)).hits[0]?.id;
    expect(await top(b.index, "Hadar Goldin body hostage")).toBe(
      await top(a.index, "Hadar Goldin body hostage"),
    );
    // The same answers on both instances, for each of the four stories.
    for (const q of [
      "Putin Sharaa Kremlin",
      "Turkish forces Gaza",
      "Rafah fighters surrender",
      "Hadar Goldin",
    ]) {
      const expected = (await a.index.search(q)).hits.map((h) => h.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await b.index.search(q)).hits.map((h) => h.id)).toEqual(expected);
    }
    expect(await b.index.getStamp()).toBe("1");
    expect(b.sync.applied()).toBe(a.sync.applied());
  });
});
