/**
 * Article types shared by every layer. Parsers produce {@link ParsedArticle}; the ingest
 * service enriches it with identity and NLP output into a stored {@link Article}.
 */

/** The file formats the loader understands. Detected by content, not only by extension. */
export type ContentFormat = "text" | "markdown" | "json" | "jsonl" | "rss" | "atom" | "html";

/** A piece of article body: section headings are kept as structure, never as paragraphs. */
export type Block = { kind: "paragraph"; text: string } | { kind: "heading"; text: string };

/** One article as a parser found it in a file: clean, NFC-normalised display text. */
export interface ParsedArticle {
  /** Headline, NFC, whitespace collapsed. Never empty. */
  title: string;
  /** Body in order: paragraphs and section headings. At least one paragraph. */
  blocks: Block[];
  /** The photo caption, once, outside the body (credit stripped), or null. */
  caption: string | null;
  /** Photo credit such as "DPA", "AP", "EPA", or null. */
  credit: string | null;
  /** Publication instant as ISO-8601 (UTC) when the content says so, else null (the loader fills defaults). */
  published: string | null;
  /** Publisher/source name when the content says so (front matter, feed title, sidecar), else null. */
  source: string | null;
  /** Canonical URL when known. */
  url: string | null;
  /** Author/byline when known. */
  author: string | null;
  /** 1-based line in the file where the article starts, where that applies. */
  line: number | null;
}

/** A topic attached to an article: a person, place, organisation, key phrase or curated topic. */
export interface TopicRef {
  /** Stable folded key, e.g. "gaza", "ahmed-al-sharaa". */
  id: string;
  /** Display name people recognise, e.g. "Ahmed al-Sharaa". */
  name: string;
  kind: "person" | "place" | "organization" | "phrase" | "curated";
  /** Salience in the article, higher is more central (used for ranking). */
  weight: number;
}

/** What the language stage computes once, at ingest time. */
export interface ArticleAnalysis {
  topics: TopicRef[];
  /** Extractive summary, sentences in article order (default budget: 3 sentences). */
  summary: string[];
  /** Body sentences with a precomputed salience score, used by topic briefs and digests. */
  sentences: { text: string; score: number }[];
}

/** An article as stored. */
export interface Article extends ParsedArticle, ArticleAnalysis {
  /** Stable id derived from identity (url, or source + normalised title). */
  id: string;
  /** Publication instant (ISO-8601, UTC), after defaults: text, then --date, then file time. */
  published: string | null;
  /** Hash of the normalised body: a changed hash under the same id means `updated`. */
  contentHash: string;
  /** 64-bit SimHash of body shingles as 16 hex chars, for near-duplicate detection. */
  simhash: string;
  /** The file it came from (relative path as given) and its detected format. */
  origin: { file: string; format: ContentFormat };
  /** When this version was stored (ISO-8601). */
  ingestedAt: string;
}

/** Plain text of the body paragraphs (headings excluded), joined by blank lines. */
export function bodyText(article: Pick<ParsedArticle, "blocks">): string {
  return article.blocks
    .filter((b) => b.kind === "paragraph")
    .map((b) => b.text)
    .join("\n\n");
}
