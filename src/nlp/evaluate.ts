/**
 * The summary evaluation behind `npm run eval`: ours against Lead-3 and Lead-k on datasets of
 * articles with reference summaries, under ROUGE-1/2/L F1. Pure: the script reads the files.
 */
import { buildDocument } from "./document.js";
import { rouge } from "./rouge.js";
import { splitSentences } from "./sentences.js";
import { DEFAULT_WEIGHTS, type SummaryWeights, summarizeDocument } from "./summarize.js";

/** One article with its reference summary sentences. */
export interface EvalPair {
  id: string;
  title: string;
  article: string;
  reference: string[];
}

/** Mean ROUGE F1 (×100) of one system at one budget over a dataset. */
export interface EvalRow {
  system: string;
  rouge1: number;
  rouge2: number;
  rougeL: number;
  articles: number;
}

/** Reads one line of the BBC set ({id,title,article,summary_sentences,duplicate_of}); null for duplicates. */
export function bbcPair(line: string): EvalPair | null {
  const o = JSON.parse(line) as {
    id: string;
    title?: string;
    article: string;
    summary_sentences?: string[];
    summary?: string;
    duplicate_of?: string | null;
  };
  if (o.duplicate_of) return null;
  return {
    id: o.id,
    title: o.title ?? "",
    article: o.article,
    reference: o.summary_sentences ?? splitSentences(o.summary ?? ""),
  };
}

/** Reads one line of the newsroom sample ({id,article,summary_sentences}); it has no titles. */
export function newsroomPair(line: string): EvalPair {
  const o = JSON.parse(line) as {
    id: string;
    article: string;
    summary_sentences?: string[];
    summary?: string;
  };
  return {
    id: o.id,
    title: "",
    article: o.article,
    reference: o.summary_sentences ?? splitSentences(o.summary ?? ""),
  };
}

/** A summariser under test: article → sentences for a sentence budget. */
export type System = (pair: EvalPair, sentences: number) => string[];

/** Lead-k: the first k sentences as the splitter finds them, nothing removed. */
export const lead: System = (pair, k) => splitSentences(pair.article).slice(0, k);

/** Ours, optionally with other weights (for tuning runs). */
export function ours(weights: SummaryWeights = DEFAULT_WEIGHTS): System {
  return (pair, k) =>
    summarizeDocument(
      buildDocument({ title: pair.title, paragraphs: pair.article.split(/\n\s*\n/) }),
      pair.title,
      { sentences: k },
      weights,
    );
}

/** Mean ROUGE of `system` over `pairs`; `budget` "3" or "k" (the reference's sentence count). */
export function scoreSystem(
  pairs: readonly EvalPair[],
  system: System,
  budget: number | "k",
): Omit<EvalRow, "system"> {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  for (const p of pairs) {
    const k = budget === "k" ? Math.max(1, p.reference.length) : budget;
    const s = rouge(system(p, k), p.reference);
    r1 += s.rouge1.f1;
    r2 += s.rouge2.f1;
    rl += s.rougeL.f1;
  }
  const n = Math.max(pairs.length, 1);
  const pct = (x: number): number => Math.round((1000 * x) / n) / 10;
  return { rouge1: pct(r1), rouge2: pct(r2), rougeL: pct(rl), articles: pairs.length };
}

/** The side-by-side rows: Lead-3, ours at 3, Lead-k, ours at k. */
export function evaluatePairs(pairs: readonly EvalPair[], weights?: SummaryWeights): EvalRow[] {
  const mine = ours(weights);
  return [
    { system: "Lead-3", ...scoreSystem(pairs, lead, 3) },
    { system: "Ours (3 sentences)", ...scoreSystem(pairs, mine, 3) },
    { system: "Lead-k", ...scoreSystem(pairs, lead, "k") },
    { system: "Ours (k sentences)", ...scoreSystem(pairs, mine, "k") },
  ];
}
