/**
 * Bytes → text. Only UTF-8 (with or without BOM) and BOM-marked UTF-16 are accepted; anything
 * else fails loudly with the line of the first bad byte rather than loading mojibake.
 */
import { ContentError } from "./errors.js";
import { isBlank } from "./normalize.js";

/** Share of control characters above which a decodable file is still treated as binary. */
const MAX_CONTROL_SHARE = 0.1;
/** Characters inspected for the control-character share (enough to tell text from binary). */
const SNIFF_CHARS = 65_536;

/**
 * Decode a file's bytes to text with "\n" line endings. Strips a UTF-8 BOM; decodes UTF-16 LE/BE
 * when it starts with a BOM. Throws {@link ContentError} for an empty or whitespace-only file, a
 * binary file (NUL bytes or mostly control characters) and bytes that are not valid UTF-8,
 * naming the line of the first offending byte.
 */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length === 0) throw new ContentError("the file is empty");
  const text = normalizeNewlines(decodeBytes(bytes, fileName));
  if (looksBinary(text)) {
    throw new ContentError(
      `${describe(fileName)} looks like a binary file (mostly control characters), not text`,
    );
  }
  if (isBlank(text)) throw new ContentError("the file is empty (it holds only whitespace)");
  return text;
}

function decodeBytes(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), "utf-16be");
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1 && looksLikeUtf16(body)) {
    throw new ContentError(
      "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8",
      null,
    );
  }
  if (nul !== -1) {
    throw new ContentError(
      `${describe(fileName)} looks like a binary file: it contains a NUL byte (byte ${nul + 1}); expected UTF-8 text`,
      lineOfByte(body, nul),
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const line = lineOfByte(body, bad);
    const column = bad - (body.lastIndexOf(0x0a, bad - 1) + 1) + 1;
    const hex = (body[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    throw new ContentError(
      `not UTF-8 text: invalid byte 0x${hex} at line ${line}, column ${column} (byte ${bad + 1}); save the file as UTF-8`,
      line,
    );
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    if (text.includes("\u0000")) throw new Error("NUL character");
    return text;
  } catch {
    throw new ContentError(
      `the file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()} text`,
    );
  }
}

/** ASCII-range UTF-16 has a NUL in (nearly) every other byte of one parity. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  const pairs = n / 2;
  return pairs >= 4 && (even >= 0.8 * pairs || odd >= 0.8 * pairs) && Math.min(even, odd) < 0.2 * pairs;
}

function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SNIFF_CHARS);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Tab, line feed, vertical tab, form feed and carriage return are ordinary in text.
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || (c >= 0x7f && c <= 0x9f)) control++;
  }
  return n > 0 && control / n > MAX_CONTROL_SHARE;
}

function describe(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const ext = dot > fileName.lastIndexOf("/") && dot !== -1 ? fileName.slice(dot) : "";
  return ext ? `the ${ext} file` : "the file";
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const next = b[i + k];
      if (next === undefined) return i;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (next < min || next > max) return i;
    }
    i += need + 1;
  }
  return b.length;
}
