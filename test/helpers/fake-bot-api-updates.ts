/**
 * The fake Bot API's pending updates: long-polling getUpdates with offsets, and webhook mode
 * (setWebhook/deleteWebhook/getWebhookInfo) delivering queued updates by HTTP POST.
 */
import type { Update } from "grammy/types";
import { ApiError } from "./fake-bot-api-validate.js";

/** Updates waiting for the bot, delivered by getUpdates or to a webhook. */
export class UpdateQueue {
  private readonly queue: Update[] = [];
  private readonly waiters = new Set<() => void>();
  private webhook: { url: string; secret?: string } | null = null;
  private delivering = Promise.resolve();

  /** Queue an update; wakes a pending long poll or starts webhook delivery. */
  push(update: Update): void {
    this.queue.push(update);
    for (const w of [...this.waiters]) w();
    if (this.webhook) this.deliver();
  }

  /** getUpdates: drop updates below `offset`, then return up to `limit`, waiting up to `timeout` s for one. */
  async getUpdates(p: Record<string, unknown>): Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = Number(p.offset ?? 0);
    if (offset > 0) {
      const keep = this.queue.findIndex((u) => u.update_id >= offset);
      this.queue.splice(0, keep < 0 ? this.queue.length : keep);
    }
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeout = Math.min(50, Math.max(0, Number(p.timeout ?? 0)));
    if (this.queue.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeout * 1000);
        this.waiters.add(done);
      });
    }
    return this.queue.slice(0, limit);
  }

  /** setWebhook: HTTPS (or loopback HTTP, for tests) and Telegram's secret-token alphabet. */
  setWebhook(p: Record<string, unknown>): true {
    const url = typeof p.url === "string" ? p.url : "";
    if (url === "") return this.deleteWebhook(p);
    const loopback = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url);
    if (!url.startsWith("https://") && !loopback) {
      throw new ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    }
    if (p.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(p.secret_token))) {
      throw new ApiError(400, "Bad Request: secret token contains unallowed characters");
    }
    this.webhook = { url, ...(p.secret_token ? { secret: String(p.secret_token) } : {}) };
    if (p.drop_pending_updates === true) this.queue.length = 0;
    this.deliver();
    return true;
  }

  /** deleteWebhook, optionally dropping pending updates. */
  deleteWebhook(p: Record<string, unknown>): true {
    this.webhook = null;
    if (p.drop_pending_updates === true) this.queue.length = 0;
    return true;
  }

  /** getWebhookInfo's result. */
  info(): Record<string, unknown> {
    return {
      url: this.webhook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    };
  }

  /** Release long polls and stop webhook delivery (server shutdown). */
  close(): void {
    this.webhook = null;
    for (const w of [...this.waiters]) w();
  }

  /** POST queued updates one by one; an update leaves the queue once the bot answered 2xx. */
  private deliver(): void {
    this.delivering = this.delivering.then(async () => {
      for (let attempt = 0; this.webhook && this.queue.length > 0 && attempt < 50; attempt++) {
        const hook = this.webhook;
        const update = this.queue[0]!;
        const ok = await fetch(hook.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(hook.secret ? { "x-telegram-bot-api-secret-token": hook.secret } : {}),
          },
          body: JSON.stringify(update),
        }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok && this.queue[0] === update) this.queue.shift();
        else if (!ok) await new Promise((r) => setTimeout(r, 50));
      }
    });
  }
}
