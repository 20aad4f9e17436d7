/**
 * In-memory duplicate finder over every stored fingerprint. Exact matches by content hash;
 * near matches by SimHash split into {@link NEAR_DUPLICATE_BITS} + 1 bands: any two hashes within
 * that many bits agree on at least one whole band (pigeonhole), so candidates are found without a
 * full scan. Bands of 9–10 bits keep random candidates to ~1 in 512 per band.
 *
 * Layout: each fingerprint has a slot; its id and content hash (as UTF-8, see byte-keys.ts),
 * SimHash halves and file live in typed arrays, and each band's buckets are lists of slots, so
 * checking a candidate is two array reads and a popcount (a bucket holds ~n/512 slots, so
 * lookups stay cheap at 100,000+ articles). An entry costs ~190 bytes, all outside the JS heap:
 * the engine grows its heap to a multiple of what lives in it, so 100,000 entries as strings
 * and Map entries there cost over 100 MB of memory (see byte-keys.ts).
 */
import type { ArticleFingerprint } from "../store/article-repo.js";
import { KeyBuffer, SlotStrings, SlotTable } from "./byte-keys.js";

/** Texts whose SimHashes differ in at most this many of 64 bits are the same story. */
export const NEAR_DUPLICATE_BITS = 6;

/** Bit ranges [start, end) of the 7 bands over the 64-bit hash (bit 0 = most significant). */
const BANDS: [number, number][] = [
  [0, 9],
  [9, 18],
  [18, 27],
  [27, 36],
  [36, 45],
  [45, 54],
  [54, 64],
];
const BAND_COUNT = BANDS.length;
const NO_SLOTS = new Uint32Array(0);

/** Every stored fingerprint, for exact and near-duplicate lookups (see the module comment). */
export class DedupeIndex {
  private live = 0;
  /** Slots handed out so far; freed ones are reused first. */
  private slots = 0;
  private readonly free: number[] = [];
  private readonly ids = new SlotStrings();
  private readonly hashes = new SlotStrings();
  private readonly byId = new SlotTable(this.ids);
  /** Content hash → the slot that added it last. */
  private readonly byHash = new SlotTable(this.hashes);
  private readonly key = new KeyBuffer();
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private fileOf = new Int32Array(1024);
  /**
   * The slots in each bucket of each band (buckets are indexed by the band's bits), and how many:
   * a lookup scans a few contiguous lists instead of chasing links through memory.
   */
  private readonly buckets = BANDS.map(([start, end]) =>
    Array.from({ length: 1 << (end - start) }, () => NO_SLOTS),
  );
  private readonly bucketSizes = BANDS.map(([start, end]) => new Int32Array(1 << (end - start)));
  /** File names, each stored once (a file holds hundreds of articles). */
  private readonly files: string[] = [];
  private readonly fileIds = new Map<string, number>();

  /** Number of fingerprints held. */
  get size(): number {
    return this.live;
  }

  /** The fingerprint held for `id`, if any. */
  get(id: string): ArticleFingerprint | undefined {
    const slot = this.byId.find(this.key.load(id));
    if (slot === -1) return undefined;
    return {
      id,
      contentHash: this.hashes.get(slot),
      simhash: hex(this.hi[slot]!) + hex(this.lo[slot]!),
      file: this.files[this.fileOf[slot]!]!,
    };
  }

  /** Add or replace a fingerprint. */
  add(print: ArticleFingerprint): void {
    this.remove(print.id);
    const slot = this.free.pop() ?? this.grow();
    const [hi, lo] = halves(print.simhash);
    this.ids.set(slot, this.key.load(print.id));
    this.byId.put(this.key, slot);
    this.hashes.set(slot, this.key.load(print.contentHash));
    this.byHash.put(this.key, slot);
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.fileOf[slot] = this.fileId(print.file);
    this.live++;
    for (let b = 0; b < BAND_COUNT; b++) this.link(slot, b, bandKey(hi, lo, b));
  }

  /** Forget the fingerprint of `id` (nothing happens when there is none). */
  remove(id: string): void {
    const slot = this.byId.find(this.key.load(id));
    if (slot === -1) return;
    this.byId.delete(this.key, slot);
    this.byHash.delete(this.key.load(this.hashes.get(slot)), slot);
    for (let b = 0; b < BAND_COUNT; b++) this.unlink(slot, b);
    this.live--;
    this.free.push(slot);
  }

  /** The id of another article with the same or nearly the same text, if any (`exceptId` is skipped). */
  findDuplicate(print: { contentHash: string; simhash: string }, exceptId?: string): string | undefined {
    const exactSlot = this.byHash.find(this.key.load(print.contentHash));
    const exact = exactSlot === -1 ? undefined : this.ids.get(exactSlot);
    if (exact !== undefined && exact !== exceptId) return exact;
    const [hi, lo] = halves(print.simhash);
    let bestId: string | undefined;
    let bestDistance = NEAR_DUPLICATE_BITS + 1;
    for (let b = 0; b < BAND_COUNT; b++) {
      const key = bandKey(hi, lo, b);
      const slots = this.buckets[b]![key]!;
      const count = this.bucketSizes[b]![key]!;
      for (let i = 0; i < count; i++) {
        const s = slots[i]!;
        const distance = popcount(hi ^ this.hi[s]!) + popcount(lo ^ this.lo[s]!);
        if (distance > bestDistance) continue;
        // Only near candidates get their id decoded (the bytes stay outside the JS heap).
        const id = this.ids.get(s);
        if (id === exceptId) continue;
        // Nearest wins; among equals the smallest id, so the answer does not depend on order.
        if (distance < bestDistance || (bestId !== undefined && id < bestId)) {
          bestId = id;
          bestDistance = distance;
        }
      }
    }
    return bestId;
  }

  private link(slot: number, band: number, key: number): void {
    const sizes = this.bucketSizes[band]!;
    const count = sizes[key]!;
    let slots = this.buckets[band]![key]!;
    if (count === slots.length) {
      slots = copyInto(new Uint32Array(Math.max(4, 2 * count)), slots);
      this.buckets[band]![key] = slots;
    }
    slots[count] = slot;
    sizes[key] = count + 1;
  }

  /** Take `slot` out of its bucket in `band` (the last slot of the bucket takes its place). */
  private unlink(slot: number, band: number): void {
    const key = bandKey(this.hi[slot]!, this.lo[slot]!, band);
    const sizes = this.bucketSizes[band]!;
    const slots = this.buckets[band]![key]!;
    const last = sizes[key]! - 1;
    const at = slots.lastIndexOf(slot, last);
    if (at === -1) return;
    slots[at] = slots[last]!;
    sizes[key] = last;
  }

  /** A fresh slot at the end, doubling the arrays when they are full. */
  private grow(): number {
    const slot = this.slots++;
    if (slot === this.hi.length) {
      this.hi = copyInto(new Uint32Array(slot * 2), this.hi);
      this.lo = copyInto(new Uint32Array(slot * 2), this.lo);
      this.fileOf = copyInto(new Int32Array(slot * 2), this.fileOf);
    }
    return slot;
  }

  private fileId(file: string): number {
    let id = this.fileIds.get(file);
    if (id === undefined) {
      id = this.files.length;
      this.files.push(file);
      this.fileIds.set(file, id);
    }
    return id;
  }
}

function copyInto<T extends Uint32Array | Int32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

function hex(half: number): string {
  return half.toString(16).padStart(8, "0");
}

function halves(simhash: string): [number, number] {
  return [Number.parseInt(simhash.slice(0, 8), 16) >>> 0, Number.parseInt(simhash.slice(8, 16), 16) >>> 0];
}

/** The value of band `band`'s bits of the 64-bit value hi:lo (bit 0 = most significant of hi). */
function bandKey(hi: number, lo: number, band: number): number {
  const [start, end] = BANDS[band]!;
  if (end <= 32) return (hi >>> (32 - end)) & ((1 << (end - start)) - 1);
  if (start >= 32) return (lo >>> (64 - end)) & ((1 << (end - start)) - 1);
  // The band straddles the halves: the low bits of hi, then the high bits of lo.
  return ((hi & ((1 << (32 - start)) - 1)) << (end - 32)) | (lo >>> (64 - end));
}

function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
