/**
 * Single-article extractive summaries. Position is the strongest signal in news; it is combined
 * with centrality (similarity to the whole article), title overlap and penalties for sentence
 * shapes that read badly out of context, then chosen greedily with redundancy control and the
 * rule that a sentence leaning on the one before it comes with it or not at all.
 */
import { buildDocument, type DocumentInput, type SentenceUnit } from "./document.js";
import { cosine, norm, type TermVector, termVector } from "./similarity.js";
import { countWords } from "./text.js";
import { contentStems } from "./tokens.js";

/** How long a summary may be: a sentence count, a word count, or both (both must hold). */
export interface SummaryBudget {
  sentences?: number;
  words?: number;
}

/** Scoring weights. Exposed for the eval's tuning runs; the defaults are what ships. */
export interface SummaryWeights {
  /** Weight of the position prior exp(-rank / positionDecay). */
  position: number;
  positionDecay: number;
  centrality: number;
  title: number;
  quotePenalty: number;
  questionPenalty: number;
  shortPenalty: number;
  longPenalty: number;
  /** Cosine above which a candidate repeats a chosen sentence. */
  redundancy: number;
}

/** The shipped weights (tuned on the newsroom sample and the BBC set, see scripts/eval.ts). */
export const DEFAULT_WEIGHTS: SummaryWeights = {
  position: 2,
  positionDecay: 3,
  centrality: 0.35,
  title: 0.25,
  quotePenalty: 0.15,
  questionPenalty: 0.3,
  shortPenalty: 0.3,
  longPenalty: 0,
  redundancy: 0.6,
};

/** A scored body sentence. */
export interface ScoredSentence {
  unit: SentenceUnit;
  score: number;
}

/**
 * Scores every eligible unit of a document: higher is more summary-worthy. Ineligible units get
 * no entry. Deterministic.
 */
export function scoreSentences(
  units: readonly SentenceUnit[],
  title: string,
  weights: SummaryWeights = DEFAULT_WEIGHTS,
): ScoredSentence[] {
  const eligible = units.filter((u) => u.eligible);
  if (eligible.length === 0) return [];
  const df = new Map<string, number>();
  for (const u of eligible) for (const t of new Set(u.stems)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = eligible.length;
  const idf = (t: string): number => Math.log(1 + n / (df.get(t) ?? 1));
  const vectors = eligible.map((u) => termVector(u.stems, idf));
  const centroid: TermVector = new Map();
  for (const v of vectors) for (const [t, x] of v) centroid.set(t, (centroid.get(t) ?? 0) + x);
  const cn = norm(centroid);
  const cent = vectors.map((v) => cosine(v, centroid, norm(v), cn));
  const maxCent = Math.max(...cent, 1e-9);
  const titleStems = new Set(contentStems(title));
  return eligible.map((unit, rank) => {
    let titleHits = 0;
    for (const t of new Set(unit.stems)) if (titleStems.has(t)) titleHits++;
    const titleScore = titleStems.size > 0 ? titleHits / titleStems.size : 0;
    let score =
      weights.position * Math.exp(-rank / weights.positionDecay) +
      weights.centrality * ((cent[rank] ?? 0) / maxCent) +
      weights.title * titleScore;
    if (/^["“‘']/.test(unit.text)) score -= weights.quotePenalty;
    if (/\?["”’)]*$/.test(unit.text)) score -= weights.questionPenalty;
    if (unit.words < 8) score -= weights.shortPenalty;
    if (unit.words > 45) score -= weights.longPenalty;
    return { unit, score };
  });
}

/** True when adding `words` more keeps within the budget. */
function fits(
  budget: Required<SummaryBudget>,
  count: number,
  words: number,
  addCount: number,
  addWords: number,
): boolean {
  return count + addCount <= budget.sentences && words + addWords <= budget.words;
}

/**
 * Picks sentences from scored candidates within the budget: best first, skipping repeats,
 * bringing a dangling sentence's predecessor along (or skipping it), returned in article order.
 */
export function selectSentences(
  scored: readonly ScoredSentence[],
  budget: SummaryBudget,
  weights: SummaryWeights = DEFAULT_WEIGHTS,
): SentenceUnit[] {
  const limit: Required<SummaryBudget> = {
    sentences: budget.sentences ?? Number.POSITIVE_INFINITY,
    words: budget.words ?? Number.POSITIVE_INFINITY,
  };
  const byPosition = new Map(scored.map((s) => [s.unit.position, s]));
  const vectors = new Map(scored.map((s) => [s.unit.position, termVector(s.unit.stems)]));
  const chosen: SentenceUnit[] = [];
  let words = 0;
  const redundant = (u: SentenceUnit): boolean => {
    const v = vectors.get(u.position) ?? new Map();
    return chosen.some((c) => cosine(v, vectors.get(c.position) ?? new Map()) > weights.redundancy);
  };
  const order = [...scored].sort((a, b) => b.score - a.score || a.unit.position - b.unit.position);
  for (const { unit } of order) {
    if (chosen.length >= limit.sentences || words >= limit.words) break;
    if (chosen.includes(unit) || redundant(unit)) continue;
    const prev = byPosition.get(unit.position - 1)?.unit;
    const leans = unit.dangling && !chosen.some((c) => c.position === unit.position - 1);
    if (!leans) {
      if (!fits(limit, chosen.length, words, 1, unit.words)) continue;
      chosen.push(unit);
      words += unit.words;
    } else if (
      prev &&
      !redundant(prev) &&
      !prev.dangling &&
      fits(limit, chosen.length, words, 2, unit.words + prev.words)
    ) {
      chosen.push(prev, unit);
      words += unit.words + prev.words;
    }
  }
  return chosen.sort((a, b) => a.position - b.position);
}

/** Cuts a sentence to at most `words` words, marking the cut with "…". */
function truncateWords(text: string, words: number): string {
  if (words <= 0) return "";
  const parts = text.split(/\s+/).filter((w) => w !== "");
  if (parts.length <= words) return text;
  return `${parts
    .slice(0, words)
    .join(" ")
    .replace(/[,;:\-–—]+$/, "")}…`;
}

/**
 * Summarises a prepared document. When no whole sentence fits a word budget, the best sentence
 * is cut to the budget (marked "…") so a tiny budget still yields something.
 */
export function summarizeDocument(
  units: readonly SentenceUnit[],
  title: string,
  budget: SummaryBudget = { sentences: 3 },
  weights: SummaryWeights = DEFAULT_WEIGHTS,
): string[] {
  return summarizeScored(scoreSentences(units, title, weights), budget, weights);
}

/** {@link summarizeDocument} over sentences already scored (the analyzer scores once for both uses). */
export function summarizeScored(
  scored: readonly ScoredSentence[],
  budget: SummaryBudget = { sentences: 3 },
  weights: SummaryWeights = DEFAULT_WEIGHTS,
): string[] {
  const sentences = budget.sentences ?? (budget.words === undefined ? 3 : Number.POSITIVE_INFINITY);
  if (!(sentences > 0) || (budget.words !== undefined && !(budget.words > 0))) return [];
  const words = budget.words ?? Number.POSITIVE_INFINITY;
  const picked = selectSentences(scored, { sentences, words }, weights);
  if (picked.length > 0 || budget.words === undefined) return picked.map((u) => u.text);
  const best = [...scored].sort((a, b) => b.score - a.score || a.unit.position - b.unit.position)[0];
  if (!best) return [];
  const cut = truncateWords(best.unit.text, Math.floor(words));
  return cut === "" || countWords(cut) > words ? [] : [cut];
}

/** Splits plain text into paragraphs on blank lines (single line breaks are handled by the splitter). */
function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t\u00a0]*\n/)
    .filter((p) => p.trim() !== "");
}

/**
 * Extractive summary of one article: sentences in article order within the budget (default 3
 * sentences), never captions, headings, datelines or credits, no two saying the same thing.
 * Deterministic; never throws.
 */
export function summarize(input: { title: string; text: string }, budget?: SummaryBudget): string[] {
  const doc: DocumentInput = { title: input.title, paragraphs: paragraphsOf(input.text) };
  return summarizeDocument(buildDocument(doc), input.title, budget ?? { sentences: 3 });
}
