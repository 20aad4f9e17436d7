/**
 * DOM → body blocks, shared by feeds, JSON bodies and saved pages. Only text nodes are read:
 * attributes (onerror, href="javascript:…") never reach the output, and script, style, iframe,
 * form controls and other non-prose elements are skipped with their content.
 *
 * The DOM types are declared structurally here so that linkedom and jsdom nodes both fit and no
 * DOM lib types leak into the rest of the program.
 */
import { createRequire } from "node:module";
import type { Block } from "../../domain/article.js";
import { normalizeText } from "./normalize.js";
import { decodeSimpleEntities } from "./simple-entities.js";

/** The part of a DOM node this module reads. */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

/** The part of a DOM element (or document) this folder reads. */
export interface DomElement extends DomNode {
  readonly textContent: string | null;
  getAttribute?(name: string): string | null;
  hasAttribute?(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

const SKIPPED = new Set(
  "script style noscript template iframe frame frameset object embed applet svg math canvas video audio source track picture img head title meta link base button select option textarea input form nav figcaption map area dialog".split(
    " ",
  ),
);
const BLOCKS = new Set(
  "p div section article main header footer aside blockquote li ul ol dl dt dd pre table thead tbody tfoot tr figure address details summary center hr br body html caption fieldset legend".split(
    " ",
  ),
);
const HEADING = /^h[1-6]$/;

function tagName(node: DomNode): string {
  const name = node.nodeName.toLowerCase();
  return name.slice(name.indexOf(":") + 1);
}

/**
 * Body blocks of the DOM subtree under `root`, in document order: `h1`–`h6` become heading
 * blocks, every other block element a paragraph. Iterative, so deep nesting cannot overflow.
 */
export function domToBlocks(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let buffer = "";
  const flush = (kind: Block["kind"]) => {
    const text = normalizeText(buffer);
    buffer = "";
    if (text !== "") blocks.push({ kind, text });
  };
  const stack: (DomNode | { exit: string })[] = [];
  const pushChildren = (node: DomNode) => {
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("exit" in item) {
      if (HEADING.test(item.exit)) flush("heading");
      else if (BLOCKS.has(item.exit)) flush("paragraph");
      else if (item.exit === "td" || item.exit === "th") buffer += " ";
      continue;
    }
    if (item.nodeType === TEXT || item.nodeType === CDATA) {
      buffer += item.nodeValue ?? "";
      continue;
    }
    if (item.nodeType !== ELEMENT) continue;
    const name = tagName(item);
    if (SKIPPED.has(name) || (item as DomElement).hasAttribute?.("hidden")) continue;
    if (HEADING.test(name) || BLOCKS.has(name)) flush("paragraph");
    stack.push({ exit: name });
    pushChildren(item);
  }
  flush("paragraph");
  return blocks;
}

/** Is any element under `root` more than `limit` levels deep? Iterative, stops early. */
export function domDepthExceeds(root: DomNode, limit: number): boolean {
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (let i = 0; i < node.childNodes.length; i++) {
      const child = node.childNodes[i]!;
      if (child.nodeType === ELEMENT) stack.push([child, depth + 1]);
    }
  }
  return false;
}

// Void elements and elements whose end tag may be omitted: they do not reliably nest.
const NOT_NESTING = new Set(
  "area base br col embed hr img input link meta source track wbr p li dt dd td th tr option optgroup thead tbody tfoot colgroup caption rp rt html head body".split(
    " ",
  ),
);

/**
 * An estimate of how deep the raw markup nests, from its tags alone (linear, no DOM), with the
 * line where the deepest point is reached. Used to refuse pathological pages before a DOM is built.
 */
export function markupDepth(html: string): { max: number; line: number } {
  let depth = 0;
  let max = 0;
  let maxAt = 0;
  for (const m of html.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (NOT_NESTING.has(name) || m[3] === "/") continue;
    if (m[1] === "/") depth = Math.max(0, depth - 1);
    else if (++depth > max) {
      max = depth;
      maxAt = m.index;
    }
  }
  let line = 1;
  for (let i = html.indexOf("\n"); i !== -1 && i < maxAt; i = html.indexOf("\n", i + 1)) line++;
  return { max, line };
}

interface LinkedomModule {
  parseHTML(html: string): { document: DomElement & { documentElement: DomElement } };
}

let linkedom: LinkedomModule | undefined;

/** linkedom costs ~200 ms to load; only files that carry HTML pay for it. */
function loadLinkedom(): LinkedomModule {
  linkedom ??= createRequire(import.meta.url)("linkedom") as LinkedomModule;
  return linkedom;
}

/** Body blocks of an HTML fragment (a feed item's description, a JSON body with markup). */
export function htmlFragmentToBlocks(html: string): Block[] {
  // Text with only simple character references parses to one text node in <body>: one paragraph.
  const plain = decodeSimpleEntities(html);
  if (plain !== null) {
    const text = normalizeText(plain);
    return text === "" ? [] : [{ kind: "paragraph", text }];
  }
  const { document } = loadLinkedom().parseHTML(
    `<!DOCTYPE html><html><head></head><body>${html}</body></html>`,
  );
  return domToBlocks(document.documentElement);
}

/** Plain text of an HTML fragment on one line (for titles that arrive entity-encoded). */
export function htmlFragmentToText(html: string): string {
  return normalizeText(
    htmlFragmentToBlocks(html)
      .map((b) => b.text)
      .join(" "),
  );
}

/** Does `s` carry HTML markup or entities rather than plain text? */
export function looksLikeHtml(s: string): boolean {
  return (
    /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|<!--/i.test(s) || /&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i.test(s)
  );
}
