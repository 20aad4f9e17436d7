/**
 * Recognises what is not story text in a scraped body: datelines, bylines, timestamps,
 * photo captions and credits, editor's notes and page furniture. Pure string rules.
 */

const AGENCIES =
  "CNN|AP|AFP|Reuters|Bloomberg|dpa|DPA|UPI|BBC|EPA|ANSA|Xinhua|TASS|WAFA|SPA|KUNA|IANS|PTI|CNBC|NBC|ABC|CBS";
const DASH = "(?:--|—|–|-|:)";

/** "(CNN) --", "(Reuters) -" at the start. */
const AGENCY_DATELINE = new RegExp(`^\\((?:${AGENCIES})\\)\\s*${DASH}?\\s*`, "i");
/** "GAZA (Reuters) -", "MADRID (AP) –", "Moscow (AFP) -". */
const PLACE_AGENCY_DATELINE = new RegExp(
  `^[\\p{Lu}][\\p{L} .'’-]{0,40}(?:,[^()]{1,30})?\\s*\\((?:${AGENCIES})\\)\\s*${DASH}\\s*`,
  "u",
);
/** "NEW YORK --", "LONDON, Jan. 27—", "CEDAR RAPIDS, Iowa —", "FORTUNE —" (a capitalised place, then a dash). */
const CAPS_DATELINE =
  /^\p{Lu}{2}[\p{Lu} .'’-]{0,30}(?:,\s*[\p{Lu}][\p{L}.]*(?:\s[\p{Lu}][\p{L}.]*){0,2})?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:--|—|–)\s*/u;

/** Words that may make up a leading timestamp ("Updated Jul 7, 2012 6:40 PM ET"). */
const DATE_TOKEN =
  /^(?:updated|published|posted|last|modified|at|on|[|•·,-]|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?|\d{1,4}(?:st|nd|rd|th)?,?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?|\d{1,2}:\d{2}(?::\d{2})?(?:[ap]\.?m\.?)?,?|[ap]\.?m\.?,?|[a-z]{1,2}t|e[sd]t|[cmp][sd]t|gmt|bst|utc|cet|cest|et,?|pt,?|edt,?)$/i;

/**
 * Strips a leading page timestamp: a run of date words holding a clock time or a numeric date,
 * or opened by "Updated"/"Published"/"Posted". A sentence opening "On …"/"At …" is prose.
 */
function stripTimestamp(s: string): string {
  const space = s.indexOf(" ");
  if (space < 0 || !DATE_TOKEN.test(s.slice(0, space))) return s;
  const tokens = s.split(" ");
  if (/^(?:on|at)$/i.test(tokens[0] ?? "")) return s;
  let i = 0;
  let dated = /^(?:updated|published|posted)$/i.test(tokens[0] ?? "");
  while (i < tokens.length && i < 14 && DATE_TOKEN.test(tokens[i] ?? "")) {
    if (/\d{1,2}:\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/.test(tokens[i] ?? "")) dated = true;
    i++;
  }
  if (!dated || i < 2 || i >= tokens.length) return s;
  return tokens.slice(i).join(" ");
}

/** A leading photo credit: "Photograph: Kevork Djansezian/Getty Images", "JAE S. LEE / THE TENNESSEAN". */
const LEADING_CREDIT = [
  /^(?:Photograph|Photo|Picture|Image|Illustration|Credit|Video)s?:\s*[^/]{1,50}\/\s*(?:Getty Images|AFP|AP|Reuters|EPA|PA|Rex|Shutterstock|[\p{Lu}][\p{L}.&'’-]*(?:\s[\p{Lu}][\p{L}.&'’-]*){0,3})\s+(?=\p{Lu})/u,
  /^\p{Lu}[\p{Lu} .'’-]{2,40}\/\s*\p{Lu}[\p{Lu} .'’-]{2,40}\s+(?=\p{Lu}\p{Ll})/u,
  /^\((?:[^()\s][^().!?]{0,38})\)\s*(?=[\p{Lu}\p{N}"“‘])/u,
];
/** "By Gary Graves, USA TODAY Franchitti …": a byline run into the first sentence. */
const BYLINE_PREFIX =
  /^By\s+\p{Lu}[\p{Ll}.'’-]+(?:\s+\p{Lu}[\p{Ll}.'’-]+){0,2},\s+(?:\p{Lu}{2,}\s+){1,3}(?=\p{Lu}\p{Ll})/u;
/** "By DEXTER FORD MAY 9, 2014 MALIBU, CALIF. — Good luck …": a capitalised byline and dateline, then a dash. */
const CAPS_PREFIX = /^(?:By\s+)?[^\p{Ll}]{3,80}?\s(?:--|—|–)\s+(?=\S)/u;
const DATELINES = [AGENCY_DATELINE, PLACE_AGENCY_DATELINE, CAPS_DATELINE, BYLINE_PREFIX, CAPS_PREFIX];

/** A trailing credit in parentheses: "(AP)", "(DPA)", "(Instagram)", "(Sarah Parnass/The Washington Post)". */
const TRAILING_CREDIT =
  /\((?:[\p{Lu}\p{N}][\p{Lu}\p{N} .&-]{0,20}|[^()]{0,60}\/[^()]{0,60}|[^()]*\b(?:photo|Photo|image|Image|Getty|file|File|courtesy|Courtesy|credit|Credit|Instagram|Twitter|Facebook|handout|Handout|AP|AFP|Reuters|EPA|dpa)\b[^()]*)\)$/u;

/** Page furniture glued to the end of a sentence ("… hepatitis A. Scroll down for video ."). */
const TRAILING_FURNITURE = /\s+(?:scroll down for (?:video|more)|click here[^.]{0,40}|video:?)\s*\.?$/i;

const FURNITURE =
  /^(?:editor['’]s note|read more|related|advertisement|share this|click here|sign up|subscribe|follow (?:us|@|\S+ on)|copyright|all rights reserved|reporting by|editing by|additional reporting|writing by|scroll down|watch:|video:|tags:|filed under|originally published|this (?:story|article) (?:has been|was) (?:updated|corrected)|image \d+ of|photos?:|getty images|previous|next)\b/i;

/** Result of cleaning one sentence. */
export interface CleanSentence {
  /** The sentence with any leading dateline, timestamp or credit removed (a suffix of the input). */
  text: string;
  /** Furniture, caption or credit: never summary material. */
  boilerplate: boolean;
  /**
   * A story-start marker was stripped: a dateline, or a photo credit (which ends the caption
   * just before it). What came before it at the top of a page was preamble. A lone credit
   * only says the sentence before it is a caption.
   */
  marker: "dateline" | "credit" | "lone-credit" | null;
}

/** A credit standing alone after its caption: "(AP)", "(Sarah Parnass/The Washington Post)". */
const LONE_CREDIT = /^\([^().!?]{1,60}\)$/;

/**
 * Cleans one sentence: strips a leading timestamp, byline-free dateline or photo credit, and
 * flags page furniture and captions. The returned text is always a suffix of the input.
 */
export function cleanSentence(sentence: string): CleanSentence {
  if (LONE_CREDIT.test(sentence)) return { text: sentence, boilerplate: true, marker: "lone-credit" };
  let text = stripTimestamp(sentence).replace(TRAILING_FURNITURE, "");
  let marker: CleanSentence["marker"] = null;
  for (const re of [...DATELINES, ...LEADING_CREDIT]) {
    const m = re.exec(text);
    if (m && m[0].length < text.length) {
      text = text.slice(m[0].length);
      marker = DATELINES.includes(re) ? "dateline" : "credit";
      break;
    }
  }
  const boilerplate =
    FURNITURE.test(text) ||
    TRAILING_CREDIT.test(text) ||
    !/\p{Ll}/u.test(text) ||
    /^By\s+\p{Lu}/u.test(text) ||
    /https?:\/\/|www\.|@\w{2,}/.test(text);
  return { text, boilerplate, marker };
}
