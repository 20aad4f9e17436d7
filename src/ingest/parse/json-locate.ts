/**
 * Where JSON goes wrong, and where its records start. `JSON.parse` reports neither reliably
 * (V8 often gives no position), so a small linear scanner does both: admins get
 * "line 12, column 5: expected ',' or '}'" and every record keeps its line.
 */

/** The first syntax error in a JSON text: its character offset and what is wrong there. */
export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/** End offset (after the closing quote) of the string starting at `i`, or the error inside it. */
function scanString(text: string, i: number): number | JsonSyntaxError {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20)
      return { offset: j, reason: "a control character (such as a raw line break) inside a string" };
    if (c === 0x5c) {
      const e = text[j + 1];
      if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) j += 5;
      else if (e !== undefined && ESCAPES.has(e)) j++;
      else if (e !== undefined) return { offset: j, reason: `invalid escape \\${e} inside a string` };
    }
  }
  return { offset: text.length, reason: "the file ends inside a string (is it truncated?)" };
}

function skip(text: string, i: number): number {
  let j = i;
  for (let c = text[j]; c === " " || c === "\t" || c === "\n" || c === "\r"; c = text[++j]);
  return j;
}

function show(c: string | undefined): string {
  return c === undefined ? "the end of the file" : JSON.stringify(c);
}

/** Locate the first JSON syntax error in `text`, or null when it is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxError | null {
  const stack: ("{" | "[")[] = [];
  const truncated = (): JsonSyntaxError => ({
    offset: text.length,
    reason: `the file ends inside ${stack.length === 0 ? "a value" : stack.at(-1) === "{" ? "an object" : "an array"} (is it truncated?)`,
  });
  // After "{" or ",": a quoted key, a colon, then a value.
  const key = (at: number): number | JsonSyntaxError => {
    if (at >= text.length) return truncated();
    if (text[at] !== '"')
      return { offset: at, reason: `expected a property name in double quotes but found ${show(text[at])}` };
    const end = scanString(text, at);
    if (typeof end !== "number") return end;
    const colon = skip(text, end);
    if (colon >= text.length) return truncated();
    return text[colon] === ":"
      ? skip(text, colon + 1)
      : { offset: colon, reason: "expected ':' after the property name" };
  };
  let i = skip(text, 0);
  for (;;) {
    // A value starts at i.
    const c = text[i];
    if (c === undefined) return truncated();
    if (c === "{" || c === "[") {
      stack.push(c);
      i = skip(text, i + 1);
      if (text[i] !== (c === "{" ? "}" : "]")) {
        if (c === "{") {
          const next = key(i);
          if (typeof next !== "number") return next;
          i = next;
        }
        continue;
      }
      stack.pop();
      i++;
    } else if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== "number") return end;
      i = end;
    } else {
      const word = ["true", "false", "null"].find((w) => text.startsWith(w, i));
      NUMBER.lastIndex = i;
      if (word) i += word.length;
      else if (NUMBER.test(text)) i = NUMBER.lastIndex;
      else return { offset: i, reason: `unexpected ${show(c)} where a value was expected` };
    }
    // A value ended: close containers or move to the next element.
    for (;;) {
      i = skip(text, i);
      const top = stack.at(-1);
      if (top === undefined)
        return i >= text.length ? null : { offset: i, reason: "unexpected text after the JSON value" };
      const close = top === "{" ? "}" : "]";
      if (i >= text.length) return truncated();
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",")
        return { offset: i, reason: `expected ',' or '${close}' but found ${show(text[i])}` };
      i = skip(text, i + 1);
      if (top === "{") {
        const next = key(i);
        if (typeof next !== "number") return next;
        i = next;
      }
      break;
    }
  }
}

/**
 * Character offsets where the records of a valid JSON document start: the elements of a
 * top-level array, or of the array under one of `wrapperKeys` in a top-level object, or the
 * document itself when it is a single object.
 */
export function recordOffsets(text: string, wrapperKeys: readonly string[]): number[] {
  const start = skip(text, 0);
  if (text[start] === "{") {
    const inner = wrapperArrayStart(text, start, wrapperKeys);
    return inner === -1 ? [start] : elementOffsets(text, inner);
  }
  return text[start] === "[" ? elementOffsets(text, start) : [];
}

function endOfString(text: string, i: number): number {
  const end = scanString(text, i);
  return typeof end === "number" ? end : text.length;
}

function wrapperArrayStart(text: string, objectStart: number, keys: readonly string[]): number {
  let depth = 0;
  let key: string | null = null;
  for (let i = objectStart; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      if (depth === 1) key = text.slice(i + 1, end - 1);
      i = end - 1;
    } else if (c === "{" || c === "[") {
      if (depth === 1 && c === "[" && key !== null && keys.includes(key)) return i;
      depth++;
    } else if (c === "}" || c === "]") depth--;
  }
  return -1;
}

function elementOffsets(text: string, arrayStart: number): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let expect = true;
  for (let i = skip(text, arrayStart + 1); i < text.length; i = skip(text, i + 1)) {
    const c = text[i];
    if (depth === 0 && c === "]") break;
    if (depth === 0 && c === ",") {
      expect = true;
      continue;
    }
    if (expect && depth === 0) {
      offsets.push(i);
      expect = false;
    }
    if (c === '"') i = endOfString(text, i) - 1;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
  }
  return offsets;
}
