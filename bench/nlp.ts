/**
 * NLP benchmark: throughput of analyze() (sentences + topics + summary) over BBC articles with
 * each stage's share, and the sentence-segmenter comparison (ours, wink-nlp, compromise) on the
 * hand-labelled gold set and, when present, the newsroom sample's reference sentences.
 * Standalone: `npx tsx bench/nlp.ts [--dataset PATH] [--json]`.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Block } from "../src/domain/article.js";
import { createAnalyzer } from "../src/nlp/analyzer.js";
import { loadCuratedTopics } from "../src/nlp/curated.js";
import { buildDocument } from "../src/nlp/document.js";
import { splitSentences } from "../src/nlp/index.js";
import { summarizeDocument } from "../src/nlp/summarize.js";
import { articleTopics } from "../src/nlp/topics.js";
import { SEGMENTATION_GOLD } from "../test/unit/nlp/fixtures/segmentation-gold.js";
import { printTables, standaloneOptions } from "./cli.js";
import { readDataset } from "./corpus.js";
import type { BenchOptions, BenchTable } from "./types.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Articles timed per run: enough for a stable rate, bounded so the bench stays short. */
const MAX_ARTICLES = 2000;
const WARMUP = 200;

type Splitter = (text: string) => string[];

function ms(start: number): number {
  return performance.now() - start;
}

/** Throughput of the language stage and the share of each step. */
function throughput(dataset: string, sizes: number[]): BenchTable {
  const base = readDataset(dataset);
  const n = Math.min(MAX_ARTICLES, Math.max(...sizes, 1), base.length);
  const articles = base.slice(0, n).map((a) => ({
    title: a.title,
    blocks: a.article
      .split(/\n\s*\n/)
      .filter((p) => p.trim() !== "")
      .map((text): Block => ({ kind: "paragraph", text })),
  }));
  const curated = loadCuratedTopics(fs.readFileSync(path.join(ROOT, "content/topics.json"), "utf8"));
  const analyzer = createAnalyzer({ curated });
  for (const a of articles.slice(0, WARMUP)) analyzer.analyze(a);
  const cpu0 = process.cpuUsage();
  let t = performance.now();
  for (const a of articles) analyzer.analyze(a);
  const total = ms(t);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  t = performance.now();
  const docs = articles.map((a) =>
    buildDocument({ title: a.title, paragraphs: a.blocks.map((b) => b.text) }),
  );
  const segment = ms(t);
  t = performance.now();
  docs.forEach((d, i) => {
    summarizeDocument(d, articles[i]?.title ?? "");
  });
  const summary = ms(t);
  t = performance.now();
  docs.forEach((d, i) => {
    articleTopics(
      articles[i]?.title ?? "",
      d.filter((u) => u.eligible).map((u) => u.text),
      [],
    );
  });
  const topics = ms(t);
  const row = (stage: string, elapsed: number): (string | number)[] => [
    stage,
    (elapsed / n).toFixed(3),
    Math.round((1000 * n) / elapsed),
    `${Math.round((100 * elapsed) / total)}%`,
  ];
  return {
    name: "nlp: analyze() throughput",
    columns: ["stage", "ms/article", "articles/s", "share of analyze()"],
    rows: [
      row("sentences + cleaning + stems", segment),
      row("summary (scoring + selection)", summary),
      row("topics (entities, no curated)", topics),
      row("analyze() total", total),
      ["analyze() total, CPU time", (cpuMs / n).toFixed(3), Math.round((1000 * n) / cpuMs), ""],
    ],
    notes: [
      `${n} BBC articles (mean ~380 words) after ${WARMUP} warm-up calls, one core. Stages are timed separately;`,
      "analyze() also matches curated topics and scores sentences for briefs, so shares do not add up to 100%.",
      "Wall-clock rates drop when other processes share the 2 cores; the CPU-time row is the process's own cost.",
    ],
  };
}

/** Boundary set of a segmentation: cumulative non-space character counts at each sentence end. */
function boundaries(sentences: readonly string[]): Set<number> {
  const out = new Set<number>();
  let pos = 0;
  for (const s of sentences) {
    pos += s.replace(/\s+/g, "").length;
    out.add(pos);
  }
  return out;
}

function boundaryF1(cases: readonly { text: string; sentences: string[] }[], split: Splitter): number {
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  for (const c of cases) {
    const g = boundaries(c.sentences);
    const p = boundaries(split(c.text));
    for (const b of p) if (g.has(b)) tp++;
    predicted += p.size;
    gold += g.size;
  }
  const precision = tp / Math.max(predicted, 1);
  const recall = tp / Math.max(gold, 1);
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** The segmenter comparison. */
async function segmentation(): Promise<BenchTable> {
  const { default: winkNLP } = await import("wink-nlp");
  const { default: model } = await import("wink-eng-lite-web-model");
  const { default: nlp } = await import("compromise");
  const wink = winkNLP(model);
  const candidates: [string, Splitter][] = [
    ["ours (rules, src/nlp/sentences.ts)", splitSentences],
    ["wink-nlp + wink-eng-lite-web-model", (t) => wink.readDoc(t).sentences().out()],
    ["compromise", (t) => nlp(t).sentences().out("array") as string[]],
  ];
  const newsroomFile = path.join(ROOT, "../shared/datasets/newsroom-sample/pairs.jsonl");
  const newsroom = fs.existsSync(newsroomFile)
    ? fs
        .readFileSync(newsroomFile, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as { article: string; article_sentences: string[] })
        .map((r) => ({ text: r.article, sentences: r.article_sentences }))
    : [];
  const rows = candidates.map(([name, split]): (string | number)[] => {
    const exact = SEGMENTATION_GOLD.filter(
      (c) => JSON.stringify(split(c.text).map((s) => s.trim())) === JSON.stringify(c.sentences),
    ).length;
    let elapsed = 0;
    if (newsroom.length > 0) {
      const t = performance.now();
      for (const r of newsroom) split(r.text);
      elapsed = ms(t);
    }
    return [
      name,
      `${exact}/${SEGMENTATION_GOLD.length}`,
      boundaryF1(SEGMENTATION_GOLD, split).toFixed(3),
      newsroom.length > 0 ? boundaryF1(newsroom, split).toFixed(3) : "n/a",
      newsroom.length > 0 ? (elapsed / newsroom.length).toFixed(2) : "n/a",
    ];
  });
  return {
    name: "nlp: sentence segmentation",
    columns: ["segmenter", "gold cases exact", "gold boundary F1", "newsroom boundary F1", "ms/article"],
    rows,
    notes: [
      "Gold: test/unit/nlp/fixtures/segmentation-gold.ts (hand-labelled news paragraphs: abbreviations, initials,",
      "figures, quotes, parentheses, datelines). Newsroom: the sample's own reference sentences (an automatic split",
      "with its own errors, e.g. after 'No.' and 'Rev.'), 60 messy articles; timing is over those articles.",
    ],
  };
}

/** Runs the NLP benchmark tables. */
export async function runNlpBench(opts: BenchOptions): Promise<BenchTable[]> {
  return [throughput(opts.dataset, opts.sizes), await segmentation()];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = standaloneOptions(process.argv.slice(2), [MAX_ARTICLES]);
  runNlpBench(opts).then(
    (tables) => printTables(tables, opts.json),
    (error) => {
      process.stderr.write(`bench nlp: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
