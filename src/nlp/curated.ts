/**
 * Curated topics from content/topics.json: loading with validation, and matching them in text.
 * Acronym aliases ("US", "UN") match case-sensitively so the pronoun "us" is not the US.
 */
import { z } from "zod";
import type { CuratedTopic } from "../domain/topic.js";
import { foldKey } from "./text.js";

const topicSchema = z.object({
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      'must be lower-case letters and digits joined by "-", e.g. "united-nations"',
    ),
  name: z.string().trim().min(1, "must not be empty"),
  aliases: z.array(z.string().trim().min(1, "must not be empty")).default([]),
  keywords: z.array(z.string().trim().min(1, "must not be empty")).default([]),
});

const fileSchema = z.object({ $comment: z.string().optional(), topics: z.array(topicSchema) });

/** "topics[3].id" from a zod issue path. */
function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out === "" ? "" : "."}${String(p)}`;
  return out === "" ? "(root)" : out;
}

/**
 * Parses and validates a curated-topics file: `{ "topics": [{ "id", "name", "aliases"?, "keywords"? }] }`.
 * Throws an Error naming the file, the path in the JSON and what is wrong, e.g.
 * `content/topics.json: topics[2].id: must be lower-case letters …`. Ids and names/aliases must be unique.
 */
export function loadCuratedTopics(json: string, fileName = "topics.json"): CuratedTopic[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`${fileName}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${fileName}: ${pathText(i.path)}: ${i.message}`);
    throw new Error(lines.join("\n"));
  }
  const topics = parsed.data.topics;
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  topics.forEach((t, i) => {
    const prev = ids.get(t.id);
    if (prev !== undefined)
      throw new Error(`${fileName}: topics[${i}].id: "${t.id}" is already used by topics[${prev}]`);
    ids.set(t.id, i);
    for (const form of [t.name, ...t.aliases]) {
      const key = formKey(form);
      const owner = names.get(key);
      if (owner !== undefined && owner !== i)
        throw new Error(
          `${fileName}: topics[${i}]: name or alias "${form}" is already used by topics[${owner}]`,
        );
      names.set(key, i);
    }
  });
  return topics;
}

/** True for an acronym alias that must match in capitals ("US", "U.S.", "IDF"). */
export function isAcronymForm(form: string): boolean {
  return /^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,6})$/.test(form);
}

/** Key of a form for uniqueness: acronyms keep their case so "US" and "us" differ. */
function formKey(form: string): string {
  return isAcronymForm(form) ? `#${form.replace(/\./g, "")}` : foldKey(form);
}

/** Prepared matchers for a list of curated topics. */
export interface CuratedMatcher {
  topic: CuratedTopic;
  /** Folded name and aliases: an entity with one of these keys is this topic. */
  nameKeys: Set<string>;
  /**
   * Occurrences of the topic's name, aliases and keywords in a text (raw text for acronyms,
   * ` folded ` text with a space at each end for the rest).
   */
  count(raw: string, folded: string): number;
}

function countFolded(folded: string, key: string): number {
  if (key === "") return 0;
  const needle = ` ${key} `;
  let n = 0;
  for (let i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + needle.length - 1)) n++;
  return n;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Occurrences of an acronym as a whole word, case-sensitive ("US" in "US envoy", not in "USA" or "us"). */
function countAcronym(raw: string, acronym: string): number {
  let n = 0;
  for (let i = raw.indexOf(acronym); i >= 0; i = raw.indexOf(acronym, i + 1)) {
    const before = raw.charAt(i - 1);
    const after = raw.charAt(i + acronym.length);
    const dotted = acronym.endsWith(".");
    if (
      WORD_CHAR.test(before) ||
      before === "." ||
      (!dotted && after === "." && /\p{Lu}/u.test(raw.charAt(i + acronym.length + 1)))
    )
      continue;
    if (!WORD_CHAR.test(after)) n++;
  }
  return n;
}

/** Builds matchers for curated topics (once per analyzer). */
export function curatedMatchers(topics: readonly CuratedTopic[]): CuratedMatcher[] {
  return topics.map((topic) => {
    const forms = [...new Set([topic.name, ...topic.aliases, ...topic.keywords])];
    const acronyms = forms.filter(isAcronymForm);
    const folded = [...new Set(forms.filter((f) => !isAcronymForm(f)).map(foldKey))];
    const nameKeys = new Set([topic.name, ...topic.aliases].filter((f) => !isAcronymForm(f)).map(foldKey));
    return {
      topic,
      nameKeys,
      count(raw, text) {
        let n = 0;
        for (const a of acronyms) n += countAcronym(raw, a);
        for (const k of folded) n += countFolded(text, k);
        return n;
      },
    };
  });
}
