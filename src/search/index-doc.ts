/** The one mapping from a stored article to what the search index holds of it. */
import { type Article, bodyText } from "../domain/article.js";
import type { IndexDoc } from "./types.js";

/** The index document of an article: id, title, body text, topics and publication date. */
export function indexDoc(a: Article): IndexDoc {
  return { id: a.id, title: a.title, body: bodyText(a), topics: a.topics, published: a.published };
}
