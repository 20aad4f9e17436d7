/**
 * Digest delivery by two instances on one Redis, end to end: real HTTP to the local fake Bot API,
 * a Redis store (each instance its own connection), Redis claims, real timers. Both instances
 * run the same tick at once (the worst case: no run coordinator), and each subscriber still gets
 * exactly one digest; an instance that dies mid-run leaves claims that expire, and the other
 * finishes its digests. In-process instances keep it fast; test/e2e/cluster.test.ts runs real processes.
 * Needs REDIS_URL; every test uses its own key prefix and removes it.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryService } from "../../src/digest/deliver.js";
import { createFetchSendPort } from "../../src/digest/fetch-send.js";
import { createDigestTicker } from "../../src/digest/run.js";
import { type SendPort, silentLogger } from "../../src/digest/types.js";
import type { Article } from "../../src/domain/article.js";
import { createDeliveryLedger } from "../../src/store/delivery-ledger.js";
import { createRedisClaimStore } from "../../src/store/redis-claims.js";
import { openRedisStore, type RedisStore } from "../../src/store/redis-store.js";
import { createSubscriptionRepo } from "../../src/store/subscription-repo.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { deleteKeysUnder } from "../helpers/redis.js";
import { makeSub, pinnedClock, seedArticles } from "../unit/digest/fixtures.js";

const REDIS_URL = process.env.REDIS_URL;
const DUE = Date.parse("2026-11-26T06:30:00.000Z");
const SEED = seedArticles("2026-11-26T06:00:00.000Z");
const articles = async (since: Date): Promise<Article[]> =>
  SEED.filter((a) => Date.parse(a.ingestedAt) > since.getTime());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ api: FakeBotApi; keyPrefix: string }> {
  const api = await startFakeBotApi();
  const keyPrefix = `test:e2e-digest:${process.pid}-${randomUUID().slice(0, 8)}`;
  cleanups.push(() => api.close());
  return { api, keyPrefix };
}

/** One bot instance: its own Redis connection, claims and owner over the shared keys. */
async function botInstance(keyPrefix: string, send: SendPort, owner: string, leaseMs: number) {
  const store: RedisStore = await openRedisStore(REDIS_URL ?? "", { keyPrefix, onError: () => {} });
  cleanups.push(async () => {
    await deleteKeysUnder(store.client, keyPrefix);
    await store.close();
  });
  const subs = createSubscriptionRepo(store.kv("subscriptions"));
  const ledger = createDeliveryLedger({
    kv: store.kv("ledger"),
    claims: createRedisClaimStore(store.client, `${keyPrefix}:claim`),
  });
  const clock = pinnedClock("2026-11-26T06:30:00.050Z");
  const delivery = createDeliveryService({
    ledger,
    send,
    subs,
    clock,
    logger: silentLogger,
    pace: { perSecond: 400, perChatPerSecond: 1 },
    concurrency: 16,
    owner,
    leaseMs,
  });
  const ticker = createDigestTicker({ clock, subs, articles, ledger, delivery, graceMinutes: 60 });
  return { subs, ledger, ticker };
}

const messagesPerChat = (api: FakeBotApi, chats: number[]) => chats.map((c) => api.messages(c).length);

describe.skipIf(!REDIS_URL)("digest delivery by two instances on Redis (needs REDIS_URL)", () => {
  it("1,000 due subscribers, both instances ticking at once: exactly one digest each", {
    timeout: 60_000,
  }, async () => {
    const { api, keyPrefix } = await setup();
    const one = await botInstance(keyPrefix, createFetchSendPort(api), "i1", 60_000);
    const two = await botInstance(keyPrefix, createFetchSendPort(api), "i2", 60_000);
    const chats = Array.from({ length: 1000 }, (_, i) => 10_000 + i);
    await Promise.all(
      chats.map((chatId) => one.subs.put(makeSub({ chatId, time: "07:30", timezone: "Europe/Berlin" }))),
    );
    await one.ledger.setCursor(new Date(DUE - 60_000));

    const [a, b] = await Promise.all([one.ticker.tick(), two.ticker.tick()]);
    expect(messagesPerChat(api, chats).filter((n) => n !== 1)).toEqual([]);
    expect(a.sent + b.sent).toBe(1000);
    // Both did part of the work; what one sent, the other found claimed or final.
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    const entries = await two.ledger.getMany(chats.map((c) => two.ledger.jobId(c, new Date(DUE))));
    expect(entries.filter((e) => e?.state === "sent")).toHaveLength(1000);
  });

  it("an instance dies mid-run: its claims expire and the other finishes, one digest each", async () => {
    const { api, keyPrefix } = await setup();
    const real = createFetchSendPort(api);
    let allowed = 30;
    // The dying instance's sends stop returning after 30 digests, as if the process was killed.
    const dying: SendPort = (chatId, message) =>
      allowed-- > 0 ? real(chatId, message) : new Promise(() => {});
    const lease = 1500;
    const doomed = await botInstance(keyPrefix, dying, "doomed", lease);
    const survivor = await botInstance(keyPrefix, real, "survivor", lease);
    const chats = Array.from({ length: 200 }, (_, i) => 20_000 + i);
    await Promise.all(
      chats.map((chatId) => doomed.subs.put(makeSub({ chatId, time: "07:30", timezone: "Europe/Berlin" }))),
    );
    await doomed.ledger.setCursor(new Date(DUE - 60_000));

    void doomed.ticker.tick();
    await api.waitFor((x) => x.calls.filter((c) => c.method === "sendMessage").length >= 30, 10_000);
    // The doomed instance still holds the claims of its stuck sends (up to its concurrency, 16):
    // the survivor leaves them (unfinished) until their lease runs out, then takes them over.
    await survivor.ticker.tick();
    await sleep(lease + 500);
    const last = await survivor.ticker.tick();
    expect(last.unfinished).toBe(0);
    expect(messagesPerChat(api, chats).filter((n) => n !== 1)).toEqual([]);
    const entries = await survivor.ledger.getMany(chats.map((c) => survivor.ledger.jobId(c, new Date(DUE))));
    expect(entries.filter((e) => e?.state === "sent")).toHaveLength(200);
    const takenOver = entries.filter((e) => e?.owner === "survivor" && e.attempts === 2);
    expect(takenOver.length).toBeGreaterThan(0);
    expect(takenOver.length).toBeLessThanOrEqual(16);
  });
});
