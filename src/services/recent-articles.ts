/**
 * The digest's candidate articles: every article that arrived (by `ingestedAt`) within the
 * retention window, held in memory. The store has no index by arrival time, and a scheduler tick
 * must not scan 100,000 articles from SQLite; so the window is loaded once (lazily, on the first
 * question) and then kept current by the ingest service's `onStored` hook.
 */
import type { Article } from "../domain/article.js";

/** The arrival-ordered window of recent articles. */
export interface RecentArticles {
  /** Articles that arrived strictly after `since` (a fresh array on every call). */
  since(since: Date): Promise<Article[]>;
  /** Record stored articles (new or updated versions); called by the ingest service. */
  add(articles: readonly Article[]): void;
}

/** Dependencies of {@link createRecentArticles}. */
export interface RecentArticlesDeps {
  /** Every stored article (scanned once, on first use). */
  all: () => AsyncIterable<Article>;
  clock: () => Date;
  /** How long an article stays a candidate after it arrived, in ms. */
  retainMs: number;
}

/**
 * What a digest needs of an article, without the body: the lead's card is read from the store
 * when a reader opens it, so the window keeps ~1 KB an article instead of the full text.
 */
function slim(article: Article): Article {
  // The JSON round trip copies every string: a parser's strings can be slices of the whole file
  // they came from, and keeping one slice would keep the file's text alive.
  return JSON.parse(JSON.stringify({ ...article, blocks: [], sentences: [], caption: null })) as Article;
}

/** Create the window. Nothing is read until the first `since` call. */
export function createRecentArticles(deps: RecentArticlesDeps): RecentArticles {
  const byId = new Map<string, Article>();
  let loaded: Promise<void> | undefined;
  let lastPrune = 0;

  const keep = (article: Article) => {
    const known = byId.get(article.id);
    if (!known || known.ingestedAt <= article.ingestedAt) byId.set(article.id, slim(article));
  };
  const cutoff = () => deps.clock().getTime() - deps.retainMs;
  const load = async () => {
    const floor = cutoff();
    for await (const article of deps.all()) if (Date.parse(article.ingestedAt) > floor) keep(article);
  };
  const prune = () => {
    const floor = cutoff();
    if (floor - lastPrune < 60_000) return;
    lastPrune = floor;
    for (const [id, a] of byId) if (Date.parse(a.ingestedAt) <= floor) byId.delete(id);
  };

  return {
    async since(since) {
      loaded ??= load();
      await loaded;
      prune();
      const after = since.getTime();
      const out: Article[] = [];
      for (const a of byId.values()) if (Date.parse(a.ingestedAt) > after) out.push(a);
      return out;
    },
    add(articles) {
      // Before the first question the window is not loaded: the load will read these from the store.
      if (!loaded) return;
      for (const a of articles) keep(a);
    },
  };
}
