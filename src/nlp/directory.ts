/**
 * Name → topic resolution over every topic in the store. A reader reaches a topic by any common
 * form: case, diacritics and "al-" folded ("turkiye", "sharaa"), adjective and people forms
 * ("Turkish" → Türkiye), other names ("Turkey", "U.S."), curated aliases, or a person's surname.
 */
import type { TopicRef } from "../domain/article.js";
import type { CuratedTopic } from "../domain/topic.js";
import { editDistance } from "./edit-distance.js";
import { lexicon } from "./lexicon.js";
import { createSuggestIndex, editBudget } from "./suggest-index.js";
import { foldKey, slugify } from "./text.js";

/** Name → topic resolution (see {@link createTopicDirectory}). */
export interface TopicDirectory {
  /** Registers a topic seen on an article; adding it again only keeps its highest weight. */
  add(topic: TopicRef): void;
  /** The topic a reader means by `query`, or null when nothing matches well enough. */
  resolve(query: string): TopicRef | null;
  /** Closest topics for an unknown name, best first (edit distance and shared words). */
  suggest(query: string, limit?: number): TopicRef[];
  /** Every form that resolves to the topic, for display and search ("Turkey", "Turkish", …). */
  aliasesOf(id: string): string[];
}

/** How strongly a key names a topic: exact names beat aliases, aliases beat surnames. */
const Strength = { Name: 3, Alias: 2, Surname: 1 };

interface Entry {
  topic: TopicRef;
  order: number;
  forms: Set<string>;
  /** The forms folded, once each, with their words: what suggestions are scored on. */
  keys: FoldedForm[];
}

interface FoldedForm {
  key: string;
  words: string[];
}

/**
 * Creates an empty directory that knows the curated topics (content/topics.json) and the place
 * table. Topics arrive through `add` as articles are stored; curated topics resolve from the start.
 */
export function createTopicDirectory(curated: CuratedTopic[]): TopicDirectory {
  const lex = lexicon();
  const entries = new Map<string, Entry>();
  const keys = new Map<string, Map<string, number>>();
  const curatedById = new Map(curated.map((c) => [c.id, c]));
  const suggestIndex = createSuggestIndex<Entry>();

  const index = (key: string, id: string, strength: number): void => {
    if (key === "") return;
    let m = keys.get(key);
    if (!m) {
      m = new Map();
      keys.set(key, m);
    }
    m.set(id, Math.max(m.get(id) ?? 0, strength));
  };

  const formsOf = (topic: TopicRef): { form: string; strength: number }[] => {
    const out = [
      { form: topic.name, strength: Strength.Name },
      { form: topic.id.replace(/-/g, " "), strength: Strength.Name },
    ];
    const c = curatedById.get(topic.id);
    for (const a of c?.aliases ?? []) out.push({ form: a, strength: Strength.Alias });
    const place = lex.placeById(topic.id) ?? lex.place(foldKey(topic.name));
    for (const f of place?.forms ?? []) out.push({ form: f, strength: Strength.Alias });
    if (topic.kind === "person") {
      const words = topic.name.split(/\s+/);
      const last = words[words.length - 1];
      if (words.length > 1 && last) out.push({ form: last, strength: Strength.Surname });
    }
    return out;
  };

  const add = (topic: TopicRef): void => {
    const known = entries.get(topic.id);
    if (known) {
      if (topic.weight > known.topic.weight) known.topic = { ...known.topic, weight: topic.weight };
      return;
    }
    const entry: Entry = { topic: { ...topic }, order: entries.size, forms: new Set(), keys: [] };
    entries.set(topic.id, entry);
    for (const { form, strength } of formsOf(topic)) {
      entry.forms.add(form);
      const key = foldKey(form);
      index(key, topic.id, strength);
      if (key !== "" && !entry.keys.some((k) => k.key === key)) {
        entry.keys.push({ key, words: key.split(" ") });
        suggestIndex.add(key, entry);
      }
    }
  };

  for (const c of curated) add({ id: c.id, name: c.name, kind: "curated", weight: 0 });

  const best = (key: string): TopicRef | null => {
    const m = keys.get(key);
    if (!m) return null;
    let pick: Entry | undefined;
    let pickStrength = 0;
    for (const [id, strength] of m) {
      const e = entries.get(id);
      if (!e) continue;
      const better =
        !pick ||
        strength > pickStrength ||
        (strength === pickStrength &&
          (e.topic.weight > pick.topic.weight ||
            (e.topic.weight === pick.topic.weight && e.order < pick.order)));
      if (better) {
        pick = e;
        pickStrength = strength;
      }
    }
    return pick ? { ...pick.topic } : null;
  };

  return {
    add,
    resolve(query) {
      const key = foldKey(query);
      if (key === "") return null;
      return (
        best(key) ??
        best(key.replace(/^the /, "")) ??
        (key.endsWith("s") ? best(key.slice(0, -1)) : null) ??
        best(slugify(query).replace(/-/g, " "))
      );
    },
    suggest(query, limit = 5) {
      const q = foldKey(query);
      if (q === "") return [];
      const qWords = new Set(q.split(" "));
      const scored: { e: Entry; score: number }[] = [];
      // Only names that can reach the threshold are scored: see suggest-index.ts.
      for (const e of suggestIndex.candidates(q)) {
        const score = suggestScore(q, qWords, e.keys);
        if (score >= SUGGEST_THRESHOLD) scored.push({ e, score });
      }
      scored.sort(
        (a, b) => b.score - a.score || b.e.topic.weight - a.e.topic.weight || a.e.order - b.e.order,
      );
      return scored.slice(0, limit).map((s) => ({ ...s.e.topic }));
    },
    aliasesOf(id) {
      const e = entries.get(id);
      if (!e) return [];
      const seen = new Set([foldKey(e.topic.name), foldKey(id.replace(/-/g, " "))]);
      const out: string[] = [];
      for (const f of e.forms) {
        const k = foldKey(f);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(f);
      }
      return out;
    },
  };
}

/** Lowest score a suggestion needs. */
const SUGGEST_THRESHOLD = 0.5;

/**
 * How well the folded query names a topic, 0..1: the best of its forms by closeness (edit
 * distance within a third of the length), shared words, or the query being a prefix (0.6).
 */
function suggestScore(q: string, qWords: Set<string>, keys: readonly FoldedForm[]): number {
  let score = 0;
  for (const { key: k, words } of keys) {
    const maxLen = Math.max(k.length, q.length);
    const budget = editBudget(k.length, q.length);
    const d = editDistance(q, k, budget);
    const close = d <= budget ? 1 - d / maxLen : 0;
    const shared = words.filter((w) => qWords.has(w)).length / Math.max(words.length, qWords.size);
    const prefix = k.startsWith(q) && q.length >= 3 ? 0.6 : 0;
    score = Math.max(score, close, shared, prefix);
  }
  return score;
}
