/**
 * `npm run digest -- --chat ID [--send] [--json]`
 * Preview the digest one chat would get now (its subscription's topics, zone and size; all news
 * with the defaults for a chat that has none), or, with --send, send it now through the same
 * delivery path as scheduled digests (ledger, pacing, 429/403 handling; needs BOT_TOKEN, honours
 * TELEGRAM_API_ROOT). A sent digest counts as the chat's latest. Exit status: 0 done, 1 the send
 * failed, 2 usage or configuration error. A group id is negative: write it as --chat=-100123.
 */
import { parseArgs } from "node:util";
import { Api } from "grammy";
import { digestButtonData } from "../src/bot/features/subscriptions/index.js";
import { htmlToTerminal } from "../src/chat/html-to-text.js";
import { readConfig } from "../src/config.js";
import { createTelegramSendPort } from "../src/digest/telegram-port.js";
import { createDigestPipeline } from "../src/digest/wiring.js";
import { createLogger } from "../src/logger.js";
import { openServices } from "../src/services/container.js";

const USAGE = "usage: npm run digest -- --chat ID [--send] [--json]   (groups: --chat=-100123)";

function usage(message: string): number {
  process.stderr.write(`digest: ${message}\n${USAGE}\n`);
  return 2;
}

async function main(): Promise<number> {
  let values: { chat?: string; send?: boolean; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        chat: { type: "string" },
        send: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const chatId = Number(values.chat);
  if (!values.chat || !/^-?\d{1,16}$/.test(values.chat) || !Number.isSafeInteger(chatId) || chatId === 0) {
    return usage(
      values.chat ? `--chat takes a Telegram chat id, got "${values.chat}"` : "--chat is required",
    );
  }
  const read = readConfig();
  if (!read.ok) return usage(read.message);
  const { config } = read;
  if (values.send && !config.botToken) return usage("--send needs BOT_TOKEN (see .env.example)");

  const logger = createLogger({
    level: config.logLevel === "info" ? "warn" : config.logLevel,
    secrets: [config.botToken],
  });
  const clock = () => new Date();
  const services = await openServices(config, { logger, clock, followCluster: false });
  try {
    const digest = createDigestPipeline({
      store: services.store,
      articles: (since) => services.recent.since(since),
      clock,
      logger,
      defaults: { timezone: config.defaultTimezone, time: config.defaultDigestTime },
      buttons: { scheduled: digestButtonData(true), preview: digestButtonData(false) },
      paidBroadcast: config.paidBroadcast,
      leaseMs: config.digestLeaseMs,
      ...(services.cluster ? { sharing: services.cluster.digest } : {}),
      ...(values.send
        ? { send: createTelegramSendPort(new Api(config.botToken!, { apiRoot: config.apiRoot })) }
        : {}),
    });
    const sub = (await digest.subscriptions.get(chatId)) ?? null;
    const next = await digest.subscriptions.describeNext(chatId, clock());
    const { message, report } = values.send
      ? await digest.forceSend(chatId)
      : { ...(await digest.subscriptions.previewDigest(chatId, clock())), report: undefined };
    const failed = report !== undefined && report.sent === 0;
    if (values.json) {
      const { unfinished, ...counts } = report ?? { unfinished: [] };
      process.stdout.write(
        `${JSON.stringify({
          chatId,
          subscription: sub,
          next,
          text: message.text,
          buttons: message.buttons,
          shown: message.shown,
          more: message.more,
          ...(report ? { delivery: { ...counts, unfinished: unfinished.length } } : {}),
        })}\n`,
      );
    } else {
      const who = sub
        ? `subscribed; next digest ${next ?? "none scheduled (paused)"}`
        : "not subscribed: all news, default settings";
      process.stderr.write(`chat ${chatId} (${who})\n\n`);
      process.stdout.write(`${htmlToTerminal(message.text, { color: Boolean(process.stdout.isTTY) })}\n`);
      const labels = message.buttons.flat().map((b) => `[${b.text}]`);
      if (labels.length) process.stdout.write(`\n${labels.join(" ")}\n`);
      if (report) {
        process.stderr.write(
          `\n${failed ? "not sent" : "sent"}: ${report.sent} sent (${report.late} late), ${report.failed} failed, ${report.paused} paused, ${report.rateLimited} rate-limited, ${report.unfinished.length} unfinished\n`,
        );
      }
    }
    return failed ? 1 : 0;
  } finally {
    await services.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`digest: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
