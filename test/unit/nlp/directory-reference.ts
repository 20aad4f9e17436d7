/**
 * Test helpers for topic suggestions: the original full scan (every topic, every form) that the
 * indexed `suggest` must agree with, and a deterministic directory of generated topics.
 */
import type { TopicRef } from "../../../src/domain/article.js";
import { editDistance } from "../../../src/nlp/edit-distance.js";
import { foldKey, slugify, type TopicDirectory } from "../../../src/nlp/index.js";

/** Topics as added, in order, with their highest weight and folded forms: what the reference scan walks. */
export class AddedTopics {
  readonly list: TopicRef[] = [];
  readonly forms = new Map<string, string[]>();
  private readonly byId = new Map<string, TopicRef>();

  add(d: TopicDirectory, topic: TopicRef): void {
    d.add(topic);
    const known = this.byId.get(topic.id);
    if (known) known.weight = Math.max(known.weight, topic.weight);
    else {
      const copy = { ...topic };
      this.byId.set(topic.id, copy);
      this.list.push(copy);
      // Every form the directory knows folds to the name, the id or one of aliasesOf.
      const all = [topic.name, topic.id.replace(/-/g, " "), ...d.aliasesOf(topic.id)];
      this.forms.set(topic.id, [...new Set(all.map(foldKey))]);
    }
  }
}

/** The scan `suggest` replaced: every form of every topic scored against the query. */
export function scanSuggest(topics: AddedTopics, query: string, limit = 5): TopicRef[] {
  const q = foldKey(query);
  if (q === "") return [];
  const qWords = new Set(q.split(" "));
  const scored: { t: TopicRef; order: number; score: number }[] = [];
  topics.list.forEach((t, order) => {
    let score = 0;
    for (const k of topics.forms.get(t.id) ?? []) {
      const maxLen = Math.max(k.length, q.length);
      const budget = Math.max(1, Math.floor(maxLen / 3));
      const dist = editDistance(q, k, budget);
      const close = dist <= budget ? 1 - dist / maxLen : 0;
      const words = k.split(" ");
      const shared = words.filter((w) => qWords.has(w)).length / Math.max(words.length, qWords.size);
      const prefix = k.startsWith(q) && q.length >= 3 ? 0.6 : 0;
      score = Math.max(score, close, shared, prefix);
    }
    if (score >= 0.5) scored.push({ t, order, score });
  });
  scored.sort((a, b) => b.score - a.score || b.t.weight - a.t.weight || a.order - b.order);
  return scored.slice(0, limit).map((s) => ({ ...s.t }));
}

const FIRST = [
  "James",
  "Maria",
  "Ahmed",
  "Olga",
  "Chen",
  "Fatima",
  "Pierre",
  "Anna",
  "Kofi",
  "Yuki",
  "Carlos",
  "Leah",
  "Ivan",
  "Sofia",
  "Omar",
  "Grace",
  "Hans",
  "Nadia",
  "Ravi",
  "Elena",
];
const LAST = [
  "Smith",
  "Haddad",
  "Petrov",
  "Wang",
  "Okafor",
  "Dubois",
  "Tanaka",
  "Garcia",
  "Goldin",
  "Novak",
  "Brown",
  "Rahman",
  "Keller",
  "Rossi",
  "Silva",
  "Kowalski",
  "Nakamura",
  "Mensah",
  "Ortega",
  "Lindqvist",
  "Abbas",
  "Fischer",
  "Moreau",
  "Jensen",
  "Costa",
];
const SYLLABLES = [
  "ka",
  "ro",
  "mi",
  "stan",
  "vel",
  "dor",
  "an",
  "ba",
  "lu",
  "ter",
  "is",
  "zo",
  "qua",
  "ne",
  "rith",
];
const ORG_WORDS = [
  "National",
  "Northern",
  "United",
  "Central",
  "Green",
  "Labour",
  "Royal",
  "Federal",
  "Coastal",
  "Workers",
  "Civic",
  "Digital",
];
const ORG_KINDS = [
  "Party",
  "Union",
  "Council",
  "Bank",
  "Agency",
  "Front",
  "League",
  "Institute",
  "Alliance",
  "Authority",
];
const PHRASE_WORDS = [
  "oil",
  "prices",
  "interest",
  "rates",
  "climate",
  "talks",
  "trade",
  "deal",
  "housing",
  "crisis",
  "election",
  "campaign",
  "water",
  "supply",
  "budget",
  "cuts",
  "border",
  "security",
  "energy",
  "bills",
];

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` distinct generated topics: people, places, organisations and phrases, with weights. */
export function generatedTopics(n: number, seed = 7): TopicRef[] {
  const rnd = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const seen = new Set<string>();
  const out: TopicRef[] = [];
  while (out.length < n) {
    const r = rnd();
    let name: string;
    let kind: TopicRef["kind"];
    if (r < 0.45) {
      kind = "person";
      name = rnd() < 0.2 ? `${pick(FIRST)} ${pick(FIRST)} ${pick(LAST)}` : `${pick(FIRST)} ${pick(LAST)}`;
      if (seen.has(slugify(name))) name = `${name} ${pick(LAST)}`;
    } else if (r < 0.65) {
      kind = "place";
      const parts = 2 + Math.floor(rnd() * 3);
      const word = Array.from({ length: parts }, () => pick(SYLLABLES)).join("");
      name = word.charAt(0).toUpperCase() + word.slice(1);
    } else if (r < 0.85) {
      kind = "organization";
      name = `${pick(ORG_WORDS)} ${pick(SYLLABLES)}${pick(SYLLABLES)} ${pick(ORG_KINDS)}`;
    } else {
      kind = "phrase";
      name = `${pick(PHRASE_WORDS)} ${pick(PHRASE_WORDS)}`;
    }
    const id = slugify(name);
    if (id === "" || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, name, kind, weight: Math.round(rnd() * 1000) / 1000 });
  }
  return out;
}

/** Ways readers mistype a name: a letter dropped, doubled, swapped or replaced; a prefix; one word. */
export function typos(name: string, rnd: () => number): string[] {
  const at = 1 + Math.floor(rnd() * Math.max(1, name.length - 2));
  const words = name.split(" ");
  return [
    name.slice(0, at) + name.slice(at + 1),
    name.slice(0, at) + name.charAt(at) + name.slice(at),
    name.slice(0, at - 1) + name.charAt(at) + name.charAt(at - 1) + name.slice(at + 1),
    `${name.slice(0, at)}x${name.slice(at + 1)}`,
    name.slice(0, 4),
    words[words.length - 1] ?? name,
    name.toUpperCase(),
    `${name} news`,
  ];
}
