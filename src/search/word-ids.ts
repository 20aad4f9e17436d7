/**
 * A document's vocabulary words as a compact blob of vocabulary ids: sorted, delta-coded, each
 * gap an unsigned LEB128 varint (7 bits a byte, high bit = more bytes follow). About 1.2 bytes
 * a word on news text, so the index can take a document's words back out of the vocabulary
 * when the document is replaced or removed. Pure.
 */

/** Bytes of the longest varint: a safe integer has at most 53 bits, 7 a byte. */
const MAX_VARINT_BYTES = 8;

/** Writes ascending ids (duplicates skipped) at `at`; returns the offset after them. */
function writeSorted(sorted: Float64Array, out: Buffer, at: number): number {
  let length = at;
  let previous = 0;
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    if (!Number.isSafeInteger(id) || id < 0)
      throw new RangeError(`A word id must be a whole number ≥ 0, got ${id}`);
    if (i > 0 && id === previous) continue;
    // Division instead of bit shifts: ids may outgrow 31 bits after years of churn.
    let gap = id - previous;
    previous = id;
    while (gap >= 0x80) {
      out[length++] = (gap % 0x80) | 0x80;
      gap = Math.floor(gap / 0x80);
    }
    out[length++] = gap;
  }
  return length;
}

/** Encodes non-negative integer ids (any order; duplicates are dropped). */
export function encodeWordIds(ids: Iterable<number>): Buffer {
  const sorted = Float64Array.from(ids).sort();
  const out = Buffer.allocUnsafe(sorted.length * MAX_VARINT_BYTES);
  return out.subarray(0, writeSorted(sorted, out, 0));
}

/**
 * Encodes several id lists into one buffer (one allocation, one SQL parameter for a whole chunk
 * of documents); list i is `bytes.subarray(spans[i][0], spans[i][0] + spans[i][1])`. The lists
 * are sorted in place.
 */
export function encodeWordIdLists(lists: readonly Float64Array[]): {
  bytes: Buffer;
  spans: [start: number, length: number][];
} {
  const out = Buffer.allocUnsafe(lists.reduce((n, list) => n + list.length, 0) * MAX_VARINT_BYTES);
  const spans: [number, number][] = [];
  let at = 0;
  for (const list of lists) {
    const end = writeSorted(list.sort(), out, at);
    spans.push([at, end - at]);
    at = end;
  }
  return { bytes: out.subarray(0, at), spans };
}

/** Decodes what {@link encodeWordIds} wrote, ascending. A truncated last varint is ignored. */
export function decodeWordIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let previous = 0;
  let gap = 0;
  let scale = 1;
  for (const byte of bytes) {
    gap += (byte & 0x7f) * scale;
    if (byte & 0x80) {
      scale *= 0x80;
      continue;
    }
    previous += gap;
    ids.push(previous);
    gap = 0;
    scale = 1;
  }
  return ids;
}
