/** Articles by id, and their compact fingerprints (for dedupe without loading bodies). */
import type Keyv from "keyv";
import type { Article } from "../domain/article.js";
import type { Store } from "./keyv-store.js";

/** What dedupe needs of an article, kept apart so a 100k-article scan stays small. */
export interface ArticleFingerprint {
  id: string;
  contentHash: string;
  simhash: string;
  /** Origin file of the stored version. */
  file: string;
}

/** Article storage. Ids are opaque; callers never build keys. */
export interface ArticleRepo {
  get(id: string): Promise<Article | undefined>;
  /** In the order of `ids`; missing ones are left out. */
  getMany(ids: readonly string[]): Promise<Article[]>;
  /** Insert or replace articles with their fingerprints. */
  putMany(articles: readonly Article[]): Promise<void>;
  delete(id: string): Promise<void>;
  /** Every stored article (order unspecified). */
  all(): AsyncIterable<Article>;
  /** Every stored fingerprint (order unspecified). */
  fingerprints(): AsyncIterable<ArticleFingerprint>;
}

/** Create the repository over the store's `articles` and `fingerprints` namespaces. */
export function createArticleRepo(store: Store): ArticleRepo {
  const articles: Keyv<Article> = store.kv<Article>("articles");
  const prints: Keyv<ArticleFingerprint> = store.kv<ArticleFingerprint>("fingerprints");
  return {
    get: (id) => articles.get(id),
    async getMany(ids) {
      if (ids.length === 0) return [];
      const found = await articles.getMany([...ids]);
      return found.filter((a): a is Article => a !== undefined && a !== null);
    },
    async putMany(list) {
      if (list.length === 0) return;
      // Articles first: a fingerprint without its article would hide the article from a re-ingest.
      await store.transaction("articles", async () =>
        refused(await articles.setMany(list.map((a) => ({ key: a.id, value: a })))),
      );
      await store.transaction("fingerprints", async () =>
        refused(
          await prints.setMany(
            list.map((a) => ({
              key: a.id,
              value: { id: a.id, contentHash: a.contentHash, simhash: a.simhash, file: a.origin.file },
            })),
          ),
        ),
      );
    },
    async delete(id) {
      await prints.delete(id);
      await articles.delete(id);
    },
    async *all() {
      for await (const [, value] of iterate(articles)) yield value;
    },
    async *fingerprints() {
      for await (const [, value] of iterate(prints)) yield value;
    },
  };
}

/**
 * Keyv reports a failed batch write as `false` results (it swallows the error): turn that into
 * an Error, so the transaction rolls back and the caller fails the file.
 */
function refused(results: unknown): void {
  if (Array.isArray(results) && results.some((ok) => ok === false))
    throw new Error("the store did not accept the write (see the store's error log)");
}

/** Keyv's iterator is optional on adapters; every adapter we support has it. */
function iterate<T>(kv: Keyv<T>): AsyncIterable<[string, T]> {
  if (!kv.iterator) throw new Error("This store backend cannot list its entries");
  return kv.iterator(undefined) as AsyncIterable<[string, T]>;
}
