/** Mapping between character offsets and 1-based line numbers, for error messages. */

/** A function that turns a character offset in `text` into its 1-based line number. */
export type LineOf = (offset: number) => number;

/** Build an O(log n) offset → line lookup for `text` (lines end at "\n"). */
export function lineIndex(text: string): LineOf {
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Number of lines in `text` (a trailing newline does not start a new line). */
export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) if (i < text.length - 1) n++;
  return n;
}
