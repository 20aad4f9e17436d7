import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/bot/commands.js";
import { registerCommands } from "../../src/bot/create-bot.js";
import { buttonLabels, textUpdate } from "../helpers/api-recorder.js";
import { setup } from "./setup.js";

/** The commands INTERFACES.md fixes. */
const FIXED = [
  "start",
  "help",
  "topics",
  "topic",
  "search",
  "latest",
  "digest",
  "subscribe",
  "unsubscribe",
  "settings",
  "time",
  "timezone",
  "stats",
  "reload",
];

describe("/start and /help", () => {
  it("/start welcomes by name (escaped) with Latest, Topics and Subscribe buttons", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/start", { from: { id: 5, is_bot: false, first_name: "<Bob>" } }));
    const [reply] = api.payloads("sendMessage");
    expect(reply!.text).toMatch(/^👋 Hi &lt;Bob&gt;, welcome to <b>Briefly<\/b>\./);
    expect(reply!.parse_mode).toBe("HTML");
    expect(buttonLabels(reply!.reply_markup)).toEqual(["🆕 Latest", "🗂 Topics", "🔔 Subscribe"]);
  });

  it("/help lists every fixed command with an example; admin commands only for admins", async () => {
    expect(COMMANDS.map((c) => c.command)).toEqual(FIXED);
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/help", { from: { id: 7, is_bot: false, first_name: "Admin" } }));
    const admin = String(api.payloads("sendMessage")[0]!.text);
    for (const c of COMMANDS) {
      expect(admin).toContain(`/${c.command}`);
      expect(admin).toContain(`<code>${c.example}</code>`);
    }
    expect(admin).toContain("<code>@briefly_test_bot gaza</code>");
    await bot.handleUpdate(textUpdate("/help"));
    const user = String(api.payloads("sendMessage")[1]!.text);
    expect(user).not.toContain("/stats");
    expect(user).toContain("<code>/topic gaza</code>");
  });

  it("works in groups when addressed to this bot, not another", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/help@briefly_test_bot", { chatId: -10 }));
    await bot.handleUpdate(textUpdate("/help@other_bot", { chatId: -10 }));
    expect(api.payloads("sendMessage")).toHaveLength(1);
    expect(api.payloads("sendMessage")[0]!.text).not.toContain("just send me a few words");
  });

  it("registerCommands sets the public menu and an admin menu per admin chat, tolerating failures", async () => {
    const { bot, api, logs, logger } = setup();
    const forAdmin7 = (p: Record<string, unknown>) =>
      (p.scope as { chat_id?: number } | undefined)?.chat_id === 7;
    api.failNext(
      "setMyCommands",
      { error_code: 400, description: "Bad Request: chat not found" },
      1,
      forAdmin7,
    );
    await expect(registerCommands(bot, { adminIds: [7, 8], logger })).resolves.toBeUndefined();
    const calls = api.payloads("setMyCommands");
    expect(calls).toHaveLength(3);
    expect(logs).toEqual([
      expect.objectContaining({ chatId: 7, msg: "could not register admin commands for this chat" }),
    ]);
    const publicMenu = calls[0]!.commands as { command: string }[];
    expect(publicMenu.map((c) => c.command)).not.toContain("stats");
    expect(calls[2]!.scope).toEqual({ type: "chat", chat_id: 8 });
    expect((calls[2]!.commands as { command: string }[]).map((c) => c.command)).toContain("reload");
  });
});
