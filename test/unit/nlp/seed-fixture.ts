/**
 * The seed file (content/asharq-al-awsat-2025-11-09.txt) parsed by the real parser
 * (src/ingest/parse), for golden tests of the language stage.
 */
import fs from "node:fs";
import path from "node:path";
import type { ParsedArticle } from "../../../src/domain/article.js";
import { parseContent } from "../../../src/ingest/parse/index.js";

export const SEED_FILE = path.resolve(import.meta.dirname, "../../../content/asharq-al-awsat-2025-11-09.txt");

/** The four seed articles in file order: Kremlin, Turkish forces, Rafah, Hadar Goldin. */
export function seedArticles(): ParsedArticle[] {
  const bytes = fs.readFileSync(SEED_FILE);
  return parseContent({ bytes, fileName: path.basename(SEED_FILE) }).articles;
}

/** The shipped curated topics file. */
export const TOPICS_FILE = path.resolve(import.meta.dirname, "../../../content/topics.json");
