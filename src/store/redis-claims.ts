/**
 * A {@link ClaimStore} on Redis, for several bot processes sharing one store: a claim is a key
 * holding its owner with a Redis expiry, so a process that dies holding claims loses them when
 * the lease runs out and another process finishes its unsent digests.
 *
 * - acquire: `SET key owner NX PX ttl`; if the key exists and is ours, the lease is renewed
 *   (compare-and-PEXPIRE in one Lua script, so a claim that just expired and was taken by
 *   another owner is never extended).
 * - release: compare-and-delete in one Lua script, so a process whose lease expired cannot
 *   delete the claim its successor now holds.
 *
 * Expiry runs on the Redis server's clock, so the `now` argument of the interface is not used:
 * one clock for every process, no skew between machines.
 */
import type { ClaimStore } from "./digest-claims.js";
import type { RedisClient } from "./redis-client.js";

const RENEW_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const DELETE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** A claim store whose keys are `<prefix>:<key>`, e.g. prefix "briefly:claim". */
export function createRedisClaimStore(client: RedisClient, prefix: string): ClaimStore {
  const full = (key: string) => `${prefix}:${key}`;
  return {
    async acquire(key, owner, ttlMs) {
      const lease = Math.max(1, Math.ceil(ttlMs));
      const taken = await client.set(full(key), owner, {
        condition: "NX",
        expiration: { type: "PX", value: lease },
      });
      if (taken === "OK") return true;
      const renewed = await client.eval(RENEW_IF_OWNER, {
        keys: [full(key)],
        arguments: [owner, String(lease)],
      });
      return renewed === 1;
    },
    async release(key, owner) {
      await client.eval(DELETE_IF_OWNER, { keys: [full(key)], arguments: [owner] });
    },
  };
}
