/**
 * Per-article memo for renderers. The reader hands out the same immutable Article object for as
 * long as its caches keep it (an ingest replaces it with a new object), so a WeakMap keyed by that
 * object renders each article once per cached lifetime and lets the entry go with the article.
 */
import type { Article } from "../../domain/article.js";

/** `render` memoised per Article object; the result must depend on the article alone. */
export function memoByArticle<T>(render: (article: Article) => T): (article: Article) => T {
  const memo = new WeakMap<Article, T>();
  return (article) => {
    let out = memo.get(article);
    if (out === undefined) {
      out = render(article);
      memo.set(article, out);
    }
    return out;
  };
}
