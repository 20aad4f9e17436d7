/**
 * One pace for every instance. Telegram's ~30 messages a second is per bot, not per process: three
 * instances each pacing themselves at 30/s send 90/s and collect 429s (bench/scale.ts measures
 * it). This pacer keeps the next free start instant in Redis and hands out start slots
 * `1/perSecond` apart across all instances, on the Redis server's clock, in one Lua call per send.
 *
 * It implements the same {@link Pacer} port as the in-process pacer (pacer.ts), with spacing only:
 * the in-process pacer's extra window rule (wait for sends `perSecond` tickets earlier to
 * complete) needs per-request completion, which cannot be shared cheaply; a 429 still holds
 * every instance back through `holdFor`.
 */
import type { RedisClient } from "../store/redis-client.js";
import type { Pacer, Sleep } from "./pacer.js";

/** Reserve the next start slot: returns [slot start, server now] in ms. */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local interval = tonumber(ARGV[1])
-- After idling, at most ARGV[2] slots of lateness are made up (no burst after a pause).
local floor = now - interval * tonumber(ARGV[2])
local at = math.max(nextFree, floor)
redis.call('SET', KEYS[1], at + interval, 'PX', 60000)
return {at, now}`;

/** Push the next free slot to at least now + ms. */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ = now + tonumber(ARGV[1])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > nextFree then redis.call('SET', KEYS[1], until_, 'PX', 60000 + tonumber(ARGV[1])) end
return until_`;

/** Options of {@link createRedisPacer}. */
export interface RedisPacerOptions {
  /** Messages a second across all instances. */
  perSecond: number;
  /** Key of the shared slot, e.g. "briefly:pace:broadcast". */
  key: string;
  /** Default: real timers. */
  sleep?: Sleep;
  /** Slots of lateness made up after a pause; default 3. */
  catchUp?: number;
  /** A failed `holdFor` (it is fire-and-forget; the cost is at most another 429). */
  onError: (error: unknown) => void;
}

/** A shared slot reservation, for tests and diagnostics. */
export interface RedisPacer extends Pacer {
  /** Reserve a start slot without waiting: its instant and how long to wait for it (ms). */
  reserve(): Promise<{ at: number; waitMs: number }>;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Create a pacer shared by every instance using the same `key`. */
export function createRedisPacer(client: RedisClient, options: RedisPacerOptions): RedisPacer {
  const interval = 1000 / options.perSecond;
  const sleep = options.sleep ?? realSleep;
  const catchUp = String(options.catchUp ?? 3);
  const reserve = async () => {
    const [at, now] = (await client.eval(RESERVE, {
      keys: [options.key],
      arguments: [String(interval), catchUp],
    })) as [number, number];
    return { at, waitMs: Math.max(0, at - now) };
  };
  return {
    reserve,
    async take() {
      const { waitMs } = await reserve();
      if (waitMs > 0) await sleep(waitMs);
      return () => {};
    },
    holdFor(ms) {
      // Synchronous in the Pacer port, so the shared hold is written in the background.
      void client
        .eval(HOLD, { keys: [options.key], arguments: [String(Math.ceil(ms))] })
        .catch(options.onError);
    },
  };
}
