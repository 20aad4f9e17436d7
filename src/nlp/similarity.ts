/**
 * Bag-of-stems vectors and cosine similarity, the one similarity every summariser here uses.
 */

/** Sparse term-weight vector. */
export type TermVector = Map<string, number>;

/** Term-frequency vector of a stem list, each term weighted by `weight(term)` (default 1). */
export function termVector(stems: readonly string[], weight?: (term: string) => number): TermVector {
  const v: TermVector = new Map();
  for (const t of stems) v.set(t, (v.get(t) ?? 0) + 1);
  if (weight) for (const [t, n] of v) v.set(t, n * weight(t));
  return v;
}

/** Euclidean norm. */
export function norm(v: TermVector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

/** Cosine similarity in [0, 1] (0 when either vector is empty). */
export function cosine(a: TermVector, b: TermVector, na = norm(a), nb = norm(b)): number {
  if (na === 0 || nb === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) {
    const y = large.get(t);
    if (y !== undefined) dot += x * y;
  }
  return dot / (na * nb);
}
