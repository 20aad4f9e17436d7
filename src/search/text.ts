import { asciiFold } from "../domain/fold.js";

/**
 * Text folding and tokenising that mirror what the FTS5 `unicode61 remove_diacritics 2`
 * tokenizer does, so that the JavaScript side (vocabulary, typo correction, stopwords) and the
 * SQLite side agree on what a word is.
 */

/**
 * A run of token characters: letters, numbers, private-use characters (unicode61 token classes)
 * and combining marks, which continue a word (Devanagari vowel signs, decomposed accents).
 */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** Lower-case, diacritic-free form of a word ("Türkiye" → "turkiye"). */
export const fold: (word: string) => string = asciiFold;

/** The words of a text in order, NFC and lower-cased but with diacritics kept (SQLite folds them). */
export function tokens(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(TOKEN) ?? [];
}

/** Shortest word kept in the typo-correction vocabulary. */
export const VOCAB_MIN_LENGTH = 3;
/** Longest word kept in the typo-correction vocabulary. */
export const VOCAB_MAX_LENGTH = 24;

/**
 * The distinct folded words of a text worth keeping in the vocabulary: alphabetic (no digits,
 * which are never typo-corrected), 3 to 24 characters.
 */
export function vocabularyWords(text: string, into: Set<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  for (const token of tokens(text)) {
    if (token.length < VOCAB_MIN_LENGTH || token.length > VOCAB_MAX_LENGTH + 4 || seen.has(token)) continue;
    seen.add(token);
    // Fast path: most words are already plain ASCII letters, which fold to themselves.
    if (ASCII_WORD.test(token)) {
      if (token.length <= VOCAB_MAX_LENGTH) into.add(token);
      continue;
    }
    const word = fold(token);
    if (word.length < VOCAB_MIN_LENGTH || word.length > VOCAB_MAX_LENGTH || /\p{N}/u.test(word)) continue;
    into.add(word);
  }
  return into;
}

const ASCII_WORD = /^[a-z]+$/;

/**
 * Function words dropped from free-text queries (never from quoted phrases). Deliberately short:
 * "us", "who", "it" and "may" stay searchable because they are also US, WHO, IT and May.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being " +
    "below between both but by can could did do does doing down during each few for from further had " +
    "has have having he her here hers herself him himself his how i if in into is its itself just me " +
    "more most my myself no nor not of off on once only or other our ours ourselves out over own same " +
    "she should so some such than that the their theirs them themselves then there these they this " +
    "those through to too under until up very was we were what when where which while whom why will " +
    "with would you your yours yourself yourselves s t"
  ).split(" "),
);
