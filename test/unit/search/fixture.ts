/**
 * A deterministic synthetic corpus of a few hundred documents for ranking, recency and paging
 * tests: each document has one subject from SUBJECTS in its title and a few filler sentences.
 */
import type { IndexDoc } from "../../../src/search/index.js";

/** The subjects documents are about (also their topic ids). */
export const SUBJECTS = ["economy", "football", "elections", "climate", "vaccines"] as const;

const FILLER = [
  "Officials met on Tuesday to discuss the plan.",
  "The report was published after a long delay.",
  "Observers said the outcome remained uncertain.",
  "Several groups welcomed the announcement.",
  "Critics questioned the timing of the decision.",
];

/** Day 0 of the fixture (UTC). */
export const FIXTURE_START = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

/** `count` documents fix-0..fix-(count-1); fix-i is published i hours after the start. */
export function fixtureDocs(count: number): IndexDoc[] {
  return Array.from({ length: count }, (_, i) => {
    const subject = SUBJECTS[i % SUBJECTS.length]!;
    const filler = [0, 1, 2].map((k) => FILLER[(i + k) % FILLER.length]).join(" ");
    return {
      id: `fix-${i}`,
      title: `Update ${i} on ${subject}`,
      body: `${filler} The ${subject} debate continues.`,
      topics: [
        { id: subject, name: subject[0]!.toUpperCase() + subject.slice(1), kind: "phrase", weight: 1 },
      ],
      published: new Date(FIXTURE_START + i * 3_600_000).toISOString(),
    };
  });
}

/** The instant `days` days after the fixture start. */
export function dayAfterStart(days: number): Date {
  return new Date(FIXTURE_START + days * DAY);
}
