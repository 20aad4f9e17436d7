import type { Article } from "../../src/domain/article.js";

/** A complete stored article with sensible defaults; override what the test is about. */
export function makeArticle(overrides: Partial<Article> & { id: string }): Article {
  return {
    title: `Title ${overrides.id}`,
    blocks: [{ kind: "paragraph", text: `Body of ${overrides.id}.` }],
    caption: null,
    credit: null,
    published: "2025-11-09T00:00:00.000Z",
    source: "Test Source",
    url: null,
    author: null,
    line: 1,
    topics: [],
    summary: [`Body of ${overrides.id}.`],
    sentences: [{ text: `Body of ${overrides.id}.`, score: 1 }],
    contentHash: `hash-${overrides.id}`,
    simhash: "0000000000000000",
    origin: { file: "test.txt", format: "text" },
    ingestedAt: "2025-11-09T00:00:00.000Z",
    ...overrides,
  };
}
