/** The documents the search bench indexes, derived from the shared BBC corpus. */
import type { TopicRef } from "../../src/domain/article.js";
import type { IndexDoc } from "../../src/search/types.js";
import { buildCorpus, readDataset, rng } from "../corpus.js";

/**
 * Bench docs: the shared corpus (originals, then shuffled mixes with new ids and dates over 30
 * days), plus a time of day per doc, a few swapped neighbouring words in each copy, and
 * capitalised runs as pseudo-topics. Deterministic: the same size gives the same documents.
 */
export function* benchDocs(dataset: string, size: number): Generator<IndexDoc> {
  const random = rng(7);
  const base = readDataset(dataset);
  let i = 0;
  for (const a of buildCorpus(base, size)) {
    const published = new Date(Date.parse(a.date) + Math.floor(random() * 86_400) * 1000).toISOString();
    yield {
      id: a.id,
      title: a.title,
      body: i++ < base.length ? a.text : swapWords(a.text, random),
      published,
      topics: pseudoTopics(`${a.title}\n${a.text}`),
    };
  }
}

/** Swaps five random pairs of neighbouring words. */
function swapWords(text: string, random: () => number): string {
  const words = text.split(" ");
  for (let k = 0; k < 5 && words.length > 2; k++) {
    const i = Math.floor(random() * (words.length - 1));
    [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
  }
  return words.join(" ");
}

const SENTENCE_STARTERS = new Set("The But He She It In A This They We And Mr".split(" "));

/** Capitalised word runs ("Tony Blair", "Chelsea"), the 6 most frequent, as pseudo-topics. */
function pseudoTopics(text: string): TopicRef[] {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\b[A-Z][a-z]+(?: [A-Z][a-z]+)*/g)) {
    const name = m[0]
      .split(" ")
      .filter((w, i) => i > 0 || !SENTENCE_STARTERS.has(w))
      .join(" ");
    if (name.length > 2) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, n]) => ({ id: name.toLowerCase().replace(/ /g, "-"), name, kind: "phrase", weight: n }));
}
