/**
 * Word knowledge for the entity finder: the place table (names, aliases, demonyms) indexed by
 * folded key, and compromise's built-in lexicon (first names, places, organisations, common
 * words) read once as a plain lookup table — compromise's parser itself is never run.
 */
import { createRequire } from "node:module";
import type Compromise from "compromise";
import { type PlaceEntry, placeTable } from "./data/places.js";
import { foldKey, slugify } from "./text.js";

/** What the lexicon knows about one lower-case word. */
export type WordClass = "firstName" | "place" | "organization" | "verb" | "modifier" | "common" | "unknown";

/** A place as a topic: id, display name and every reader form that reaches it. */
export interface PlaceForm {
  id: string;
  name: string;
  /** Folded keys: name, aliases, demonyms. */
  keys: string[];
  /** The same forms as written ("Turkey", "Turkish"), name first. */
  forms: string[];
}

/** Read-only word knowledge. */
export interface Lexicon {
  /** Class of a lower-case word or space-joined phrase ("tel aviv"). */
  wordClass(lower: string): WordClass;
  /** The place a folded phrase names ("turkish" → Türkiye), if any. */
  place(folded: string): PlaceForm | undefined;
  /** Place forms by topic id. */
  placeById(id: string): PlaceForm | undefined;
  /** True when some place form starts with this folded word (a cheap pre-check for {@link place}). */
  startsPlace(foldedWord: string): boolean;
}

function classify(tags: unknown): WordClass {
  const list = Array.isArray(tags) ? (tags as string[]) : [String(tags)];
  if (list.some((t) => t === "MaleName" || t === "FemaleName" || t === "FirstName")) return "firstName";
  if (list.some((t) => t === "Country" || t === "City" || t === "Region" || t === "Place")) return "place";
  if (list.some((t) => t === "Organization" || t === "SportsTeam")) return "organization";
  if (list.some((t) => /Tense|Infinitive|Gerund|Participle|Modal|Verb/.test(t))) return "verb";
  if (
    list.some((t) =>
      /Adjective|Adverb|Comparative|Superlative|Determiner|Preposition|Conjunction|Pronoun/.test(t),
    )
  )
    return "modifier";
  return "common";
}

function placeForm(p: PlaceEntry): PlaceForm {
  const forms = [p.name, ...p.aliases, ...p.demonyms];
  const keys = forms.map(foldKey).filter((k) => k !== "");
  return { id: slugify(p.name), name: p.name, keys: [...new Set(keys)], forms };
}

let shared: Lexicon | undefined;
let sharedWords: ReadonlyMap<string, WordClass> | undefined;

/**
 * Word classes of compromise's lexicon (about 25k lower-case words), read once and shared. Plain
 * data: a worker thread can receive it instead of loading compromise again (see {@link lexicon}).
 */
export function wordClasses(): ReadonlyMap<string, WordClass> {
  if (sharedWords) return sharedWords;
  const words = new Map<string, WordClass>();
  // The CommonJS build: one file, the same lexicon, loaded ~3x faster than the ES module tree.
  const nlp = createRequire(import.meta.url)("compromise") as typeof Compromise;
  const raw = (nlp.model() as { one?: { lexicon?: Record<string, unknown> } }).one?.lexicon ?? {};
  for (const [w, tags] of Object.entries(raw)) words.set(w, classify(tags));
  sharedWords = words;
  return words;
}

/**
 * The lexicon, built on first use and shared. `words`, when given, are {@link wordClasses}
 * computed elsewhere (by the thread that started this one), so compromise is not loaded here.
 */
export function lexicon(words?: ReadonlyMap<string, WordClass>): Lexicon {
  if (shared) return shared;
  if (words) sharedWords ??= words;
  const classes = wordClasses();
  const places = new Map<string, PlaceForm>();
  const byId = new Map<string, PlaceForm>();
  const firstWords = new Set<string>();
  for (const entry of placeTable()) {
    const form = placeForm(entry);
    byId.set(form.id, form);
    for (const k of form.keys) {
      if (!places.has(k)) places.set(k, form);
      firstWords.add(k.split(" ")[0] ?? "");
    }
  }
  shared = {
    wordClass: (lower) => classes.get(lower) ?? "unknown",
    place: (folded) => places.get(folded),
    placeById: (id) => byId.get(id),
    startsPlace: (word) => firstWords.has(word),
  };
  return shared;
}
