/**
 * One error boundary for every run mode (polling, webhook, terminal chat, tests), and the
 * guarantee that every callback query is answered, even when a handler failed.
 */
import type { BotError, MiddlewareFn } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "./context.js";

/** What the user sees when something unexpected failed. */
export const SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side. Please try again in a moment.";

/**
 * An error handler that logs an unexpected error with the update id, then tells the user.
 * Telling them may fail too (blocked bot, network); that is logged and swallowed so the
 * boundary never throws. `fallback` logs when the per-update logger is not set yet.
 */
export function createErrorHandler(fallback: Logger): (error: BotError<BotContext>) => Promise<void> {
  return async (error) => {
    const ctx = error.ctx;
    const logger = ctx.logger ?? fallback;
    const updateId = ctx.update.update_id;
    logger.error({ err: error.error, update_id: updateId }, "update failed");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: SOMETHING_WENT_WRONG });
      else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
      else if (ctx.chat && (ctx.chat.type === "private" || ctx.message?.text?.startsWith("/")))
        await ctx.reply(SOMETHING_WENT_WRONG);
    } catch (err) {
      logger.warn({ err, update_id: updateId }, "could not tell the user about the failure");
    }
  };
}

/**
 * Answer a callback query that no handler answered (with no text), so the user's button
 * never keeps spinning. Watches this update's API calls to know whether it was answered.
 */
export function answerEveryCallback(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.callbackQuery) return next();
    let answered = false;
    ctx.api.config.use((prev, method, payload, signal) => {
      if (method === "answerCallbackQuery") answered = true;
      return prev(method, payload, signal);
    });
    try {
      await next();
    } finally {
      if (!answered) {
        await ctx.answerCallbackQuery().catch((err: unknown) => {
          ctx.logger.warn({ err }, "could not answer the callback query");
        });
      }
    }
  };
}
