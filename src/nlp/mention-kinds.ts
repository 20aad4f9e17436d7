/**
 * Reads a capitalised run into typed mentions: organisation and place head words, leading
 * places and demonyms ("Russian President …"), title words before a name ("Foreign Minister
 * Sergey Lavrov"), and a gazetteer-backed guess for the rest.
 */
import { KNOWN_ORGANIZATIONS, ORGANIZATION_HEADS, TITLE_WORDS } from "./data/names.js";
import type { Lexicon } from "./lexicon.js";
import type { Run, RunToken } from "./mentions.js";
import { foldKey } from "./text.js";

/** What a mention names; "unknown" is settled by context once all mentions are in. */
export type Kind = "person" | "place" | "organization" | "unknown";

/** One reading of a capitalised run. */
export interface Mention {
  tokens: RunToken[];
  kind: Kind;
  sentence: number;
  /** Order of the mention in the text. */
  order: number;
  before: string;
  /** Set for places from the table. */
  placeId?: string;
}

/** Words before a place ("in Rafah"). */
export const LOCATIVE = new Set([
  "in",
  "at",
  "near",
  "from",
  "into",
  "across",
  "outside",
  "inside",
  "toward",
  "towards",
  "to",
]);
const PLACE_HEADS = new Set(
  "hall house square street airport airbase base camp bridge tower palace center centre stadium park river island islands mountain mountains lake sea ocean valley strip heights province region county district city village border crossing port station gulf desert".split(
    " ",
  ),
);
const ROLE_WORDS = new Set(
  "soldier hostage officer spy activist doctor nurse teacher student father mother son daughter brother sister wife husband widow journalist photographer survivor victim suspect resident farmer lawyer".split(
    " ",
  ),
);

/** Surface form of tokens. */
export const join = (tokens: readonly RunToken[]): string => tokens.map((t) => t.text).join(" ");
const isAcronym = (t: RunToken): boolean => /^(?:\p{Lu}{2,6}|(?:\p{Lu}\.){2,4})$/u.test(t.text);

/** Drops sentence-initial words that are capitalised only because they open the sentence. */
export function trimStart(run: Run, lex: Lexicon, capitalisedInside: ReadonlySet<string>): RunToken[] {
  const tokens = [...run.tokens];
  if (!run.atStart) return tokens;
  const first = tokens[0];
  if (!first) return tokens;
  const cls = lex.wordClass(first.lower);
  const evidenced =
    capitalisedInside.has(first.lower) ||
    isAcronym(first) ||
    KNOWN_ORGANIZATIONS.has(first.lower) ||
    lex.place(foldKey(first.text)) !== undefined ||
    cls === "firstName" ||
    cls === "place" ||
    cls === "organization" ||
    (tokens.length > 1 && cls === "unknown" && !/(?:ly|ing|ed)$/.test(first.lower));
  if (!evidenced) tokens.shift();
  return tokens;
}

/** Longest place-table match at the start of `tokens` (up to 4 words), as a token count. */
function placePrefix(tokens: readonly RunToken[], lex: Lexicon): number {
  const first = tokens[0];
  if (!first || !lex.startsPlace(foldKey(first.text).split(" ")[0] ?? "")) return 0;
  for (let n = Math.min(4, tokens.length); n >= 1; n--) {
    if (lex.place(foldKey(join(tokens.slice(0, n))))) return n;
  }
  return 0;
}

/** Reads one run into mentions. */
export function readRun(run: Run, tokens: RunToken[], lex: Lexicon, out: Mention[]): void {
  const push = (t: RunToken[], kind: Kind, before = run.before): void => {
    if (t.length === 0) return;
    const place = kind === "place" ? lex.place(foldKey(join(t))) : undefined;
    out.push({
      tokens: t,
      kind,
      sentence: run.sentence,
      order: out.length,
      before,
      ...(place ? { placeId: place.id } : {}),
    });
  };
  let rest = tokens;
  const last = rest[rest.length - 1];
  if (rest.length >= 2 && last && ORGANIZATION_HEADS.has(last.lower)) {
    push(rest, "organization");
    return;
  }
  if (rest.length >= 2 && last && PLACE_HEADS.has(last.lower)) {
    push(rest, "place");
    return;
  }
  // Leading places and demonyms: "Russian President …", "Türkiye Tom Barrack".
  for (let n = placePrefix(rest, lex); n > 0 && n < rest.length; n = placePrefix(rest, lex)) {
    push(rest.slice(0, n), "place");
    rest = rest.slice(n);
  }
  // Titles: the name is what follows the last title word ("Foreign Minister Sergey Lavrov").
  let title = -1;
  rest.forEach((t, i) => {
    if (TITLE_WORDS.has(t.lower)) title = i;
  });
  if (title >= 0) {
    const name = rest.slice(title + 1);
    if (name.length > 0 && lex.place(foldKey(join(name))) === undefined)
      push(name, "person", rest[title]?.lower);
    return;
  }
  push(rest, classify(rest, run.before, lex));
}

/** Kind of a run with no title word and no organisation head. */
function classify(tokens: readonly RunToken[], before: string, lex: Lexicon): Kind {
  const folded = foldKey(join(tokens));
  if (lex.place(folded)) return "place";
  const first = tokens[0];
  if (!first) return "unknown";
  if (tokens.length === 1) {
    if (KNOWN_ORGANIZATIONS.has(first.lower) || isAcronym(first)) return "organization";
    const cls = lex.wordClass(first.lower);
    if (cls === "place") return "place";
    if (cls === "organization") return "organization";
    return "unknown";
  }
  const phrase = lex.wordClass(tokens.map((t) => t.lower).join(" "));
  if (phrase === "place") return "place";
  if (phrase === "organization") return "organization";
  if (TITLE_WORDS.has(before) || ROLE_WORDS.has(before)) return "person";
  if (
    lex.wordClass(first.lower) === "firstName" ||
    tokens.some((t) => /^(?:al|el)-/i.test(t.text) || t.lower === "bin")
  )
    return "person";
  if (tokens.length <= 4 && tokens.every((t) => isNameLike(lex.wordClass(t.lower)) && !isAcronym(t)))
    return tokens.length <= 3 ? "person" : "organization";
  return "organization";
}

/** A word the lexicon does not know as an ordinary word. */
function isNameLike(cls: string): boolean {
  return cls !== "common" && cls !== "verb" && cls !== "modifier";
}
