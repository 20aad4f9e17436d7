/**
 * Format detection by content. The file extension only breaks ties (a `.md` without front
 * matter, a `.jsonl` whose first line is broken); a file whose extension says one thing and
 * whose content says another is parsed by its content.
 */
import type { ContentFormat } from "../../domain/article.js";
import { isBlank } from "./normalize.js";

/** Lines sampled to tell JSON Lines from pretty-printed JSON. */
const JSONL_SAMPLE = 50;

/**
 * The format of `text` (already decoded), or null when it is empty or a kind of XML that is
 * neither RSS nor Atom. Plain text is the fallback for anything else.
 */
export function detectFormat(text: string, fileName: string): ContentFormat | null {
  if (isBlank(text)) return null;
  const ext = extensionOf(fileName);
  const head = text.slice(Math.max(0, text.search(/[^\s\uFEFF]/)));
  if (/^---[ \t]*\n/.test(head)) return "markdown";
  if (opensLikeJson(head)) return detectJson(head, ext);
  if (head.startsWith("<")) return detectMarkup(head, ext);
  if (/^#[ \t]+\S/.test(head)) return "markdown";
  if (ext === "md" || ext === "markdown") return "markdown";
  return "text";
}

function detectJson(head: string, ext: string): ContentFormat {
  if (head.startsWith("[")) return "json";
  const lines = firstLines(head, JSONL_SAMPLE);
  if (lines.length < 2) return "json";
  const objectLines = lines.filter((l) => l.startsWith("{") && parsesAsObject(l)).length;
  // Pretty-printed JSON has few lines that parse alone; JSON Lines has mostly such lines.
  if (objectLines > 0 && objectLines * 2 >= lines.length) return "jsonl";
  // Tie: the extension decides between broken JSON Lines and broken JSON.
  const saysJsonl = ext === "jsonl" || ext === "ndjson";
  return saysJsonl && (objectLines > 0 || lines.every((l) => l.startsWith("{"))) ? "jsonl" : "json";
}

/** Does `head` open like JSON (`{"…`, `[{…`, `[1, …`) rather than like prose (`[Updated] …`)? */
function opensLikeJson(head: string): boolean {
  const start = head.slice(0, 100);
  return /^\{\s*(?:"|\}|$)/.test(start) || /^\[\s*(?:[[{"\]\d-]|true\b|false\b|null\b|$)/.test(start);
}

function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let from = 0;
  while (lines.length < count && from < text.length) {
    const nl = text.indexOf("\n", from);
    const line = text.slice(from, nl === -1 ? text.length : nl).trim();
    if (line !== "") lines.push(line);
    from = nl === -1 ? text.length : nl + 1;
  }
  return lines;
}

function detectMarkup(head: string, ext: string): ContentFormat | null {
  // Skip the XML prolog, comments, processing instructions and a non-HTML doctype.
  const prelude = /(?:<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE\s+(?!html\b)[^>[]*(?:\[[\s\S]*?\])?\s*>)\s*/iy;
  let at = 0;
  while (prelude.exec(head)) at = prelude.lastIndex;
  const rest = head.slice(at, at + 200);
  if (/^<rss[\s>]/i.test(rest) || /^<rdf:RDF[\s>]/.test(rest)) return "rss";
  if (/^<feed[\s>]/i.test(rest)) return "atom";
  if (/^<!doctype\s+html|^<html[\s>]/i.test(rest)) return "html";
  if (/^<(?:head|body|article|main|meta|title|div|p|h1)[\s>]/i.test(rest)) return "html";
  if (ext === "html" || ext === "htm" || ext === "xhtml") return "html";
  if (/^<[A-Za-z_]/.test(rest) && (at > 0 || ext === "xml")) return null;
  return ext === "md" || ext === "markdown" ? "markdown" : "text";
}

function parsesAsObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function extensionOf(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}
