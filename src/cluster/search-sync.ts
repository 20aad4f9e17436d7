/**
 * The search side of a Redis deployment: every process keeps its own search index (SQLite FTS5
 * in its DATA_DIR) and follows the change log in Redis, so an article ingested through one
 * process is found through every other within seconds. Articles that arrive this way also reach
 * the process's digest window and topic directory, exactly like its own ingests.
 */
import type { Article } from "../domain/article.js";
import type { Logger } from "../logger.js";
import { indexDoc } from "../search/index-doc.js";
import { createIndexUpdater, type SearchSync, startSearchSync } from "../search/sync.js";
import type { SearchIndex } from "../search/types.js";
import { connectRedis } from "../store/redis-client.js";
import type { Cluster } from "./cluster.js";

/** Dependencies of {@link startClusterSearchSync}. */
export interface ClusterSearchSyncDeps {
  /** STORE_URL: the subscriber needs a connection of its own. */
  url: string;
  cluster: Pick<Cluster, "client" | "searchPrefix">;
  articles: {
    getMany(ids: readonly string[]): Promise<Article[]>;
    all(): AsyncIterable<Article>;
  };
  index: SearchIndex;
  /** The change-log seq read before the index was (re)built from the store. */
  since: number;
  /** Articles stored by another process, after they are in the index. */
  onArrived: (articles: readonly Article[]) => void;
  logger: Logger;
  pollMs?: number;
}

/** A running sync with its own subscriber connection. */
export interface ClusterSearchSync {
  sync: SearchSync;
  /** Stop following and close the subscriber connection. Idempotent. */
  close(): Promise<void>;
}

/** Subscribe to the change log and catch up with it. */
export async function startClusterSearchSync(deps: ClusterSearchSyncDeps): Promise<ClusterSearchSync> {
  const { logger } = deps;
  const subscriber = await connectRedis(deps.url, {
    onError: (error) => logger.warn({ err: error }, "redis subscriber connection error"),
  });
  const update = createIndexUpdater({
    articles: {
      async getMany(ids) {
        const found = await deps.articles.getMany(ids);
        deps.onArrived(found);
        return found;
      },
    },
    index: deps.index,
  });
  let sync: SearchSync;
  try {
    sync = await startSearchSync({
      publisher: deps.cluster.client,
      subscriber,
      prefix: deps.cluster.searchPrefix,
      since: deps.since,
      ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
      async onChanged(batch) {
        await update(batch);
        logger.debug(
          { articles: batch.ids.length, seq: batch.seq },
          "search: applied changes from the cluster",
        );
      },
      async onReset() {
        // Redis lost its log (flushed or replaced): re-read every article; upserts are idempotent.
        logger.warn({}, "search: the cluster change log restarted; re-indexing every stored article");
        let batch: Article[] = [];
        const flush = async () => {
          await deps.index.upsert(batch.map((a) => indexDoc(a)));
          deps.onArrived(batch);
          batch = [];
        };
        for await (const a of deps.articles.all()) {
          batch.push(a);
          if (batch.length >= 500) await flush();
        }
        await flush();
      },
      onError: (error) =>
        logger.warn({ err: error }, "search: catching up with the cluster failed; retrying"),
    });
  } catch (error) {
    await subscriber.close().catch(() => undefined);
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    sync,
    close() {
      closed ??= (async () => {
        await sync.stop();
        if (subscriber.isOpen) await subscriber.close();
      })();
      return closed;
    },
  };
}
