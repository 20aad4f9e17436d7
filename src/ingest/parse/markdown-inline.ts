/**
 * Markdown inline syntax → plain text: links keep their text, images and footnote marks go,
 * emphasis and code markers are removed, inline HTML is reduced to its text. Every pattern is
 * bounded so that a long line full of unmatched markers stays linear.
 */
import { htmlFragmentToText, looksLikeHtml } from "./dom-text.js";
import { normalizeText } from "./normalize.js";

// Span contents exclude their own marker, so a scan stops at the next marker: linear overall.
const RULES: [RegExp, string][] = [
  [/(?<!\\)`{1,3}([^`]{1,2000})`{1,3}/g, "$1"],
  [/!\[[^\]]{0,500}\](?:\([^)]{0,2000}\)|\[[^\]]{0,200}\])/g, ""],
  [/\[\^[^\]]{1,100}\]/g, ""],
  [/(?<!\\)\[([^\]]{0,500})\]\([^)]{0,2000}\)/g, "$1"],
  [/(?<!\\)\[([^\]]{0,500})\]\[[^\]]{0,200}\]/g, "$1"],
  [/<((?:https?|mailto):[^>\s]{1,2000})>/g, "$1"],
  [/(?<!\\)\*\*(?=[^\s*])([^*]{1,2000})(?<=[^\s\\])\*\*/g, "$1"],
  [/(?<![\\\p{L}\p{N}_])__(?=[^\s_])([^_]{1,2000})(?<=[^\s\\])__(?![\p{L}\p{N}_])/gu, "$1"],
  [/(?<!\\)~~(?=[^\s~])([^~]{1,2000})(?<=[^\s\\])~~/g, "$1"],
  [/(?<![\\*])\*(?=[^\s*])([^*]{1,2000})(?<=[^\s\\])\*(?!\*)/g, "$1"],
  // Intraword underscores (snake_case) are not emphasis.
  [/(?<![\\\p{L}\p{N}_])_(?=[^\s_])([^_]{1,2000})(?<=[^\s\\])_(?![\p{L}\p{N}_])/gu, "$1"],
  [/\\([\\`*_{}[\]()#+\-.!|>~<])/g, "$1"],
];

/** Plain display text of one Markdown paragraph or heading. */
export function markdownInline(source: string): string {
  let text = source;
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement);
  return looksLikeHtml(text) ? htmlFragmentToText(text) : normalizeText(text);
}
