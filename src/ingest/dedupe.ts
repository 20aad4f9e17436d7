/**
 * In-memory duplicate finder over every stored fingerprint. Exact matches by content hash;
 * near matches by SimHash split into {@link NEAR_DUPLICATE_BITS} + 1 bands: any two hashes within
 * that many bits agree on at least one whole band (pigeonhole), so candidates are found without a
 * full scan. Bands of 9–10 bits keep random candidates to ~1 in 512 per band.
 *
 * Layout: each fingerprint has a slot; its SimHash halves, file and band links live in typed
 * arrays, so checking a candidate is two array reads and a popcount (a bucket holds ~n/512
 * slots, so lookups stay cheap at 100,000+ articles) and an entry costs ~200 bytes.
 */
import type { ArticleFingerprint } from "../store/article-repo.js";

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
const NONE = -1;

export class DedupeIndex {
  private readonly byId = new Map<string, number>();
  private readonly byHash = new Map<string, number>();
  private ids: (string | undefined)[] = [];
  private hashes: (string | undefined)[] = [];
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private fileOf = new Int32Array(1024);
  /** Next slot in the same bucket, per slot and band (slot * BAND_COUNT + band). */
  private next = new Int32Array(1024 * BAND_COUNT);
  /** First slot of each bucket, per band; buckets are indexed by the band's bits. */
  private readonly heads = BANDS.map(([start, end]) => new Int32Array(1 << (end - start)).fill(NONE));
  private readonly free: number[] = [];
  /** File names, each stored once (a file holds hundreds of articles). */
  private readonly files: string[] = [];
  private readonly fileIds = new Map<string, number>();

  /** Number of fingerprints held. */
  get size(): number {
    return this.byId.size;
  }

  get(id: string): ArticleFingerprint | undefined {
    const slot = this.byId.get(id);
    if (slot === undefined) return undefined;
    return {
      id,
      contentHash: this.hashes[slot]!,
      simhash: hex(this.hi[slot]!) + hex(this.lo[slot]!),
      file: this.files[this.fileOf[slot]!]!,
    };
  }

  /** Add or replace a fingerprint. */
  add(print: ArticleFingerprint): void {
    this.remove(print.id);
    const slot = this.free.pop() ?? this.grow();
    const [hi, lo] = halves(print.simhash);
    this.ids[slot] = print.id;
    this.hashes[slot] = print.contentHash;
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.fileOf[slot] = this.fileId(print.file);
    this.byId.set(print.id, slot);
    this.byHash.set(print.contentHash, slot);
    for (let b = 0; b < BAND_COUNT; b++) {
      const head = this.heads[b]!;
      const key = bandKey(hi, lo, b);
      this.next[slot * BAND_COUNT + b] = head[key]!;
      head[key] = slot;
    }
  }

  remove(id: string): void {
    const slot = this.byId.get(id);
    if (slot === undefined) return;
    this.byId.delete(id);
    const hash = this.hashes[slot]!;
    if (this.byHash.get(hash) === slot) this.byHash.delete(hash);
    for (let b = 0; b < BAND_COUNT; b++) this.unlink(slot, b);
    this.ids[slot] = undefined;
    this.hashes[slot] = undefined;
    this.free.push(slot);
  }

  /** The id of another article with the same or nearly the same text, if any (`exceptId` is skipped). */
  findDuplicate(print: { contentHash: string; simhash: string }, exceptId?: string): string | undefined {
    const exactSlot = this.byHash.get(print.contentHash);
    const exact = exactSlot === undefined ? undefined : this.ids[exactSlot];
    if (exact !== undefined && exact !== exceptId) return exact;
    const [hi, lo] = halves(print.simhash);
    let bestId: string | undefined;
    let bestDistance = NEAR_DUPLICATE_BITS + 1;
    for (let b = 0; b < BAND_COUNT; b++) {
      for (let s = this.heads[b]![bandKey(hi, lo, b)]!; s !== NONE; s = this.next[s * BAND_COUNT + b]!) {
        const distance = popcount(hi ^ this.hi[s]!) + popcount(lo ^ this.lo[s]!);
        if (distance > bestDistance) continue;
        const id = this.ids[s]!;
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

  private unlink(slot: number, band: number): void {
    const head = this.heads[band]!;
    const key = bandKey(this.hi[slot]!, this.lo[slot]!, band);
    const at = slot * BAND_COUNT + band;
    if (head[key] === slot) {
      head[key] = this.next[at]!;
      return;
    }
    for (let s = head[key]!; s !== NONE; s = this.next[s * BAND_COUNT + band]!) {
      const link = s * BAND_COUNT + band;
      if (this.next[link] === slot) {
        this.next[link] = this.next[at]!;
        return;
      }
    }
  }

  /** A fresh slot at the end, doubling the arrays when they are full. */
  private grow(): number {
    const slot = this.ids.length;
    if (slot === this.hi.length) {
      this.hi = copyInto(new Uint32Array(slot * 2), this.hi);
      this.lo = copyInto(new Uint32Array(slot * 2), this.lo);
      this.fileOf = copyInto(new Int32Array(slot * 2), this.fileOf);
      this.next = copyInto(new Int32Array(slot * 2 * BAND_COUNT), this.next);
    }
    this.ids.push(undefined);
    this.hashes.push(undefined);
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
