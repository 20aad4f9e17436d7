/**
 * Turns the admin's PATH arguments (files, folders, globs) into a sorted list of files.
 * Folders are walked recursively; sidecars, hidden files and content/topics.json are data
 * about articles, not articles, so they are left out.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";

/** One file to load, or a PATH argument that could not be expanded. */
export type ExpandedPath = { file: string } | { file: string; error: string };

/** True for files the loader skips inside folders: sidecars, topic definitions, hidden files. */
export function isNotArticleFile(file: string): boolean {
  const base = path.basename(file);
  return (
    base.startsWith(".") ||
    base.endsWith(".meta.json") ||
    base === "topics.json" ||
    /^readme(\.\w+)?$/i.test(base)
  );
}

/** Expand PATH arguments. Missing or unreadable paths come back as entries with an `error`. */
export async function expandPaths(args: readonly string[]): Promise<ExpandedPath[]> {
  const out: ExpandedPath[] = [];
  const seen = new Set<string>();
  const push = (entry: ExpandedPath) => {
    if (seen.has(entry.file)) return;
    seen.add(entry.file);
    out.push(entry);
  };
  for (const arg of args) {
    if (isDynamicPattern(arg)) {
      const files = await glob(arg, { onlyFiles: true, dot: false, expandDirectories: false });
      if (files.length === 0) push({ file: arg, error: "no file matches this pattern" });
      for (const f of files.sort()) if (!isNotArticleFile(f)) push({ file: f });
      continue;
    }
    let stat: Awaited<ReturnType<typeof fs.stat>>;
    try {
      stat = await fs.stat(arg);
    } catch (error) {
      push({ file: arg, error: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const files = await glob("**/*", { cwd: arg, onlyFiles: true, dot: false });
      for (const f of files.sort()) {
        const full = path.join(arg, f);
        if (!isNotArticleFile(full)) push({ file: full });
      }
    } else {
      push({ file: arg });
    }
  }
  return out;
}

/** A one-line, human explanation of a filesystem error. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied: cannot read it";
    case "EISDIR":
      return "is a folder, not a file";
    default:
      return (error as Error)?.message ?? String(error);
  }
}
