/**
 * Typo correction in the style of SymSpell (symmetric delete): the index stores every vocabulary
 * word under itself and each one-letter deletion of it; a misspelt query word looks up its own
 * deletions (one or two letters) and the candidates found are verified with the optimal-string-
 * alignment (restricted Damerau-Levenshtein) distance. Pure functions; the lookup is in SQL.
 */

/** Query words shorter than this are never corrected (too many neighbours to guess well). */
export const MIN_CORRECTABLE_LENGTH = 4;
/** Deletion keys shorter than this are never stored or looked up. */
export const MIN_DELETE_KEY_LENGTH = 3;

/** Edits allowed for a query word of this length: 1 from 4 letters, 2 from 8 letters. */
export function maxTypoDistance(length: number): number {
  if (length < MIN_CORRECTABLE_LENGTH) return 0;
  return length >= 8 ? 2 : 1;
}

/**
 * The word itself plus every string obtained by deleting 1..depth characters, keeping only keys
 * of at least {@link MIN_DELETE_KEY_LENGTH} characters.
 */
export function deleteKeys(word: string, depth: number): Set<string> {
  const keys = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      if (w.length - 1 < MIN_DELETE_KEY_LENGTH) continue;
      for (let i = 0; i < w.length; i++) {
        const key = w.slice(0, i) + w.slice(i + 1);
        if (!keys.has(key)) {
          keys.add(key);
          next.push(key);
        }
      }
    }
    frontier = next;
  }
  return keys;
}

/**
 * Optimal-string-alignment distance between a and b (insertions, deletions, substitutions and
 * adjacent transpositions), or `max + 1` as soon as it is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rotating rows in one array (two rows back for transpositions): one allocation a call.
  const width = b.length + 1;
  const rows = new Int32Array(3 * width);
  let prevPrev = 0;
  let prev = width;
  let row = 2 * width;
  for (let j = 0; j < width; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[row] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[prev + j]! + 1, rows[row + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, rows[prevPrev + j - 2]! + 1);
      }
      rows[row + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const oldest = prevPrev;
    prevPrev = prev;
    prev = row;
    row = oldest;
  }
  const d = rows[prev + b.length]!;
  return d > max ? max + 1 : d;
}

/** A vocabulary word that shares a deletion key with the query word, with its document frequency. */
export interface Candidate {
  term: string;
  df: number;
}

/**
 * The best correction of a word: the smallest edit distance within {@link maxTypoDistance},
 * then the most frequent word, then the alphabetically first (deterministic). Undefined when no
 * candidate is close enough.
 */
export function pickCorrection(word: string, candidates: readonly Candidate[]): string | undefined {
  const max = maxTypoDistance(word.length);
  if (max === 0) return undefined;
  let best: { term: string; distance: number; df: number } | undefined;
  for (const c of candidates) {
    if (c.term === word) continue;
    const distance = editDistance(word, c.term, max);
    if (distance > max) continue;
    if (
      best === undefined ||
      distance < best.distance ||
      (distance === best.distance && (c.df > best.df || (c.df === best.df && c.term < best.term)))
    ) {
      best = { term: c.term, distance, df: c.df };
    }
  }
  return best?.term;
}
