/**
 * Composition root: config → createApp → polling | webhook, plus the digest scheduler → graceful
 * shutdown (intake and scheduler stop, in-flight sends finish, then the store closes).
 * Run node/tsx on this file directly under a process manager: `npm start` does not forward SIGTERM.
 */
import { createApp } from "./app.js";
import { registerCommands, runPolling } from "./bot/create-bot.js";
import { readConfig } from "./config.js";
import { startWebhookServer } from "./server/webhook.js";

const NO_TOKEN = `Briefly needs a bot token to talk to Telegram.

  1. Open Telegram, talk to @BotFather, send /newbot and follow the steps.
  2. Put the token it gives you in .env (see .env.example) as BOT_TOKEN=123456:ABC…,
     or run: BOT_TOKEN=123456:ABC… npm start

No token yet? Try the bot in your terminal right now: npm run chat
`;

async function main(): Promise<void> {
  const read = readConfig();
  if (!read.ok) {
    process.stderr.write(`${read.message}\n`);
    process.exit(2);
  }
  const { config } = read;
  if (!config.botToken) {
    process.stderr.write(NO_TOKEN);
    process.exit(1);
  }
  const app = await createApp(config);
  const { bot, logger } = app;
  await bot.init();
  // Admins also get /stats and /reload in their command menu.
  await registerCommands(bot, { adminIds: config.adminIds, logger });
  try {
    // Before intake: a bad DIGEST_TICK stops the start with a clear message, not halfway.
    app.scheduler.start();
    logger.info({ tick: config.digestTick, paidBroadcast: config.paidBroadcast }, "digest scheduler started");
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    await app.close();
    process.exit(2);
  }

  let stopIntake: () => Promise<void>;
  if (config.mode.kind === "webhook") {
    const server = await startWebhookServer({
      bot,
      secret: config.mode.secret,
      port: config.mode.port,
      logger,
    });
    await bot.api.setWebhook(config.mode.url, {
      secret_token: config.mode.secret,
      allowed_updates: [
        "message",
        "callback_query",
        "inline_query",
        "chosen_inline_result",
        "my_chat_member",
      ],
    });
    logger.info({ port: server.port, url: config.mode.url }, "webhook mode");
    stopIntake = () => server.close();
  } else {
    await bot.api.deleteWebhook();
    const runner = runPolling(bot, logger);
    logger.info({ username: bot.botInfo.username }, "long polling");
    stopIntake = () => runner.stop();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping: no new updates or digests, finishing what is in flight");
    try {
      // Both before the store closes: a tick still delivering records every send it finishes.
      await Promise.all([stopIntake(), app.scheduler.stop()]);
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "error while stopping");
      process.exit(1);
    }
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  process.stderr.write(`briefly: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
