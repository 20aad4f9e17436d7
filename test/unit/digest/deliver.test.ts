import { describe, expect, it } from "vitest";
import { createDeliveryService, type DeliveryJob, type PaceOptions } from "../../../src/digest/deliver.js";
import { silentLogger } from "../../../src/digest/types.js";
import { createFakeSend, telegramError } from "./fake-send.js";
import { makeSub, memoryStores } from "./fixtures.js";
import { createVirtualTime } from "./virtual-time.js";

const DUE = new Date("2026-11-26T06:30:00.000Z");
const COVERS = new Date("2026-11-26T06:30:00.500Z");

function setup(pace: Partial<PaceOptions> = {}, concurrency = 8) {
  const vt = createVirtualTime("2026-11-26T06:30:01.000Z");
  const stores = memoryStores();
  const port = createFakeSend(vt.clock);
  const delivery = createDeliveryService({
    ledger: stores.ledger,
    send: port.send,
    subs: stores.subs,
    clock: vt.clock,
    logger: silentLogger,
    pace: { perSecond: 30, perChatPerSecond: 1, ...pace },
    concurrency,
    sleep: vt.sleep,
    owner: "test",
  });
  const jobFor = (chatId: number, dueAt = DUE): DeliveryJob => ({
    id: stores.ledger.jobId(chatId, dueAt),
    chatId,
    dueAt,
    late: false,
    message: { text: `digest for ${chatId}`, parseMode: "HTML" },
    coversUntil: COVERS,
  });
  return { vt, port, delivery, jobFor, ...stores };
}

/** The most sends in any half-open window of `ms`. */
function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("delivery pacing", () => {
  it("never more than 30 a second overall, sustained near 30", async () => {
    const { vt, port, delivery, jobFor } = setup();
    const jobs = Array.from({ length: 90 }, (_, i) => jobFor(1000 + i));
    const report = await vt.run(delivery.deliver(jobs));
    expect(report.sent).toBe(90);
    const times = port.sent.map((s) => s.at);
    expect(busiest(times, 1000)).toBe(30);
    const span = Math.max(...times) - Math.min(...times);
    // Evenly spaced at the limit (1% margin): 89 gaps of ~33.7 ms.
    expect(span).toBeGreaterThanOrEqual(89 * (1000 / 30));
    expect(span).toBeLessThanOrEqual(89 * (1000 / 30) * 1.02);
    expect(new Set(port.sent.map((s) => s.chatId)).size).toBe(90);
  });

  it("at most one message a second to one chat", async () => {
    const { vt, port, delivery, jobFor } = setup();
    const jobs = [0, 1, 2].map((k) => jobFor(5, new Date(DUE.getTime() - k * 86_400_000)));
    await vt.run(delivery.deliver(jobs));
    const times = port.sent.map((s) => s.at).sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1000);
  });

  it("paid broadcasts raise the pace and set allow_paid_broadcast", async () => {
    const { vt, port, delivery, jobFor } = setup({ paidBroadcast: true, paidPerSecond: 100 });
    await vt.run(delivery.deliver(Array.from({ length: 200 }, (_, i) => jobFor(i + 1))));
    expect(
      busiest(
        port.sent.map((s) => s.at),
        1000,
      ),
    ).toBe(100);
    expect(port.sent.every((s) => s.message.allowPaidBroadcast === true)).toBe(true);
  });
});

describe("delivery: Telegram's answers", () => {
  it("429: waits retry_after, holds every sender back, then sends once", async () => {
    const { vt, port, delivery, jobFor, ledger } = setup();
    port.failNext(3, telegramError(429, "Too Many Requests: retry after 5", { retry_after: 5 }));
    const report = await vt.run(delivery.deliver([1, 2, 3, 4, 5, 6].map((c) => jobFor(c))));
    expect(report).toMatchObject({ sent: 6, rateLimited: 1, failed: 0 });
    const limitedAt = port.attempts.find((a) => a.chatId === 3)!.at;
    const retry = port.sent.find((s) => s.chatId === 3)!.at;
    expect(retry - limitedAt).toBeGreaterThanOrEqual(5000);
    // Nobody was sent to during the 5 seconds Telegram asked for.
    expect(port.sent.filter((s) => s.at > limitedAt && s.at < limitedAt + 5000)).toEqual([]);
    expect(port.sent.filter((s) => s.chatId === 3)).toHaveLength(1);
    expect((await ledger.get(jobFor(3).id))?.state).toBe("sent");
  });

  it("429 more often than the attempt budget: failed with the reason", async () => {
    const { vt, port, delivery, jobFor, ledger } = setup();
    const limited = telegramError(429, "Too Many Requests: retry after 1", { retry_after: 1 });
    port.failNext(3, limited, limited, limited, limited, limited);
    const report = await vt.run(delivery.deliver([jobFor(3)]));
    expect(report).toMatchObject({ sent: 0, failed: 1, rateLimited: 4 });
    expect(await ledger.get(jobFor(3).id)).toMatchObject({
      state: "failed",
      reason: "429: Too Many Requests: retry after 1",
    });
  });

  it("403 pauses the subscription with the reason and fails the job", async () => {
    const { vt, port, delivery, jobFor, subs, ledger } = setup();
    await subs.put(makeSub({ chatId: 9 }));
    port.block(9);
    const report = await vt.run(delivery.deliver([jobFor(9)]));
    expect(report).toMatchObject({ sent: 0, failed: 1, paused: 1 });
    expect(await subs.get(9)).toMatchObject({
      active: false,
      pausedReason: "403: Forbidden: bot was blocked by the user",
    });
    expect((await ledger.get(jobFor(9).id))?.state).toBe("failed");
  });

  it("a migrated group: the subscription is re-keyed and the digest goes to the new id", async () => {
    const { vt, port, delivery, jobFor, subs, ledger } = setup();
    await subs.put(makeSub({ chatId: -100, topics: ["gaza"] }));
    port.migrate(-100, -1009999);
    const report = await vt.run(delivery.deliver([jobFor(-100)]));
    expect(report).toMatchObject({ sent: 1, migrated: 1 });
    expect(port.sent.map((s) => s.chatId)).toEqual([-1009999]);
    expect(await subs.get(-100)).toBeUndefined();
    expect(await subs.get(-1009999)).toMatchObject({ topics: ["gaza"], lastDigestAt: COVERS.toISOString() });
    expect(await ledger.get(jobFor(-100).id)).toMatchObject({ state: "sent", sentTo: -1009999 });
    // The same due instant under the new id is known as sent, so no later window repeats it.
    expect(await ledger.get(ledger.jobId(-1009999, DUE))).toMatchObject({ state: "sent", sentTo: -1009999 });
  });

  it("other errors fail the job with the reason and leave the subscription alone", async () => {
    const { vt, port, delivery, jobFor, subs, ledger } = setup();
    await subs.put(makeSub({ chatId: 4 }));
    port.failNext(4, telegramError(400, "Bad Request: can't parse entities"));
    const report = await vt.run(delivery.deliver([jobFor(4)]));
    expect(report).toMatchObject({ sent: 0, failed: 1, paused: 0 });
    expect(await ledger.get(jobFor(4).id)).toMatchObject({
      reason: "400: Bad Request: can't parse entities",
    });
    expect(await subs.get(4)).toMatchObject({ active: true, lastDigestAt: null });
  });

  it("network errors and 5xx are retried with backoff", async () => {
    const { vt, port, delivery, jobFor } = setup();
    port.failNext(4, new Error("ECONNRESET"), telegramError(502, "Bad Gateway"));
    const report = await vt.run(delivery.deliver([jobFor(4)]));
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const times = port.attempts.map((a) => a.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2000);
  });

  it("a sent digest moves lastDigestAt and is final: delivering the job again sends nothing", async () => {
    const { vt, port, delivery, jobFor, subs } = setup();
    await subs.put(makeSub({ chatId: 2 }));
    await vt.run(delivery.deliver([jobFor(2)]));
    expect((await subs.get(2))?.lastDigestAt).toBe(COVERS.toISOString());
    const again = await vt.run(delivery.deliver([jobFor(2)]));
    expect(again).toMatchObject({ sent: 0, done: 1 });
    expect(port.sent).toHaveLength(1);
  });

  it("an aborted run starts no new sends and returns the rest as unfinished", async () => {
    const { vt, port, delivery, jobFor } = setup({}, 1);
    const abort = new AbortController();
    const run = delivery.deliver(
      [1, 2, 3, 4].map((c) => jobFor(c)),
      { signal: abort.signal },
    );
    const result = vt.run(run);
    await vt.drain();
    abort.abort();
    const report = await result;
    expect(report.sent).toBeLessThan(4);
    expect(report.sent + report.unfinished.length).toBe(4);
    expect(port.sent).toHaveLength(report.sent);
  });
});
