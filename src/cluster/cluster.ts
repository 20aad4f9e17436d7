/**
 * Everything several bot processes on one Redis share, built from the Redis store's connection:
 * digest claims, counters, pace and tick election (for the digest pipeline), update-id claims
 * and rate-limit windows (for the bot), and a cluster-wide ingest lock. Nothing here is needed,
 * or built, on the embedded SQLite store. Keys live under the store's prefix:
 *
 *   <prefix>:claim:*          digest claims (SET NX PX, compare-and-delete)
 *   <prefix>:ledger-day:*     per-day delivery counters (HINCRBY)
 *   <prefix>:cron:*           node-cron distributed-mode election of each tick
 *   <prefix>:pace:broadcast   the bot's one send pace across processes
 *   <prefix>:update:*         update ids already handled (webhook redeliveries)
 *   <prefix>:rate:*           per-user rate-limit windows
 *   <prefix>:search:*         the search index change log (see src/search/sync.ts)
 *   <prefix>:claim:lock:ingest  who is ingesting now
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { UpdateClaims } from "../bot/middleware/dedupe-updates.js";
import { createRedisPacer } from "../digest/redis-pacer.js";
import { createRedisRunCoordinator, distributedTaskFactory } from "../digest/redis-run-coordinator.js";
import { cronLogger } from "../digest/scheduler.js";
import type { DigestLogger } from "../digest/types.js";
import type { DigestSharing } from "../digest/wiring.js";
import type { LedgerEntry } from "../store/delivery-ledger.js";
import type { ClaimStore } from "../store/digest-claims.js";
import { createRedisClaimStore } from "../store/redis-claims.js";
import type { RedisClient } from "../store/redis-client.js";
import { createRedisDayCounters } from "../store/redis-counters.js";
import { createRedisRateLimitStore, type RedisRateLimitStore } from "../store/redis-rate-limit.js";
import type { RedisStore } from "../store/redis-store.js";
import { createRedisUpdateClaims } from "../store/redis-update-claims.js";

/** How long the ingest lock lives without renewal; it is renewed every third of that while held. */
const INGEST_LOCK_MS = 30_000;
/** How often a waiting ingest tries the lock again. */
const INGEST_RETRY_MS = 500;

/** The shared pieces of a Redis deployment. */
export interface Cluster {
  client: RedisClient;
  keyPrefix: string;
  /** This process, in claim values and logs: host, pid and a random suffix. */
  instance: string;
  /** For createDigestPipeline({ sharing }). */
  digest: DigestSharing;
  /** For the bot's dedupeUpdates middleware: an update id is handled by one process once. */
  updateClaims: UpdateClaims;
  /** Rate-limit windows shared by every process (windowMs must equal the limiter's window). */
  rateLimitStore(windowMs: number): RedisRateLimitStore;
  /** Key prefix of the search change log (src/search/sync.ts). */
  searchPrefix: string;
  /**
   * Run `fn` holding the cluster-wide ingest lock (one ingest at a time across processes: the
   * store's meta record and the dedupe index are read-modify-write). Waits while another process
   * holds it, telling `onWait` once.
   */
  withIngestLock<T>(fn: () => Promise<T>, onWait?: () => void): Promise<T>;
}

/** Build the cluster pieces over an open Redis store. Starts nothing, opens no connection. */
export function createCluster(store: RedisStore, logger: DigestLogger): Cluster {
  const { client, keyPrefix } = store;
  const instance = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const key = (name: string) => `${keyPrefix}:${name}`;
  const claims: ClaimStore = createRedisClaimStore(client, key("claim"));
  const coordinator = createRedisRunCoordinator(client, key("cron"), { owner: instance });
  const digest: DigestSharing = {
    claims,
    counters: createRedisDayCounters(client, key("ledger-day")),
    insertMissing: (entries: readonly { key: string; value: LedgerEntry }[]) =>
      store.insertMissing("ledger", entries),
    pacer: (perSecond) =>
      createRedisPacer(client, {
        // Spacing alone (no completion window across processes): 5% under the limit and no
        // catch-up bursts, so jitter between processes rarely puts 31 sends in one second.
        perSecond: perSecond * 0.95,
        catchUp: 0,
        key: key("pace:broadcast"),
        onError: (error) => logger.warn({ err: error }, "digest: shared pace hold failed"),
      }),
    createTask: distributedTaskFactory({ coordinator, logger: cronLogger(logger) }),
  };
  return {
    client,
    keyPrefix,
    instance,
    digest,
    updateClaims: createRedisUpdateClaims(client, keyPrefix),
    rateLimitStore: (windowMs) => createRedisRateLimitStore(client, key("rate"), windowMs),
    searchPrefix: key("search"),
    async withIngestLock(fn, onWait) {
      // A fresh owner per call: two ingests in one process must also wait for each other.
      const owner = `${instance}:${randomUUID().slice(0, 8)}`;
      let told = false;
      while (!(await claims.acquire("lock:ingest", owner, INGEST_LOCK_MS, new Date()))) {
        if (!told) onWait?.();
        told = true;
        await new Promise((resolve) => setTimeout(resolve, INGEST_RETRY_MS));
      }
      const renew = setInterval(() => {
        claims.acquire("lock:ingest", owner, INGEST_LOCK_MS, new Date()).catch((error: unknown) => {
          logger.warn({ err: error }, "ingest: could not renew the cluster ingest lock");
        });
      }, INGEST_LOCK_MS / 3);
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        await claims.release("lock:ingest", owner);
      }
    },
  };
}
