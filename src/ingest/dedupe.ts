/**
 * In-memory duplicate finder over every stored fingerprint. Exact matches by content hash;
 * near matches by SimHash split into {@link NEAR_DUPLICATE_BITS} + 1 bands: any two hashes within
 * that many bits agree on at least one whole band (pigeonhole), so candidates are found without a
 * full scan. Bands of 9–10 bits keep random candidates to ~1 in 512 per band.
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

interface Entry {
  print: ArticleFingerprint;
  hi: number;
  lo: number;
}

export class DedupeIndex {
  private readonly byId = new Map<string, Entry>();
  private readonly byHash = new Map<string, string>();
  private readonly bands: Map<number, Set<string>>[] = BANDS.map(() => new Map());

  /** Number of fingerprints held. */
  get size(): number {
    return this.byId.size;
  }

  get(id: string): ArticleFingerprint | undefined {
    return this.byId.get(id)?.print;
  }

  /** Add or replace a fingerprint. */
  add(print: ArticleFingerprint): void {
    this.remove(print.id);
    const [hi, lo] = halves(print.simhash);
    this.byId.set(print.id, { print, hi, lo });
    this.byHash.set(print.contentHash, print.id);
    bandKeys(hi, lo).forEach((key, i) => {
      const band = this.bands[i]!;
      const ids = band.get(key) ?? new Set<string>();
      band.set(key, ids);
      ids.add(print.id);
    });
  }

  remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    if (this.byHash.get(old.print.contentHash) === id) this.byHash.delete(old.print.contentHash);
    bandKeys(old.hi, old.lo).forEach((key, i) => {
      this.bands[i]!.get(key)?.delete(id);
    });
  }

  /** The id of another article with the same or nearly the same text, if any (`exceptId` is skipped). */
  findDuplicate(print: { contentHash: string; simhash: string }, exceptId?: string): string | undefined {
    const exact = this.byHash.get(print.contentHash);
    if (exact !== undefined && exact !== exceptId) return exact;
    const [hi, lo] = halves(print.simhash);
    let best: { id: string; distance: number } | undefined;
    bandKeys(hi, lo).forEach((key, i) => {
      for (const id of this.bands[i]!.get(key) ?? []) {
        if (id === exceptId) continue;
        const other = this.byId.get(id)!;
        const distance = popcount(hi ^ other.hi) + popcount(lo ^ other.lo);
        if (
          distance <= NEAR_DUPLICATE_BITS &&
          (!best || distance < best.distance || (distance === best.distance && id < best.id))
        ) {
          best = { id, distance };
        }
      }
    });
    return best?.id;
  }
}

function halves(simhash: string): [number, number] {
  return [Number.parseInt(simhash.slice(0, 8), 16) >>> 0, Number.parseInt(simhash.slice(8, 16), 16) >>> 0];
}

/** The value of each band's bits, tagged with nothing: each band has its own map. */
function bandKeys(hi: number, lo: number): number[] {
  return BANDS.map(([start, end]) => bits(hi, lo, start, end));
}

/** Bits [start, end) of the 64-bit value hi:lo (bit 0 = most significant of hi), as a number. */
function bits(hi: number, lo: number, start: number, end: number): number {
  let value = 0;
  for (let b = start; b < end; b++) {
    const bit = b < 32 ? (hi >>> (31 - b)) & 1 : (lo >>> (63 - b)) & 1;
    value = value * 2 + bit;
  }
  return value;
}

function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
