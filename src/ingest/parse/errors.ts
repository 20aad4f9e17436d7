/** Error and result types shared by every parser in this folder. */
import type { ParsedArticle } from "../../domain/article.js";

/** A problem with one part of a file that did not stop the rest from loading. */
export interface ParseIssue {
  /** 1-based line in the file where the problem is, or null when no single line applies. */
  line: number | null;
  message: string;
}

/** Thrown for a file that cannot be loaded at all (the whole file fails). */
export class ContentError extends Error {
  override readonly name = "ContentError";

  /**
   * @param message what is wrong, phrased for the admin who loads the file
   * @param line 1-based line where the problem is, or null when it concerns the whole file
   */
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

/** What a format parser hands back before the shared clean-up in `parseContent`. */
export interface ParserOutput {
  articles: ParsedArticle[];
  warnings: ParseIssue[];
}
