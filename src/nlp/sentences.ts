/**
 * News-proof sentence segmentation: rules over a single regex scan, tuned on a hand-labelled
 * set of wire copy (see test/unit/nlp/fixtures/segmentation-gold.ts and bench/nlp.ts, where it
 * is compared with wink-nlp and compromise).
 */
import {
  INNER_DOTTED,
  MONTH_ABBREVIATIONS,
  NUMERIC_ABBREVIATIONS,
  SENTENCE_OPENERS,
  SUFFIX_ABBREVIATIONS,
  TITLE_ABBREVIATIONS,
} from "./data/abbreviations.js";
import { countWords } from "./text.js";

/** Terminal punctuation, then closing quotes/brackets, then the whitespace before the next sentence. */
const CANDIDATE = /([.!?…]+)(["'”’»)\]]*)(\s+)/g;
const NEXT_WORD = /^(["'“‘«([]*)([^\s]*)/;
const HEADING_LINE_WORDS = 7;

/**
 * Splits text into paragraphs: blank lines always separate; a single line break separates
 * only after a short line without closing punctuation (a heading, a caption, a dateline line),
 * otherwise it is a hard wrap inside a paragraph.
 */
export function splitParagraphs(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n[ \t\u00a0]*\n/)) {
    let current = "";
    for (const raw of chunk.split("\n")) {
      const line = raw.replace(/[\s\u00a0]+/g, " ").trim();
      if (line === "") continue;
      current = current === "" ? line : `${current} ${line}`;
      if (!/[.!?…"”’,;:)\]-]$/.test(line) && countWords(line) < HEADING_LINE_WORDS) {
        out.push(current);
        current = "";
      }
    }
    if (current !== "") out.push(current);
  }
  return out;
}

/** True when the capitalised word after an ambiguous period is one that opens sentences. */
function isOpener(word: string): boolean {
  const m = /^\p{Lu}[\p{Ll}']*/u.exec(word);
  return m !== null && SENTENCE_OPENERS.has(m[0].toLowerCase().replace(/'.*$/, ""));
}

/** Decides whether a single "." ending `before` ends the sentence, given the next word. */
function periodEndsSentence(before: string, next: string): boolean {
  const token = before.replace(/^.*[\s(["'“‘]/s, "");
  if (token === "" || /\d$/.test(token)) return true;
  const lower = token.toLowerCase();
  if (TITLE_ABBREVIATIONS.has(lower)) return false;
  if (NUMERIC_ABBREVIATIONS.has(lower) && /^\d/.test(next)) return false;
  if (MONTH_ABBREVIATIONS.has(lower)) return isOpener(next);
  if (INNER_DOTTED.has(lower)) return false;
  if (SUFFIX_ABBREVIATIONS.has(token)) return isOpener(next);
  // "at 10 a.m. Lawmakers …": a clock time ends the sentence unless a zone, day or month follows.
  if (lower === "a.m" || lower === "p.m")
    return !/^(?:[A-Z]{2,4}\b|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)/.test(
      next,
    );
  // Dotted acronyms ("U.S", "a.m") and initials ("W" in "George W. Bush").
  if (/^(?:\p{L}\.)+\p{L}$/u.test(token) || /^\p{Lu}$/u.test(token)) {
    if (/^\p{Lu}\.$/u.test(next)) return false;
    return isOpener(next);
  }
  return true;
}

/** Splits one paragraph (no line breaks) into sentences. */
function splitParagraph(para: string, out: string[]): void {
  // Lower-cased corpora ("… in october . the state …") have no capitals to go by.
  const caseless = !/\p{Lu}/u.test(para);
  let start = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(para); m !== null; m = CANDIDATE.exec(para)) {
    const terminal = m[1] ?? "";
    const closers = m[2] ?? "";
    const after = m.index + m[0].length;
    const nm = NEXT_WORD.exec(para.slice(after, after + 40));
    const opener = nm?.[1] ?? "";
    const word = nm?.[2] ?? "";
    const first = word.charAt(0);
    // "…isn't it? well, …" in comments: a bare ?/! before a lower-case word still ends a sentence.
    const bareQuestion =
      /[?!]$/.test(terminal) && closers === "" && opener === "" && /^\p{Ll}{2,}/u.test(word);
    // A new sentence starts with a capital, a figure, a currency sign or an opening quote/bracket.
    const startsSentence =
      /[\p{Lu}\p{N}$£€]/u.test(first) ||
      (opener !== "" && !/\p{Ll}/u.test(first)) ||
      (caseless && /\p{Ll}/u.test(first));
    if (!startsSentence && !bareQuestion) continue;
    if (terminal === "." && closers === "" && !periodEndsSentence(para.slice(start, m.index), word)) continue;
    const sentence = para.slice(start, m.index + terminal.length + closers.length).trim();
    if (sentence !== "") out.push(sentence);
    start = after;
  }
  const rest = para.slice(start).trim();
  if (rest !== "") out.push(rest);
}

/**
 * Splits news text into sentences, in order, each trimmed and with inner whitespace collapsed.
 * Survives abbreviations (U.S., Gen., Nov. 8, Dr., St.), initials, decimals and figures
 * (69,176; 1.2bn), straight and curly quotes, parentheses and datelines. Paragraph breaks
 * always end a sentence. Never throws; returns [] for blank input.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of splitParagraphs(text)) splitParagraph(para, out);
  return out;
}
