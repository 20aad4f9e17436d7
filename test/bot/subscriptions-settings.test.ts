import { describe, expect, it } from "vitest";
import { STALE_BUTTON } from "../../src/bot/actions.js";
import { buttonLabels, callbackData, callbackUpdate, textUpdate, USER } from "../helpers/api-recorder.js";
import { subscriptionsSetup } from "./subscriptions-helpers.js";

const CHAT = USER.id;

describe("/settings", () => {
  it("shows every setting and the next digest, with a button per sub-menu", async () => {
    const { bot, api } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe gaza"));
    await bot.handleUpdate(textUpdate("/settings"));
    const menu = api.last()!;
    expect(menu.text).toBe(
      [
        "⚙️ <b>Digest settings</b>",
        "",
        "Topics: Gaza",
        "Time: 08:00 (UTC)",
        "Frequency: every day",
        "Size: up to 10 stories",
        '"Nothing new" note: off',
        "",
        "Next digest: <b>Tue 26 Nov, 08:00 (UTC)</b>.",
      ].join("\n"),
    );
    expect(callbackData(menu.reply_markup)).toEqual([
      "1:sub:v:time",
      "1:sub:v:zone",
      "1:sub:v:topics",
      "1:sub:v:freq",
      "1:sub:v:size",
      "1:sub:e:1",
    ]);
  });

  it("navigates by editing the same message; each choice is saved, answered, and leads back to the menu", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    const press = async (data: string) => {
      await bot.handleUpdate(callbackUpdate(data, { messageId: 55 }));
      return api.payloads("editMessageText").at(-1)!;
    };
    const timeView = await press("1:sub:v:time");
    expect(timeView.message_id).toBe(55);
    expect(buttonLabels(timeView.reply_markup)).toContain("✓ 08:00");
    expect(String((await press("1:sub:t:0630")).text)).toContain("Time: 06:30 (UTC)");
    expect(buttonLabels((await press("1:sub:v:freq")).reply_markup)).toEqual([
      "✓ Daily",
      "Weekdays",
      "Weekly…",
      "Paused",
      "« Back",
    ]);
    expect(buttonLabels((await press("1:sub:v:day")).reply_markup)).toContain("Wed");
    const weekly = await press("1:sub:w:3");
    expect(String(weekly.text)).toContain("Frequency: every Wednesday");
    expect(String(weekly.text)).toContain("Next digest: <b>Wed 27 Nov, 06:30 (UTC)</b>.");
    expect(String((await press("1:sub:s:5")).text)).toContain("Size: up to 5 stories");
    expect(String((await press("1:sub:e:1")).text)).toContain('"Nothing new" note: on');
    expect(String((await press("1:sub:z:Asia/Kolkata")).text)).toContain("Time: 06:30 (Asia/Kolkata)");
    const paused = await press("1:sub:f:paused");
    expect(String(paused.text)).toContain("Digests are paused. Pick a frequency in /settings to resume.");
    expect(await digest.subs.get(CHAT)).toMatchObject({
      time: "06:30",
      timezone: "Asia/Kolkata",
      frequency: "paused",
      weekday: 3,
      size: 5,
      notifyEmpty: true,
    });
    // Every button was answered exactly once, and nothing was sent as a new message.
    expect(api.payloads("answerCallbackQuery")).toHaveLength(9);
    expect(api.payloads("sendMessage")).toHaveLength(1);
  });

  it("topics: drop one in place, switch to all news, and the last one ends the subscription", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe gaza syria hamas"));
    await bot.handleUpdate(callbackUpdate("1:sub:v:topics"));
    const view = api.payloads("editMessageText").at(-1)!;
    expect(buttonLabels(view.reply_markup)).toEqual([
      "✖ Gaza",
      "✖ Syria",
      "✖ Hamas",
      "🌐 All news instead",
      "« Back",
    ]);
    await bot.handleUpdate(callbackUpdate("1:sub:x:syria"));
    expect(buttonLabels(api.payloads("editMessageText").at(-1)!.reply_markup)).toContain("✖ Hamas");
    expect((await digest.subs.get(CHAT))?.topics).toEqual(["gaza", "hamas"]);
    await bot.handleUpdate(callbackUpdate("1:sub:all"));
    expect((await digest.subs.get(CHAT))?.topics).toEqual([]);
    await bot.handleUpdate(textUpdate("/subscribe gaza"));
    await bot.handleUpdate(callbackUpdate("1:sub:x:gaza"));
    expect(api.payloads("answerCallbackQuery").at(-1)!.text).toBe(
      "That was your last topic, so you're unsubscribed.",
    );
    expect(String(api.payloads("editMessageText").at(-1)!.text)).toContain("You're not subscribed yet.");
    expect(await digest.subs.get(CHAT)).toBeUndefined();
  });

  it("without a subscription the menu offers to subscribe, and setting buttons say how", async () => {
    const { bot, api } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/settings"));
    expect(String(api.last()!.text)).toContain("You're not subscribed yet.");
    expect(callbackData(api.last()!.reply_markup)).toEqual(["1:sub:start"]);
    await bot.handleUpdate(callbackUpdate("1:sub:s:5"));
    expect(api.payloads("answerCallbackQuery").at(-1)).toMatchObject({
      text: "You are not subscribed yet. Send /subscribe for a daily digest of all news, or /subscribe TOPIC.",
      show_alert: true,
    });
  });

  it("tampered or out-of-range button data is answered politely and changes nothing", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    const before = await digest.subs.get(CHAT);
    for (const data of [
      "1:sub:t:2599",
      "1:sub:zzz",
      "1:sub:v:nope",
      "1:sub:x:<b>",
      "1:sub:w:9",
      "1:sub:e:2",
      "1:sub:m:-1",
    ]) {
      await bot.handleUpdate(callbackUpdate(data));
    }
    expect(api.payloads("answerCallbackQuery").map((p) => p.text)).toEqual(Array(7).fill(STALE_BUTTON));
    // Well-formed but not allowed: the service's own message.
    await bot.handleUpdate(callbackUpdate("1:sub:s:50"));
    await bot.handleUpdate(callbackUpdate("1:sub:z:Mars/Olympus"));
    const [size, zone] = api.payloads("answerCallbackQuery").slice(-2);
    expect(size!.text).toBe("Digest size must be a whole number from 1 to 20.");
    expect(String(zone!.text)).toMatch(/^"Mars\/Olympus" is not a time zone I know\./);
    expect(api.payloads("editMessageText")).toHaveLength(2);
    expect(await digest.subs.get(CHAT)).toEqual(before);
  });
});
