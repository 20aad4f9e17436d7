/**
 * The topics of one article: ranked entities, merged with curated topics (an entity named by a
 * curated name or alias becomes that topic) and curated keyword matches.
 */
import type { TopicRef } from "../domain/article.js";
import type { CuratedMatcher } from "./curated.js";
import { type Entity, findEntities } from "./entities.js";
import { type Lexicon, lexicon } from "./lexicon.js";
import { keyPhrases } from "./phrases.js";
import { foldKey, slugify } from "./text.js";

/** At most this many topics per article. */
export const MAX_TOPICS = 12;

/** Every 1–5 word folded n-gram of a text. */
function foldedGrams(text: string): Set<string> {
  const words = foldKey(text)
    .split(" ")
    .filter((w) => w !== "");
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= 5 && i + n <= words.length; n++) out.add(words.slice(i, i + n).join(" "));
  }
  return out;
}

interface Candidate {
  ref: TopicRef;
  keep: boolean;
}

/**
 * Topics of an article from its title and body sentences (captions and headings excluded).
 * Weights are relative salience in (0, 1], the top topic 1.
 */
export function articleTopics(
  title: string,
  sentences: readonly string[],
  curated: readonly CuratedMatcher[],
  lex: Lexicon = lexicon(),
): TopicRef[] {
  const titleGrams = foldedGrams(title);
  const entities = findEntities(sentences, lex);
  // Places named only in the headline still count ("… in Gaza").
  for (const g of titleGrams) {
    const place = lex.place(g);
    if (place && !entities.some((e) => e.id === place.id))
      entities.push({
        id: place.id,
        name: place.name,
        kind: "place",
        keys: place.keys,
        mentions: 0,
        first: 0,
      });
  }
  const byId = new Map<string, Candidate>();
  const put = (ref: TopicRef, keep: boolean): void => {
    const prev = byId.get(ref.id);
    if (prev) {
      prev.ref.weight += ref.weight;
      prev.keep ||= keep;
    } else byId.set(ref.id, { ref, keep });
  };
  const claimed = new Set<CuratedMatcher>();
  for (const e of entities) {
    const inTitle = e.keys.some((k) => titleGrams.has(k));
    const weight = e.mentions + (inTitle ? 2 : 0) + (e.first < 3 ? 1 : 0);
    const keep = e.mentions >= 2 || inTitle || (e.first < 3 && e.name.includes(" ") && e.kind !== "place");
    const owner = curated.find(
      (c) => e.keys.some((k) => c.nameKeys.has(k)) || c.nameKeys.has(foldKey(e.name)),
    );
    if (owner) claimed.add(owner);
    put(
      owner ? { id: owner.topic.id, name: owner.topic.name, kind: e.kind, weight } : toRef(e, weight),
      keep,
    );
  }
  const raw = `${title}\n${sentences.join("\n")}`;
  const folded = ` ${foldKey(`${title}\n${sentences.join("\n")}`)} `;
  const foldedTitle = ` ${foldKey(title)} `;
  for (const c of curated) {
    if (claimed.has(c)) continue;
    const n = c.count(raw, folded);
    if (n === 0) continue;
    const inTitle = c.count(title, foldedTitle) > 0;
    put(
      { id: c.topic.id, name: c.topic.name, kind: "curated", weight: n + (inTitle ? 2 : 0) },
      n >= 2 || inTitle,
    );
  }
  for (const p of keyPhrases(sentences, lex)) {
    const id = slugify(p.name);
    const owner = curated.find((c) => c.nameKeys.has(foldKey(p.name)));
    if (owner || byId.has(id)) continue;
    const inTitle = titleGrams.has(foldKey(p.name));
    put({ id, name: p.name, kind: "phrase", weight: p.count + (inTitle ? 2 : 0) }, true);
  }
  const kept = [...byId.values()].filter((c) => c.keep).map((c) => c.ref);
  kept.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
  const top = kept.slice(0, MAX_TOPICS);
  const max = Math.max(...top.map((t) => t.weight), 1);
  return top.map((t) => ({ ...t, weight: Math.round((1000 * t.weight) / max) / 1000 }));
}

function toRef(e: Entity, weight: number): TopicRef {
  return { id: e.id, name: e.name, kind: e.kind, weight };
}
