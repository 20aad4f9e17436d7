/** Contract of the local fake Bot API the e2e tests rely on: shapes, limits and error codes like Telegram's. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";

let api: FakeBotApi;
beforeEach(async () => {
  api = await startFakeBotApi({ token: "42:SECRET" });
});
afterEach(async () => {
  await api.close();
});

/** Telegram's answers, read loosely: the assertions check the shapes. */
// biome-ignore lint/suspicious/noExplicitAny: arbitrary JSON from the fake, checked by the assertions
type Json = any;

async function call(method: string, payload: Record<string, unknown> = {}, token = api.token) {
  const res = await fetch(`${api.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { result?: Json } };
}

const send = (text: string, extra: Record<string, unknown> = {}) =>
  call("sendMessage", { chat_id: 5, text, parse_mode: "HTML", ...extra });

describe("fake Bot API", () => {
  it("401 for a wrong token, 404 for an unknown method, getMe for the right token", async () => {
    expect(await call("getMe", {}, "42:WRONG")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect((await call("fooBar")).status).toBe(404);
    const me = await call("getMe");
    expect(me.body.result).toMatchObject({ id: 42, is_bot: true, username: "briefly_test_bot" });
  });

  it("parses HTML like Telegram and rejects what Telegram rejects", async () => {
    const ok = await send('<b>bold</b> &amp; <a href="https://x.org/?a=1&amp;b=2">link</a> &#128512;');
    expect(ok.body.result.text).toBe("bold & link 😀");
    expect(ok.body.result.entities).toEqual([
      { type: "bold", offset: 0, length: 4 },
      { type: "text_link", offset: 7, length: 4, url: "https://x.org/?a=1&b=2" },
    ]);
    for (const bad of ["<div>x</div>", "<b>open", "a < b", "x & y", "<b>x</i>", "&nbsp;"]) {
      const res = await send(bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.description, bad).toMatch(/^Bad Request: can't parse entities/);
    }
    expect((await send("x & y", { parse_mode: undefined })).status).toBe(200);
  });

  it("counts the 4,096 limit on parsed text in UTF-16 units", async () => {
    expect((await send(`<b>${"a".repeat(4096)}</b>`)).status).toBe(200);
    expect((await send("&amp;".repeat(4096))).status).toBe(200);
    const tooLong = await send("😀".repeat(2049));
    expect(tooLong.body.description).toBe("Bad Request: message is too long");
    expect((await send("   ")).body.description).toBe("Bad Request: message text is empty");
  });

  it("validates callback_data at 64 bytes", async () => {
    const kb = (data: string) => ({
      reply_markup: { inline_keyboard: [[{ text: "b", callback_data: data }]] },
    });
    expect((await send("x", kb("é".repeat(32)))).status).toBe(200);
    expect((await send("x", kb(`${"é".repeat(32)}x`))).body.description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
  });

  it("edits: applies them, refuses identical content and unknown messages", async () => {
    const sent = await send("one");
    const id = sent.body.result.message_id;
    expect((await call("editMessageText", { chat_id: 5, message_id: id, text: "two" })).status).toBe(200);
    expect(api.messages(5).map((m) => m.text)).toEqual(["two"]);
    const same = await call("editMessageText", { chat_id: 5, message_id: id, text: "two" });
    expect(same.body.description).toMatch(/^Bad Request: message is not modified/);
    const missing = await call("editMessageText", { chat_id: 5, message_id: 999, text: "x" });
    expect(missing.body.description).toBe("Bad Request: message to edit not found");
  });

  it("long-polls: resolves early on a new update and forgets confirmed ones", async () => {
    const started = performance.now();
    const pending = call("getUpdates", { timeout: 10 });
    setTimeout(() => api.sendText(5, "/start"), 50);
    const first = await pending;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(first.body.result).toHaveLength(1);
    const update = first.body.result[0];
    expect(update.message.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);
    const again = await call("getUpdates", { offset: update.update_id });
    expect(again.body.result).toHaveLength(1);
    const confirmed = await call("getUpdates", { offset: update.update_id + 1 });
    expect(confirmed.body.result).toEqual([]);
  });

  it("blocked and migrated chats, injected failures and rate limits", async () => {
    api.blockChat(6);
    expect((await call("sendMessage", { chat_id: 6, text: "x" })).body).toEqual({
      ok: false,
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    api.migrateChat(-7, -1007);
    expect((await call("sendMessage", { chat_id: -7, text: "x" })).body.parameters).toEqual({
      migrate_to_chat_id: -1007,
    });
    api.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 2);
    expect([(await send("a")).status, (await send("b")).status, (await send("c")).status]).toEqual([
      500, 500, 200,
    ]);
    expect(api.calls.filter((c) => c.method === "sendMessage").map((c) => c.status)).toEqual([
      403, 400, 500, 500, 200,
    ]);
  });

  it("rate limit answers 429 with retry_after", async () => {
    const limited = await startFakeBotApi({ rateLimit: { perSecond: 100, perChatPerSecond: 2 } });
    try {
      const go = () =>
        fetch(`${limited.apiRoot}/bot${limited.token}/sendMessage`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chat_id: 1, text: "hi" }),
        }).then((r) => r.json() as Promise<Record<string, unknown>>);
      const results = [await go(), await go(), await go()];
      expect(results.map((r) => r.ok)).toEqual([true, true, false]);
      expect(results[2]).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    } finally {
      await limited.close();
    }
  });

  it("callback and inline queries can be answered once; inline results are capped at 50", async () => {
    const sent = await send("menu", {
      reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "d" }]] },
    });
    const updateId = api.pressButton(5, sent.body.result.message_id, "d");
    const updates = (await call("getUpdates")).body.result;
    const cq = updates.find((u: Json) => u.update_id === updateId).callback_query;
    expect(cq.message.reply_markup).toEqual({ inline_keyboard: [[{ text: "b", callback_data: "d" }]] });
    expect((await call("answerCallbackQuery", { callback_query_id: cq.id })).status).toBe(200);
    expect((await call("answerCallbackQuery", { callback_query_id: cq.id })).status).toBe(400);

    api.inlineQuery("q");
    const iq = (await call("getUpdates")).body.result.at(-1).inline_query;
    const result = (i: number) => ({
      type: "article",
      id: `r${i}`,
      title: "t",
      input_message_content: { message_text: "<b>x</b>", parse_mode: "HTML" },
    });
    const many = await call("answerInlineQuery", {
      inline_query_id: iq.id,
      results: Array.from({ length: 51 }, (_, i) => result(i)),
    });
    expect(many.body.description).toBe("Bad Request: RESULTS_TOO_MUCH");
    const ok = await call("answerInlineQuery", {
      inline_query_id: iq.id,
      results: [result(1)],
      next_offset: "20",
    });
    expect(ok.status).toBe(200);
  });

  it("accepts form-encoded bodies", async () => {
    const res = await fetch(`${api.apiRoot}/bot${api.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        chat_id: "9",
        text: "123",
        reply_markup: JSON.stringify({ inline_keyboard: [] }),
      }),
    });
    expect(res.status).toBe(200);
    expect(api.messages(9)[0]).toMatchObject({
      chatId: 9,
      text: "123",
      replyMarkup: { inline_keyboard: [] },
    });
  });

  it("waitFor rejects with a helpful message on timeout", async () => {
    await expect(api.waitFor(() => false, 50)).rejects.toThrow(/condition not met within 50 ms/);
  });
});
