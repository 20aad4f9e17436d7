/**
 * The bot bench's quick variant (`--bot-reader fixture`): the in-memory fixture reader of the
 * bot tests plus 1,000 synthetic articles over eight topics. No dataset, no store to build:
 * it isolates what the bot and HTTP cost from what the real store costs.
 */
import type { NewsReader } from "../src/services/types.js";
import {
  createFixtureReader,
  fixtureArticles,
  longParagraph,
  makeArticle,
} from "../test/helpers/fixture-reader.js";

/** A fixture reader over the fixture articles and 1,000 synthetic ones. */
export function fixtureBenchReader(): NewsReader {
  const topics = ["Gaza", "Economy", "Markets", "Election", "Syria", "Oil", "Climate", "Football"];
  const extra = Array.from({ length: 1000 }, (_, i) => {
    const name = topics[i % topics.length]!;
    return makeArticle({
      id: `s${i}`,
      title: `${name} report ${i}: talks, markets and ceasefire news`,
      published: new Date(Date.UTC(2025, 9, 1) + i * 3_600_000).toISOString(),
      topics: [{ id: name.toLowerCase(), name, kind: "place", weight: 1 }],
      summary: [`${name} report number ${i} says talks continued.`, "Markets reacted calmly."],
      blocks: [{ kind: "paragraph", text: longParagraph(`s${i}`, 1500) }],
    });
  });
  return createFixtureReader([...fixtureArticles(), ...extra]);
}
