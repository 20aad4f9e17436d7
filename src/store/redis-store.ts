/** Redis backend through Keyv's official adapter: one connection, a Keyv namespace per repository. */
import KeyvRedis from "@keyv/redis";
import Keyv from "keyv";
import type { Namespace, Store } from "./keyv-store.js";

/** Open a Redis-backed store. Used when STORE_URL is redis:// or rediss://. */
export async function openRedisStore(url: string): Promise<Store> {
  const adapters = new Map<Namespace, { keyv: Keyv; adapter: KeyvRedis<unknown> }>();
  const location = url.replace(/\/\/[^@/]*@/, "//***@");
  const get = (ns: Namespace) => {
    let entry = adapters.get(ns);
    if (!entry) {
      const adapter = new KeyvRedis(url, { namespace: ns, throwOnConnectError: true });
      entry = { adapter, keyv: new Keyv({ store: adapter, namespace: ns, useKeyPrefix: false }) };
      adapters.set(ns, entry);
    }
    return entry;
  };
  return {
    kind: "redis",
    location,
    kv<T>(ns: Namespace) {
      return get(ns).keyv as Keyv<T>;
    },
    transaction: (_ns, fn) => fn(),
    async close() {
      for (const { adapter } of adapters.values()) await adapter.disconnect();
      adapters.clear();
    },
  };
}
