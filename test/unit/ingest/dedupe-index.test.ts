/**
 * The slot-based DedupeIndex against a brute-force oracle: random sequences of adds, removals
 * and lookups, with hashes clustered so that near and exact duplicates are common.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DedupeIndex, NEAR_DUPLICATE_BITS } from "../../../src/ingest/dedupe.js";
import type { ArticleFingerprint } from "../../../src/store/article-repo.js";

/** The same rules by a full scan: exact hash (last added wins), else nearest, ties by smallest id. */
class Oracle {
  readonly byId = new Map<string, ArticleFingerprint>();
  readonly byHash = new Map<string, string>();
  add(p: ArticleFingerprint) {
    this.remove(p.id);
    this.byId.set(p.id, p);
    this.byHash.set(p.contentHash, p.id);
  }
  remove(id: string) {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    if (this.byHash.get(old.contentHash) === id) this.byHash.delete(old.contentHash);
  }
  findDuplicate(p: { contentHash: string; simhash: string }, exceptId?: string): string | undefined {
    const exact = this.byHash.get(p.contentHash);
    if (exact !== undefined && exact !== exceptId) return exact;
    let best: { id: string; d: number } | undefined;
    for (const o of this.byId.values()) {
      if (o.id === exceptId) continue;
      const d = distance(o.simhash, p.simhash);
      if (d <= NEAR_DUPLICATE_BITS && (!best || d < best.d || (d === best.d && o.id < best.id)))
        best = { id: o.id, d };
    }
    return best?.id;
  }
}

function distance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  for (; x; x &= x - 1n) n++;
  return n;
}

const hex = (v: bigint) => v.toString(16).padStart(16, "0");
// A few base hashes flipped in a few of a few bits (many pairs within the near-duplicate
// distance, many ties), or any hash at all (mostly far from everything).
const simhashArb = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(0n, 0xffff_ffff_ffff_ffffn, 0x0123_4567_89ab_cdefn),
      fc.uniqueArray(fc.constantFrom(0, 1, 9, 31, 32, 40, 62, 63), { maxLength: 8 }),
    )
    .map(([base, bits]) => hex(bits.reduce<bigint>((v, b) => v ^ (1n << BigInt(b)), base))),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(hex),
);
const printArb = fc.record({
  id: fc.constantFrom("a", "b", "c", "d", "e", "f", "0123456789abcdef", "ffffffffffffffff"),
  contentHash: fc.constantFrom("h1", "h2", "h3", "h4", "h5", "h6"),
  simhash: simhashArb,
  file: fc.constantFrom("x.txt", "dir/y.jsonl", "z.md"),
});
const opArb = fc.oneof(
  printArb.map((p) => ({ kind: "add" as const, p })),
  fc.constantFrom("a", "b", "c", "zz").map((id) => ({ kind: "remove" as const, id })),
  fc
    .tuple(printArb, fc.option(fc.constantFrom("a", "b", "c", "d"), { nil: undefined }))
    .map(([p, except]) => ({ kind: "find" as const, p, except })),
);

describe("DedupeIndex", () => {
  it("answers exactly like a full scan, through adds, replacements and removals", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 30, maxLength: 150 }), (ops) => {
        const index = new DedupeIndex();
        const oracle = new Oracle();
        for (const op of ops) {
          if (op.kind === "add") {
            index.add(op.p);
            oracle.add(op.p);
          } else if (op.kind === "remove") {
            index.remove(op.id);
            oracle.remove(op.id);
          } else {
            expect(index.findDuplicate(op.p, op.except)).toBe(oracle.findDuplicate(op.p, op.except));
          }
          expect(index.size).toBe(oracle.byId.size);
        }
        for (const [id, p] of oracle.byId) expect(index.get(id)).toEqual(p);
        expect(index.get("not-there")).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it("keeps working as it grows past its initial capacity", () => {
    const index = new DedupeIndex();
    const n = 5000;
    for (let i = 0; i < n; i++) {
      const simhash = hex((BigInt(i) * 0x9e37_79b9_7f4a_7c15n) & 0xffff_ffff_ffff_ffffn);
      index.add({ id: `id${i}`, contentHash: `h${i}`, simhash, file: `f${i % 7}` });
    }
    expect(index.size).toBe(n);
    const probe = index.get("id4321")!;
    expect(probe).toEqual({ id: "id4321", contentHash: "h4321", simhash: probe.simhash, file: "f2" });
    // One bit off id4321's hash: found as its near duplicate, and not when it is the one excluded.
    const near = hex(BigInt(`0x${probe.simhash}`) ^ 1n);
    expect(index.findDuplicate({ contentHash: "other", simhash: near })).toBe("id4321");
    for (let i = 0; i < n; i += 2) index.remove(`id${i}`);
    expect(index.size).toBe(n / 2);
    expect(index.findDuplicate({ contentHash: "h4321", simhash: "0000000000000000" })).toBe("id4321");
    expect(index.findDuplicate({ contentHash: "h4320", simhash: near })).toBe("id4321");
  });
});
