/**
 * The off-heap string table behind the dedupe index: the same answers as a Map through puts,
 * replacements, deletions and growth, for any strings (not only hex ids).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyBuffer, SlotStrings, SlotTable } from "../../../src/ingest/byte-keys.js";

/** A SlotStrings + SlotTable pair used the way DedupeIndex uses it, with a Map as the oracle. */
class Harness {
  readonly strings = new SlotStrings();
  readonly table = new SlotTable(this.strings);
  readonly key = new KeyBuffer();
  readonly oracle = new Map<string, number>();
  readonly slotOf = new Map<number, string>();
  private nextSlot = 0;
  private readonly free: number[] = [];

  add(value: string): void {
    this.remove(value);
    const slot = this.free.pop() ?? this.nextSlot++;
    this.strings.set(slot, this.key.load(value));
    this.table.put(this.key, slot);
    this.oracle.set(value, slot);
    this.slotOf.set(slot, value);
  }

  remove(value: string): void {
    const slot = this.table.find(this.key.load(value));
    if (slot === -1) return;
    this.table.delete(this.key, slot);
    this.oracle.delete(value);
    this.slotOf.delete(slot);
    this.free.push(slot);
  }
}

describe("SlotTable over SlotStrings", () => {
  it("finds exactly what a Map finds, for any strings", () => {
    const word = fc.oneof(
      fc.constantFrom("", "a", "b", "0123456789abcdef", "ﬁ", "日本", "\u{1f600}", "e\u0301", "\ufffd"),
      fc.constantFrom("\ud800", "\udc00", "x\ud83d", "\ud83d\ude00", "\udfff\ud800", "\u00ff"),
      fc.string({ unit: "grapheme", maxLength: 8 }),
      fc.string({ unit: "binary", maxLength: 4 }),
    );
    const op = fc.tuple(fc.boolean(), word);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.array(word, { maxLength: 20 }), (ops, probes) => {
        const h = new Harness();
        for (const [add, value] of ops) add ? h.add(value) : h.remove(value);
        for (const value of [...probes, ...ops.map(([, v]) => v)]) {
          const slot = h.table.find(h.key.load(value));
          expect(slot).toBe(h.oracle.get(value) ?? -1);
          if (slot !== -1) expect(h.strings.get(slot)).toBe(value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("grows past its first capacity and survives churn without losing entries", () => {
    const h = new Harness();
    for (let i = 0; i < 20_000; i++) h.add(`id-${i}`);
    for (let i = 0; i < 20_000; i += 3) h.remove(`id-${i}`);
    for (let round = 0; round < 3; round++) for (let i = 0; i < 5_000; i++) h.add(`id-${i}`);
    expect(h.oracle.size).toBe(20_000 - Math.ceil(15_000 / 3));
    for (let i = 0; i < 20_000; i++) {
      const slot = h.table.find(h.key.load(`id-${i}`));
      expect(slot).toBe(h.oracle.get(`id-${i}`) ?? -1);
    }
    expect(h.table.find(h.key.load("id-20000"))).toBe(-1);
  });

  it("points a string added again at its new slot", () => {
    const strings = new SlotStrings();
    const table = new SlotTable(strings);
    const key = new KeyBuffer();
    strings.set(0, key.load("h1"));
    table.put(key, 0);
    strings.set(1, key.load("h1"));
    table.put(key, 1);
    expect(table.find(key.load("h1"))).toBe(1);
    table.delete(key, 0);
    expect(table.find(key)).toBe(1);
    table.delete(key, 1);
    expect(table.find(key)).toBe(-1);
  });
});
