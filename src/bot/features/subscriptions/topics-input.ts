/**
 * Turning "/subscribe gaza saudi arabia, al-sharaa" into topics (pure over the resolver): commas
 * separate names when present; otherwise the longest run of words (up to four) that names a
 * topic wins, so multi-word names need no quoting.
 */
import type { TopicRef } from "../../../domain/article.js";
import { cleanUserText } from "../../render/html.js";

/** Name → topic resolution as /topic does it (the TopicDirectory satisfies this). */
export interface TopicResolver {
  resolve(query: string): TopicRef | null;
  suggest(query: string, limit?: number): TopicRef[];
}

/** Topics found (each once, in the order typed) and the names that matched nothing. */
export interface ResolvedTopics {
  found: TopicRef[];
  unknown: string[];
}

const MAX_WORDS_PER_NAME = 4;
/** More than this many names in one command is not a reading list, it is a paste. */
export const MAX_TOPIC_NAMES = 12;

/** Resolve what the reader typed after the command. */
export function resolveTopics(input: string, topics: TopicResolver): ResolvedTopics {
  const text = cleanUserText(input).replace(/\s+/g, " ");
  const found = new Map<string, TopicRef>();
  const unknown: string[] = [];
  const take = (name: string) => {
    const ref = topics.resolve(name);
    if (ref) found.set(ref.id, ref);
    else unknown.push(name);
  };
  if (text.includes(",")) {
    for (const name of text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean))
      take(name);
  } else {
    const words = text.split(" ").filter(Boolean);
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(MAX_WORDS_PER_NAME, words.length - i); n > 0 && !matched; n--) {
        const ref = topics.resolve(words.slice(i, i + n).join(" "));
        if (ref) {
          found.set(ref.id, ref);
          matched = n;
        }
      }
      if (!matched) unknown.push(words[i]!);
      i += matched || 1;
    }
  }
  return { found: [...found.values()].slice(0, MAX_TOPIC_NAMES), unknown: unknown.slice(0, MAX_TOPIC_NAMES) };
}

/** Close topics for the unknown names, each once, at most `limit`. */
export function suggestTopics(unknown: readonly string[], topics: TopicResolver, limit = 6): TopicRef[] {
  const out = new Map<string, TopicRef>();
  for (const name of unknown) for (const t of topics.suggest(name, 3)) out.set(t.id, t);
  return [...out.values()].slice(0, limit);
}
