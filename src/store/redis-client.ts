/**
 * Connecting to Redis with @redis/client v5. Every Redis building block (store, claims, counters,
 * run coordinator, update dedupe, search sync) takes a connected {@link RedisClient}; this file is
 * the one place that creates them, so the reconnect policy and error reporting are the same
 * everywhere.
 */
import { createClient } from "@redis/client";

/** A client as {@link connectRedis} returns it (no modules, RESP2). */
export type RedisClient = ReturnType<typeof createPlainClient>;

/** `createClient` is generic; this fixes its type parameters to the plain client we use. */
function createPlainClient(
  url: string,
  socket: { connectTimeout: number; reconnectStrategy: ReconnectStrategy },
) {
  return createClient({ url, socket });
}

type ReconnectStrategy = (retries: number, cause: Error) => number | Error;

/** Options of {@link connectRedis}. */
export interface ConnectRedisOptions {
  /**
   * Told about every connection error (a client emits them while it reconnects). Required in
   * spirit: an EventEmitter error without a listener would crash the process, and errors must
   * not vanish without a log line.
   */
  onError: (error: Error) => void;
  /** Attempts at the first connection before `connectRedis` rejects; default 5. */
  initialAttempts?: number;
  /** Milliseconds to wait for one TCP/TLS connect; default 5,000. */
  connectTimeoutMs?: number;
}

/** The URL without its password, for logs and error messages. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/**
 * Create and connect a client. The first connection is tried `initialAttempts` times and then
 * rejects with an Error naming the (redacted) URL; once connected, the client reconnects forever
 * with capped exponential backoff (50 ms … 2 s), queueing commands meanwhile.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions): Promise<RedisClient> {
  const attempts = options.initialAttempts ?? 5;
  let ready = false;
  const client = createPlainClient(url, {
    connectTimeout: options.connectTimeoutMs ?? 5000,
    reconnectStrategy: (retries, cause) =>
      !ready && retries >= attempts ? new Error(cause.message) : Math.min(2 ** retries * 50, 2000),
  });
  client.on("error", (error: Error) => options.onError(error));
  client.on("ready", () => {
    ready = true;
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to Redis at ${redactRedisUrl(url)}: ${(error as Error).message}. ` +
        "Check that redis-server is running and that STORE_URL is right.",
    );
  }
  return client;
}
