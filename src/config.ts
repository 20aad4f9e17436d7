/**
 * The only reader of process.env. One zod schema, one aggregated error message.
 * Polling and webhook mode are a discriminated union so callers cannot mix them up.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const envSchema = z.object({
  BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()),
  DATA_DIR: optionalString,
  STORE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^(sqlite|redis|rediss):\/\//, "must start with sqlite://, redis:// or rediss://")
      .optional(),
  ),
  REDIS_KEY_PREFIX: optionalString.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*$/,
        'letters, digits, "_" or "-", in parts joined by single ":" (e.g. briefly:prod)',
      )
      .optional(),
  ),
  CONTENT_DIR: optionalString,
  ADMIN_IDS: optionalString.pipe(
    z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "must be comma-separated numeric Telegram user ids")
      .optional(),
  ),
  DEFAULT_TIMEZONE: optionalString,
  DEFAULT_DIGEST_TIME: optionalString.pipe(z.string().regex(TIME, "must be HH:MM (24-hour)").optional()),
  DIGEST_TICK: optionalString,
  DIGEST_LEASE_SECONDS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,6}$/, "must be a whole number of seconds")
      .refine((v) => Number(v) >= 5, "must be at least 5 seconds")
      .optional(),
  ),
  PAID_BROADCAST: optionalString.pipe(
    z.enum(["true", "false", "1", "0"], { message: "must be true or false" }).optional(),
  ),
  WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  WEBHOOK_SECRET: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "may only use A-Z, a-z, 0-9, _ and - (Telegram's rule)")
      .optional(),
  ),
  PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, "must be a port number")
      .optional(),
  ),
  LOG_LEVEL: optionalString.pipe(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  ),
});

/** How the bot receives updates. */
export type RunMode = { kind: "polling" } | { kind: "webhook"; url: string; secret?: string; port: number };

/** Validated configuration. Every field has its default applied. */
export interface Config {
  botToken: string | undefined;
  apiRoot: string;
  dataDir: string;
  storeUrl: string | undefined;
  /** REDIS_KEY_PREFIX: every Redis key starts with it (several deployments on one Redis); default "briefly". */
  redisKeyPrefix: string;
  contentDir: string;
  adminIds: number[];
  defaultTimezone: string;
  defaultDigestTime: string;
  digestTick: string;
  /**
   * DIGEST_LEASE_SECONDS: how long a claimed digest is reserved for the process sending it. If
   * that process dies, another sends the digest (late) once the lease has run out. Default 120.
   */
  digestLeaseMs: number;
  /**
   * PAID_BROADCAST: digests are sent with `allow_paid_broadcast` (Telegram bills Stars beyond the
   * free limit) at up to 1,000 messages a second instead of 30.
   */
  paidBroadcast: boolean;
  mode: RunMode;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/** Thrown when the environment is invalid; the message lists every problem at once. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and validate an environment (normally `process.env`). Throws {@link ConfigError}. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const timezone = e.DEFAULT_TIMEZONE ?? "UTC";
  if (!isValidZone(timezone)) {
    throw new ConfigError(
      `Invalid configuration (see .env.example):\n  DEFAULT_TIMEZONE: "${timezone}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
  }
  return {
    botToken: e.BOT_TOKEN,
    apiRoot: (e.TELEGRAM_API_ROOT ?? "https://api.telegram.org").replace(/\/+$/, ""),
    dataDir: path.resolve(e.DATA_DIR ?? "./data"),
    storeUrl: e.STORE_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? "briefly",
    contentDir: path.resolve(e.CONTENT_DIR ?? "./content"),
    adminIds: (e.ADMIN_IDS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
    defaultTimezone: timezone,
    defaultDigestTime: e.DEFAULT_DIGEST_TIME ?? "08:00",
    digestTick: e.DIGEST_TICK ?? "* * * * *",
    digestLeaseMs: Number(e.DIGEST_LEASE_SECONDS ?? 120) * 1000,
    paidBroadcast: e.PAID_BROADCAST === "true" || e.PAID_BROADCAST === "1",
    mode: e.WEBHOOK_URL
      ? {
          kind: "webhook",
          url: e.WEBHOOK_URL,
          secret: e.WEBHOOK_SECRET,
          port: e.PORT ? Number(e.PORT) : 8080,
        }
      : { kind: "polling" },
    logLevel: e.LOG_LEVEL ?? "info",
  };
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The process environment, after loading `.env` from the working directory when there is one.
 * Variables already set in the environment win over the file.
 */
export function readEnvironment(file = ".env"): Record<string, string | undefined> {
  if (fs.existsSync(file)) process.loadEnvFile(file);
  return process.env;
}

/**
 * The configuration from the environment (and `.env`), or the message that explains what is wrong
 * with it: every CLI prints that message and exits 2. Errors other than configuration errors throw.
 */
export function readConfig(): { ok: true; config: Config } | { ok: false; message: string } {
  try {
    return { ok: true, config: loadConfig(readEnvironment()) };
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message };
    throw error;
  }
}
