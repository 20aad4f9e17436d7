/**
 * Digest delivery end to end: real HTTP to the local fake Bot API (rate-limited to 30 messages a
 * second and 1 a second per chat), a real SQLite store, real timers for pacing. The clock is a
 * pinned instant plus monotonic elapsed time, so no test reads the wall clock.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryService } from "../../src/digest/deliver.js";
import { createFetchSendPort } from "../../src/digest/fetch-send.js";
import { createDigestTicker } from "../../src/digest/run.js";
import { type SendPort, silentLogger } from "../../src/digest/types.js";
import type { Article } from "../../src/domain/article.js";
import { createDeliveryLedger } from "../../src/store/delivery-ledger.js";
import { createLocalClaimStore } from "../../src/store/digest-claims.js";
import { openStore, type Store } from "../../src/store/keyv-store.js";
import { createSubscriptionRepo } from "../../src/store/subscription-repo.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { tmpDir } from "../helpers/tmp.js";
import { makeSub, pinnedClock, seedArticles } from "../unit/digest/fixtures.js";

const DUE = Date.parse("2026-11-26T06:30:00.000Z");
const SEED = seedArticles("2026-11-26T06:00:00.000Z");
const articles = async (since: Date): Promise<Article[]> =>
  SEED.filter((a) => Date.parse(a.ingestedAt) > since.getTime());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(): Promise<{ api: FakeBotApi; dataDir: string }> {
  const api = await startFakeBotApi({ rateLimit: { perSecond: 30, perChatPerSecond: 1 } });
  const tmp = tmpDir("briefly-digest-e2e-");
  cleanups.push(
    () => api.close(),
    () => tmp.cleanup(),
  );
  return { api, dataDir: tmp.dir };
}

/** One bot process: its own store handle, claim store and owner over the shared SQLite file. */
async function botProcess(dataDir: string, send: SendPort, owner: string, clock: () => Date) {
  const store: Store = await openStore({ dataDir });
  cleanups.push(() => store.close());
  const subs = createSubscriptionRepo(store.kv("subscriptions"));
  const ledger = createDeliveryLedger({
    kv: store.kv("ledger"),
    claims: createLocalClaimStore(store.kv("claims")),
  });
  const delivery = createDeliveryService({
    ledger,
    send,
    subs,
    clock,
    logger: silentLogger,
    pace: { perSecond: 30, perChatPerSecond: 1 },
    concurrency: 8,
    owner,
    leaseMs: 60_000,
  });
  const ticker = createDigestTicker({ clock, subs, articles, ledger, delivery, graceMinutes: 60 });
  return { subs, ledger, ticker };
}

const messagesPerChat = (api: FakeBotApi, chats: number[]) => chats.map((c) => api.messages(c).length);

describe("digest delivery over HTTP", () => {
  it("every due subscriber gets exactly one digest; blocked chats are paused; a migrated group is followed", async () => {
    const { api, dataDir } = await start();
    const bot = await botProcess(
      dataDir,
      createFetchSendPort(api),
      "p1",
      pinnedClock("2026-11-26T06:30:00.050Z"),
    );
    const chats = Array.from({ length: 40 }, (_, i) => 5000 + i);
    for (const chatId of [...chats, 666, -100]) {
      await bot.subs.put(makeSub({ chatId, time: "07:30", timezone: "Europe/Berlin" }));
    }
    api.blockChat(666);
    api.migrateChat(-100, -1007);
    await bot.ledger.setCursor(new Date(DUE - 60_000));

    const result = await bot.ticker.tick();
    expect(result).toMatchObject({ due: 42, sent: 41, failed: 1, paused: 1, migrated: 1, unfinished: 0 });
    expect(messagesPerChat(api, chats)).toEqual(chats.map(() => 1));
    expect(api.messages(-1007)).toHaveLength(1);
    expect(api.messages(-1007)[0]!.text).toContain("<b>Your news digest</b>");
    expect(api.messages(666)).toHaveLength(0);
    expect(await bot.subs.get(666)).toMatchObject({
      active: false,
      pausedReason: "403: Forbidden: bot was blocked by the user",
    });
    expect(await bot.subs.get(-1007)).toMatchObject({ chatId: -1007, lastDigestAt: expect.any(String) });
    // Paced to the limit; the rare 429 (timing jitter) was waited out and counted, none left unhandled.
    const limited = api.calls.filter((c) => c.method === "sendMessage" && c.status === 429);
    expect(result.rateLimited).toBe(limited.length);
    expect(limited.length).toBeLessThanOrEqual(2);

    // The same window again (a tick fired twice): nothing more is sent.
    await bot.ledger.setCursor(new Date(DUE - 60_000));
    // (The migrated group is now due under its new id, which the ledger also knows as sent.)
    expect(await bot.ticker.tick()).toMatchObject({ due: 41, sent: 0, alreadyDone: 41, empty: 0 });
    expect(messagesPerChat(api, chats)).toEqual(chats.map(() => 1));
  });

  it("a process killed mid-run: after restart every subscriber still ends with exactly one digest", async () => {
    const { api, dataDir } = await start();
    const chats = Array.from({ length: 60 }, (_, i) => 7000 + i);
    const real = createFetchSendPort(api);
    let allowed = 20;
    // The first process dies after 20 digests: its later sendMessage calls never return.
    const dying: SendPort = (chatId, message) =>
      allowed-- > 0 ? real(chatId, message) : new Promise(() => {});
    const first = await botProcess(dataDir, dying, "p1", pinnedClock("2026-11-26T06:30:00.050Z"));
    for (const chatId of chats)
      await first.subs.put(makeSub({ chatId, time: "07:30", timezone: "Europe/Berlin" }));
    await first.ledger.setCursor(new Date(DUE - 60_000));
    void first.ticker.tick();
    await api.waitFor(
      (a) => a.calls.filter((c) => c.method === "sendMessage" && c.status === 200).length >= 20,
      10_000,
    );

    // Restarted three minutes later (past the 1-minute lease) with a fresh process over the same file.
    const second = await botProcess(dataDir, real, "p2", pinnedClock("2026-11-26T06:33:00.000Z"));
    const result = await second.ticker.tick();
    expect(result.sent).toBe(40);
    expect(result.late).toBe(40);
    expect(result.alreadyDone).toBe(20);
    expect(messagesPerChat(api, chats)).toEqual(chats.map(() => 1));
    const counts = await second.ledger.dayCounts(new Date(DUE));
    expect(counts).toMatchObject({ sent: 60, late: 40, failed: 0 });
  });
});
