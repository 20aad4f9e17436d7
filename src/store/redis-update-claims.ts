/**
 * Update dedupe for several webhook instances: `SET <prefix>:update:<id> 1 NX EX 86400`. Telegram
 * keeps an undelivered update for at most 24 hours, so after a day no redelivery can come.
 */
import type { RedisClient } from "./redis-client.js";

/** Claims of update ids; the shape `dedupeUpdates` (src/bot/middleware) takes. */
export interface RedisUpdateClaims {
  /** True the first time any instance claims `updateId` within `ttlSeconds`. */
  claim(updateId: number): Promise<boolean>;
  /** Forget a claim so a redelivery is handled again. */
  release(updateId: number): Promise<void>;
}

/** Seconds a claimed update id is remembered: Telegram's 24-hour retention. */
export const UPDATE_CLAIM_SECONDS = 86_400;

/** Update claims shared by every instance on one Redis; keys `<prefix>:update:<id>`. */
export function createRedisUpdateClaims(
  client: RedisClient,
  prefix: string,
  ttlSeconds = UPDATE_CLAIM_SECONDS,
): RedisUpdateClaims {
  const key = (id: number) => `${prefix}:update:${id}`;
  return {
    async claim(updateId) {
      const taken = await client.set(key(updateId), "1", {
        condition: "NX",
        expiration: { type: "EX", value: ttlSeconds },
      });
      return taken === "OK";
    },
    async release(updateId) {
      await client.del(key(updateId));
    },
  };
}
