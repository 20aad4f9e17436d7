/** pino logger factory. The bot token never reaches a log line, wherever it appears. */
import { pino } from "pino";

/** Create the application logger. `secrets` are masked in every serialised line (e.g. the bot token inside API URLs). */
export function createLogger(options: {
  level: string;
  secrets?: (string | undefined)[];
  destination?: pino.DestinationStream;
}): pino.Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === "string" && s.length >= 8);
  const mask = (s: string) => secrets.reduce((acc, secret) => acc.split(secret).join("[REDACTED]"), s);
  return pino(
    {
      level: options.level,
      redact: {
        paths: ["token", "botToken", "*.token", "*.botToken", "config.botToken"],
        censor: "[REDACTED]",
      },
      ...(secrets.length ? { hooks: { streamWrite: (line: string) => mask(line) } } : {}),
    },
    options.destination ?? pino.destination(2),
  );
}

export type Logger = pino.Logger;
