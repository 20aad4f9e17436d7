import Keyv from "keyv";
import { describe, expect, it } from "vitest";
import type { LedgerJob } from "../../../src/store/delivery-ledger.js";
import { createLocalClaimStore } from "../../../src/store/digest-claims.js";
import { memoryStores } from "./fixtures.js";

const T0 = new Date("2026-11-26T06:30:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function job(ledger: ReturnType<typeof memoryStores>["ledger"], chatId = 7, late = false): LedgerJob {
  return { id: ledger.jobId(chatId, T0), chatId, dueAt: T0, late };
}

describe("local claim store", () => {
  it("gives a key to exactly one of many concurrent owners", async () => {
    const claims = createLocalClaimStore(new Keyv());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claims.acquire("k", `owner-${i}`, 60_000, T0)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("lets another owner take over only after expiry; release frees it at once", async () => {
    const claims = createLocalClaimStore(new Keyv());
    expect(await claims.acquire("k", "a", 1000, T0)).toBe(true);
    expect(await claims.acquire("k", "b", 1000, at(999))).toBe(false);
    expect(await claims.acquire("k", "b", 1000, at(1001))).toBe(true);
    await claims.release("k", "a"); // not a's any more: no effect
    expect(await claims.acquire("k", "a", 1000, at(1002))).toBe(false);
    await claims.release("k", "b");
    expect(await claims.acquire("k", "a", 1000, at(1003))).toBe(true);
  });
});

describe("delivery ledger", () => {
  it("ids are stable per (chat, due instant)", () => {
    const { ledger } = memoryStores();
    expect(ledger.jobId(-100123, T0)).toBe("-100123@2026-11-26T06:30:00.000Z");
    expect(ledger.jobId(-100123, new Date(T0))).toBe(ledger.jobId(-100123, T0));
  });

  it("due → claimed → sent; a second claim then reports done", async () => {
    const { ledger } = memoryStores();
    const j = job(ledger);
    await ledger.recordDue([j], T0);
    expect((await ledger.get(j.id))?.state).toBe("due");
    const claim = await ledger.claim(j, "a", T0, 60_000);
    expect(claim.kind).toBe("claimed");
    if (claim.kind !== "claimed") return;
    expect(claim.entry).toMatchObject({ state: "claimed", owner: "a", attempts: 1 });
    await ledger.markSent(claim.entry, { sentTo: 7, messageId: 42 }, at(100));
    expect(await ledger.get(j.id)).toMatchObject({
      state: "sent",
      messageId: 42,
      sentTo: 7,
      sentAt: at(100).toISOString(),
    });
    expect((await ledger.claim(j, "b", at(200), 60_000)).kind).toBe("done");
    expect((await ledger.claim(j, "a", at(200), 60_000)).kind).toBe("done");
  });

  it("a claim held by a dead owner is taken over after the lease, counted as a second attempt", async () => {
    const { ledger } = memoryStores();
    const j = job(ledger);
    await ledger.claim(j, "dead", T0, 60_000);
    expect((await ledger.claim(j, "new", at(59_000), 60_000)).kind).toBe("held");
    const taken = await ledger.claim({ ...j, late: true }, "new", at(61_000), 60_000);
    expect(taken).toMatchObject({ kind: "claimed", entry: { owner: "new", attempts: 2, late: true } });
  });

  it("renewing one's own claim keeps the attempt count", async () => {
    const { ledger } = memoryStores();
    const j = job(ledger);
    await ledger.claim(j, "a", T0, 60_000);
    const renewed = await ledger.claim(j, "a", at(30_000), 60_000);
    expect(renewed).toMatchObject({
      kind: "claimed",
      entry: { attempts: 1, claimedAt: at(30_000).toISOString() },
    });
  });

  it("recordDue leaves existing entries alone", async () => {
    const { ledger } = memoryStores();
    const j = job(ledger);
    const claim = await ledger.claim(j, "a", T0, 60_000);
    if (claim.kind === "claimed")
      await ledger.markFailed(claim.entry, "400: Bad Request: message is too long", T0);
    await ledger.recordDue([j, job(ledger, 8)], T0);
    expect(await ledger.getMany([j.id, ledger.jobId(8, T0), "nope"])).toMatchObject([
      { state: "failed", reason: "400: Bad Request: message is too long" },
      { state: "due", chatId: 8 },
      undefined,
    ]);
  });

  it("release gives a claimed job back as due, for anyone to claim at once", async () => {
    const { ledger } = memoryStores();
    const j = job(ledger);
    const claim = await ledger.claim(j, "a", T0, 60_000);
    if (claim.kind === "claimed") await ledger.release(claim.entry, T0);
    expect((await ledger.get(j.id))?.state).toBe("due");
    expect((await ledger.claim(j, "b", at(1), 60_000)).kind).toBe("claimed");
  });

  it("counts the UTC day's sent, late, failed and skipped digests", async () => {
    const { ledger } = memoryStores();
    for (const [chatId, late] of [
      [1, false],
      [2, true],
    ] as const) {
      const c = await ledger.claim(job(ledger, chatId, late), "a", T0, 60_000);
      if (c.kind === "claimed") await ledger.markSent(c.entry, { sentTo: chatId, messageId: chatId }, T0);
    }
    const f = await ledger.claim(job(ledger, 3), "a", T0, 60_000);
    if (f.kind === "claimed") await ledger.markFailed(f.entry, "403: Forbidden", T0);
    await ledger.markSkipped(job(ledger, 4), "nothing new", T0);
    expect(await ledger.dayCounts(new Date("2026-11-26T23:59:59Z"))).toEqual({
      sent: 2,
      late: 1,
      failed: 1,
      skipped: 1,
    });
    expect(await ledger.dayCounts(new Date("2026-11-27T00:00:00Z"))).toEqual({
      sent: 0,
      late: 0,
      failed: 0,
      skipped: 0,
    });
  });

  it("keeps a cursor and prunes final entries before a date", async () => {
    const { ledger } = memoryStores();
    expect(await ledger.getCursor()).toBeNull();
    await ledger.setCursor(T0);
    expect((await ledger.getCursor())?.toISOString()).toBe(T0.toISOString());
    await ledger.markSkipped(job(ledger, 1), "nothing new", T0);
    await ledger.recordDue([job(ledger, 2)], T0);
    expect(await ledger.prune(at(1))).toBe(1);
    expect(await ledger.get(ledger.jobId(1, T0))).toBeUndefined();
    expect((await ledger.get(ledger.jobId(2, T0)))?.state).toBe("due");
    expect(await ledger.getCursor()).not.toBeNull();
  });
});
