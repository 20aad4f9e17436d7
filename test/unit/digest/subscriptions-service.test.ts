import { describe, expect, it } from "vitest";
import { NotSubscribedError, SettingError } from "../../../src/digest/subscription-defaults.js";
import { createSubscriptionsService } from "../../../src/digest/subscriptions-service.js";
import { TimeOfDayError } from "../../../src/digest/time-of-day.js";
import { TimezoneError } from "../../../src/digest/timezone.js";
import type { Article } from "../../../src/domain/article.js";
import { makeSub, memoryStores, seedArticles } from "./fixtures.js";

const NOW = new Date("2024-11-25T20:00:00.000Z"); // Monday evening
const SEED = seedArticles("2024-11-25T18:00:00.000Z");

function setup(articles: Article[] = SEED) {
  const stores = memoryStores();
  const service = createSubscriptionsService({
    subs: stores.subs,
    ledger: stores.ledger,
    articles: async (since) => articles.filter((a) => Date.parse(a.ingestedAt) > since.getTime()),
    clock: () => NOW,
    defaults: { timezone: "UTC", time: "08:00" },
  });
  return { service, ...stores };
}

describe("subscriptions service", () => {
  it("subscribe: all news by default with the configured defaults; topics are added; a pause is lifted", async () => {
    const { service, subs } = setup();
    const first = await service.subscribe(10, []);
    expect(first.created).toBe(true);
    expect(first.sub).toMatchObject({
      chatId: 10,
      topics: [],
      time: "08:00",
      timezone: "UTC",
      frequency: "daily",
      active: true,
    });
    await service.subscribe(10, ["gaza", "syria"]);
    const again = await service.subscribe(10, ["syria", "hamas"]);
    expect(again).toMatchObject({ created: false, sub: { topics: ["gaza", "syria", "hamas"] } });
    await subs.put({
      ...again.sub,
      active: false,
      pausedReason: "403: Forbidden: bot was blocked by the user",
      frequency: "paused",
    });
    expect((await service.subscribe(10, [])).sub).toMatchObject({
      active: true,
      pausedReason: null,
      frequency: "daily",
      topics: [],
    });
  });

  it("unsubscribe: all, some topics, the last topic, or nothing to do", async () => {
    const { service } = setup();
    expect(await service.unsubscribe(10)).toEqual({ kind: "not-subscribed" });
    await service.subscribe(10, ["gaza", "syria"]);
    expect(await service.unsubscribe(10, ["gaza", "iran"])).toMatchObject({
      kind: "updated",
      sub: { topics: ["syria"] },
      notSubscribed: ["iran"],
    });
    expect(await service.unsubscribe(10, ["syria"])).toEqual({ kind: "removed" });
    expect(await service.get(10)).toBeUndefined();
    await service.subscribe(11, []);
    expect(await service.unsubscribe(11)).toEqual({ kind: "removed" });
  });

  it("settings parse what readers type and fail with typed, helpful errors", async () => {
    const { service } = setup();
    await expect(service.setTime(10, "07:30")).rejects.toBeInstanceOf(NotSubscribedError);
    await service.subscribe(10, []);
    expect((await service.setTime(10, "7:30")).time).toBe("07:30");
    expect((await service.setTimezone(10, "Berlin")).timezone).toBe("Europe/Berlin");
    expect((await service.setTimezone(10, "UTC+5:30")).timezone).toBe("UTC+05:30");
    await expect(service.setTime(10, "25:00")).rejects.toBeInstanceOf(TimeOfDayError);
    await expect(service.setTimezone(10, "Narnia")).rejects.toBeInstanceOf(TimezoneError);
    expect(await service.setFrequency(10, "weekly", 3)).toMatchObject({ frequency: "weekly", weekday: 3 });
    await expect(service.setFrequency(10, "hourly" as never)).rejects.toBeInstanceOf(SettingError);
    await expect(service.setFrequency(10, "weekly", 8)).rejects.toThrow(/1 \(Monday\) to 7 \(Sunday\)/);
    expect((await service.setSize(10, 5)).size).toBe(5);
    await expect(service.setSize(10, 0)).rejects.toBeInstanceOf(SettingError);
    expect((await service.setNotifyEmpty(10, true)).notifyEmpty).toBe(true);
    expect((await service.get(10))?.updatedAt).toBe(NOW.toISOString());
  });

  it("describeNext says when, in the reader's own time and zone", async () => {
    const { service } = setup();
    expect(await service.describeNext(10, NOW)).toBeNull();
    await service.subscribe(10, []);
    await service.setTimezone(10, "Europe/Berlin");
    await service.setTime(10, "07:30");
    expect(await service.describeNext(10, NOW)).toBe("Tue 26 Nov, 07:30 (Europe/Berlin)");
    await service.setTimezone(10, "UTC+05:45");
    expect(await service.describeNext(10, NOW)).toBe("Tue 26 Nov, 07:30 (UTC+05:45)");
    await service.setFrequency(10, "paused");
    expect(await service.describeNext(10, NOW)).toBeNull();
  });

  it("previewDigest shows the digest now without touching the schedule", async () => {
    const { service, subs } = setup();
    await service.subscribe(10, ["hamas"]);
    const before = await subs.get(10);
    const { digest, message } = await service.previewDigest(10, NOW);
    expect(digest.groups.flatMap((g) => g.items.map((i) => i.articleId))).toEqual(["seed-3", "seed-4"]);
    expect(message.text).toContain("Hamas Says Fighters Holed up in Rafah Will Not Surrender");
    expect(await subs.get(10)).toEqual(before);
    // Non-subscribers get all news; nothing new still gives a message.
    expect((await service.previewDigest(99, NOW)).digest.total).toBe(4);
    const { service: emptyService } = setup([]);
    expect((await emptyService.previewDigest(99, NOW)).message.text).toContain("Nothing new yet.");
  });

  it("stats: subscribers, active, paused and today's deliveries", async () => {
    const { service, subs, ledger } = setup();
    await service.subscribe(1, []);
    await service.subscribe(2, []);
    await service.setFrequency(2, "paused");
    await subs.put(makeSub({ chatId: 3, active: false, pausedReason: "403: Forbidden" }));
    const due = new Date("2024-11-25T08:00:00Z");
    const claim = await ledger.claim(
      { id: ledger.jobId(1, due), chatId: 1, dueAt: due, late: false },
      "p",
      due,
      1000,
    );
    if (claim.kind === "claimed") await ledger.markSent(claim.entry, { sentTo: 1, messageId: 5 }, due);
    expect(await service.stats(NOW)).toEqual({
      subscribers: 3,
      active: 1,
      paused: 2,
      sentToday: 1,
      lateToday: 0,
      failedToday: 0,
      skippedToday: 0,
    });
  });
});
