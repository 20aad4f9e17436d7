/**
 * Handle each Telegram update once. In webhook mode Telegram redelivers an update when it got no
 * answer in time (a slow handler, a restart, a load balancer timeout), and behind a load balancer
 * the redelivery may reach another instance. The first instance to claim the update_id handles
 * it; every later delivery is acknowledged and dropped.
 *
 * At most once, not exactly once: if the process that claimed an update dies while handling it,
 * the redelivery is dropped too. A handler that throws gives its claim back (when the store can),
 * so a redelivery after an error is handled again.
 */
import type { Context, MiddlewareFn } from "grammy";

/** Where update ids are claimed: in memory for one instance, in Redis for several. */
export interface UpdateClaims {
  /** True the first time `updateId` is claimed (within the store's memory or expiry). */
  claim(updateId: number): Promise<boolean>;
  /** Forget a claim so a redelivery is handled again (after the handler failed). */
  release?(updateId: number): Promise<void>;
}

/** The middleware: install first, before anything with side effects. */
export function dedupeUpdates<C extends Context>(store: UpdateClaims): MiddlewareFn<C> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (!(await store.claim(id))) return;
    try {
      await next();
    } catch (error) {
      await store.release?.(id);
      throw error;
    }
  };
}

/**
 * Claims in memory for one instance: the newest `capacity` update ids (default 10,000), oldest
 * forgotten first. Telegram redelivers within minutes, and update ids only grow, so a bounded
 * window is enough.
 */
export function createMemoryUpdateClaims(capacity = 10_000): UpdateClaims {
  const seen = new Set<number>();
  return {
    async claim(updateId) {
      if (seen.has(updateId)) return false;
      seen.add(updateId);
      // A Set iterates in insertion order: the first entry is the oldest.
      if (seen.size > capacity) {
        const oldest = seen.values().next();
        if (!oldest.done) seen.delete(oldest.value);
      }
      return true;
    },
    async release(updateId) {
      seen.delete(updateId);
    },
  };
}
