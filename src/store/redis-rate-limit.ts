/**
 * Rate-limit windows on Redis for @grammyjs/ratelimiter, shared by every instance.
 *
 * The plugin calls `storageClient.incr(key)` and, on the first hit, `storageClient.pexpire(key,
 * ms)`: names from ioredis. @redis/client v5 has `incr` but spells the other `pExpire` (there is
 * no `pexpire`), so the client cannot be passed as is; ioredis is not needed either, this adapter
 * is enough. It also closes the plugin's gap: INCR and PEXPIRE as two calls leave a counter
 * without expiry (a user limited forever) if the process dies between them, so here the window
 * is created with its expiry first (`SET key 0 NX PX window`) and incremented in the same MULTI.
 */
import type { RedisClient } from "./redis-client.js";

/** The storage shape @grammyjs/ratelimiter expects, plus `hits` like src/bot/rate-limit.ts's window store. */
export interface RedisRateLimitStore {
  incr(key: string): Promise<number>;
  /** A no-op (the window got its expiry when it was created); answers 1 like PEXPIRE on a live key. */
  pexpire(key: string, ms: number): Promise<number>;
  /**
   * The count `incr` last returned for `key` in this process: the update being handled right now,
   * so the "slow down" notice can be sent on the first hit over the limit only.
   */
  hits(key: string): number;
}

/** Keys `<prefix>:<plugin key>`; `windowMs` must equal the plugin's `timeFrame`. */
export function createRedisRateLimitStore(
  client: RedisClient,
  prefix: string,
  windowMs: number,
): RedisRateLimitStore {
  const last = new Map<string, number>();
  return {
    async incr(key) {
      const [, count] = await client
        .multi()
        .set(`${prefix}:${key}`, "0", { condition: "NX", expiration: { type: "PX", value: windowMs } })
        .incr(`${prefix}:${key}`)
        .exec();
      const hits = Number(count);
      // Remember only the latest count per key, and only a bounded number of keys.
      if (last.size > 10_000) last.clear();
      last.set(key, hits);
      return hits;
    },
    async pexpire() {
      return 1;
    },
    hits: (key) => last.get(key) ?? 0,
  };
}
