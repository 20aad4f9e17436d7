/** Redis clean-up for tests and benches that use their own key prefix on a shared Redis. */
import { connectRedis, type RedisClient } from "../../src/store/redis-client.js";

/** Delete every key under `<prefix>:`, through `client` or a short-lived connection to `url`. */
export async function deleteKeysUnder(target: RedisClient | string, prefix: string): Promise<void> {
  const client =
    typeof target === "string" ? await connectRedis(target, { onError: () => undefined }) : target;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    if (typeof target === "string") await client.close();
  }
}
