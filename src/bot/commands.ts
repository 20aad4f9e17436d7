/**
 * The command list: one source for /help and for the menu registered with setMyCommands.
 * Commands of features not installed yet (digest and subscriptions) are listed because
 * INTERFACES.md fixes them; until their feature is installed they answer "coming soon".
 */
import type { Bot } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "pino";
import { escapeHtml } from "./render/html.js";

/** A command as /help shows it. */
export interface CommandInfo {
  command: string;
  /** Argument synopsis, e.g. "NAME". */
  args?: string;
  description: string;
  /** A full example the user can tap or copy. */
  example: string;
  admin?: boolean;
}

/** Every command of INTERFACES.md, in the order /help lists them. */
export const COMMANDS: readonly CommandInfo[] = [
  { command: "start", description: "welcome and main menu", example: "/start" },
  { command: "help", description: "this list", example: "/help" },
  { command: "topics", description: "trending topics as buttons", example: "/topics" },
  { command: "topic", args: "NAME", description: "a topic brief and its articles", example: "/topic gaza" },
  {
    command: "search",
    args: "WORDS",
    description: "ranked articles for your words",
    example: "/search hostage body",
  },
  { command: "latest", description: "the newest articles", example: "/latest" },
  { command: "digest", description: "your digest now (keeps your schedule)", example: "/digest" },
  {
    command: "subscribe",
    args: "[TOPIC ...]",
    description: "a daily digest of all news, or of the named topics",
    example: "/subscribe gaza syria",
  },
  {
    command: "unsubscribe",
    args: "[TOPIC ...]",
    description: "stop all, or drop the named topics",
    example: "/unsubscribe syria",
  },
  { command: "settings", description: "time, time zone, topics, frequency, size", example: "/settings" },
  { command: "time", args: "HH:MM", description: "when your digest arrives", example: "/time 07:30" },
  { command: "timezone", args: "ZONE", description: "your time zone", example: "/timezone Europe/Berlin" },
  { command: "stats", description: "counts and health", example: "/stats", admin: true },
  { command: "reload", description: "reload the content folder", example: "/reload", admin: true },
];

/** Commands for Telegram's menu (setMyCommands): the public ones, or public + admin. */
export function menuCommands(includeAdmin = false): BotCommand[] {
  return COMMANDS.filter((c) => includeAdmin || !c.admin).map((c) => ({
    command: c.command,
    description: (c.args ? `${c.args} — ${c.description}` : c.description).slice(0, 256),
  }));
}

/** The /help text: every command with an example; admin commands only for admins. */
export function renderHelp(options: { botUsername: string; isAdmin: boolean; isPrivate: boolean }): string {
  const lines = COMMANDS.filter((c) => options.isAdmin || !c.admin).map((c) => {
    const synopsis = `/${c.command}${c.args ? ` ${c.args}` : ""}`;
    return `${escapeHtml(synopsis)} — ${escapeHtml(c.description)}\n    e.g. <code>${escapeHtml(c.example)}</code>`;
  });
  const tips = [
    `Inline: type <code>@${escapeHtml(options.botUsername)} gaza</code> in any chat to share an article.`,
  ];
  if (options.isPrivate) tips.unshift("Or just send me a few words: I will search for them.");
  return `<b>Briefly</b> — short, sourced news briefs.\n\n${lines.join("\n")}\n\n${tips.join("\n")}`;
}

/**
 * Register the command menu: public commands for everyone and, per admin chat, public +
 * admin ones. An admin who never opened a chat with the bot makes Telegram refuse that
 * scope; that is logged and skipped.
 */
export async function registerCommands(
  bot: Pick<Bot, "api">,
  options: { adminIds?: readonly number[]; logger?: Logger } = {},
): Promise<void> {
  await bot.api.setMyCommands(menuCommands(false));
  for (const chatId of options.adminIds ?? []) {
    try {
      await bot.api.setMyCommands(menuCommands(true), { scope: { type: "chat", chat_id: chatId } });
    } catch (err) {
      options.logger?.warn({ err, chatId }, "could not register admin commands for this chat");
    }
  }
}
