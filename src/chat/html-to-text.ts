/**
 * Telegram HTML as terminal text: bold/italic/underline/strike as ANSI styles (or plain
 * when colour is off), links followed by their URL, block quotes with a bar.
 */
import { decodeEntity } from "../bot/render/html.js";

const STYLES: Record<string, [string, string]> = {
  b: ["\x1b[1m", "\x1b[22m"],
  strong: ["\x1b[1m", "\x1b[22m"],
  i: ["\x1b[3m", "\x1b[23m"],
  em: ["\x1b[3m", "\x1b[23m"],
  u: ["\x1b[4m", "\x1b[24m"],
  ins: ["\x1b[4m", "\x1b[24m"],
  s: ["\x1b[9m", "\x1b[29m"],
  strike: ["\x1b[9m", "\x1b[29m"],
  del: ["\x1b[9m", "\x1b[29m"],
  code: ["\x1b[36m", "\x1b[39m"],
  pre: ["\x1b[36m", "\x1b[39m"],
};
const TOKEN = /<(\/?)([a-z][a-z0-9-]*)([^>]*)>|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});|[^<&]+|[<&]/gi;

/** Render Telegram HTML for a terminal. */
export function htmlToTerminal(html: string, options: { color: boolean }): string {
  let out = "";
  let quote = 0;
  const links: string[] = [];
  const emit = (text: string) => {
    out += quote > 0 ? text.replace(/\n/g, "\n│ ") : text;
  };
  for (const m of html.matchAll(TOKEN)) {
    const [token, closing, rawName, attrs] = m;
    const name = rawName?.toLowerCase();
    if (name === undefined) {
      emit(token.length > 1 && token.startsWith("&") ? decodeEntity(token) : token);
      continue;
    }
    if (name === "blockquote") {
      if (closing) quote--;
      else {
        quote++;
        out += "│ ";
      }
      continue;
    }
    if (name === "a") {
      if (!closing) {
        links.push(/href="([^"]*)"/.exec(attrs ?? "")?.[1] ?? "");
        if (options.color) out += "\x1b[4m";
      } else {
        if (options.color) out += "\x1b[24m";
        const href = links.pop();
        if (href) emit(` (${decodeEntities(href)})`);
      }
      continue;
    }
    const style = STYLES[name];
    if (style && options.color) out += closing ? style[1] : style[0];
  }
  return out;
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, decodeEntity);
}
