/**
 * An in-memory NewsReader over a few fixture articles, for bot tests and the bot bench.
 * Deliberately simple (substring topics, token search, edit-distance-1 corrections) and
 * independent of the real store, search index and NLP.
 */
import type { Article, TopicRef } from "../../src/domain/article.js";
import type { BriefSentence, TopicSummary } from "../../src/domain/topic.js";
import type { NewsReader, Page, PageRequest, SearchPage, TopicLookup } from "../../src/services/types.js";
import { fixtureArticles } from "./fixture-articles.js";

export { fixtureArticles, longParagraph, makeArticle } from "./fixture-articles.js";

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/^al[- ]/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

const words = (s: string) => fold(s).split(" ").filter(Boolean);

/** Options for {@link createFixtureReader}. */
export interface FixtureReaderOptions {
  /** Called on every method call (tests use it to inject failures or count calls). */
  onCall?: (method: keyof NewsReader, arg: unknown) => void;
}

/** An in-memory NewsReader over `articles` (defaults to {@link fixtureArticles}). */
export function createFixtureReader(
  articles: Article[] = fixtureArticles(),
  options: FixtureReaderOptions = {},
): NewsReader {
  const newest = [...articles].sort((a, b) => (b.published ?? "").localeCompare(a.published ?? ""));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const topics = new Map<string, { ref: TopicRef; articles: Article[] }>();
  for (const a of newest) {
    for (const t of a.topics) {
      const entry = topics.get(t.id) ?? { ref: t, articles: [] };
      entry.articles.push(a);
      topics.set(t.id, entry);
    }
  }
  const summaries = (): TopicSummary[] =>
    [...topics.values()]
      .map(({ ref, articles: list }) => ({
        id: ref.id,
        name: ref.name,
        kind: ref.kind,
        count: list.length,
        score: list.length,
      }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const vocabulary = new Set(articles.flatMap((a) => words(`${a.title} ${a.summary.join(" ")}`)));
  const page = <T>(list: T[], req?: PageRequest): Page<T> => {
    const offset = Math.max(0, req?.offset ?? 0);
    const limit = Math.min(50, Math.max(1, req?.limit ?? 5));
    return { items: list.slice(offset, offset + limit), total: list.length, offset };
  };
  const hit = options.onCall ?? (() => undefined);
  // Inverted index: term → article id → score (3 per title occurrence, 1 per body occurrence).
  const postings = new Map<string, Map<string, number>>();
  for (const a of articles) {
    const add = (term: string, weight: number) => {
      const list = postings.get(term) ?? new Map<string, number>();
      list.set(a.id, (list.get(a.id) ?? 0) + weight);
      postings.set(term, list);
    };
    for (const t of words(a.title)) add(t, 3);
    for (const t of words(`${a.summary.join(" ")} ${a.blocks.map((b) => b.text).join(" ")}`)) add(t, 1);
  }
  const rank = new Map(newest.map((a, i) => [a.id, i]));
  return {
    async latest(req) {
      hit("latest", req);
      return page(newest, req);
    },
    async search(query, req): Promise<SearchPage> {
      hit("search", query);
      let terms = words(query);
      const corrected = terms.map((t) =>
        vocabulary.has(t) ? t : ([...vocabulary].find((v) => editDistance1(t, v)) ?? t),
      );
      const changed = corrected.some((t, i) => t !== terms[i]);
      if (changed) terms = corrected;
      const scores = new Map<string, number>();
      for (const t of terms)
        for (const [id, s] of postings.get(t) ?? []) scores.set(id, (scores.get(id) ?? 0) + s);
      const ranked = [...scores]
        .sort((x, y) => y[1] - x[1] || rank.get(x[0])! - rank.get(y[0])!)
        .map(([id]) => byId.get(id)!);
      const result = page(ranked, req);
      return changed ? { ...result, corrected: corrected.join(" ") } : result;
    },
    async topic(query, req): Promise<TopicLookup> {
      hit("topic", query);
      const key = fold(query);
      const entry = [...topics.values()].find((t) => t.ref.id === query || fold(t.ref.name) === key);
      if (!entry) {
        const suggestions = summaries().filter((t) => key.length > 0 && sharesStart(fold(t.name), key));
        return { kind: "unknown", query, suggestions };
      }
      const summary = summaries().find((t) => t.id === entry.ref.id)!;
      const brief: BriefSentence[] = entry.articles
        .slice(0, 3)
        .map((a) => ({ text: a.sentences[0]?.text ?? a.title, articleId: a.id }));
      return { kind: "found", topic: summary, page: page(entry.articles, req), brief };
    },
    async trendingTopics(limit = 12) {
      hit("trendingTopics", limit);
      return summaries().slice(0, limit);
    },
    async article(id) {
      hit("article", id);
      return byId.get(id);
    },
  };
}

function sharesStart(a: string, b: string): boolean {
  return a.slice(0, 2) === b.slice(0, 2) || a.includes(b.slice(0, 3)) || b.includes(a.slice(0, 3));
}

/** True when a and b differ by exactly one edit (insert, delete or substitute). */
function editDistance1(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || a.length < 3) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}
