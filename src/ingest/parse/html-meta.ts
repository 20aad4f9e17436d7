/** Metadata of a saved article page: title, date, site, canonical URL, author, lead caption. */
import type { DomElement } from "./dom-text.js";
import { normalizeText } from "./normalize.js";

/** What the page's head and markup say about the article; null where they say nothing. */
export interface PageMeta {
  title: string | null;
  date: string | null;
  siteName: string | null;
  url: string | null;
  author: string | null;
  caption: string | null;
  /** Lines that are page furniture when they stand alone in the body: dates, the byline. */
  furniture: string[];
}

interface MetaDocument extends DomElement {
  readonly title: string;
}

const TITLE_SEPARATORS = [" | ", " – ", " — ", " - ", " :: ", " · "];

/** Read the metadata before Readability rewrites the document. */
export function readPageMeta(doc: MetaDocument): PageMeta {
  const attr = (selector: string, name: string): string | null => {
    const value = doc.querySelector(selector)?.getAttribute?.(name);
    const clean = value ? normalizeText(value) : "";
    return clean === "" ? null : clean;
  };
  const content = (selector: string) => attr(selector, "content");
  const text = (selector: string): string | null => {
    const clean = normalizeText(doc.querySelector(selector)?.textContent ?? "");
    return clean === "" ? null : clean;
  };
  const siteName = content('meta[property="og:site_name"]') ?? content('meta[name="application-name"]');
  const h1 = text("article h1") ?? text("main h1") ?? text("h1");
  const author = content('meta[name="author"]') ?? content('meta[property="article:author"]');
  return {
    title:
      content('meta[property="og:title"]') ??
      content('meta[name="twitter:title"]') ??
      pageTitle(doc.title, siteName, h1) ??
      h1,
    date:
      content('meta[property="article:published_time"]') ??
      content('meta[itemprop="datePublished"]') ??
      content('meta[name="pubdate"]') ??
      content('meta[name="date"]') ??
      attr("article time[datetime]", "datetime") ??
      attr("time[datetime]", "datetime"),
    siteName,
    url: attr('link[rel="canonical"]', "href") ?? content('meta[property="og:url"]'),
    // article:author is often a profile URL rather than a name.
    author: author && !/^https?:\/\//.test(author) ? author : null,
    caption: text("article figure figcaption") ?? text("main figure figcaption"),
    furniture: furniture(doc, author),
  };
}

/** The <title> without a " | Site Name" suffix when that suffix is the site or the h1 is the rest. */
function pageTitle(raw: string, siteName: string | null, h1: string | null): string | null {
  const title = normalizeText(raw);
  if (title === "") return null;
  for (const separator of TITLE_SEPARATORS) {
    const at = title.lastIndexOf(separator);
    if (at <= 0) continue;
    const head = title.slice(0, at);
    const tail = title.slice(at + separator.length);
    if (siteName && tail.toLowerCase() === siteName.toLowerCase()) return head;
    if (h1 && head.toLowerCase() === h1.toLowerCase()) return head;
  }
  return title;
}

/** The most <time> elements whose text is collected as furniture. */
const MAX_TIMES = 20;

function furniture(doc: MetaDocument, author: string | null): string[] {
  const times = Array.from(doc.querySelectorAll("time"))
    .slice(0, MAX_TIMES)
    .map((t) => normalizeText(t.textContent ?? ""));
  const byline = author ? [author, `By ${author}`] : [];
  return [...times, ...byline].filter((t) => t !== "");
}
