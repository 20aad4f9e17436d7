/**
 * The Redis store beyond the shared contract: key layout, prefixes that keep deployments (and
 * parallel test runs) apart, namespaces that iterate and clear alone, errors that are thrown.
 * Needs REDIS_URL (CI starts redis-server); every test uses its own key prefix and removes it.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createArticleRepo } from "../../../src/store/article-repo.js";
import { openStore } from "../../../src/store/keyv-store.js";
import { openRedisStore, type RedisStore, validateKeyPrefix } from "../../../src/store/redis-store.js";
import { makeArticle } from "../../helpers/articles.js";

const REDIS_URL = process.env.REDIS_URL;
const opened: { store: RedisStore; prefix: string }[] = [];

async function open(prefix = `test:store:${process.pid}-${randomUUID().slice(0, 8)}`): Promise<RedisStore> {
  const store = await openRedisStore(REDIS_URL ?? "", { keyPrefix: prefix, onError: () => {} });
  opened.push({ store, prefix });
  return store;
}

afterEach(async () => {
  for (const { store, prefix } of opened.splice(0)) {
    const keys: string[] = [];
    for await (const batch of store.client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 }))
      keys.push(...batch);
    if (keys.length > 0) await store.client.del(keys);
    await store.close();
  }
});

describe("redis key prefixes", () => {
  it("accepts plain and colon-separated prefixes and refuses globs, '::' and trailing colons", () => {
    expect(validateKeyPrefix("briefly")).toBe("briefly");
    expect(validateKeyPrefix("briefly:staging-2")).toBe("briefly:staging-2");
    for (const bad of ["", "a::b", "a:", "a*", "a?b", "a[b]", "has space"]) {
      expect(() => validateKeyPrefix(bad)).toThrow(/not allowed/);
    }
  });
});

describe.skipIf(!REDIS_URL)("redis store (needs REDIS_URL)", () => {
  it("lays keys out as <prefix>:<namespace>::<key>", async () => {
    const store = await open(`test:layout:${randomUUID().slice(0, 8)}`);
    await store.kv("articles").set("a1", { x: 1 });
    expect(store.kind).toBe("redis");
    expect(await store.client.exists(`${store.keyPrefix}:articles::a1`)).toBe(1);
    expect(store.location).toContain(`${store.keyPrefix}:*`);
  });

  it("keeps two prefixes apart: neither lists nor clears the other's keys", async () => {
    const one = await open();
    const two = await open();
    await createArticleRepo(one).putMany([makeArticle({ id: "mine" })]);
    await createArticleRepo(two).putMany([makeArticle({ id: "theirs" })]);
    const ids: string[] = [];
    for await (const a of createArticleRepo(one).all()) ids.push(a.id);
    expect(ids).toEqual(["mine"]);
    await two.kv("articles").clear();
    expect((await createArticleRepo(one).get("mine"))?.id).toBe("mine");
    expect(await createArticleRepo(two).get("theirs")).toBeUndefined();
    // The fingerprints namespace of the cleared store is untouched too.
    const prints: string[] = [];
    for await (const p of createArticleRepo(two).fingerprints()) prints.push(p.id);
    expect(prints).toEqual(["theirs"]);
  });

  it("iterates every key of a namespace exactly once across many SCAN pages", async () => {
    const store = await open();
    const articles = Array.from({ length: 1234 }, (_, i) => makeArticle({ id: `n${i}` }));
    await createArticleRepo(store).putMany(articles);
    await store.kv("ledger").set("n1", "not an article");
    const seen = new Map<string, number>();
    for await (const a of createArticleRepo(store).all()) seen.set(a.id, (seen.get(a.id) ?? 0) + 1);
    expect(seen.size).toBe(1234);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it("inserts only missing entries, readable through Keyv like any other", async () => {
    const store = await open();
    await store.kv("ledger").set("job:a", { state: "sent" });
    const written = await store.insertMissing("ledger", [
      { key: "job:a", value: { state: "due" } },
      { key: "job:b", value: { state: "due", chatId: 5 } },
    ]);
    expect(written).toEqual([false, true]);
    expect(await store.kv("ledger").get("job:a")).toEqual({ state: "sent" });
    expect(await store.kv("ledger").get("job:b")).toEqual({ state: "due", chatId: 5 });
    const racing = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        store.insertMissing("ledger", [{ key: "job:c", value: { by: i } }]),
      ),
    );
    expect(racing.flat().filter(Boolean)).toHaveLength(1);
  });

  it("throws a store error instead of answering 'missing'", async () => {
    const store = await open();
    // A hash where Keyv expects a string: Redis answers WRONGTYPE.
    await store.client.hSet(`${store.keyPrefix}:ledger::job:x`, "f", "v");
    await expect(store.kv("ledger").get("job:x")).rejects.toThrow(/WRONGTYPE/);
  });

  it("goes through openStore with STORE_URL and keyPrefix, and closes idempotently", async () => {
    const keyPrefix = `test:open:${randomUUID().slice(0, 8)}`;
    const store = await openStore({
      dataDir: "/nonexistent",
      storeUrl: REDIS_URL,
      keyPrefix,
      onError: () => {},
    });
    await store.kv("meta").set("store", { ok: true });
    expect(await store.kv("meta").get("store")).toEqual({ ok: true });
    await store.kv("meta").clear();
    await store.close();
    await store.close();
    expect(() => store.kv("meta")).toThrow(/closed/);
  });
});

describe("redis store connection errors", () => {
  it("rejects with the redacted URL and what to check when nothing listens", async () => {
    await expect(openRedisStore("redis://user:secret@127.0.0.1:1", { onError: () => {} })).rejects.toThrow(
      /Cannot connect to Redis at redis:\/\/\*\*\*@127\.0\.0\.1:1.*redis-server is running/,
    );
  });
});
