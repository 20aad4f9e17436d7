/**
 * The language stage in one call: sentences, topics and summary of a parsed article, computed
 * once at ingest time.
 */
import type { ArticleAnalysis, Block } from "../domain/article.js";
import type { CuratedTopic } from "../domain/topic.js";
import { curatedMatchers } from "./curated.js";
import { buildDocument } from "./document.js";
import { lexicon, type WordClass, wordClasses } from "./lexicon.js";
import { scoreSentences, summarizeScored } from "./summarize.js";
import { articleTopics } from "./topics.js";

/** What the analyzer is built from. */
export interface AnalyzerOptions {
  /** Curated topics (content/topics.json, see loadCuratedTopics). */
  curated: CuratedTopic[];
  /** Summary length in sentences; default 3. */
  summarySentences?: number;
  /**
   * The lexicon's word classes, already read (see wordClasses in lexicon.ts): a worker thread
   * gets the main thread's, instead of loading compromise again. Default: read them here.
   */
  wordClasses?: ReadonlyMap<string, WordClass>;
}

/** Computes an article's topics, summary and scored sentences. */
export interface Analyzer {
  analyze(input: { title: string; blocks: Block[]; caption?: string | null }): ArticleAnalysis;
}

/** What each analyzer was built from, so an identical one can be built on a worker thread. */
const built = new WeakMap<Analyzer, AnalyzerOptions>();

/**
 * Builds an analyzer. The lexicon is loaded here, once, not per article. `analyze` is pure and
 * deterministic: same input, same output.
 */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const matchers = curatedMatchers(options.curated);
  const lex = lexicon(options.wordClasses);
  const sentences = options.summarySentences ?? 3;
  const analyzer: Analyzer = {
    analyze(input) {
      const units = buildDocument({
        title: input.title,
        paragraphs: input.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text),
        headings: input.blocks.filter((b) => b.kind === "heading").map((b) => b.text),
        caption: input.caption ?? null,
      });
      const scored = scoreSentences(units, input.title);
      const max = Math.max(...scored.map((s) => s.score), 1e-9);
      return {
        topics: articleTopics(
          input.title,
          units.filter((u) => u.eligible).map((u) => u.text),
          matchers,
          lex,
        ),
        summary: summarizeScored(scored, { sentences }),
        sentences: scored.map((s) => ({
          text: s.unit.text,
          score: Math.round((1000 * Math.max(s.score, 0)) / max) / 1000,
        })),
      };
    },
  };
  built.set(analyzer, { curated: options.curated, summarySentences: sentences, wordClasses: wordClasses() });
  return analyzer;
}

/**
 * The options `analyzer` was built from (plain data a worker thread can receive), or undefined
 * for an analyzer that {@link createAnalyzer} did not make (e.g. a test double).
 */
export function analyzerOptionsOf(analyzer: Analyzer): AnalyzerOptions | undefined {
  return built.get(analyzer);
}
