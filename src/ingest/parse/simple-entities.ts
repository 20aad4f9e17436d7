/**
 * A shortcut past the DOM for "HTML" that is only text with character references (a JSON body
 * with `&#233;` in it): decoded here exactly as the HTML parser would, without loading or
 * running one. Anything less plain (a `<`, an `&` that might start a reference without its
 * `;`, a reference the parser treats specially) is left to the DOM.
 */

/** The named references decoded here: the ones plain text is escaped with. */
const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/**
 * What may follow "&" and a name of one or two letters or digits for the parser to keep all of
 * it as text ("R&B hits", "AT&T,"), the end of the fragment counting as "<". Found by trying
 * every such name before every ASCII character on the decoder linkedom uses (htmlparser2's
 * `entities`), whose table of names has quirks beyond the HTML standard's (e.g. "&Xi#").
 */
const ENDS_SHORT_NAME = " \n\t'()*+,-./:<=[\\]^_`{|}~";
/** The names of at most two characters the parser decodes without a ";". */
const SHORT_LEGACY = new Set(["GT", "LT", "gt", "lt"]);
const NAME_CHAR = /^[A-Za-z0-9]$/;
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/g;

/**
 * `s` with its character references decoded, when `s` has no markup and every `&` either starts
 * a decimal or hex reference to an ordinary code point or one of {@link NAMED} with its `;`, or
 * is one the parser keeps as text ("Marks & Spencer", "R&B hits").
 * Otherwise null: the HTML parser's rules for the rest (references without `;`, legacy names,
 * C1 and invalid code points, tags) are not repeated here.
 */
export function decodeSimpleEntities(s: string): string | null {
  if (s.includes("<")) return null;
  let plain = true;
  let decoded = 0;
  const out = s.replace(REFERENCE, (_match, dec: string | undefined, hex: string | undefined, name) => {
    decoded++;
    if (name !== undefined) return NAMED[name as string]!;
    const code = dec === undefined ? Number.parseInt(hex!, 16) : Number.parseInt(dec, 10);
    if (!ordinary(code)) {
      plain = false;
      return "";
    }
    return String.fromCodePoint(code);
  });
  if (!plain) return null;
  // Every other "&" must be one the parser keeps as it is.
  let ampersands = 0;
  for (let at = s.indexOf("&"); at !== -1; at = s.indexOf("&", at + 1)) {
    if (keptAsText(s, at)) decoded++;
    ampersands++;
  }
  return ampersands === decoded ? out : null;
}

/**
 * Code points a reference decodes to as is: printable ones, not C0/C1 controls (the parser
 * maps C1 to Windows-1252), not surrogates, not U+FFFE/U+FFFF, nothing past U+10FFFF.
 */
function ordinary(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Whether the parser keeps the "&" at `at` as text: when no letter, digit or "#" follows
 * (which can start no reference), or a short name that is none, followed by a character of
 * {@link ENDS_SHORT_NAME}.
 */
function keptAsText(s: string, at: number): boolean {
  const next = s.charAt(at + 1);
  if (next !== "#" && !NAME_CHAR.test(next)) return true;
  let end = at + 1;
  while (end - at <= 3 && NAME_CHAR.test(s.charAt(end))) end++;
  const name = s.slice(at + 1, end);
  if (name.length === 0 || name.length > 2 || SHORT_LEGACY.has(name)) return false;
  return ENDS_SHORT_NAME.includes(end < s.length ? s.charAt(end) : "<");
}
