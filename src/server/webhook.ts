/**
 * Webhook mode: grammY's webhook adapter on a plain node:http server. POST <path> takes
 * updates (the X-Telegram-Bot-Api-Secret-Token header must match `secret`), GET /healthz
 * answers 200 while the server accepts work, anything else 404.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "../bot/context.js";

/** Options for {@link startWebhookServer}. */
export interface WebhookServerOptions {
  bot: Bot<BotContext>;
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (set it with setWebhook). Strongly advised. */
  secret?: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Path updates are POSTed to (default "/webhook"). */
  path?: string;
  /** Interface to listen on (default all). */
  host?: string;
  logger: Logger;
}

/** A listening webhook server. */
export interface WebhookServer {
  port: number;
  /** Stop accepting connections and wait for requests in flight. Idempotent. */
  close(): Promise<void>;
}

/** Largest update body accepted, in bytes (Telegram's updates are far smaller). */
const MAX_BODY = 1_000_000;

/** Start the webhook HTTP server. Resolves once it listens. */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const { bot, logger } = options;
  const path = options.path ?? "/webhook";
  if (!options.secret) logger.warn("webhook has no secret: anyone who finds the URL can send updates");
  const handle = webhookCallback(bot, "http", {
    secretToken: options.secret,
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  let closing = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(closing ? 503 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: !closing }));
      return;
    }
    if (url.pathname !== path) return void res.writeHead(404).end();
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY) return void res.writeHead(413).end();
    handle(req, res).catch((err: unknown) => {
      // Bad JSON or a failure outside the bot's error boundary: log it and do not make Telegram retry forever.
      logger.error({ err }, "webhook request failed");
      if (!res.headersSent) res.writeHead(err instanceof SyntaxError ? 400 : 200);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, path }, "webhook server listening");
  let closed: Promise<void> | undefined;
  return {
    port,
    close() {
      closing = true;
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      return closed;
    },
  };
}
