import { describe, expect, it } from "vitest";
import { CONTINUATION_GONE, NOTHING_MORE } from "../../src/bot/features/subscriptions/digest.js";
import { buttonLabels, callbackData, callbackUpdate, textUpdate, USER } from "../helpers/api-recorder.js";
import { subscriptionsSetup } from "./subscriptions-helpers.js";

const CHAT = USER.id;
const TITLES = [
  "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties",
  "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
  "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
  "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
];
const titlesIn = (text: unknown) => TITLES.filter((t) => String(text).includes(t));

describe("/digest", () => {
  it("shows the digest now, with buttons that open the article card, and leaves the schedule alone", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    const before = await digest.subs.get(CHAT);
    await bot.handleUpdate(textUpdate("/digest"));
    const shown = api.last()!;
    expect(String(shown.text)).toMatch(/^<b>Your news digest<\/b> · Mon 25 Nov\n\n/);
    expect(titlesIn(shown.text)).toEqual(TITLES);
    expect(callbackData(shown.reply_markup).sort()).toEqual([
      "1:a:seed-1",
      "1:a:seed-2",
      "1:a:seed-3",
      "1:a:seed-4",
    ]);
    expect(await digest.subs.get(CHAT)).toEqual(before);

    // The reader bot's article feature opens the card.
    await bot.handleUpdate(callbackUpdate("1:a:seed-3"));
    expect(String(api.last()!.text)).toContain("Hamas Says Fighters Holed up in Rafah Will Not Surrender");
  });

  it("for a non-subscriber: all news, and a button to get it every day", async () => {
    const { bot, api } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/digest"));
    expect(titlesIn(api.last()!.text)).toHaveLength(4);
    expect(buttonLabels(api.last()!.reply_markup).at(-1)).toBe("🔔 Get this every day");
    expect(callbackData(api.last()!.reply_markup).at(-1)).toBe("1:sub:start");
  });

  it("what does not fit the chosen size becomes 'N more', which pages through the rest", async () => {
    const { bot, api } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(callbackUpdate("1:sub:s:1"));
    await bot.handleUpdate(textUpdate("/digest"));
    const seen: string[] = [];
    let message = api.last()!;
    for (let shown = 1; shown <= 3; shown++) {
      seen.push(...titlesIn(message.text));
      expect(String(message.text)).toContain(`…and ${4 - shown} more`);
      expect(buttonLabels(message.reply_markup)).toEqual([String(shown), `${4 - shown} more`]);
      expect(callbackData(message.reply_markup).at(-1)).toBe(`1:sub:p:${shown}`);
      await bot.handleUpdate(callbackUpdate(`1:sub:p:${shown}`));
      message = api.last()!;
    }
    seen.push(...titlesIn(message.text));
    expect(String(message.text)).toMatch(/^4\. <b>/m);
    expect(seen.sort()).toEqual([...TITLES].sort());
    await bot.handleUpdate(callbackUpdate("1:sub:p:4"));
    expect(api.payloads("answerCallbackQuery").at(-1)!.text).toBe(NOTHING_MORE);
  });
});

describe("a scheduled digest's 'N more'", () => {
  it("re-composes exactly the window that digest covered, even after the reader's schedule moved on", async () => {
    const { bot, api, digest, sent, clock } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(callbackUpdate("1:sub:s:2"));
    clock.set("2024-11-26T08:00:20.000Z");
    expect(await digest.tick()).toMatchObject({ due: 1, sent: 1, late: 0 });
    const [scheduled] = sent;
    expect(scheduled!.chatId).toBe(CHAT);
    expect(scheduled!.message.buttons!.at(-1)).toEqual([{ text: "2 more", data: "1:sub:m:2" }]);
    const first = titlesIn(scheduled!.message.text);
    expect(first).toHaveLength(2);

    // /digest has moved on: nothing arrived since that digest.
    await bot.handleUpdate(textUpdate("/digest"));
    expect(String(api.last()!.text)).toContain("Nothing new since Tue 26 Nov, 08:00.");

    await bot.handleUpdate(callbackUpdate("1:sub:m:2"));
    const rest = api.last()!;
    expect(String(rest.text)).toMatch(/^3\. <b>/m);
    expect([...first, ...titlesIn(rest.text)].sort()).toEqual([...TITLES].sort());

    // A chat without a remembered digest (e.g. after a restart) is told what to do.
    await bot.handleUpdate(callbackUpdate("1:sub:m:2", { chatId: 999 }));
    expect(api.payloads("answerCallbackQuery").at(-1)).toMatchObject({
      text: CONTINUATION_GONE,
      show_alert: true,
    });
  });
});
