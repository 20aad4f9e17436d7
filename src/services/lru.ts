/**
 * A least-recently-used map bounded by entry count and by a total cost (e.g. characters of
 * text), so a cache of large values cannot grow with the store. Built on Map's insertion order:
 * a read moves the entry to the back, eviction takes from the front.
 */

/** Bounds of an {@link Lru}. */
export interface LruLimits {
  /** Most entries kept; 0 keeps nothing. */
  maxEntries: number;
  /** Most total cost kept (the sum of the costs given to `set`); default unbounded. */
  maxCost?: number;
}

/** A bounded map; see {@link createLru}. */
export interface Lru<K, V> {
  /** The value, marked as just used; undefined when absent. */
  get(key: K): V | undefined;
  /** The value without marking it used. */
  peek(key: K): V | undefined;
  /**
   * Stores (or replaces) a value with its cost (default 1), then evicts the least recently used
   * entries until both bounds hold. A value costing more than `maxCost` alone is not kept.
   */
  set(key: K, value: V, cost?: number): void;
  delete(key: K): void;
  clear(): void;
  readonly size: number;
  /** Sum of the costs of the entries kept. */
  readonly cost: number;
  /** Entries evicted to respect the bounds since creation (clear() does not count). */
  readonly evictions: number;
}

/** Creates an empty LRU map. */
export function createLru<K, V>(limits: LruLimits): Lru<K, V> {
  const map = new Map<K, { value: V; cost: number }>();
  const maxEntries = Math.max(0, Math.floor(limits.maxEntries));
  const maxCost = limits.maxCost ?? Number.POSITIVE_INFINITY;
  let total = 0;
  let evictions = 0;

  const remove = (key: K): void => {
    const e = map.get(key);
    if (!e) return;
    map.delete(key);
    total -= e.cost;
  };

  return {
    get(key) {
      const e = map.get(key);
      if (!e) return undefined;
      map.delete(key);
      map.set(key, e);
      return e.value;
    },
    peek: (key) => map.get(key)?.value,
    set(key, value, cost = 1) {
      remove(key);
      if (maxEntries === 0 || cost > maxCost) return;
      map.set(key, { value, cost });
      total += cost;
      while (map.size > maxEntries || total > maxCost) {
        const oldest = map.keys().next();
        if (oldest.done) break;
        remove(oldest.value);
        evictions++;
      }
    },
    delete: remove,
    clear() {
      map.clear();
      total = 0;
    },
    get size() {
      return map.size;
    },
    get cost() {
      return total;
    },
    get evictions() {
      return evictions;
    },
  };
}
