/**
 * Grouping the stories of one digest under topic headings (pure). With chosen topics, a story
 * goes under the chosen topic it is most about. For all news, topics that cover several of the
 * stories become headings greedily (most stories first); a story left alone goes under its own
 * main topic. Groups come in the order of their most important story.
 */
import type { Story } from "./stories.js";

/** A heading and its stories (in importance order). */
export interface StoryGroup {
  topic: { id: string; name: string } | null;
  stories: Story[];
}

/** How many of a story's heaviest topics may become its heading in an all-news digest. */
const HEADING_CANDIDATES = 3;

/** Group `stories` (importance order) for a reader who chose `topics` (empty: all news). */
export function groupStories(stories: readonly Story[], topics: readonly string[]): StoryGroup[] {
  const assigned = new Map<string, { id: string; name: string } | null>();
  if (topics.length > 0) {
    const chosen = new Set(topics);
    for (const s of stories) {
      const best = s.topics.find((t) => chosen.has(t.id)) ?? s.topics[0];
      assigned.set(s.id, best ? { id: best.id, name: best.name } : null);
    }
  } else {
    coverGreedily(stories, assigned);
  }
  const groups = new Map<string, StoryGroup>();
  for (const s of stories) {
    const topic = assigned.get(s.id) ?? null;
    const key = topic?.id ?? "";
    const group = groups.get(key) ?? { topic, stories: [] };
    group.stories.push(s);
    groups.set(key, group);
  }
  // Stories arrive in importance order, so insertion order is the order of each group's best story.
  return [...groups.values()];
}

function coverGreedily(
  stories: readonly Story[],
  assigned: Map<string, { id: string; name: string } | null>,
): void {
  let left = [...stories];
  for (;;) {
    const counts = new Map<string, { name: string; n: number; first: number }>();
    for (const s of left) {
      for (const t of s.topics.slice(0, HEADING_CANDIDATES)) {
        const c = counts.get(t.id) ?? { name: t.name, n: 0, first: s.rank };
        c.n += 1;
        counts.set(t.id, c);
      }
    }
    let best: { id: string; name: string; n: number; first: number } | undefined;
    for (const [id, c] of counts) {
      if (c.n < 2) continue;
      if (
        !best ||
        c.n > best.n ||
        (c.n === best.n && (c.first < best.first || (c.first === best.first && id < best.id)))
      )
        best = { id, ...c };
    }
    if (!best) break;
    const heading = { id: best.id, name: best.name };
    const covered = (s: Story) => s.topics.slice(0, HEADING_CANDIDATES).some((t) => t.id === heading.id);
    for (const s of left) if (covered(s)) assigned.set(s.id, heading);
    left = left.filter((s) => !covered(s));
  }
  for (const s of left) {
    const main = s.topics[0];
    assigned.set(s.id, main ? { id: main.id, name: main.name } : null);
  }
}
