/** /topics and the Topics button: trending topics as buttons that open each topic. */
import { Composer } from "grammy";
import type { NewsReader } from "../../services/types.js";
import { answerWhile, onAction } from "../actions.js";
import type { BotContext } from "../context.js";
import { topicKeyboard } from "../render/keyboards.js";
import { replyHtml } from "../respond.js";

/** How many trending topics the menu shows. */
export const TRENDING_COUNT = 12;

/** Reply with the trending topics as buttons, after an optional lead line (HTML). */
export async function replyTrending(ctx: BotContext, reader: NewsReader, lead?: string): Promise<void> {
  const topics = await reader.trendingTopics(TRENDING_COUNT);
  if (topics.length === 0) {
    await replyHtml(ctx, `${lead ? `${lead}\n\n` : ""}No topics yet — articles are still being loaded.`);
    return;
  }
  const text = lead ?? "🗂 <b>Trending topics</b>\nTap one for its brief and articles.";
  await replyHtml(ctx, text, topicKeyboard(topics));
}

/** /topics and the "topics" button. */
export function topicsFeature(deps: { reader: NewsReader }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("topics", (ctx) => replyTrending(ctx, deps.reader));
  onAction(feature, "topics", async (ctx) => {
    await answerWhile(ctx, () => replyTrending(ctx, deps.reader));
  });
  return feature;
}
