/**
 * The guarantees every parser's output gets, whatever the format: normalised text, no empty
 * block, no paragraph repeating the title, the caption or an earlier paragraph, no trailing
 * heading, at least one paragraph, and no two identical articles in one file.
 */
import type { Block, ParsedArticle } from "../../domain/article.js";
import { ContentError, type ParseIssue, type ParserOutput } from "./errors.js";
import { normalizeText } from "./normalize.js";

function optional(value: string | null): string | null {
  if (value === null) return null;
  const clean = normalizeText(value);
  return clean === "" ? null : clean;
}

function cleanBlocks(blocks: Block[], title: string, caption: string | null): Block[] {
  const seen = new Set<string>([title]);
  if (caption) seen.add(caption);
  const out: Block[] = [];
  for (const block of blocks) {
    const text = normalizeText(block.text);
    if (text === "" || seen.has(text)) continue;
    if (block.kind === "paragraph") seen.add(text);
    out.push({ kind: block.kind, text });
  }
  // A heading that heads nothing is not part of the story.
  while (out.length > 0 && out[out.length - 1]!.kind === "heading") out.pop();
  return out;
}

function sameBlocks(a: readonly Block[], b: readonly Block[]): boolean {
  return (
    a.length === b.length && a.every((block, i) => block.kind === b[i]!.kind && block.text === b[i]!.text)
  );
}

/** The article with every text field normalised, or why it cannot be kept. */
function cleanArticle(article: ParsedArticle): ParsedArticle | string {
  const title = normalizeText(article.title);
  if (title === "") return "an article has an empty title; skipped";
  const caption = optional(article.caption);
  const blocks = cleanBlocks(article.blocks, title, caption);
  if (!blocks.some((b) => b.kind === "paragraph")) return `"${title}" has no paragraph of text; skipped`;
  return {
    title,
    blocks,
    caption,
    credit: optional(article.credit),
    published: article.published,
    source: optional(article.source),
    url: optional(article.url),
    author: optional(article.author),
    line: article.line,
  };
}

/**
 * Apply the shared guarantees to a parser's output. Throws {@link ContentError} when no article
 * survives, naming the first reason one was dropped.
 */
export function finalize(output: ParserOutput): ParserOutput {
  const warnings: ParseIssue[] = [...output.warnings];
  // Kept articles by title: two articles are the same when title and blocks are.
  const byTitle = new Map<string, ParsedArticle[]>();
  const articles: ParsedArticle[] = [];
  for (const article of output.articles) {
    const clean = cleanArticle(article);
    if (typeof clean === "string") {
      warnings.push({ line: article.line, message: clean });
      continue;
    }
    const sameTitle = byTitle.get(clean.title);
    const first = sameTitle?.find((kept) => sameBlocks(kept.blocks, clean.blocks));
    if (first) {
      const where = first.line === null ? "an earlier article" : `the article on line ${first.line}`;
      warnings.push({ line: clean.line, message: `"${clean.title}" is a duplicate of ${where}; skipped` });
      continue;
    }
    if (sameTitle) sameTitle.push(clean);
    else byTitle.set(clean.title, [clean]);
    articles.push(clean);
  }
  if (articles.length === 0) {
    const first = warnings[0];
    throw new ContentError(
      `no usable article in the file${first ? `: ${first.message}` : ""}`,
      first?.line ?? null,
    );
  }
  return { articles, warnings };
}
