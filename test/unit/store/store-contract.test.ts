/**
 * One contract suite run against every store backend: the embedded SQLite file always,
 * Redis when REDIS_URL is set (CI starts redis-server for it).
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticleRepo } from "../../../src/store/article-repo.js";
import { type Namespace, openStore, type Store } from "../../../src/store/keyv-store.js";
import { createMetaRepo } from "../../../src/store/meta-repo.js";
import { makeArticle } from "../../helpers/articles.js";
import { tmpDir } from "../../helpers/tmp.js";

const NAMESPACES: Namespace[] = [
  "articles",
  "fingerprints",
  "meta",
  "subscriptions",
  "ledger",
  "sessions",
  "claims",
];

const backends: { name: string; open: (dir: string) => Promise<Store> }[] = [
  { name: "sqlite (DATA_DIR)", open: (dir) => openStore({ dataDir: dir }) },
  {
    name: "sqlite (STORE_URL)",
    open: (dir) => openStore({ dataDir: "/nonexistent", storeUrl: `sqlite://${dir}/other.sqlite` }),
  },
];
const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  backends.push({
    name: "redis",
    open: async () => {
      // A fresh key prefix per test: parallel runs never meet, and closing removes what we wrote.
      const keyPrefix = `test:contract:${process.pid}-${randomUUID().slice(0, 8)}`;
      const store = await openStore({ dataDir: "/nonexistent", storeUrl: redisUrl, keyPrefix });
      return {
        ...store,
        kv: store.kv.bind(store),
        async close() {
          for (const ns of NAMESPACES) await store.kv(ns).clear();
          await store.close();
        },
      };
    },
  });
}

if (!redisUrl) {
  describe("store contract: redis", () => {
    it.skip("skipped: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run the contract against Redis", () => {});
  });
}

describe.each(backends)("store contract: $name", ({ open }) => {
  let store: Store;
  let cleanup: () => void;
  let dir: string;

  beforeEach(async () => {
    ({ dir, cleanup } = tmpDir());
    store = await open(dir);
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it("stores, reads back and lists articles with their fingerprints", async () => {
    const repo = createArticleRepo(store);
    const articles = Array.from({ length: 25 }, (_, i) => makeArticle({ id: `a${i}`, contentHash: `h${i}` }));
    await repo.putMany(articles);
    expect(await repo.get("a3")).toEqual(articles[3]);
    expect((await repo.getMany(["a7", "missing", "a1"])).map((a) => a.id)).toEqual(["a7", "a1"]);
    const listed: string[] = [];
    for await (const a of repo.all()) listed.push(a.id);
    expect(listed.sort()).toEqual(articles.map((a) => a.id).sort());
    const prints: string[] = [];
    for await (const p of repo.fingerprints()) prints.push(`${p.id}:${p.contentHash}`);
    expect(prints).toHaveLength(25);
    expect(prints).toContain("a9:h9");
  });

  it("replaces an article under the same id and deletes it", async () => {
    const repo = createArticleRepo(store);
    await repo.putMany([makeArticle({ id: "x", title: "Old" })]);
    await repo.putMany([makeArticle({ id: "x", title: "New" })]);
    expect((await repo.get("x"))?.title).toBe("New");
    await repo.delete("x");
    expect(await repo.get("x")).toBeUndefined();
    const left: string[] = [];
    for await (const p of repo.fingerprints()) left.push(p.id);
    expect(left).toEqual([]);
  });

  it("keeps namespaces apart", async () => {
    const repo = createArticleRepo(store);
    const meta = createMetaRepo(store);
    await repo.putMany([makeArticle({ id: "store" })]);
    expect(await meta.get()).toEqual({ articleCount: 0, changeStamp: 0, lastIngest: null });
    await meta.put({ articleCount: 1, changeStamp: 3, lastIngest: null });
    expect((await meta.get()).changeStamp).toBe(3);
    expect((await repo.get("store"))?.id).toBe("store");
  });

  it("commits a transaction's writes together, and on SQLite rolls all of them back on failure", async () => {
    const kv = store.kv<number>("articles");
    await store.transaction("articles", async () => {
      await kv.set("t1", 1);
      await kv.set("t2", 2);
    });
    expect([await kv.get("t1"), await kv.get("t2")]).toEqual([1, 2]);
    if (store.kind !== "sqlite") return;
    await expect(
      store.transaction("articles", async () => {
        await kv.set("t3", 3);
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await kv.get("t3")).toBeUndefined();
    // The connection is usable again afterwards.
    await store.transaction("articles", () => kv.set("t4", 4));
    expect(await kv.get("t4")).toBe(4);
  });

  it("clears one namespace without touching the others, and lists each apart", async () => {
    const repo = createArticleRepo(store);
    await repo.putMany([makeArticle({ id: "kept" })]);
    await store.kv("ledger").set("job:1", { n: 1 });
    await store.kv("ledger").set("job:2", { n: 2 });
    await store.kv("sessions").set("job:1", { s: true });
    await store.kv("sessions").clear();
    expect(await store.kv("sessions").get("job:1")).toBeUndefined();
    expect(await store.kv("ledger").get("job:1")).toEqual({ n: 1 });
    expect((await repo.get("kept"))?.id).toBe("kept");
    const ledgerKeys: string[] = [];
    for await (const [key] of store.kv("ledger").iterator!(undefined)) ledgerKeys.push(key as string);
    expect(ledgerKeys.sort()).toEqual(["job:1", "job:2"]);
    const articleKeys: string[] = [];
    for await (const [key] of store.kv("articles").iterator!(undefined)) articleKeys.push(key as string);
    expect(articleKeys).toEqual(["kept"]);
  });

  it("keeps text exactly: curly quotes, Arabic, emoji, HTML-looking text", async () => {
    const repo = createArticleRepo(store);
    const title = "“Türkiye” — al-Sharaa <b>&amp; 🚀 غزة";
    await repo.putMany([makeArticle({ id: "t", title })]);
    expect((await repo.get("t"))?.title).toBe(title);
  });
});

describe("store persistence", () => {
  it("survives close and reopen of the embedded file", async () => {
    const { dir, cleanup } = tmpDir();
    try {
      const first = await openStore({ dataDir: dir });
      await createArticleRepo(first).putMany([makeArticle({ id: "kept" })]);
      await first.close();
      const second = await openStore({ dataDir: dir });
      expect((await createArticleRepo(second).get("kept"))?.id).toBe("kept");
      await second.close();
    } finally {
      cleanup();
    }
  });

  it("names the path when the store cannot be opened", async () => {
    await expect(
      openStore({ dataDir: "/x", storeUrl: "sqlite:///nonexistent-dir/deep/store.sqlite" }),
    ).rejects.toThrow(/nonexistent-dir/);
  });
});
