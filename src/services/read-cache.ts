/**
 * Read-through caches for the read side, dropped whole when the store's change stamp moves, so an
 * ingest is visible on the very next read. Entries are promises: concurrent misses of one key
 * (a burst of readers asking the same thing) share one load instead of each running it.
 *
 * Consistency: an entry belongs to the stamp that was current when its load started. The stamp
 * moves only after an ingest has committed, so a load that raced the ingest is dropped with the
 * rest at the next read, and nothing loaded before the ingest outlives it.
 */
import { createLru, type LruLimits } from "./lru.js";
import type { CacheStats } from "./types.js";

/** What a cache is keyed to and how much it may hold. */
export interface StampedCacheOptions<V> {
  /** The cache is dropped whenever this returns something else (compared with ===). */
  stamp: () => unknown;
  limits: LruLimits;
  /** Cost of a loaded value against `limits.maxCost` (default 1). */
  cost?: (value: V) => number;
  /** Whether a loaded value is kept (default: all); e.g. not "not found". */
  keep?: (value: V) => boolean;
}

/** A cache of values loaded one key at a time; see {@link createStampedCache}. */
export interface StampedCache<V> {
  /** The cached value, or the value `load` resolves to (then cached). A failed load is not kept. */
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Values of `keys` in order; the missing ones come from one `loadMany` call (absent: `undefined`). */
  getMany(
    keys: readonly string[],
    loadMany: (missing: string[]) => Promise<Map<string, V>>,
  ): Promise<(V | undefined)[]>;
  stats(): CacheStats;
}

/** Creates an empty cache. `limits.maxEntries: 0` turns it off (every lookup loads). */
export function createStampedCache<V>(opts: StampedCacheOptions<V>): StampedCache<V> {
  const lru = createLru<string, Promise<V | undefined>>(opts.limits);
  const cost = opts.cost ?? (() => 1);
  const keep = opts.keep ?? (() => true);
  let current: unknown;
  let started = false;
  const counts = { hits: 0, misses: 0, resets: 0 };

  const sync = (): void => {
    const stamp = opts.stamp();
    if (started && stamp === current) return;
    if (started) counts.resets++;
    started = true;
    current = stamp;
    lru.clear();
  };

  /** Keep `p` under `key` once it settles, at its real cost, unless it was dropped meanwhile. */
  const track = (key: string, p: Promise<V | undefined>): void => {
    lru.set(key, p);
    p.then(
      (value) => {
        if (lru.peek(key) !== p) return;
        if (value === undefined || !keep(value)) lru.delete(key);
        else lru.set(key, p, cost(value));
      },
      () => {
        if (lru.peek(key) === p) lru.delete(key);
      },
    );
  };

  return {
    get(key, load) {
      sync();
      const hit = lru.get(key);
      if (hit) {
        counts.hits++;
        // Only a getMany load in flight can still end "absent": then load it this way.
        return hit.then((value) => (value === undefined ? load() : value));
      }
      counts.misses++;
      const p = load();
      track(key, p);
      return p;
    },
    async getMany(keys, loadMany) {
      sync();
      const found = new Map<string, Promise<V | undefined>>();
      const missing: string[] = [];
      for (const key of keys) {
        if (found.has(key)) continue;
        const hit = lru.get(key);
        if (hit) {
          counts.hits++;
          found.set(key, hit);
        } else {
          counts.misses++;
          missing.push(key);
          found.set(key, Promise.resolve(undefined));
        }
      }
      if (missing.length > 0) {
        const batch = loadMany(missing);
        for (const key of missing) {
          const p = batch.then((m) => m.get(key));
          found.set(key, p);
          track(key, p);
        }
      }
      return Promise.all(keys.map((key) => found.get(key)));
    },
    stats: () => ({
      ...counts,
      size: lru.size,
      cost: lru.cost,
      evictions: lru.evictions,
    }),
  };
}
