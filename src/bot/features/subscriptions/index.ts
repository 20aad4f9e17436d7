/**
 * Subscriptions in the bot: /subscribe, /unsubscribe, /time, /timezone, /settings, /digest and
 * the /start Subscribe button. Installed through createBot's `extraFeatures`, ahead of the
 * "coming soon" placeholders, which it thereby replaces.
 */
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { answerStaleSubButtons } from "./actions.js";
import type { SubscriptionFeatureDeps } from "./deps.js";
import { digestFeature } from "./digest.js";
import { scheduleFeature } from "./schedule.js";
import { settingsFeature } from "./settings.js";
import { subscribeFeature } from "./subscribe.js";

export { digestButtonData, SUB_NS } from "./data.js";
export type { SubscriptionFeatureDeps } from "./deps.js";
export type { TopicResolver } from "./topics-input.js";

/** Every subscription feature as one Composer. */
export function subscriptionsFeature(deps: SubscriptionFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(subscribeFeature(deps), scheduleFeature(deps), settingsFeature(deps), digestFeature(deps));
  answerStaleSubButtons(feature);
  return feature;
}
