/**
 * A stand-in for the language stage, for the ingest benchmark's runs without it: no topics, the
 * body's paragraphs as its "sentences" (so stored records keep about their real size) and the
 * first three as the summary. Built by the ingest service's worker threads from this module,
 * as they build the real one from src/nlp/analyzer.ts.
 */
import type { Analyzer } from "../src/nlp/index.js";

/** The stand-in analyzer; `options` is ignored. */
export function createAnalyzer(_options?: unknown): Analyzer {
  return {
    analyze(input) {
      const paragraphs = input.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
      return {
        topics: [],
        summary: paragraphs.slice(0, 3),
        sentences: paragraphs.map((text) => ({ text, score: 0 })),
      };
    },
  };
}
