/** A body given as one string (JSON field, Atom text content): plain text or HTML. */
import type { Block } from "../../domain/article.js";
import { htmlFragmentToBlocks, htmlFragmentToText, looksLikeHtml } from "./dom-text.js";
import { normalizeText } from "./normalize.js";

/**
 * Paragraphs of a body string. HTML (tags or entities) goes through the DOM; plain text is split
 * on blank lines, or on single line breaks when it has no blank lines.
 */
export function bodyToBlocks(body: string): Block[] {
  return looksLikeHtml(body) ? htmlFragmentToBlocks(body) : textToBlocks(body);
}

/** One-line display text of a title or caption that may carry entities or inline markup. */
export function inlineText(value: string): string {
  return looksLikeHtml(value) ? htmlFragmentToText(value) : normalizeText(value);
}

/** Paragraphs of plain text (never parsed as HTML): blank lines separate paragraphs. */
export function textToBlocks(body: string): Block[] {
  const chunks = /\n[ \t\u00A0]*\n/.test(body) ? body.split(/\n[ \t\u00A0]*\n/) : body.split("\n");
  return chunks
    .map((c) => normalizeText(c))
    .flatMap((text): Block[] => (text === "" ? [] : [{ kind: "paragraph", text }]));
}
