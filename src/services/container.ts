/**
 * Opens everything the bot, the scripts and the digest share: store, repositories, search
 * index, language stage, ingest and the read side. No grammY here: scripts use it as is.
 */
import fs from "node:fs";
import path from "node:path";
import { type Cluster, createCluster } from "../cluster/cluster.js";
import { type ClusterSearchSync, startClusterSearchSync } from "../cluster/search-sync.js";
import type { Config } from "../config.js";
import type { Article } from "../domain/article.js";
import type { CuratedTopic } from "../domain/topic.js";
import { createIngestService, type IngestDeps, type IngestService } from "../ingest/ingest-service.js";
import type { Logger } from "../logger.js";
import {
  type Analyzer,
  createAnalyzer,
  createTopicDirectory,
  loadCuratedTopics,
  type TopicDirectory,
} from "../nlp/index.js";
import { type IndexDoc, openSearchIndex, type SearchIndex } from "../search/index.js";
import { indexDoc } from "../search/index-doc.js";
import { publishChanges, readChangeHead } from "../search/sync.js";
import { type ArticleRepo, createArticleRepo } from "../store/article-repo.js";
import { openStore, type Store } from "../store/keyv-store.js";
import { createMetaRepo, type MetaRepo } from "../store/meta-repo.js";
import type { RedisStore } from "../store/redis-store.js";
import { createNewsReader } from "./news-reader.js";
import { createRecentArticles, type RecentArticles } from "./recent-articles.js";
import type { NewsReader } from "./types.js";

export interface Services {
  store: Store;
  articles: ArticleRepo;
  meta: MetaRepo;
  search: SearchIndex;
  analyzer: Analyzer;
  topics: TopicDirectory;
  ingest: IngestService;
  reader: NewsReader;
  /** Articles by arrival time, for digests (kept current by every ingest, /reload included). */
  recent: RecentArticles;
  /** On a Redis store (STORE_URL=redis://…): what several processes share. Absent on SQLite. */
  cluster?: Cluster;
  /** Stop following the cluster (Redis), then close the index and the store. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link openServices}. */
export interface OpenServicesOptions {
  logger: Logger;
  clock: () => Date;
  /**
   * Redis only: follow other processes' ingests (a subscriber connection and a poll). Default
   * true; one-shot scripts that only publish (npm run ingest) turn it off.
   */
  followCluster?: boolean;
  /** Redis only: how often the search sync polls the change log besides pub/sub; default 2,000 ms. */
  syncPollMs?: number;
}

/**
 * How long an article stays a digest candidate after it arrived: a digest looks back at most
 * 8 days (a weekly reader's week and a day), plus 72 h before that to recognise follow-ups.
 */
export const RECENT_RETAIN_MS = (8 * 24 + 72) * 3_600_000;

/** File name of the search index inside DATA_DIR. */
export const SEARCH_FILE = "search.sqlite";

/** Open all services. The search index is checked against the store and rebuilt if it is stale. */
export async function openServices(
  config: Pick<Config, "dataDir" | "storeUrl" | "contentDir"> & { redisKeyPrefix?: string },
  deps: OpenServicesOptions,
): Promise<Services> {
  let closing: Promise<void> | undefined;
  const store = await openStore({
    dataDir: config.dataDir,
    storeUrl: config.storeUrl,
    ...(config.redisKeyPrefix ? { keyPrefix: config.redisKeyPrefix } : {}),
    onError: (error) => deps.logger.warn({ err: error }, "redis connection error"),
  });
  const cluster = store.kind === "redis" ? createCluster(store as RedisStore, deps.logger) : undefined;
  const articles = createArticleRepo(store);
  const meta = createMetaRepo(store);
  const curated = readCuratedTopics(config.contentDir);
  const analyzer = createAnalyzer({ curated });
  const topics = createTopicDirectory(curated);
  // Read before the index is built from the store: changes logged after this are replayed.
  const head = cluster ? await readChangeHead(cluster.client, cluster.searchPrefix) : 0;
  let changeStamp = (await meta.get()).changeStamp;
  const search = await openCurrentIndex(config.dataDir, articles, String(changeStamp), deps.logger);
  for (const ref of await search.topicNames()) topics.add(ref);
  const recent = createRecentArticles({
    all: () => articles.all(),
    clock: deps.clock,
    retainMs: RECENT_RETAIN_MS,
  });
  const arrived = (stored: readonly Article[]) => {
    for (const a of stored) for (const t of a.topics) topics.add(t);
    recent.add(stored);
    changeStamp++;
  };
  let following: ClusterSearchSync | undefined;
  if (cluster && config.storeUrl && deps.followCluster !== false) {
    following = await startClusterSearchSync({
      url: config.storeUrl,
      cluster,
      articles,
      index: search,
      since: head,
      onArrived: arrived,
      logger: deps.logger,
      ...(deps.syncPollMs === undefined ? {} : { pollMs: deps.syncPollMs }),
    });
  }
  const ingestDeps = { articles, meta, search, analyzer, clock: deps.clock, logger: deps.logger };
  const ingest = cluster
    ? clusterIngest(cluster, ingestDeps, arrived, following)
    : createIngestService({ ...ingestDeps, onStored: arrived });
  const reader = createNewsReader({
    articles,
    search,
    topics,
    clock: deps.clock,
    changeStamp: () => changeStamp,
  });
  return {
    store,
    articles,
    meta,
    search,
    analyzer,
    topics,
    ingest,
    reader,
    recent,
    ...(cluster ? { cluster } : {}),
    async close() {
      closing ??= (async () => {
        await following?.close();
        await search.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * Ingest on a shared Redis store: one ingest at a time across processes (the cluster lock), a
 * dedupe index reloaded from the store when another process has ingested since ours, and the
 * changed ids published to the change log afterwards so every process indexes them.
 */
function clusterIngest(
  cluster: Cluster,
  deps: Omit<IngestDeps, "onStored">,
  arrived: (stored: readonly Article[]) => void,
  following: ClusterSearchSync | undefined,
): IngestService {
  let service: IngestService | undefined;
  let seqAfterOurs = -1;
  let changed: string[] = [];
  const create = () =>
    createIngestService({
      ...deps,
      onStored: (stored) => {
        arrived(stored);
        for (const a of stored) changed.push(a.id);
      },
    });
  return {
    ingestPaths(paths, options) {
      return cluster.withIngestLock(
        async () => {
          // Another process ingested since our last run: our dedupe index misses its articles.
          const head = await readChangeHead(cluster.client, cluster.searchPrefix);
          if (!service || head !== seqAfterOurs) service = create();
          changed = [];
          const report = await service.ingestPaths(paths, options);
          if (changed.length > 0) {
            const stamp = String((await deps.meta.get()).changeStamp);
            const ids = [...new Set(changed)];
            seqAfterOurs = following
              ? await following.sync.publishChanged(ids, stamp)
              : await publishChanges(cluster.client, cluster.searchPrefix, ids, stamp);
          } else {
            seqAfterOurs = head;
          }
          return report;
        },
        () => deps.logger.info({}, "ingest: waiting for the ingest running in another process"),
      );
    },
  };
}

/** Curated topics from CONTENT_DIR/topics.json; none when the file is absent. Invalid JSON throws a clear Error. */
export function readCuratedTopics(contentDir: string): CuratedTopic[] {
  const file = path.join(contentDir, "topics.json");
  if (!fs.existsSync(file)) return [];
  return loadCuratedTopics(fs.readFileSync(file, "utf8"), file);
}

/** Open the persisted index; when its stamp differs from the store's, rebuild it from the stored articles. */
async function openCurrentIndex(dataDir: string, articles: ArticleRepo, stamp: string, logger: Logger) {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SEARCH_FILE);
  let index = await openSearchIndex({ path: file });
  if ((await index.getStamp()) === stamp) return index;
  await index.close();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  index = await openSearchIndex({ path: file });
  const started = performance.now();
  let batch: IndexDoc[] = [];
  let count = 0;
  for await (const a of articles.all()) {
    batch.push(indexDoc(a));
    if (batch.length >= 500) {
      await index.upsert(batch);
      count += batch.length;
      batch = [];
    }
  }
  await index.upsert(batch);
  count += batch.length;
  await index.setStamp(stamp);
  if (count > 0)
    logger.info({ articles: count, ms: Math.round(performance.now() - started) }, "search index rebuilt");
  return index;
}
