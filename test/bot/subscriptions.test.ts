import { describe, expect, it } from "vitest";
import { buttonLabels, callbackData, callbackUpdate, textUpdate, USER } from "../helpers/api-recorder.js";
import { subscriptionsSetup } from "./subscriptions-helpers.js";

const CHAT = USER.id;

describe("/subscribe", () => {
  it("without topics: all news, with the next digest in the reader's own time", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    expect(api.last()!.text).toBe(
      "🔔 You're subscribed. Your digest covers <b>all news</b>.\nNext digest: <b>Tue 26 Nov, 08:00 (UTC)</b>.\nChange it with /time, /timezone or /settings.",
    );
    expect(api.last()!.parse_mode).toBe("HTML");
    expect(await digest.subs.get(CHAT)).toMatchObject({
      topics: [],
      time: "08:00",
      timezone: "UTC",
      active: true,
    });
  });

  it("with topics, resolved like /topic (multi-word names too), added to those chosen before", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe Gaza syria"));
    expect(String(api.last()!.text)).toContain("Your digest covers: <b>Gaza, Syria</b>.");
    await bot.handleUpdate(textUpdate("/subscribe saudi arabia HAMAS"));
    expect(String(api.last()!.text)).toMatch(
      /^🔔 Subscription updated\. Your digest covers: <b>Gaza, Syria, Saudi Arabia, Hamas<\/b>\./,
    );
    expect((await digest.subs.get(CHAT))?.topics).toEqual(["gaza", "syria", "saudi-arabia", "hamas"]);
  });

  it("an unknown topic subscribes to nothing and suggests close ones as buttons that subscribe", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe gazza"));
    const reply = api.last()!;
    expect(reply.text).toBe("I don't know “gazza”. Did you mean one of these?");
    expect(buttonLabels(reply.reply_markup)).toEqual(["➕ Gaza"]);
    expect(callbackData(reply.reply_markup)).toEqual(["1:sub:add:gaza"]);
    expect(await digest.subs.get(CHAT)).toBeUndefined();

    await bot.handleUpdate(callbackUpdate("1:sub:add:gaza"));
    expect(api.payloads("answerCallbackQuery").at(-1)!.text).toBe("Added Gaza");
    expect((await digest.subs.get(CHAT))?.topics).toEqual(["gaza"]);
  });

  it("known and unknown together: subscribes to the known ones and says which were not found (escaped)", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe gaza <b>&x</b>"));
    expect(String(api.last()!.text)).toContain("Your digest covers: <b>Gaza</b>.");
    expect(String(api.last()!.text)).toContain(
      "I don't know “&lt;b&gt;&amp;x&lt;/b&gt;”. Try /topics to see what's covered.",
    );
    expect((await digest.subs.get(CHAT))?.topics).toEqual(["gaza"]);
  });

  it("the Subscribe button of /start subscribes to all news, and shows the settings once subscribed", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/start"));
    expect(callbackData(api.last()!.reply_markup)).toContain("1:sub:start");
    await bot.handleUpdate(callbackUpdate("1:sub:start"));
    expect(String(api.last()!.text)).toMatch(/^🔔 You're subscribed\. Your digest covers <b>all news<\/b>\./);
    expect(await digest.subs.get(CHAT)).toBeDefined();
    await bot.handleUpdate(callbackUpdate("1:sub:start"));
    expect(String(api.last()!.text)).toMatch(/^⚙️ <b>Digest settings<\/b>/);
    expect(api.payloads("answerCallbackQuery")).toHaveLength(2);
  });
});

describe("/unsubscribe", () => {
  it("drops named topics, the last one ends the subscription, and without topics stops everything", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/unsubscribe"));
    expect(api.last()!.text).toBe("You're not subscribed. Send /subscribe for a daily digest.");
    await bot.handleUpdate(textUpdate("/subscribe gaza syria"));
    await bot.handleUpdate(textUpdate("/unsubscribe gaza hamas nowhere"));
    expect(api.last()!.text).toBe(
      "Dropped Gaza.\nYou don't follow “Hamas”.\nYour digest covers: <b>Syria</b>.\nI don't know “nowhere”.",
    );
    await bot.handleUpdate(textUpdate("/unsubscribe syria"));
    expect(String(api.last()!.text)).toMatch(/^🔕 That was your last topic, so you're unsubscribed\./);
    expect(await digest.subs.get(CHAT)).toBeUndefined();
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(textUpdate("/unsubscribe gaza"));
    expect(String(api.last()!.text)).toContain("You get all news, so there is no topic to drop.");
    await bot.handleUpdate(textUpdate("/unsubscribe"));
    expect(api.last()!.text).toBe("🔕 You're unsubscribed: no more digests. /subscribe brings them back.");
    expect(await digest.subs.get(CHAT)).toBeUndefined();
  });
});

describe("/time and /timezone", () => {
  it("valid values are saved and the confirmation says when the next digest comes, in the reader's zone", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(textUpdate("/time 7:30"));
    expect(api.last()!.text).toBe("🕐 Time saved.\nNext digest: <b>Tue 26 Nov, 07:30 (UTC)</b>.");
    await bot.handleUpdate(textUpdate("/timezone Europe/Berlin"));
    expect(api.last()!.text).toBe(
      "🌍 Time zone saved.\nNext digest: <b>Tue 26 Nov, 07:30 (Europe/Berlin)</b>.",
    );
    await bot.handleUpdate(textUpdate("/timezone kathmandu"));
    expect(String(api.last()!.text)).toContain("Tue 26 Nov, 07:30 (Asia/Kathmandu)");
    await bot.handleUpdate(textUpdate("/timezone UTC+5:30"));
    expect(String(api.last()!.text)).toContain("Tue 26 Nov, 07:30 (UTC+05:30)");
    expect(await digest.subs.get(CHAT)).toMatchObject({ time: "07:30", timezone: "UTC+05:30" });
  });

  it("invalid values get a clear, escaped error; an unknown zone gets suggestions as buttons", async () => {
    const { bot, api, digest } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/time 07:30"));
    expect(api.last()!.text).toBe(
      "You are not subscribed yet. Send /subscribe for a daily digest of all news, or /subscribe TOPIC.",
    );
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(textUpdate("/time 25:00"));
    expect(api.last()!.text).toBe(
      "&quot;25:00&quot; is not a time of day. Use 24-hour HH:MM, e.g. 07:30 or 18:00 (7:30am and 6pm work too).",
    );
    await bot.handleUpdate(textUpdate("/timezone Berlinn"));
    expect(String(api.last()!.text)).toMatch(
      /^&quot;Berlinn&quot; is not a time zone I know\. Did you mean &quot;Europe\/Berlin&quot;\?/,
    );
    expect(callbackData(api.last()!.reply_markup)).toEqual(["1:sub:z:Europe/Berlin"]);
    await bot.handleUpdate(textUpdate("/timezone <script>"));
    expect(String(api.last()!.text)).toMatch(/^&quot;&lt;script&gt;&quot; is not a time zone I know\./);
    expect(await digest.subs.get(CHAT)).toMatchObject({ time: "08:00", timezone: "UTC" });

    // The suggestion button sets the zone and shows the settings in place.
    await bot.handleUpdate(callbackUpdate("1:sub:z:Europe/Berlin", { messageId: 77 }));
    expect(api.payloads("answerCallbackQuery").at(-1)!.text).toBe("Saved");
    expect(api.payloads("editMessageText").at(-1)).toMatchObject({ message_id: 77 });
    expect((await digest.subs.get(CHAT))?.timezone).toBe("Europe/Berlin");
  });

  it("without an argument they say how to use them and what is set now", async () => {
    const { bot, api } = subscriptionsSetup();
    await bot.handleUpdate(textUpdate("/subscribe"));
    await bot.handleUpdate(textUpdate("/time"));
    expect(api.last()!.text).toBe(
      "Send the time you want your digest, e.g. <code>/time 07:30</code>. Now: 08:00 (UTC).",
    );
  });
});
