/**
 * Turns a body into summary candidates: sentences in article order, cleaned of datelines and
 * credits, with captions, headings, preambles, furniture and repeats marked ineligible.
 */
import { cleanSentence } from "./boilerplate.js";
import { splitSentences } from "./sentences.js";
import { countWords } from "./text.js";
import { contentStems } from "./tokens.js";

/** One body sentence as the summarisers see it. */
export interface SentenceUnit {
  /** Cleaned text: the sentence minus any leading dateline/credit (a substring of the body). */
  text: string;
  /** Index in article order over all units. */
  position: number;
  /** Index of the paragraph it belongs to. */
  paragraph: number;
  /** May appear in a summary (not a caption, heading, credit, preamble or repeat). */
  eligible: boolean;
  words: number;
  /** Porter stems of the content words. */
  stems: string[];
  /** Opens with a reference to what came before ("He added…", "This…", "But…"). */
  dangling: boolean;
}

/** What a document is built from. */
export interface DocumentInput {
  title: string;
  /** Body paragraphs in order (headings excluded or passed as `headings`). */
  paragraphs: string[];
  /** Section headings, never summary material. */
  headings?: string[];
  caption?: string | null;
}

const DANGLING =
  /^(?:["“‘']\s*)?(?:he|she|it|they|this|that|these|those|his|her|its|their|them|him|but|and|or|so|yet|however|also|still|meanwhile|moreover|furthermore|instead|then|nevertheless|nonetheless|thus|therefore|hence|likewise|similarly|such|besides|otherwise|in addition|as a result|the latter|the former|even so|at the same time|in turn|in response|by contrast|on the other hand)\b/i;

const PREAMBLE_WINDOW = 6;

/** A cheap key for "same sentence" tests (captions, repeats, headings): lower case, words only. */
function matchKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** True when the sentence leans on the one before it. */
export function isDangling(text: string): boolean {
  return DANGLING.test(text);
}

/**
 * Builds the sentence units of a document. Never throws; an empty body gives [].
 */
export function buildDocument(input: DocumentInput): SentenceUnit[] {
  const titleKey = matchKey(input.title);
  const captionKey = input.caption ? matchKey(input.caption) : "";
  const headingKeys = new Set((input.headings ?? []).map(matchKey));
  const units: SentenceUnit[] = [];
  const markers: (string | null)[] = [];
  const seen = new Set<string>();
  input.paragraphs.forEach((para, p) => {
    const sentences = splitSentences(para);
    const headingLike = sentences.length === 1 && !/[.!?…"”’)]$/.test(para.trim()) && countWords(para) < 12;
    for (const raw of sentences) {
      const c = cleanSentence(raw);
      const key = matchKey(c.text);
      const words = countWords(c.text);
      const eligible =
        !c.boilerplate &&
        !headingLike &&
        words >= 4 &&
        key !== "" &&
        key !== titleKey &&
        !headingKeys.has(key) &&
        !seen.has(key) &&
        !(captionKey !== "" && (captionKey.includes(key) || key.includes(captionKey))) &&
        (/[.!?…"”’)]$/.test(c.text) || words >= 10);
      seen.add(key);
      markers.push(c.marker);
      units.push({
        text: c.text,
        position: units.length,
        paragraph: p,
        eligible,
        words,
        stems: contentStems(c.text),
        dangling: isDangling(c.text),
      });
    }
  });
  markPreamble(units, markers);
  markSpacedFragments(units);
  return units;
}

/**
 * Scraped pages (Daily Mail style) set bylines, timestamps and photo captions off with " . ":
 * "By . Daily Mail Reporter . PUBLISHED: . 04:55 EST …". Story sentences end "word." — unless the
 * whole text is tokenised ("… october . the state …"), in which case nothing is marked.
 */
function markSpacedFragments(units: SentenceUnit[]): void {
  const spaced = units.map((u) => /\s[.!?]$/.test(u.text));
  const long = units.map((u) => u.words >= 10);
  const longSpaced = spaced.filter((s, i) => s && long[i]).length;
  if (longSpaced > 0 && longSpaced >= 0.8 * long.filter(Boolean).length) return;
  spaced.forEach((s, i) => {
    const u = units[i];
    if (s && u) u.eligible = false;
  });
}

/**
 * Scraped pages open with captions and editor's notes before the dateline: when a story-start
 * marker (a dateline or leading credit) appears among the first sentences, what precedes it is
 * preamble.
 */
function markPreamble(units: SentenceUnit[], markers: readonly (string | null)[]): void {
  const limit = Math.min(units.length, PREAMBLE_WINDOW);
  let first = -1;
  for (let i = 1; i < limit && first < 0; i++)
    if (markers[i] === "dateline" || markers[i] === "credit") first = i;
  for (let i = 0; i < first; i++) {
    const u = units[i];
    if (u) u.eligible = false;
  }
  // Anywhere in the body, the sentence before a photo credit is that photo's caption.
  markers.forEach((m, i) => {
    const prev = units[i - 1];
    if ((m === "credit" || m === "lone-credit") && prev) prev.eligible = false;
  });
  // A sentence can only lean on an eligible sentence before it; with none, it opens the story.
  for (const u of units) {
    if (u.dangling && !units[u.position - 1]?.eligible) u.dangling = false;
  }
}
