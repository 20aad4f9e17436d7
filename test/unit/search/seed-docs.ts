/**
 * IndexDocs from the real seed file content/asharq-al-awsat-2025-11-09.txt, split with a small
 * local rule (articles are separated by two blank lines; the first line is the title; the
 * repeated headline, the "TT" marker and photo-caption lines are skipped) so these tests do not
 * depend on the ingest parser.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TopicRef } from "../../../src/domain/article.js";
import type { IndexDoc } from "../../../src/search/index.js";

/** Absolute path of the seed file. */
export const SEED_PATH = fileURLToPath(
  new URL("../../../content/asharq-al-awsat-2025-11-09.txt", import.meta.url),
);

const CAPTION = /\((?:DPA|dpa|AP|EPA|Reuters|AFP)\)\s*$/;

function topic(id: string, name: string, kind: TopicRef["kind"]): TopicRef {
  return { id, name, kind, weight: 1 };
}

/** Hand-assigned topics per seed article, in file order (the NLP stage is tested elsewhere). */
const SEED_TOPICS: TopicRef[][] = [
  [
    topic("kremlin", "Kremlin", "organization"),
    topic("russia", "Russia", "place"),
    topic("syria", "Syria", "place"),
    topic("vladimir-putin", "Vladimir Putin", "person"),
  ],
  [topic("israel", "Israel", "place"), topic("gaza", "Gaza", "place"), topic("turkiye", "Türkiye", "place")],
  [topic("hamas", "Hamas", "organization"), topic("gaza", "Gaza", "place"), topic("rafah", "Rafah", "place")],
  [
    topic("israel", "Israel", "place"),
    topic("hamas", "Hamas", "organization"),
    topic("gaza", "Gaza", "place"),
    topic("hadar-goldin", "Hadar Goldin", "person"),
  ],
];

/** The four seed articles as IndexDocs with ids seed-1..seed-4, published an hour apart. */
export function seedDocs(): IndexDoc[] {
  const text = readFileSync(SEED_PATH, "utf8").replace(/\r\n/g, "\n");
  const chunks = text.split(/\n(?:[ \t]*\n){2,}/).filter((c) => c.trim() !== "");
  return chunks.map((chunk, i) => {
    const lines = chunk.split("\n").map((l) => l.trim());
    const title = lines.find((l) => l !== "") ?? "";
    const body = lines.filter((l) => l !== "" && l !== title && l !== "TT" && !CAPTION.test(l)).join("\n\n");
    return {
      id: `seed-${i + 1}`,
      title,
      body,
      topics: SEED_TOPICS[i] ?? [],
      published: new Date(Date.UTC(2025, 10, 9, 8 + i)).toISOString(),
    };
  });
}
