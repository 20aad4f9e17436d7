/** The fixed workload of the search bench: queries, repeats and the instant "now". */

/** Recency is measured from here; the bench corpus spans November 2025. */
export const BENCH_NOW = new Date("2025-12-01T00:00:00Z");
/** Timed passes over each query list, after one warm-up pass. */
export const REPEATS = 10;
/** Largest corpus MiniSearch is run on (at 100k it needs ~1.5 GB and ~50 s). */
export const MINISEARCH_MAX = 10_000;

/** 1–3 word queries on BBC 2004–05 news. */
export const WORD_QUERIES: readonly string[] = (
  "economy|prime minister|mobile phone|film|world cup|oil prices|chelsea|interest rates|tony blair|election|" +
  "music award|broadband|stock market|video games|champions league|iraq|tax cuts|china trade|apple ipod|court|" +
  "rugby|gordon brown budget|software|box office|house prices"
).split("|");

/** Misspelt queries and what they mean (for typo recall). */
export const TYPO_QUERIES: readonly (readonly [typo: string, meant: string])[] = (
  "goverment>government|footbal>football|chelsae>chelsea|elction>election|econmy>economy|minsiter>minister|" +
  "brodband>broadband|intrest rates>interest rates|champions leage>champions league|musci award>music award"
)
  .split("|")
  .map((pair) => pair.split(">") as [string, string]);

/** Topic lookups timed: 20 topic ids spread over the top half of topics by article count. */
export function pickTopicIds(topics: readonly { id: string; weight: number }[]): string[] {
  const sorted = [...topics].sort((a, b) => b.weight - a.weight);
  return Array.from({ length: 20 }, (_, i) => sorted[Math.floor((i * sorted.length) / 40)]?.id ?? "");
}
