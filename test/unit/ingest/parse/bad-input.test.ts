/** Files that cannot load fail with a ContentError that says what is wrong and on which line. */
import { describe, expect, it } from "vitest";
import { decodeText, parseContent } from "../../../../src/ingest/parse/index.js";
import { contentError, parseString } from "./helpers.js";

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (s: string) => new TextEncoder().encode(s);
const parseBytes = (b: Uint8Array, fileName = "file.txt") => parseContent({ bytes: b, fileName });

describe("undecodable files", () => {
  it("rejects an empty file", () => {
    const error = contentError(() => parseBytes(bytes()));
    expect(error.message).toBe("the file is empty");
    expect(error.line).toBeNull();
  });

  it("rejects a whitespace-only file, NBSPs and zero-width spaces included", () => {
    const error = contentError(() => parseBytes(utf8(" \n\t\u00A0\r\n\u200B\n")));
    expect(error.message).toMatch(/empty.*only whitespace/);
  });

  it("rejects a binary file with NUL bytes, naming the byte and its line", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48);
    const error = contentError(() => parseBytes(png, "photo.png"));
    expect(error.message).toMatch(/binary file.*NUL byte \(byte 9\)/);
    expect(error.message).toContain(".png");
    expect(error.line).toBe(3);
  });

  it("recognises UTF-16 without a byte-order mark", () => {
    const le = new Uint8Array(40).map((_, i) => (i % 2 === 0 ? 0x41 : 0));
    expect(contentError(() => parseBytes(le)).message).toBe(
      "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8",
    );
  });

  it("rejects a file that is mostly control characters even without NUL bytes", () => {
    const junk = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x41 : (i % 8) + 1));
    expect(contentError(() => parseBytes(junk)).message).toMatch(/binary file \(mostly control characters\)/);
  });

  it("rejects bytes that are not UTF-8 with the line and column of the first bad byte", () => {
    // "Headline\nCaf\xE9 au lait" in Latin-1.
    const latin1 = bytes(...utf8("Headline\nCaf"), 0xe9, ...utf8(" au lait\n"));
    const error = contentError(() => parseBytes(latin1));
    expect(error.message).toBe(
      "not UTF-8 text: invalid byte 0xE9 at line 2, column 4 (byte 13); save the file as UTF-8",
    );
    expect(error.line).toBe(2);
  });

  it("rejects overlong and surrogate UTF-8 encodings", () => {
    expect(contentError(() => parseBytes(bytes(0x41, 0xc0, 0xaf))).message).toMatch(/invalid byte 0xC0/);
    expect(contentError(() => parseBytes(bytes(0x41, 0xed, 0xa0, 0x80))).message).toMatch(
      /invalid byte 0xED/,
    );
  });

  it("strips a UTF-8 BOM and decodes UTF-16 files that start with a BOM", () => {
    const text = "Headline Here\n\nBody text.\n";
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, ...utf8(text)), "a.txt")).toBe(text);
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    expect(parseBytes(le).articles[0]!.title).toBe("Headline Here");
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    expect(decodeText(be, "a.txt")).toBe(text);
  });

  it("normalises CRLF and CR line endings", () => {
    expect(decodeText(utf8("a\r\nb\rc"), "a.txt")).toBe("a\nb\nc");
  });
});

describe("JSON", () => {
  it("rejects truncated JSON on its last line, saying it looks truncated", () => {
    const error = contentError(() =>
      parseString('{"articles": [\n  {"title": "A", "text": "x"},\n  {"title": "B", "te', "feed.json"),
    );
    expect(error.message).toBe(
      "invalid JSON at line 3, column 20: the file ends inside a string (is it truncated?)",
    );
    expect(error.line).toBe(3);
  });

  it("names the line and column of a syntax error in the middle of the file", () => {
    const error = contentError(() => parseString('[\n  {"title": "A" "text": "x"}\n]', "a.json"));
    expect(error.message).toBe("invalid JSON at line 2, column 17: expected ',' or '}' but found \"\\\"\"");
    expect(error.line).toBe(2);
  });

  it("rejects JSON that holds no usable article", () => {
    const error = contentError(() => parseString('[{"title": "No body"}, {"text": "No title."}]', "a.json"));
    expect(error.message).toMatch(/^no article in the file: record 1 has no body/);
    expect(error.line).toBe(1);
    expect(contentError(() => parseString("[]", "a.json")).message).toMatch(/empty list/);
    expect(contentError(() => parseString('[1, "two"]', "a.json")).message).toMatch(
      /record 1 is a number, not an article/,
    );
  });

  it("rejects a JSON Lines file where no line is valid, naming the first bad line", () => {
    const error = contentError(() => parseString('{"title": "A", \n{"title": \n', "a.jsonl"));
    expect(error.message).toMatch(/^no line is valid JSON \(line 1: invalid JSON/);
    expect(error.line).toBe(1);
  });
});

describe("feeds", () => {
  const rss = (items: string) =>
    `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>F</title>\n${items}\n</channel></rss>`;

  it("rejects a feed where every item is broken, pointing at the first", () => {
    const error = contentError(() =>
      parseString(rss("<item><guid>1</guid></item>\n<item><title>Only a title</title></item>"), "f.xml"),
    );
    expect(error.message).toBe(
      "every item in the feed is broken (2 of 2); item 1 has no title and no text; skipped",
    );
    expect(error.line).toBe(3);
  });

  it("rejects a feed without items", () => {
    expect(contentError(() => parseString(rss(""), "f.xml")).message).toBe("the feed has no <item> elements");
  });

  it("rejects malformed XML with the line of the error", () => {
    const error = contentError(() => parseString(rss("<item><title>A</item>"), "f.xml"));
    expect(error.message).toMatch(/^malformed XML on line 3: Expected closing tag 'title'/);
    expect(error.line).toBe(3);
  });

  it("says a cut-off feed looks truncated", () => {
    const error = contentError(() =>
      parseString('<rss version="2.0">\n<channel>\n<item><title>A</title>\n', "f.rss"),
    );
    expect(error.message).toBe(
      "malformed XML: the file ends before <rss>, <channel>, <item> are closed (is it truncated?)",
    );
    expect(error.line).toBe(3);
  });

  it("rejects XML that is not a feed", () => {
    const error = contentError(() => parseString('<?xml version="1.0"?>\n<svg><rect/></svg>', "image.xml"));
    expect(error.message).toMatch(/^unsupported XML: the root element is <svg>/);
  });
});

describe("Markdown", () => {
  it("rejects invalid front matter with the file line of the YAML error", () => {
    const error = contentError(() =>
      parseString("---\ntitle: Fine\nsource: [unclosed\ndate: 2025\n---\n\nBody.", "a.md"),
    );
    expect(error.message).toMatch(/^invalid front matter on line 4: Flow sequence/);
    expect(error.line).toBe(4);
  });

  it("rejects front matter that is never closed", () => {
    const error = contentError(() => parseString("---\ntitle: x\n\nBody text.", "a.md"));
    expect(error.message).toBe('the front matter opened on line 1 is never closed by a "---" line');
    expect(error.line).toBe(1);
  });

  it("rejects front matter that is not a mapping, and an article without a title or body", () => {
    expect(contentError(() => parseString("---\n- a\n- b\n---\n# T\n\nBody.", "a.md")).message).toMatch(
      /list of fields/,
    );
    expect(
      contentError(() =>
        parseString("---\nsource: X\n---\n\nA long paragraph that ends like a sentence.", "a.md"),
      ).message,
    ).toMatch(/^no title/);
    expect(contentError(() => parseString("# Only a Title\n", "a.md")).message).toBe(
      "no body text under the title",
    );
  });
});

describe("text and HTML with no article", () => {
  it("rejects text with a headline but nothing under it", () => {
    const error = contentError(() => parseString("Just one line"));
    expect(error.message).toMatch(/^no recognisable article: .*headline on line 1 has no paragraphs/);
    expect(error.line).toBe(1);
  });

  it("rejects text that does not start with a headline", () => {
    const error = contentError(() =>
      parseString(
        "\n\nThis is a long sentence that ends with a full stop, so it is no headline.\n\nAnother one.\n",
      ),
    );
    expect(error.message).toMatch(/lines 3–5 skipped: no headline there/);
    expect(error.line).toBe(3);
  });

  it("rejects an HTML page without article text", () => {
    const error = contentError(() =>
      parseString(
        "<!doctype html><html><head><title>Empty</title></head><body><script>x()</script></body></html>",
        "e.html",
      ),
    );
    expect(error.message).toBe("the page has no article text");
  });
});

describe("hostile files", () => {
  const para =
    "<p>Flood waters began to recede across the valley on Saturday, allowing residents to return home.</p>";
  const deepPage = (levels: number) =>
    `<!doctype html><html><head><title>Deep</title></head><body>${"<div>".repeat(levels)}${para}${"</div>".repeat(levels)}</body></html>`;

  it("refuses a pathologically nested page before building a DOM", () => {
    const error = contentError(() => parseString(deepPage(5000), "deep.html"));
    expect(error.message).toBe(
      "the page nests elements 5000 levels deep (more than 1000); it is not a saved article page",
    );
    expect(error.line).toBe(1);
  });

  it("still reads a deep but plausible page, without Readability", () => {
    const r = parseString(deepPage(300), "deep.html");
    expect(r.articles[0]).toMatchObject({
      title: "Deep",
      blocks: [{ kind: "paragraph", text: expect.stringMatching(/^Flood waters/) }],
    });
  });

  it("refuses external entities in a feed", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>F</title><item><title>T &x;</title><description>d</description></item></channel></rss>`;
    expect(contentError(() => parseString(xxe, "x.xml")).message).toBe(
      "unsupported XML: External entities are not supported",
    );
  });

  it("refuses a YAML alias bomb in front matter", () => {
    const levels = ["a", "b", "c", "d", "e", "f"];
    const yaml = levels
      .map(
        (name, i) =>
          `${name}: &${name} [${
            i === 0
              ? '"lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"'
              : Array(9)
                  .fill(`*${levels[i - 1]}`)
                  .join(", ")
          }]`,
      )
      .join("\n");
    const error = contentError(() => parseString(`---\n${yaml}\ntitle: T\n---\n\nBody.`, "bomb.md"));
    expect(error.message).toMatch(/^invalid front matter: Excessive alias count/);
  });
});
