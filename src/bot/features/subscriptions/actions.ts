/** Routing "sub" buttons by decoded action kind, and the polite answer for everything else. */
import type { Composer } from "grammy";
import { type CallbackContext, STALE_BUTTON } from "../../actions.js";
import { extensionPattern } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { decodeSubAction, SUB_NS, type SubAction } from "./data.js";
import { callbackChatId } from "./deps.js";

/** Handle "sub" buttons of one kind; `chatId` is the chat the button's message is in. */
export function onSubAction<K extends SubAction["kind"]>(
  composer: Composer<BotContext>,
  kind: K,
  handler: (
    ctx: CallbackContext,
    action: Extract<SubAction, { kind: K }>,
    chatId: number,
  ) => Promise<unknown>,
): void {
  composer.on("callback_query:data", async (ctx, next) => {
    const action = decodeSubAction(ctx.callbackQuery.data);
    const chatId = callbackChatId(ctx);
    if (action?.kind !== kind || chatId === undefined) return next();
    await handler(ctx, action as Extract<SubAction, { kind: K }>, chatId);
  });
}

/** Last in the feature: any other "sub" data (tampered, stale, or from an inline message) is answered politely. */
export function answerStaleSubButtons(composer: Composer<BotContext>): void {
  composer.callbackQuery(extensionPattern(SUB_NS), (ctx) => ctx.answerCallbackQuery({ text: STALE_BUTTON }));
}
