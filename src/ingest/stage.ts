/**
 * The loader's main-thread steps for one prepared file: classify each article against the
 * dedupe index (staging the new ones in it), then write the file's new and updated articles.
 */
import type { Article } from "../domain/article.js";
import type { Logger } from "../logger.js";
import type { SearchIndex } from "../search/index.js";
import { indexDoc } from "../search/index-doc.js";
import type { ArticleFingerprint, ArticleRepo } from "../store/article-repo.js";
import type { DedupeIndex } from "./dedupe.js";
import type { ArticleStatus, IngestReport } from "./report.js";

/** An article with its status, and what it replaced in the dedupe index (restored if the write fails). */
export type Staged = {
  article: Article;
  status: ArticleStatus;
  reportId: string;
  previous?: ArticleFingerprint;
};

/**
 * Classify a file's articles in order and put the added and updated ones in the index now, so
 * the next file (classified while this one is written) and later articles of this file see them.
 */
export function stageArticles(articles: readonly Article[], index: DedupeIndex): Staged[] {
  return articles.map((article) => {
    const s = classify(article, index);
    if (s.status === "added" || s.status === "updated") {
      const previous = index.get(article.id);
      if (previous) s.previous = previous;
      index.add({
        id: article.id,
        contentHash: article.contentHash,
        simhash: article.simhash,
        file: article.origin.file,
      });
    }
    return s;
  });
}

/** Decide what an article is relative to what is stored (and staged earlier in this run). */
function classify(article: Article, index: DedupeIndex): Staged {
  const existing = index.get(article.id);
  if (existing) {
    if (existing.contentHash !== article.contentHash)
      return { article, status: "updated", reportId: article.id };
    return {
      article,
      status: existing.file === article.origin.file ? "unchanged" : "duplicate",
      reportId: article.id,
    };
  }
  const duplicateOf = index.findDuplicate(article, article.id);
  if (duplicateOf) return { article, status: "duplicate", reportId: duplicateOf };
  return { article, status: "added", reportId: article.id };
}

/** What {@link commitFile} needs besides the staged articles. */
export interface CommitContext {
  file: string;
  dryRun: boolean;
  collectArticles: boolean;
  index: DedupeIndex;
  report: IngestReport;
  articles: ArticleRepo;
  search: SearchIndex;
  logger: Logger;
  onStored?: ((articles: readonly Article[]) => void) | undefined;
}

/**
 * Store a file's added and updated articles, index them, and count the file in the report.
 * A failed write fails the file and takes its articles back out of the dedupe index.
 * Resolves to the number of articles written.
 */
export async function commitFile(staged: Staged[], ctx: CommitContext): Promise<number> {
  const { report } = ctx;
  const toStore = staged.filter((s) => s.status === "added" || s.status === "updated").map((s) => s.article);
  if (!ctx.dryRun && toStore.length > 0) {
    const t = performance.now();
    try {
      await ctx.articles.putMany(toStore);
      report.timings.persist += performance.now() - t;
      const t2 = performance.now();
      await ctx.search.upsert(toStore.map(indexDoc));
      report.timings.index += performance.now() - t2;
    } catch (error) {
      ctx.logger.error({ err: error, file: ctx.file }, "could not store articles");
      report.failed++;
      report.errors.push({
        file: ctx.file,
        line: null,
        message: `could not be stored: ${(error as Error).message}`,
      });
      unstage(staged, ctx.index);
      return 0;
    }
    ctx.onStored?.(toStore);
  }
  // In a dry run the dedupe index keeps what was staged, so duplicates across files of one run are reported.
  for (const s of staged) {
    const counter = s.status === "duplicate" ? "duplicates" : s.status;
    report[counter]++;
    if (ctx.collectArticles) {
      const a = s.article;
      report.articles.push({
        id: s.reportId,
        title: a.title,
        published: a.published,
        source: a.source,
        topics: a.topics.map((t) => t.name),
        summary: a.summary,
        status: s.status,
      });
    }
  }
  return toStore.length;
}

/** Take a failed file's articles back out of the dedupe index (restoring what they replaced). */
function unstage(staged: Staged[], index: DedupeIndex): void {
  // Newest first, so an id staged twice in one file ends at what preceded the file.
  for (const s of [...staged].reverse()) {
    if (s.status !== "added" && s.status !== "updated") continue;
    index.remove(s.article.id);
    if (s.previous) index.add(s.previous);
  }
}
