/**
 * Opens everything the bot, the scripts and the digest share: store, repositories, search
 * index, language stage, ingest and the read side. No grammY here: scripts use it as is.
 */
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { bodyText } from "../domain/article.js";
import type { CuratedTopic } from "../domain/topic.js";
import { createIngestService, type IngestService } from "../ingest/ingest-service.js";
import type { Logger } from "../logger.js";
import {
  type Analyzer,
  createAnalyzer,
  createTopicDirectory,
  loadCuratedTopics,
  type TopicDirectory,
} from "../nlp/index.js";
import { type IndexDoc, openSearchIndex, type SearchIndex } from "../search/index.js";
import { type ArticleRepo, createArticleRepo } from "../store/article-repo.js";
import { openStore, type Store } from "../store/keyv-store.js";
import { createMetaRepo, type MetaRepo } from "../store/meta-repo.js";
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
  close(): Promise<void>;
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
  config: Pick<Config, "dataDir" | "storeUrl" | "contentDir">,
  deps: { logger: Logger; clock: () => Date },
): Promise<Services> {
  const store = await openStore({ dataDir: config.dataDir, storeUrl: config.storeUrl });
  const articles = createArticleRepo(store);
  const meta = createMetaRepo(store);
  const curated = readCuratedTopics(config.contentDir);
  const analyzer = createAnalyzer({ curated });
  const topics = createTopicDirectory(curated);
  let changeStamp = (await meta.get()).changeStamp;
  const search = await openCurrentIndex(config.dataDir, articles, String(changeStamp), deps.logger);
  for (const ref of await search.topicNames()) topics.add(ref);
  const recent = createRecentArticles({
    all: () => articles.all(),
    clock: deps.clock,
    retainMs: RECENT_RETAIN_MS,
  });
  const ingest = createIngestService({
    articles,
    meta,
    search,
    analyzer,
    clock: deps.clock,
    logger: deps.logger,
    onStored: (stored) => {
      for (const a of stored) for (const t of a.topics) topics.add(t);
      recent.add(stored);
      changeStamp++;
    },
  });
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
    async close() {
      await search.close();
      await store.close();
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
    batch.push({
      id: a.id,
      title: a.title,
      body: bodyText(a),
      topics: a.topics,
      published: a.published,
    });
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
