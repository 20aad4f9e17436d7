/**
 * Key phrases: lower-case two-word noun phrases an article repeats ("transitional justice",
 * "military bases"), merged over plurals by stem. Names are left to the entity finder.
 */
import { GENERIC_PHRASE_WORDS } from "./data/names.js";
import type { Lexicon } from "./lexicon.js";
import { isStopword, stem } from "./tokens.js";

/** A repeated phrase with its most frequent surface form. */
export interface KeyPhrase {
  /** Stem key, e.g. "transit justic". */
  key: string;
  name: string;
  count: number;
  /** Index of the first sentence using it. */
  first: number;
}

const WORD = /[\p{L}'’-]+|[^\s\p{L}]+/gu;
const PLAIN = /^\p{Ll}[\p{Ll}-]{2,}$/u;

function usable(word: string): boolean {
  return PLAIN.test(word) && !isStopword(word) && !GENERIC_PHRASE_WORDS.has(word) && !/ly$/.test(word);
}

/**
 * Two-word phrases used at least `min` times (default 2), most frequent first, at most `limit`.
 * Verbs (as far as compromise's lexicon knows) break a phrase.
 */
export function keyPhrases(sentences: readonly string[], lex: Lexicon, limit = 2, min = 2): KeyPhrase[] {
  const found = new Map<string, { forms: Map<string, number>; count: number; first: number }>();
  sentences.forEach((sentence, index) => {
    let prev = "";
    for (const m of sentence.matchAll(WORD)) {
      const word = m[0];
      // Verbs break phrases, except plural nouns the lexicon also knows as verbs ("bases", "talks").
      const cls = usable(word) ? lex.wordClass(word) : "none";
      if (cls === "none" || (cls === "verb" && !/[^s]s$/.test(word)) || cls === "firstName") {
        prev = "";
        continue;
      }
      if (prev !== "") {
        const key = `${stem(prev)} ${stem(word)}`;
        let f = found.get(key);
        if (!f) {
          f = { forms: new Map(), count: 0, first: index };
          found.set(key, f);
        }
        const form = `${prev} ${word}`;
        f.forms.set(form, (f.forms.get(form) ?? 0) + 1);
        f.count++;
      }
      prev = word;
    }
  });
  const out: KeyPhrase[] = [];
  for (const [key, f] of found) {
    if (f.count < min) continue;
    let name = "";
    let best = 0;
    for (const [form, n] of f.forms) if (n > best) [name, best] = [form, n];
    out.push({ key, name, count: f.count, first: f.first });
  }
  out.sort((a, b) => b.count - a.count || a.first - b.first);
  return out.slice(0, limit);
}
