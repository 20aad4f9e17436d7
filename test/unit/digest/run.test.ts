import Keyv from "keyv";
import { describe, expect, it } from "vitest";
import { createDeliveryService } from "../../../src/digest/deliver.js";
import { createDigestTicker, runDigestTick } from "../../../src/digest/run.js";
import { type SendPort, silentLogger } from "../../../src/digest/types.js";
import type { Article } from "../../../src/domain/article.js";
import { createDeliveryLedger } from "../../../src/store/delivery-ledger.js";
import { createLocalClaimStore } from "../../../src/store/digest-claims.js";
import { createSubscriptionRepo } from "../../../src/store/subscription-repo.js";
import { createFakeSend } from "./fake-send.js";
import { makeSub, memoryStores, seedArticles } from "./fixtures.js";
import { createVirtualTime } from "./virtual-time.js";

/** The seed arrived at 06:00 UTC on 2026-11-26; the Berlin readers want it at 07:30 local (06:30 UTC). */
const SEED = seedArticles("2026-11-26T06:00:00.000Z");
const articles = async (since: Date): Promise<Article[]> =>
  SEED.filter((a) => Date.parse(a.ingestedAt) > since.getTime());

function setup(start: string) {
  const vt = createVirtualTime(start);
  const stores = memoryStores();
  const port = createFakeSend(vt.clock);
  const delivery = createDeliveryService({
    ledger: stores.ledger,
    send: port.send,
    subs: stores.subs,
    clock: vt.clock,
    logger: silentLogger,
    pace: { perSecond: 30, perChatPerSecond: 1 },
    concurrency: 4,
    sleep: vt.sleep,
    owner: "proc-1",
  });
  const tick = (now: string, lastTickAt: string | null) => {
    vt.set(now);
    return vt.run(
      runDigestTick({
        now: new Date(now),
        lastTickAt: lastTickAt ? new Date(lastTickAt) : null,
        subs: stores.subs,
        articles,
        ledger: stores.ledger,
        delivery,
        graceMinutes: 60,
      }),
    );
  };
  return { vt, port, delivery, tick, ...stores };
}

async function addSubscribers(subs: ReturnType<typeof memoryStores>["subs"]) {
  await subs.put(makeSub({ chatId: 1, time: "07:30", timezone: "Europe/Berlin" }));
  await subs.put(makeSub({ chatId: 2, time: "07:30", timezone: "Europe/Berlin", topics: ["hamas"] }));
  await subs.put(makeSub({ chatId: 3, time: "07:30", timezone: "Europe/Berlin", topics: ["ukraine"] }));
  await subs.put(makeSub({ chatId: 4, time: "12:00", timezone: "Asia/Kolkata" }));
}

describe("runDigestTick", () => {
  it("sends each due reader one digest of their stories; nothing-new readers get no message", async () => {
    const { tick, port, subs, ledger } = setup("2026-11-26T06:30:00.200Z");
    await addSubscribers(subs);
    const result = await tick("2026-11-26T06:30:00.200Z", "2026-11-26T06:29:00.200Z");
    // 07:30 in Berlin and 12:00 in Kolkata are both 06:30 UTC.
    expect(result).toMatchObject({ due: 4, sent: 3, empty: 1, late: 0, failed: 0, unfinished: 0 });
    expect(port.sent.map((s) => s.chatId).sort()).toEqual([1, 2, 4]);
    const forHamas = port.sent.find((s) => s.chatId === 2)!.message;
    expect(forHamas.parseMode).toBe("HTML");
    expect(forHamas.text).toContain("<u><b>Hamas</b></u>");
    expect(forHamas.text).not.toContain("Putin");
    expect(forHamas.buttons?.flat().map((b) => b.data)).toEqual(["article:seed-3", "article:seed-4"]);
    expect((await subs.get(1))?.lastDigestAt).toBe("2026-11-26T06:30:00.200Z");
    expect((await subs.get(3))?.lastDigestAt).toBeNull();
    expect((await ledger.get(ledger.jobId(3, new Date("2026-11-26T06:30:00Z"))))?.state).toBe("skipped");
  });

  it("the same window twice sends nothing the second time", async () => {
    const { tick, port, subs } = setup("2026-11-26T06:30:00.200Z");
    await addSubscribers(subs);
    await tick("2026-11-26T06:30:00.200Z", "2026-11-26T06:29:00.200Z");
    const second = await tick("2026-11-26T06:30:00.900Z", "2026-11-26T06:29:00.200Z");
    expect(second).toMatchObject({ due: 4, alreadyDone: 4, sent: 0 });
    expect(port.sent).toHaveLength(3);
  });

  it("a tick that fires late covers the gap and marks those digests late", async () => {
    const { tick, port, subs, ledger } = setup("2026-11-26T07:00:00Z");
    await addSubscribers(subs);
    const result = await tick("2026-11-26T07:00:00.000Z", "2026-11-26T06:00:00.000Z");
    expect(result).toMatchObject({ due: 4, sent: 3, late: 3 });
    expect(port.sent.map((s) => s.chatId).sort()).toEqual([1, 2, 4]);
    expect(await ledger.get(ledger.jobId(4, new Date("2026-11-26T06:30:00Z")))).toMatchObject({
      state: "sent",
      late: true,
    });
    expect(await ledger.dayCounts(new Date("2026-11-26T12:00:00Z"))).toEqual({
      sent: 3,
      late: 3,
      failed: 0,
      skipped: 1,
    });
  });

  it("after a restart (no cursor) only digests within the grace window go out", async () => {
    const { tick, port, subs } = setup("2026-11-26T07:45:00Z");
    await addSubscribers(subs);
    await subs.put(makeSub({ chatId: 5, time: "06:50", timezone: "UTC" }));
    const result = await tick("2026-11-26T07:45:00.000Z", null);
    // grace 60 min: 06:50 (chat 5) is in, 06:30 (Berlin 07:30, Kolkata 12:00) is out.
    expect(result.window.from.toISOString()).toBe("2026-11-26T06:45:00.000Z");
    expect(port.sent.map((s) => s.chatId)).toEqual([5]);
    expect(result.late).toBe(1);
  });

  it("a crash between claim and send: the digest is sent once, late, by the next process", async () => {
    const vt = createVirtualTime("2026-11-26T06:30:00.200Z");
    const kv = { subscriptions: new Keyv(), ledger: new Keyv(), claims: new Keyv() };
    const subs = createSubscriptionRepo(kv.subscriptions);
    await subs.put(makeSub({ chatId: 1, time: "07:30", timezone: "Europe/Berlin" }));
    /** One process: its own in-process claim store and owner, over the shared (persistent) store. */
    const processOn = (send: SendPort, owner: string) => {
      const ledger = createDeliveryLedger({ kv: kv.ledger, claims: createLocalClaimStore(kv.claims) });
      const delivery = createDeliveryService({
        ledger,
        send,
        subs,
        clock: vt.clock,
        logger: silentLogger,
        pace: { perSecond: 30, perChatPerSecond: 1 },
        concurrency: 2,
        sleep: vt.sleep,
        owner,
        leaseMs: 5 * 60_000,
      });
      return {
        ledger,
        ticker: createDigestTicker({ clock: vt.clock, subs, articles, ledger, delivery, graceMinutes: 60 }),
      };
    };

    // Process 1 claims the digest and dies inside sendMessage (the call never returns).
    let reachedSend = false;
    const dead = processOn(() => {
      reachedSend = true;
      return new Promise(() => {});
    }, "proc-1");
    await dead.ledger.setCursor(new Date("2026-11-26T06:29:00.200Z"));
    void dead.ticker.tick();
    for (let i = 0; i < 20 && !reachedSend; i++) await vt.drain();
    expect(reachedSend).toBe(true);

    // Process 2 starts; while the dead claim's lease runs, the digest is held and the cursor stays.
    const port = createFakeSend(vt.clock);
    const alive = processOn(port.send, "proc-2");
    vt.set("2026-11-26T06:32:00.000Z");
    const held = await vt.run(alive.ticker.tick());
    expect(held).toMatchObject({ sent: 0, unfinished: 1 });
    expect((await alive.ledger.getCursor())?.toISOString()).toBe("2026-11-26T06:29:59.999Z");

    // After the lease: sent once, marked late; later ticks send nothing more.
    vt.set("2026-11-26T06:36:00.000Z");
    expect(await vt.run(alive.ticker.tick())).toMatchObject({ sent: 1, late: 1 });
    vt.set("2026-11-26T06:37:00.000Z");
    expect(await vt.run(alive.ticker.tick())).toMatchObject({ sent: 0, due: 0 });
    expect(port.sent.map((s) => s.chatId)).toEqual([1]);
    const entry = await alive.ledger.get(alive.ledger.jobId(1, new Date("2026-11-26T06:30:00Z")));
    expect(entry).toMatchObject({ state: "sent", late: true, attempts: 2, owner: "proc-2" });
  });
});
