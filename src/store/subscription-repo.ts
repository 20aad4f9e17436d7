/** Subscriptions by chat id, over the `subscriptions` Keyv namespace. Callers never build keys. */
import type Keyv from "keyv";
import type { Subscription } from "../domain/subscription.js";

/** Subscription storage. A chat has at most one subscription. */
export interface SubscriptionRepo {
  get(chatId: number): Promise<Subscription | undefined>;
  /** Insert or replace (keyed by `sub.chatId`). */
  put(sub: Subscription): Promise<void>;
  delete(chatId: number): Promise<void>;
  /** Every subscription (order unspecified). */
  all(): AsyncIterable<Subscription>;
  /** `active`: receiving digests; `paused`: paused by the reader or by Telegram (blocked, gone). */
  count(): Promise<{ total: number; active: number; paused: number }>;
  /**
   * Move a subscription to a new chat id (a group became a supergroup). The new id wins if both
   * exist; a missing source is a no-op.
   */
  rekey(fromChatId: number, toChatId: number): Promise<void>;
}

/** True when the subscription receives digests. */
export function isReceiving(sub: Subscription): boolean {
  return sub.active && sub.frequency !== "paused";
}

/** Create the repository over one Keyv (the `subscriptions` namespace). */
export function createSubscriptionRepo(kv: Keyv): SubscriptionRepo {
  const store = kv as Keyv<Subscription>;
  const key = (chatId: number) => String(chatId);
  const repo: SubscriptionRepo = {
    get: (chatId) => store.get(key(chatId)),
    async put(sub) {
      await store.set(key(sub.chatId), sub);
    },
    async delete(chatId) {
      await store.delete(key(chatId));
    },
    async *all() {
      if (!store.iterator) throw new Error("This store backend cannot list its entries");
      for await (const [, value] of store.iterator(undefined) as AsyncIterable<[string, Subscription]>) {
        if (value) yield value;
      }
    },
    async count() {
      let total = 0;
      let active = 0;
      for await (const sub of repo.all()) {
        total++;
        if (isReceiving(sub)) active++;
      }
      return { total, active, paused: total - active };
    },
    async rekey(fromChatId, toChatId) {
      if (fromChatId === toChatId) return;
      const sub = await repo.get(fromChatId);
      if (!sub) return;
      if (!(await repo.get(toChatId))) await store.set(key(toChatId), { ...sub, chatId: toChatId });
      await store.delete(key(fromChatId));
    },
  };
  return repo;
}

/**
 * The same repository with every subscription also held in memory, loaded on first use: the
 * scheduler lists all subscriptions every tick, and listing 100,000 from SQLite takes seconds
 * (measured 8.4 s) while memory takes milliseconds. Every write goes through to the store first.
 * Correct while this process is the only writer (one bot process over SQLite); with several
 * processes sharing a store, `reload()` (or an invalidation channel) is needed. Returned objects
 * are shared: do not mutate them.
 */
export function createCachedSubscriptionRepo(
  inner: SubscriptionRepo,
): SubscriptionRepo & { reload(): Promise<void> } {
  let loading: Promise<Map<number, Subscription>> | undefined;
  const load = async () => {
    const map = new Map<number, Subscription>();
    for await (const sub of inner.all()) map.set(sub.chatId, sub);
    return map;
  };
  const cache = () => {
    loading ??= load();
    return loading;
  };
  return {
    async get(chatId) {
      return (await cache()).get(chatId);
    },
    async put(sub) {
      const map = await cache();
      await inner.put(sub);
      map.set(sub.chatId, sub);
    },
    async delete(chatId) {
      const map = await cache();
      await inner.delete(chatId);
      map.delete(chatId);
    },
    async *all() {
      yield* [...(await cache()).values()];
    },
    async count() {
      let active = 0;
      const map = await cache();
      for (const sub of map.values()) if (isReceiving(sub)) active++;
      return { total: map.size, active, paused: map.size - active };
    },
    async rekey(fromChatId, toChatId) {
      const map = await cache();
      await inner.rekey(fromChatId, toChatId);
      for (const id of [fromChatId, toChatId]) {
        const sub = await inner.get(id);
        if (sub) map.set(id, sub);
        else map.delete(id);
      }
    },
    async reload() {
      loading = load();
      await loading;
    },
  };
}
