/**
 * Word tokens, stopwords and stems. Stemming is Porter (package `stemmer`), stopwords the
 * English list of package `stopword` plus news filler; both chosen for speed (plain lookups).
 */
import { stemmer } from "stemmer";
import { eng } from "stopword";

const PUNCTUATED = /['’,.]/;
const WORD = /[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+|,\d{3}(?!\d))*/gu;

/**
 * Lower-cased word tokens in order. Possessive "'s" is dropped, dotted acronyms are joined
 * ("U.S." → "us"), decimals stay whole ("1.2bn"), hyphenated words split into their parts.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    let t = m[0];
    if (PUNCTUATED.test(t)) {
      t = t.replace(/['’]s$/, "").replace(/['’,]/g, "");
      if (/^(?:\p{L}\.)+\p{L}$/u.test(t)) t = t.replace(/\./g, "");
    }
    if (t !== "") out.push(t);
  }
  return out;
}

/** Stopwords: the `stopword` English list plus reporting filler that carries no topic. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...eng,
  ..."said says say told also would could us mr mrs ms dr one two new like just last year years".split(" "),
  ..."s t don didn doesn isn wasn weren won wouldn can't it's".split(" "),
  // Function words the short `stopword` list lacks.
  ...(
    "does doing done not no nor yes its it's itself herself themselves ourselves yourself myself we're they're " +
    "i'm you're he's she's what's there's let's shall will may upon onto off above below across against " +
    "along among around behind beyond during except inside outside near toward towards within without " +
    "whether although though unless until whose whom why either neither every few several whatever " +
    "whenever wherever however yet so just even ever also already almost always often sometimes perhaps " +
    "rather quite really per via say says told tell tells our ours theirs mine yours hers"
  ).split(" "),
]);

const HAS_LETTER = /\p{L}/u;

/** True for stopwords and tokens with no letter (figures). */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token) || !HAS_LETTER.test(token);
}

const stemCache = new Map<string, string>();

/** Porter stem, memoised (news vocabularies are small and repetitive). */
export function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    s = stemmer(token);
    if (stemCache.size < 200_000) stemCache.set(token, s);
  }
  return s;
}

/** Stems of the content words of `text`: tokens minus stopwords and figures. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (!isStopword(t)) out.push(stem(t));
  return out;
}
