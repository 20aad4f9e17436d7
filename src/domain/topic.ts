import type { TopicRef } from "./article.js";

/** A topic an admin defines in content/topics.json. */
export interface CuratedTopic {
  id: string;
  name: string;
  /** Other names readers type ("idf", "israeli army"). */
  aliases: string[];
  /** Words or phrases that put an article under this topic when they occur in it. */
  keywords: string[];
}

/** A topic as readers see it in lists: name plus how many articles it has. */
export interface TopicSummary {
  id: string;
  name: string;
  kind: TopicRef["kind"];
  /** Articles under this topic (in the window, for trending lists). */
  count: number;
  /** Recency-weighted score used to order trending lists. */
  score: number;
}

/** One sentence of a topic brief, attributed to the article it came from. */
export interface BriefSentence {
  text: string;
  articleId: string;
}
