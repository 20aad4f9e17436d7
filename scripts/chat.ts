/**
 * `npm run chat`: the same bot and handlers in the terminal, no Telegram and no token needed.
 * Uses the configured store (DATA_DIR, CONTENT_DIR is loaded on first run).
 */
import { createApp } from "../src/app.js";
import { runChat } from "../src/chat/run-chat.js";
import { readConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";

async function main(): Promise<number> {
  const read = readConfig();
  if (!read.ok) {
    process.stderr.write(`${read.message}\n`);
    return 2;
  }
  const { config } = read;
  // Info lines would interleave with the conversation: show warnings unless a quieter or louder level was chosen.
  const logger = createLogger({ level: config.logLevel === "info" ? "warn" : config.logLevel });
  const app = await createApp(config, { offline: true, logger });
  try {
    await runChat({ bot: app.bot, input: process.stdin, output: process.stdout });
  } finally {
    await app.close();
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`chat: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
