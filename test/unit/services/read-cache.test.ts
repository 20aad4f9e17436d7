import { describe, expect, it } from "vitest";
import { createStampedCache } from "../../../src/services/read-cache.js";

/** A load that resolves when the test says so, counting its calls. */
function deferredLoads<V>() {
  const calls: { key: string; resolve: (v: V) => void; reject: (e: Error) => void }[] = [];
  const load = (key: string) => () =>
    new Promise<V>((resolve, reject) => {
      calls.push({ key, resolve, reject });
    });
  return { calls, load };
}

describe("createStampedCache", () => {
  it("loads once, then answers from the cache until the stamp moves", async () => {
    let stamp = 1;
    let loads = 0;
    const cache = createStampedCache<string>({ stamp: () => stamp, limits: { maxEntries: 10 } });
    const load = async () => `v${++loads}`;
    expect(await cache.get("k", load)).toBe("v1");
    expect(await cache.get("k", load)).toBe("v1");
    stamp = 2;
    expect(await cache.get("k", load)).toBe("v2");
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, size: 1, resets: 1 });
  });

  it("shares one load among concurrent misses of a key", async () => {
    const { calls, load } = deferredLoads<number>();
    const cache = createStampedCache<number>({ stamp: () => 0, limits: { maxEntries: 10 } });
    const all = Promise.all([
      cache.get("k", load("k")),
      cache.get("k", load("k")),
      cache.get("k", load("k")),
    ]);
    expect(calls).toHaveLength(1);
    calls[0]!.resolve(7);
    expect(await all).toEqual([7, 7, 7]);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1 });
  });

  it("does not serve a load that was in flight when the stamp moved", async () => {
    let stamp = 1;
    const { calls, load } = deferredLoads<string>();
    const cache = createStampedCache<string>({ stamp: () => stamp, limits: { maxEntries: 10 } });
    const stale = cache.get("k", load("k"));
    stamp = 2; // an ingest committed while the first read was running
    const fresh = cache.get("k", load("k"));
    expect(calls).toHaveLength(2);
    calls[0]!.resolve("old");
    calls[1]!.resolve("new");
    expect([await stale, await fresh]).toEqual(["old", "new"]);
    expect(await cache.get("k", load("k"))).toBe("new");
    expect(calls).toHaveLength(2);
  });

  it("forgets a failed load, so the next read tries again", async () => {
    const cache = createStampedCache<number>({ stamp: () => 0, limits: { maxEntries: 10 } });
    await expect(cache.get("k", () => Promise.reject(new Error("store down")))).rejects.toThrow("store down");
    expect(await cache.get("k", async () => 5)).toBe(5);
    expect(cache.stats().misses).toBe(2);
  });

  it("getMany loads only the missing keys in one call, in order, and forgets absent ones", async () => {
    const cache = createStampedCache<string>({ stamp: () => 0, limits: { maxEntries: 10 } });
    const asked: string[][] = [];
    const loadMany = async (missing: string[]) => {
      asked.push(missing);
      return new Map(missing.filter((k) => k !== "gone").map((k) => [k, k.toUpperCase()]));
    };
    expect(await cache.getMany(["a", "b"], loadMany)).toEqual(["A", "B"]);
    expect(await cache.getMany(["c", "a", "gone", "c"], loadMany)).toEqual(["C", "A", undefined, "C"]);
    expect(await cache.getMany(["gone", "b"], loadMany)).toEqual([undefined, "B"]);
    expect(asked).toEqual([["a", "b"], ["c", "gone"], ["gone"]]);
  });

  it("bounds the cached cost with the value's cost", async () => {
    const cache = createStampedCache<string>({
      stamp: () => 0,
      limits: { maxEntries: 100, maxCost: 10 },
      cost: (v) => v.length,
    });
    const loadMany = async (missing: string[]) => new Map(missing.map((k) => [k, k.repeat(4)]));
    await cache.getMany(["a", "b", "c"], loadMany);
    const stats = cache.stats();
    expect(stats.size).toBe(2);
    expect(stats.cost).toBe(8);
    expect(stats.evictions).toBe(1);
  });

  it("with maxEntries 0 loads every time", async () => {
    const cache = createStampedCache<number>({ stamp: () => 0, limits: { maxEntries: 0 } });
    let loads = 0;
    await cache.get("k", async () => ++loads);
    await cache.get("k", async () => ++loads);
    expect(loads).toBe(2);
  });
});
