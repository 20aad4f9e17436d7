/**
 * In-memory duplicate finder over every stored fingerprint. Exact matches by content hash;
 * near matches by SimHash split into {@link NEAR_DUPLICATE_BITS} + 1 bands: any two hashes within
 * that many bits agree on at least one whole band (pigeonhole), so candidates are found without a
 * full scan. Bands of 9–10 bits keep random candidates to ~1 in 512 per band.
 */
import type { ArticleFingerprint } from "../store/article-repo.js";
import { hammingDistance } from "./fingerprint.js";

/** Texts whose SimHashes differ in at most this many of 64 bits are the same story. */
export const NEAR_DUPLICATE_BITS = 6;

const BAND_STARTS = [0, 9, 18, 27, 36, 45, 54, 64];

export class DedupeIndex {
  private readonly byId = new Map<string, ArticleFingerprint>();
  private readonly byHash = new Map<string, string>();
  private readonly bands: Map<string, Set<string>>[] = BAND_STARTS.slice(1).map(() => new Map());

  /** Number of fingerprints held. */
  get size(): number {
    return this.byId.size;
  }

  get(id: string): ArticleFingerprint | undefined {
    return this.byId.get(id);
  }

  /** Add or replace a fingerprint. */
  add(print: ArticleFingerprint): void {
    this.remove(print.id);
    this.byId.set(print.id, print);
    this.byHash.set(print.contentHash, print.id);
    this.bandKeys(print.simhash).forEach((key, i) => {
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
    if (this.byHash.get(old.contentHash) === id) this.byHash.delete(old.contentHash);
    this.bandKeys(old.simhash).forEach((key, i) => {
      this.bands[i]!.get(key)?.delete(id);
    });
  }

  /** The id of another article with the same or nearly the same text, if any (`exceptId` is skipped). */
  findDuplicate(print: { contentHash: string; simhash: string }, exceptId?: string): string | undefined {
    const exact = this.byHash.get(print.contentHash);
    if (exact !== undefined && exact !== exceptId) return exact;
    let best: { id: string; distance: number } | undefined;
    this.bandKeys(print.simhash).forEach((key, i) => {
      for (const id of this.bands[i]!.get(key) ?? []) {
        if (id === exceptId) continue;
        const distance = hammingDistance(print.simhash, this.byId.get(id)!.simhash);
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

  private bandKeys(simhash: string): string[] {
    const bits =
      Number.parseInt(simhash.slice(0, 8), 16).toString(2).padStart(32, "0") +
      Number.parseInt(simhash.slice(8, 16), 16).toString(2).padStart(32, "0");
    return BAND_STARTS.slice(1).map((end, i) => bits.slice(BAND_STARTS[i], end));
  }
}
