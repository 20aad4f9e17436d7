/**
 * Saved HTML article pages. The main text comes from @mozilla/readability over a jsdom document:
 * jsdom parses like a browser (HTML5 tree building), which Readability's own tests assume; with
 * linkedom, Readability returned null for a page without <html>/<body> and mis-nested tables
 * (measured; see the report). jsdom runs no scripts and loads no resources by default, and only
 * text nodes are read, so script, onerror and javascript: links never reach the text.
 */
import { createRequire } from "node:module";
import { Readability } from "@mozilla/readability";
import type { Block, ParsedArticle } from "../../domain/article.js";
import { splitCredit } from "./captions.js";
import { parseDateValue } from "./dates.js";
import { type DomElement, type DomNode, domDepthExceeds, domToBlocks, markupDepth } from "./dom-text.js";
import { ContentError, type ParseIssue, type ParserOutput } from "./errors.js";
import { readPageMeta } from "./html-meta.js";
import { normalizeText } from "./normalize.js";

/** The part of a jsdom document this module reads. */
export interface PageDocument extends DomElement {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  readonly title: string;
  cloneNode(deep: boolean): PageDocument;
}

interface JsdomModule {
  JSDOM: new (
    html: string,
    options: { virtualConsole: unknown },
  ) => { window: { document: PageDocument; close(): void } };
  VirtualConsole: new () => unknown;
}

let jsdom: JsdomModule | undefined;

/** Pages nested deeper than this are rejected before parsing: no real article page comes close. */
const MAX_MARKUP_DEPTH = 1000;
/** Pages nested deeper than this skip Readability (typical news pages are 15–60 levels deep). */
const MAX_READABLE_DEPTH = 200;

/** jsdom takes over a second to load on this machine; only HTML files pay for it. */
function loadJsdom(): JsdomModule {
  jsdom ??= createRequire(import.meta.url)("jsdom") as JsdomModule;
  return jsdom;
}

/** Parse a saved article page. Throws {@link ContentError} when it holds no title or no text. */
export function parseHtmlPage(text: string): ParserOutput {
  const depth = markupDepth(text);
  if (depth.max > MAX_MARKUP_DEPTH) {
    throw new ContentError(
      `the page nests elements ${depth.max} levels deep (more than ${MAX_MARKUP_DEPTH}); it is not a saved article page`,
      depth.line,
    );
  }
  const { JSDOM, VirtualConsole } = loadJsdom();
  // A VirtualConsole that forwards nowhere keeps jsdom's CSS warnings off the loader's output.
  const dom = new JSDOM(text, { virtualConsole: new VirtualConsole() });
  try {
    return readPage(dom.window.document);
  } finally {
    dom.window.close();
  }
}

function readPage(doc: PageDocument): ParserOutput {
  const warnings: ParseIssue[] = [];
  const meta = readPageMeta(doc);
  // Readability slows down super-linearly with nesting (measured: depth 500 took 23 s); very
  // deep pages get the plain walk of <article>/<main>/<body> instead.
  const reader = domDepthExceeds(doc.documentElement, MAX_READABLE_DEPTH) ? null : readable(doc);
  const container = reader?.content ?? mainContainer(doc);
  const title = meta.title ?? (reader?.title ? normalizeText(reader.title) : null);
  if (!title) throw new ContentError("the page has no title (no og:title, <title> or <h1>)", null);
  const furniture = new Set(meta.furniture.map((t) => t.toLowerCase()));
  const blocks = withoutTitle(container ? domToBlocks(container) : [], title).filter(
    (b) => !furniture.has(b.text.toLowerCase()),
  );
  if (!blocks.some((b) => b.kind === "paragraph"))
    throw new ContentError("the page has no article text", null);

  const rawDate = meta.date ?? reader?.publishedTime ?? null;
  const published = rawDate ? parseDateValue(rawDate) : null;
  if (rawDate && !published)
    warnings.push({
      line: null,
      message: `the page date "${rawDate}" is not a date I understand; left empty`,
    });
  const caption = meta.caption ? splitCredit(meta.caption) : { caption: null, credit: null };
  const article: ParsedArticle = {
    title,
    blocks,
    caption: caption.caption,
    credit: caption.credit,
    published,
    source: meta.siteName ?? (reader?.siteName ? normalizeText(reader.siteName) || null : null),
    url: meta.url,
    author: meta.author ?? (reader?.byline ? normalizeText(reader.byline) || null : null),
    line: 1,
  };
  return { articles: [article], warnings };
}

interface Readable {
  content: DomNode | null;
  title: string | null;
  siteName: string | null;
  byline: string | null;
  publishedTime: string | null;
}

function readable(doc: PageDocument): Readable | null {
  try {
    // Readability rewrites the tree it reads, so it gets a copy; the serializer hands back the node.
    const reader = new Readability<DomNode>(doc.cloneNode(true) as never, {
      serializer: (node: unknown) => node as DomNode,
    });
    const result = reader.parse();
    if (!result) return null;
    return {
      content: result.content ?? null,
      title: result.title ?? null,
      siteName: result.siteName ?? null,
      byline: result.byline ?? null,
      publishedTime: result.publishedTime ?? null,
    };
  } catch (error) {
    // Pathologically deep pages overflow Readability's recursion; fall back to the plain walk.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function mainContainer(doc: PageDocument): DomElement | null {
  return doc.querySelector("article") ?? doc.querySelector("main") ?? doc.body;
}

function withoutTitle(blocks: Block[], title: string): Block[] {
  const folded = title.toLowerCase();
  return blocks.filter((b, i) => !(b.text.toLowerCase() === folded && (b.kind === "heading" || i === 0)));
}
