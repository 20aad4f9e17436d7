/** Text of XML elements kept raw by the feed parser (stop nodes): CDATA and entity handling. */

const XML_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeXmlEntities(s: string): string {
  return s.replace(
    XML_ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED[name] ?? whole;
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? "", 16);
      // Out-of-range and surrogate code points are not characters; leave them as written.
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    },
  );
}

/**
 * The value of an element from its raw inner XML: CDATA sections literally, everything else
 * with the five XML entities and character references decoded. HTML entities such as `&nbsp;`
 * are left for the HTML parser.
 */
export function xmlInnerText(raw: string): string {
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf("<![CDATA[", i);
    if (start === -1) {
      out += decodeXmlEntities(raw.slice(i));
      break;
    }
    out += decodeXmlEntities(raw.slice(i, start));
    const end = raw.indexOf("]]>", start + 9);
    out += raw.slice(start + 9, end === -1 ? raw.length : end);
    i = end === -1 ? raw.length : end + 3;
  }
  return out;
}

/**
 * Offsets of the start tags `<tag` in `xml`, skipping comments and CDATA sections, in document
 * order. Lets each parsed item keep the line it starts on.
 */
export function startTagOffsets(xml: string, tag: string): number[] {
  const offsets: number[] = [];
  for (let i = xml.indexOf("<"); i !== -1; i = xml.indexOf("<", i + 1)) {
    const skipTo = xml.startsWith("<!--", i) ? "-->" : xml.startsWith("<![CDATA[", i) ? "]]>" : null;
    if (skipTo !== null) {
      const end = xml.indexOf(skipTo, i);
      if (end === -1) break;
      i = end;
    } else if (xml.startsWith(tag, i + 1) && /^[\s/>]/.test(xml[i + 1 + tag.length] ?? "")) offsets.push(i);
  }
  return offsets;
}
