import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLru } from "../../../src/services/lru.js";

describe("createLru", () => {
  it("evicts the least recently used entry, a read counting as a use", () => {
    const lru = createLru<string, number>({ maxEntries: 2 });
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.peek("b")).toBeUndefined();
    expect([lru.peek("a"), lru.peek("c")]).toEqual([1, 3]);
    expect(lru.evictions).toBe(1);
  });

  it("bounds the total cost and refuses a value costing more than the bound alone", () => {
    const lru = createLru<string, string>({ maxEntries: 100, maxCost: 10 });
    lru.set("a", "x", 4);
    lru.set("b", "y", 4);
    lru.set("c", "z", 4);
    expect(lru.size).toBe(2);
    expect(lru.cost).toBe(8);
    expect(lru.peek("a")).toBeUndefined();
    lru.set("huge", "w", 11);
    expect(lru.peek("huge")).toBeUndefined();
    expect(lru.size).toBe(2);
    lru.set("b", "y2", 1);
    expect(lru.cost).toBe(5);
  });

  it("keeps nothing with maxEntries 0, and clear() empties it", () => {
    const off = createLru<string, number>({ maxEntries: 0 });
    off.set("a", 1);
    expect(off.size).toBe(0);
    const lru = createLru<string, number>({ maxEntries: 3 });
    lru.set("a", 1, 2);
    lru.clear();
    expect([lru.size, lru.cost, lru.peek("a")]).toEqual([0, 0, undefined]);
  });

  it("behaves like a reference model under any sequence of operations", () => {
    type Op = { kind: "set"; key: number; cost: number } | { kind: "get" | "delete"; key: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key: fc.nat(9), cost: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constantFrom("get" as const, "delete" as const), key: fc.nat(9) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 15 }),
        fc.array(op),
        (max, maxCost, ops) => {
          const lru = createLru<number, number>({ maxEntries: max, maxCost });
          // Model: oldest first.
          let model: { key: number; value: number; cost: number }[] = [];
          ops.forEach((o, step) => {
            const at = model.findIndex((e) => e.key === o.key);
            if (o.kind === "set") {
              lru.set(o.key, step, o.cost);
              if (at >= 0) model.splice(at, 1);
              if (max > 0 && o.cost <= maxCost) model.push({ key: o.key, value: step, cost: o.cost });
              const total = () => model.reduce((n, e) => n + e.cost, 0);
              while (model.length > max || total() > maxCost) model = model.slice(1);
            } else if (o.kind === "get") {
              expect(lru.get(o.key)).toBe(at >= 0 ? model[at]!.value : undefined);
              if (at >= 0) model.push(...model.splice(at, 1));
            } else {
              lru.delete(o.key);
              if (at >= 0) model.splice(at, 1);
            }
            expect(lru.size).toBe(model.length);
            expect(lru.size).toBeLessThanOrEqual(max);
            expect(lru.cost).toBeLessThanOrEqual(maxCost);
            for (const e of model) expect(lru.peek(e.key)).toBe(e.value);
          });
        },
      ),
    );
  });
});
