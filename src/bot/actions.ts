/** Routing callback queries by decoded action kind. */
import type { Composer } from "grammy";
import { type CallbackAction, decodeCallback } from "./callback-data.js";
import type { BotContext } from "./context.js";

/** The context of a callback query that carries data. */
export type CallbackContext = BotContext & { callbackQuery: NonNullable<BotContext["callbackQuery"]> };

/** Handle callback queries whose data decodes to an action of `kind`; others pass through. */
export function onAction<K extends CallbackAction["kind"]>(
  composer: Composer<BotContext>,
  kind: K,
  handler: (ctx: CallbackContext, action: Extract<CallbackAction, { kind: K }>) => Promise<unknown>,
): void {
  composer.on("callback_query:data", async (ctx, next) => {
    const action = actionOf(ctx.callbackQuery);
    if (action?.kind !== kind) return next();
    await handler(ctx, action as Extract<CallbackAction, { kind: K }>);
  });
}

/** Decoded actions by callback query: every onAction handler sees the same press, decode it once. */
const decoded = new WeakMap<object, CallbackAction | null>();

function actionOf(query: { data: string }): CallbackAction | null {
  let action = decoded.get(query);
  if (action === undefined) {
    action = decodeCallback(query.data);
    decoded.set(query, action);
  }
  return action;
}

/** Polite answer for a button whose data is stale, tampered or refers to something gone. */
export const STALE_BUTTON = "This button has expired. Send /start or /latest to get fresh ones.";

/**
 * Answer the button press and do `work` at the same time, so the button stops spinning while
 * the reply is on its way (one round trip instead of two on the user's wait).
 */
export async function answerWhile(ctx: CallbackContext, work: () => Promise<unknown>): Promise<void> {
  await Promise.all([ctx.answerCallbackQuery(), work()]);
}
