/**
 * Row ids that sort by publication time. A document's SQLite rowid is
 * `publishedSeconds * 2^20 + slot`, so "newest first" is "rowid descending" everywhere: FTS5 can
 * walk a term's doclist newest-first and stop early, topic postings need no date column, and the
 * ranking query can compute an article's age from its rowid alone.
 */

/** Bits reserved for documents published in the same second (about a million per second). */
export const SLOT_BITS = 20;
/** Documents that can share one publication second. */
export const SLOTS_PER_SECOND = 2 ** SLOT_BITS;
/** Latest representable second (year 2242); keeps every rowid a safe JavaScript integer. */
export const MAX_SECONDS = 2 ** 33 - 1;

/**
 * Seconds since the epoch of an ISO-8601 instant, clamped to [0, MAX_SECONDS]. Undated (null),
 * unparsable and pre-1970 values map to 0: they sort as the oldest documents.
 */
export function publishedSeconds(published: string | null): number {
  if (published === null) return 0;
  const ms = Date.parse(published);
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.min(MAX_SECONDS, Math.floor(ms / 1000));
}

/** The first rowid of a publication second. */
export function firstRowidOf(seconds: number): number {
  return seconds * SLOTS_PER_SECOND;
}

/** The publication second encoded in a rowid. */
export function secondsOfRowid(rowid: number): number {
  return Math.floor(rowid / SLOTS_PER_SECOND);
}
