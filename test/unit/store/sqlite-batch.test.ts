/**
 * The embedded store's batching adapter and fast codec: same rows and same text as plain
 * @keyv/sqlite with Keyv's default serialiser, so stores written before and after read alike.
 */
import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import fc from "fast-check";
import Keyv from "keyv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createArticleRepo } from "../../../src/store/article-repo.js";
import { openStore, STORE_FILE, type Store } from "../../../src/store/keyv-store.js";
import { BatchingKeyvSqlite, deserializeJson, serializeJson } from "../../../src/store/sqlite-batch.js";
import { makeArticle } from "../../helpers/articles.js";
import { tmpDir } from "../../helpers/tmp.js";

// Keyv's own codec, as every Keyv without options uses it.
const keyvDefaults = new Keyv().opts;
const defaultSerialize = keyvDefaults.serialize!;
const defaultDeserialize = keyvDefaults.deserialize!;

describe("serializeJson / deserializeJson", () => {
  const colonish = fc.oneof(fc.string(), fc.constantFrom(":", "::x", ":base", "a:b", '":', "[", ",", '[":'));
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      colonish,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 5 }),
      fc.dictionary(colonish, tie("value"), { maxKeys: 5 }),
    ),
  })).value;

  it("writes exactly what Keyv's default serialiser writes, and reads it back the same", async () => {
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        const data = { value, expires: undefined };
        const text = serializeJson(data);
        expect(text).toBe(await defaultSerialize(data));
        expect(deserializeJson(text)).toEqual(await defaultDeserialize(text));
      }),
      { numRuns: 400 },
    );
  });

  it("escapes strings that start with a colon, only those", () => {
    const data = { value: { a: ":x", b: ["::y", "z:"], ":key": "plain" } };
    expect(serializeJson(data)).toBe('{"value":{"a":"::x","b":[":::y","z:"],":key":"plain"}}');
    expect(deserializeJson(serializeJson(data))).toEqual(data);
  });
});

describe("BatchingKeyvSqlite", () => {
  let dir: string;
  let cleanup: () => void;
  let adapter: BatchingKeyvSqlite;

  beforeEach(() => {
    ({ dir, cleanup } = tmpDir());
    adapter = new BatchingKeyvSqlite({
      uri: `sqlite://${path.join(dir, "t.sqlite")}`,
      table: "t",
      iterationLimit: 7,
    });
  });
  afterEach(async () => {
    await adapter.disconnect();
    cleanup();
  });

  it("writes many rows in chunks, a repeated key keeping its last value, like one set per row", async () => {
    const entries = Array.from({ length: 600 }, (_, i) => ({ key: `k${i % 550}`, value: `v${i}` }));
    expect(await adapter.setMany(entries)).toHaveLength(600);
    const plain = new KeyvSqlite({ uri: `sqlite://${path.join(dir, "t.sqlite")}`, table: "t" });
    expect(await plain.get("k3")).toBe("v553");
    expect(await plain.get("k549")).toBe("v549");
    expect(await adapter.getMany(["k10", "missing", "k1"])).toEqual(["v560", undefined, "v551"]);
    await plain.disconnect();
  });

  it("iterates every row once in insertion order, page by page, even while rows are deleted", async () => {
    await adapter.setMany(Array.from({ length: 30 }, (_, i) => ({ key: `ns:${i}`, value: String(i) })));
    await adapter.set("other:1", "x");
    const seen: string[] = [];
    for await (const [key] of adapter.iterator("ns")) {
      seen.push(key as string);
      if (key === "ns:3") await adapter.delete("ns:20");
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `ns:${i}`).filter((k) => k !== "ns:20"));
  });
});

describe("the article repository on the batching store", () => {
  let store: Store;
  let dir: string;
  let cleanup: () => void;

  beforeEach(async () => {
    ({ dir, cleanup } = tmpDir());
    store = await openStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    cleanup();
  });

  it("stores rows a plain Keyv over @keyv/sqlite reads, and reads what it wrote", async () => {
    const articles = Array.from({ length: 700 }, (_, i) =>
      makeArticle({ id: `a${i}`, title: i === 5 ? ":colon title" : `T${i}`, summary: [":x", "y"] }),
    );
    await createArticleRepo(store).putMany(articles);
    const plain = new Keyv({
      store: new KeyvSqlite({ uri: `sqlite://${path.join(dir, STORE_FILE)}`, table: "articles" }),
      namespace: "articles",
    });
    expect(await plain.get("a5")).toEqual(articles[5]);
    await plain.set("written-by-plain", makeArticle({ id: "written-by-plain", title: "::two" }));
    expect((await createArticleRepo(store).get("written-by-plain"))?.title).toBe("::two");
    await plain.disconnect();
    let n = 0;
    for await (const a of createArticleRepo(store).all()) if (a.id.startsWith("a")) n++;
    expect(n).toBe(700);
  });

  it("fails putMany when the store refuses the write (Keyv only reports it), writing nothing", async () => {
    const repo = createArticleRepo(store);
    await repo.putMany([makeArticle({ id: "before" })]);
    const adapter = store.kv("articles").opts.store as KeyvSqlite;
    await adapter.query(
      "CREATE TRIGGER refuse BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expect(repo.putMany([makeArticle({ id: "lost" }), makeArticle({ id: "lost2" })])).rejects.toThrow(
      /did not accept/,
    );
    expect(await repo.get("lost")).toBeUndefined();
    const prints: string[] = [];
    for await (const p of repo.fingerprints()) prints.push(p.id);
    expect(prints).toEqual(["before"]);
  });
});
