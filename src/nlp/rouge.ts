/**
 * ROUGE-1, ROUGE-2 and ROUGE-L (summary-level, "ROUGE-Lsum") F1, computed the standard way of
 * Google's rouge-score package: lower-cased alphanumeric tokens, Porter stemming of tokens
 * longer than 3 characters, clipped n-gram overlap, union-LCS over reference sentences.
 */
import { stemmer } from "stemmer";

/** Precision, recall and F1 of one measure, each in [0, 1]. */
export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

/** The three measures for one candidate/reference pair. */
export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeL: RougeScore;
}

/** Lower-cased [a-z0-9] tokens, tokens longer than 3 characters Porter-stemmed. */
export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((t) => t !== "")
    .map((t) => (t.length > 3 ? stemmer(t) : t));
}

function score(hits: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal > 0 ? hits / candidateTotal : 0;
  const recall = referenceTotal > 0 ? hits / referenceTotal : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(" ");
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** ROUGE-N over token lists: clipped n-gram overlap. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): RougeScore {
  const c = ngramCounts(candidate, n);
  const r = ngramCounts(reference, n);
  let hits = 0;
  for (const [g, x] of c) hits += Math.min(x, r.get(g) ?? 0);
  return score(hits, Math.max(candidate.length - n + 1, 0), Math.max(reference.length - n + 1, 0));
}

/** Indices in `ref` of one longest common subsequence of `ref` and `can` (rouge-score's backtrack). */
export function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const rows = ref.length;
  const cols = can.length;
  const table: Uint16Array[] = [];
  for (let i = 0; i <= rows; i++) table.push(new Uint16Array(cols + 1));
  for (let i = 1; i <= rows; i++) {
    const row = table[i]!;
    const up = table[i - 1]!;
    for (let j = 1; j <= cols; j++) {
      row[j] = ref[i - 1] === can[j - 1] ? up[j - 1]! + 1 : Math.max(up[j]!, row[j - 1]!);
    }
  }
  const out: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (table[i]![j - 1]! > table[i - 1]![j]!) j--;
    else i--;
  }
  return out.reverse();
}

/** Summary-level ROUGE-L over sentence token lists (union LCS per reference sentence, clipped counts). */
export function rougeLsum(candidate: readonly string[][], reference: readonly string[][]): RougeScore {
  const m = reference.reduce((s, x) => s + x.length, 0);
  const n = candidate.reduce((s, x) => s + x.length, 0);
  const countsR = new Map<string, number>();
  const countsC = new Map<string, number>();
  for (const s of reference) for (const t of s) countsR.set(t, (countsR.get(t) ?? 0) + 1);
  for (const s of candidate) for (const t of s) countsC.set(t, (countsC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of reference) {
    const union = new Set<number>();
    for (const c of candidate) for (const i of lcsIndices(r, c)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const t = r[i]!;
      const cc = countsC.get(t) ?? 0;
      const cr = countsR.get(t) ?? 0;
      if (cc > 0 && cr > 0) {
        hits++;
        countsC.set(t, cc - 1);
        countsR.set(t, cr - 1);
      }
    }
  }
  return score(hits, n, m);
}

/**
 * Scores candidate sentences against reference sentences: ROUGE-1/2 over the joined text,
 * ROUGE-L summary-level over the sentences.
 */
export function rouge(candidate: readonly string[], reference: readonly string[]): RougeScores {
  const cs = candidate.map(rougeTokens);
  const rs = reference.map(rougeTokens);
  const c = cs.flat();
  const r = rs.flat();
  return { rouge1: rougeN(c, r, 1), rouge2: rougeN(c, r, 2), rougeL: rougeLsum(cs, rs) };
}
