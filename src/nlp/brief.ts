/**
 * Topic briefs: a short summary across a topic's recent articles. Articles telling the same
 * story (near-identical SimHash, or the same headline words, or the same lead) are grouped and
 * told once; sentences are then chosen by maximal marginal relevance, one story at a time first
 * so the brief covers the stories before it deepens any of them.
 */
import type { BriefSentence } from "../domain/topic.js";
import { isDangling } from "./document.js";
import { cosine, norm, type TermVector, termVector } from "./similarity.js";
import type { SummaryBudget } from "./summarize.js";
import { countWords } from "./text.js";
import { contentStems } from "./tokens.js";

/** An article as briefs see it: its precomputed scored sentences. */
export interface BriefArticle {
  id: string;
  title: string;
  /** ISO-8601 or null (undated articles sort last). */
  published: string | null;
  /** 64-bit SimHash as 16 hex chars, when known. */
  simhash?: string;
  sentences: { text: string; score: number }[];
}

/** Default brief length. */
export const DEFAULT_BRIEF_SENTENCES = 4;
const CANDIDATES_PER_ARTICLE = 5;
const SIMHASH_SAME_STORY = 10;
const TITLE_SAME_STORY = 0.5;
const LEAD_SAME_STORY = 0.6;
const REPEAT = 0.5;
const LAMBDA = 0.7;

function hamming(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b)) return 64;
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x > 0n) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

interface Prepared {
  article: BriefArticle;
  titleStems: Set<string>;
  lead: TermVector;
  story: number;
}

/** Groups articles into stories (union of pairwise "same story" links); returns a story index per article. */
function groupStories(articles: readonly BriefArticle[]): Prepared[] {
  const prepared: Prepared[] = articles.map((article, i) => ({
    article,
    titleStems: new Set(contentStems(article.title)),
    lead: termVector(contentStems(article.sentences[0]?.text ?? "")),
    story: i,
  }));
  const parent = prepared.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const a = prepared[i];
      const b = prepared[j];
      if (!a || !b) continue;
      const same =
        (a.article.simhash !== undefined &&
          b.article.simhash !== undefined &&
          hamming(a.article.simhash, b.article.simhash) <= SIMHASH_SAME_STORY) ||
        jaccard(a.titleStems, b.titleStems) >= TITLE_SAME_STORY ||
        cosine(a.lead, b.lead) >= LEAD_SAME_STORY;
      if (same) parent[find(j)] = find(i);
    }
  }
  for (const [i, p] of prepared.entries()) p.story = find(i);
  return prepared;
}

interface Candidate {
  text: string;
  articleId: string;
  story: number;
  relevance: number;
  vector: TermVector;
  norm: number;
  words: number;
}

/**
 * A brief across a topic's articles: at most `budget.sentences` (default 4) and `budget.words`
 * sentences, most important first, each attributed to its article. Articles are taken newest
 * first; a story told by several articles counts more but is told once. Deterministic.
 */
export function topicBrief(articles: readonly BriefArticle[], budget?: SummaryBudget): BriefSentence[] {
  const maxSentences =
    budget?.sentences ?? (budget?.words === undefined ? DEFAULT_BRIEF_SENTENCES : Number.POSITIVE_INFINITY);
  const maxWords = budget?.words ?? Number.POSITIVE_INFINITY;
  if (maxSentences <= 0 || maxWords <= 0) return [];
  const sorted = [...articles].sort(
    (a, b) => (b.published ?? "").localeCompare(a.published ?? "") || a.id.localeCompare(b.id),
  );
  const prepared = groupStories(sorted);
  const storySize = new Map<number, number>();
  for (const p of prepared) storySize.set(p.story, (storySize.get(p.story) ?? 0) + 1);
  const candidates: Candidate[] = [];
  prepared.forEach((p, rank) => {
    const recency = 1 / (1 + 0.15 * rank);
    const size = 1 + 0.5 * Math.log2(storySize.get(p.story) ?? 1);
    const top = p.article.sentences
      .map((s, i) => ({ s, i }))
      .filter(({ s, i }) => s.text.trim() !== "" && !(i > 0 && isDangling(s.text)))
      .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
      .slice(0, CANDIDATES_PER_ARTICLE);
    for (const { s } of top) {
      const vector = termVector(contentStems(s.text));
      candidates.push({
        text: s.text,
        articleId: p.article.id,
        story: p.story,
        relevance: Math.max(s.score, 0) * recency * size,
        vector,
        norm: norm(vector),
        words: countWords(s.text),
      });
    }
  });
  const chosen: Candidate[] = [];
  let words = 0;
  const covered = new Set<number>();
  // First every story once, then deeper into the stories.
  let coverFirst = true;
  while (chosen.length < maxSentences) {
    let pick: Candidate | undefined;
    let pickScore = Number.NEGATIVE_INFINITY;
    for (const c of candidates) {
      if (chosen.includes(c) || words + c.words > maxWords) continue;
      // Cover every story once before telling any of them twice.
      if (coverFirst && covered.has(c.story)) continue;
      const sim = Math.max(0, ...chosen.map((x) => cosine(c.vector, x.vector, c.norm, x.norm)));
      if (sim > REPEAT) continue;
      const score = LAMBDA * c.relevance - (1 - LAMBDA) * sim;
      if (score > pickScore) {
        pick = c;
        pickScore = score;
      }
    }
    if (!pick) {
      if (!coverFirst) break;
      coverFirst = false;
      continue;
    }
    chosen.push(pick);
    covered.add(pick.story);
    words += pick.words;
  }
  return chosen.map((c) => ({ text: c.text, articleId: c.articleId }));
}
