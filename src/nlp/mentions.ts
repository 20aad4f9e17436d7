/**
 * Finds name mentions in body sentences: runs of capitalised words, cut at punctuation,
 * possessives and hyphenated compounds ("Russia-Syria"), with sentence-initial common words
 * dropped. Each run is then read by {@link ./entities.ts}.
 */
import { NAME_PARTICLES, NEVER_TOPICS } from "./data/names.js";

/** One word of a run. */
export interface RunToken {
  /** Surface form without possessive or trailing period ("al-Sharaa", "U.S."). */
  text: string;
  lower: string;
}

/** A run of capitalised words in one sentence. */
export interface Run {
  tokens: RunToken[];
  sentence: number;
  /** Lower-case word just before the run ("in" in "in Rafah"), or "". */
  before: string;
  /** The run starts the sentence, so its first capital proves nothing. */
  atStart: boolean;
}

const PIECE = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[^\s\p{L}\p{N}]+/gu;
const ARTICLE_PREFIX = /^(?:al|el|Al|El)-(?=\p{Lu})/u;

/** True for a word that starts with a capital (or an "al-" prefix before a capital). */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) || ARTICLE_PREFIX.test(word);
}

/** A word piece split into words and the breaks between them. */
type Piece = { word: string } | { stop: true };

/** Splits a hyphenated word: "Russia-Syria" → Russia | Syria, "Hamas-led" → Hamas |, "al-Sharaa" stays. */
function splitWord(raw: string): Piece[] {
  let w = raw;
  let stopAfter = false;
  if (/['’]s$/.test(w)) {
    w = w.slice(0, -2);
    stopAfter = true;
  } else if (/['’]$/.test(w)) {
    w = w.slice(0, -1);
    stopAfter = true;
  }
  if (w.endsWith(".") && !/^(?:\p{L}\.)+$/u.test(w)) {
    w = w.replace(/\.+$/, "");
    stopAfter = true;
  }
  const out: Piece[] = [];
  if (!w.includes("-") || (ARTICLE_PREFIX.test(w) && !w.slice(3).includes("-"))) out.push({ word: w });
  else {
    const parts = w.split("-").filter((p) => p !== "");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? "";
      const next = parts[i + 1];
      if (/^(?:al|el)$/i.test(part) && next && /^\p{Lu}/u.test(next)) {
        out.push({ word: `${part}-${next}` }, { stop: true });
        i++;
      } else if (/^\p{Lu}/u.test(part)) out.push({ word: part }, { stop: true });
      else out.push({ stop: true });
    }
  }
  if (stopAfter) out.push({ stop: true });
  return out;
}

/**
 * Capitalised runs of one sentence. Lower-case name particles ("bin", "van", "al") may sit
 * inside a run; any other lower-case word, a figure or punctuation ends it.
 */
export function sentenceRuns(sentence: string, index: number): Run[] {
  const runs: Run[] = [];
  let current: RunToken[] = [];
  let before = "";
  let lastLower = "";
  let atStart = true;
  let runAtStart = false;
  let seenWord = false;
  const flush = (): void => {
    // Trailing particles ("… bin") are not part of the name.
    while (current.length > 0 && !isCapitalised(current[current.length - 1]?.text ?? "")) current.pop();
    if (current.length > 0) runs.push({ tokens: current, sentence: index, before, atStart: runAtStart });
    current = [];
  };
  for (const m of sentence.matchAll(PIECE)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    // Fast path: a plain lower-case ASCII word (most words) only ends a run or joins it as a particle.
    if (c >= 97 && c <= 122 && !ARTICLE_PREFIX.test(raw)) {
      if (current.length > 0 && NAME_PARTICLES.has(raw)) current.push({ text: raw, lower: raw });
      else flush();
      lastLower = raw;
      seenWord = true;
      atStart = false;
      continue;
    }
    if (!/^[\p{L}\p{N}]/u.test(raw)) {
      flush();
      continue;
    }
    for (const piece of splitWord(raw)) {
      if ("stop" in piece) {
        flush();
        continue;
      }
      const word = piece.word;
      const lower = word.toLowerCase();
      if (isCapitalised(word) && !NEVER_TOPICS.has(lower) && /\p{L}/u.test(word)) {
        if (current.length === 0) {
          before = lastLower;
          runAtStart = atStart && !seenWord;
        }
        current.push({ text: word, lower });
      } else if (current.length > 0 && NAME_PARTICLES.has(lower)) {
        current.push({ text: word, lower });
      } else {
        flush();
      }
      lastLower = lower;
      seenWord = true;
    }
    atStart = false;
  }
  flush();
  return runs;
}
