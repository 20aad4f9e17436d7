/**
 * The language stage: sentence segmentation, tokens, topics with aliases, extractive summaries,
 * topic briefs and ROUGE. Everything here is pure and deterministic; nothing runs at import.
 */
export type { Analyzer, AnalyzerOptions } from "./analyzer.js";
export { analyzerOptionsOf, createAnalyzer } from "./analyzer.js";
export type { BriefArticle } from "./brief.js";
export { DEFAULT_BRIEF_SENTENCES, topicBrief } from "./brief.js";
export { loadCuratedTopics } from "./curated.js";
export type { PlaceEntry } from "./data/places.js";
export { placeTable } from "./data/places.js";
export type { TopicDirectory } from "./directory.js";
export { createTopicDirectory } from "./directory.js";
export type { RougeScore, RougeScores } from "./rouge.js";
export { rouge } from "./rouge.js";
export { splitSentences } from "./sentences.js";
export type { SummaryBudget } from "./summarize.js";
export { summarize } from "./summarize.js";
export { countWords, foldKey, slugify } from "./text.js";
export { tokenize } from "./tokens.js";
