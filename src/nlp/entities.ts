/**
 * Named entities of one article: people, places and organisations with their mention counts,
 * read from capitalised runs with a gazetteer (place table, compromise's lexicon), title words
 * before names, organisation head words and in-document evidence. Surnames alone ("Goldin")
 * join the nearest full name before them ("Hadar Goldin").
 */
import type { TopicRef } from "../domain/article.js";
import { NEVER_TOPICS } from "./data/names.js";
import { type Lexicon, lexicon } from "./lexicon.js";
import { join, type Kind, LOCATIVE, type Mention, readRun, trimStart } from "./mention-kinds.js";
import { sentenceRuns } from "./mentions.js";
import { foldKey, slugify } from "./text.js";

/** An entity found in an article. */
export interface Entity {
  id: string;
  name: string;
  kind: Exclude<TopicRef["kind"], "phrase" | "curated">;
  /** Folded keys that name it in this article (full name, surname, place forms). */
  keys: string[];
  mentions: number;
  /** Index of the first sentence that mentions it. */
  first: number;
}

/** Display form of a set of surface forms: the most frequent, ties to the first seen. */
function display(forms: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const f of forms) counts.set(f, (counts.get(f) ?? 0) + 1);
  let best = forms[0] ?? "";
  for (const [f, n] of counts) if (n > (counts.get(best) ?? 0)) best = f;
  return best;
}

/**
 * Entities of an article body, given its sentences in order (captions and headings excluded).
 * Unordered; callers rank them.
 */
export function findEntities(sentences: readonly string[], lex: Lexicon = lexicon()): Entity[] {
  const runs = sentences.flatMap((s, i) => sentenceRuns(s, i));
  const capitalisedInside = new Set<string>();
  for (const r of runs) {
    r.tokens.forEach((t, i) => {
      if (i > 0 || !r.atStart) capitalisedInside.add(t.lower);
    });
  }
  const mentions: Mention[] = [];
  for (const run of runs) {
    const tokens = trimStart(run, lex, capitalisedInside);
    if (tokens.length > 0 && !(tokens.length === 1 && NEVER_TOPICS.has(tokens[0]?.lower ?? "")))
      readRun(run, tokens, lex, mentions);
  }
  return aggregate(mentions, lex);
}

interface Acc {
  kind: Kind;
  forms: string[];
  keys: Set<string>;
  mentions: number;
  first: number;
  locative: number;
  placeId?: string;
  surnameKey?: string;
  /** Full-name mentions (order, sentence), in text order. */
  full: { order: number; sentence: number }[];
  firstOrder: number;
}

function aggregate(mentions: readonly Mention[], lex: Lexicon): Entity[] {
  const byKey = new Map<string, Acc>();
  const singles: Mention[] = [];
  for (const m of mentions) {
    const key = m.placeId ?? foldKey(join(m.tokens));
    if (key === "") continue;
    if (m.tokens.length === 1 && m.kind !== "place" && m.kind !== "organization") {
      singles.push(m);
      continue;
    }
    add(byKey, key, m, lex);
  }
  // A surname (or first name) alone is the person named in full just before it (same or
  // previous sentence); otherwise the first person introduced with that name.
  const persons = [...byKey.values()].filter((a) => a.kind === "person");
  for (const m of singles) {
    const k = foldKey(m.tokens[0]?.text ?? "").replace(/(?<=\w{3})s$/, "");
    const owners = persons.filter(
      (p) => p.surnameKey === k || p.forms.some((f) => foldKey(f).split(" ")[0] === k),
    );
    if (owners.length > 0) {
      const local = owners
        .map((p) => ({
          p,
          at: p.full.filter((f) => f.order < m.order && f.sentence >= m.sentence - 1).pop(),
        }))
        .filter((x) => x.at !== undefined)
        .sort((a, b) => (b.at?.order ?? 0) - (a.at?.order ?? 0))[0]?.p;
      const pick = local ?? owners.reduce((a, b) => (b.firstOrder < a.firstOrder ? b : a));
      pick.mentions++;
      pick.keys.add(k);
      continue;
    }
    add(byKey, k, m, lex);
  }
  const out: Entity[] = [];
  for (const [key, a] of byKey) {
    let kind = a.kind;
    if (kind === "unknown") kind = a.locative > 0 ? "place" : "organization";
    const name = a.placeId ? (lex.placeById(a.placeId)?.name ?? display(a.forms)) : display(a.forms);
    out.push({
      id: a.placeId ?? slugify(name),
      name,
      kind,
      keys: [...a.keys, key],
      mentions: a.mentions,
      first: a.first,
    });
  }
  return out;
}

function add(byKey: Map<string, Acc>, key: string, m: Mention, lex: Lexicon): void {
  let a = byKey.get(key);
  if (!a) {
    a = {
      kind: m.kind,
      forms: [],
      keys: new Set([key]),
      mentions: 0,
      first: m.sentence,
      firstOrder: m.order,
      locative: 0,
      full: [],
    };
    if (m.placeId) {
      a.placeId = m.placeId;
      for (const k of lex.placeById(m.placeId)?.keys ?? []) a.keys.add(k);
    }
    byKey.set(key, a);
  }
  if (a.kind === "unknown" && m.kind !== "unknown") a.kind = m.kind;
  if (a.kind === "person" && m.tokens.length > 1)
    a.surnameKey = foldKey(m.tokens[m.tokens.length - 1]?.text ?? "");
  if (a.surnameKey) a.keys.add(a.surnameKey);
  a.forms.push(m.placeId ? "" : join(m.tokens));
  a.mentions++;
  a.full.push({ order: m.order, sentence: m.sentence });
  if (LOCATIVE.has(m.before)) a.locative++;
}
