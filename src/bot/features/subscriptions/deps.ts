/** What the subscription features depend on, and the small helpers they share. */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { RenderedDigest } from "../../../digest/render.js";
import { NotSubscribedError, SettingError } from "../../../digest/subscription-defaults.js";
import type { SubscriptionsService } from "../../../digest/subscriptions-service.js";
import { TimeOfDayError } from "../../../digest/time-of-day.js";
import { TimezoneError } from "../../../digest/timezone.js";
import type { BotContext } from "../../context.js";
import { keyboard } from "../../render/keyboards.js";
import { clip } from "../../render/text.js";
import type { TopicResolver } from "./topics-input.js";
import type { SubscriptionState } from "./views.js";

/** Dependencies of the subscription features. */
export interface SubscriptionFeatureDeps {
  subscriptions: SubscriptionsService;
  /** Topic names as /topic resolves them (services.topics). */
  topics: TopicResolver;
  /** The rest of the chat's latest scheduled digest from `offset`; null when it is no longer at hand. */
  continuation(chatId: number, offset: number): Promise<RenderedDigest | null>;
  clock: () => Date;
}

/** The chat's subscription, its topic names and when the next digest comes. */
export async function loadState(deps: SubscriptionFeatureDeps, chatId: number): Promise<SubscriptionState> {
  const sub = await deps.subscriptions.get(chatId);
  const topicNames = (sub?.topics ?? []).map((id) => deps.topics.resolve(id)?.name ?? id);
  const next = sub ? await deps.subscriptions.describeNext(chatId, deps.clock()) : null;
  return { sub, topicNames, next };
}

/** A digest's buttons as an inline keyboard, with extra rows under them. */
export function digestMarkup(
  digest: Pick<RenderedDigest, "buttons">,
  extra: (InlineKeyboardButton | undefined)[][] = [],
): InlineKeyboardMarkup {
  return keyboard([
    ...digest.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))),
    ...extra,
  ]);
}

/** A typed error's message, shortened for a callback answer (Telegram allows 200 characters). */
export function toastText(error: Error): string {
  return clip(error.message, 200);
}

/** True for the typed errors whose message is meant for the reader. */
export function isReaderError(error: unknown): error is Error {
  return (
    error instanceof TimezoneError ||
    error instanceof TimeOfDayError ||
    error instanceof SettingError ||
    error instanceof NotSubscribedError
  );
}

/** The chat a callback's message is in; inline messages have none. */
export function callbackChatId(ctx: BotContext): number | undefined {
  return ctx.callbackQuery?.message?.chat.id ?? ctx.chat?.id;
}
