/** Shared helpers for the parser tests: parse strings and fixtures, catch ContentErrors. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ContentError, type ParseResult, parseContent } from "../../../../src/ingest/parse/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Bytes of a file under the project root. */
export function projectFile(relative: string): Uint8Array {
  return readFileSync(path.join(ROOT, relative));
}

/** Parse a fixture from test/fixtures/formats. */
export function parseFixture(name: string): ParseResult {
  return parseContent({ bytes: projectFile(`test/fixtures/formats/${name}`), fileName: name });
}

/** Parse a string as if it were a file with this name. */
export function parseString(text: string, fileName = "input.txt"): ParseResult {
  return parseContent({ bytes: new TextEncoder().encode(text), fileName });
}

/** Run `fn`, which must throw a ContentError, and return it. */
export function contentError(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw new Error(`expected a ContentError, got ${String(error)}`);
  }
  throw new Error("expected a ContentError, but nothing was thrown");
}
