/**
 * Fixture articles for bot tests and the bot bench: the four seed stories, more Gaza news
 * (for paging), hostile HTML, Arabic with emoji, and a very long body.
 */
import type { Article, TopicRef } from "../../src/domain/article.js";

/** Build a complete Article from the fields a test cares about. */
export function makeArticle(p: Partial<Article> & { id: string; title: string }): Article {
  const blocks = p.blocks ?? [{ kind: "paragraph" as const, text: `${p.title}. Body text of ${p.id}.` }];
  const summary = p.summary ?? [`Summary of ${p.title}.`];
  return {
    caption: null,
    credit: null,
    published: "2025-11-09T10:00:00Z",
    source: "Asharq Al-Awsat",
    url: null,
    author: null,
    line: null,
    topics: [],
    sentences: summary.map((text, i) => ({ text, score: 1 - i / 10 })),
    contentHash: `hash-${p.id}`,
    simhash: "0000000000000000",
    origin: { file: "fixture.txt", format: "text" },
    ingestedAt: "2025-11-10T00:00:00Z",
    ...p,
    blocks,
    summary,
  };
}

const topic = (name: string, kind: TopicRef["kind"] = "place"): TopicRef => ({
  id: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
  name,
  kind,
  weight: 1,
});

/** A paragraph of roughly `chars` characters. */
export function longParagraph(seed: string, chars: number): string {
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const word = `${seed}${i % 17 === 0 ? "🙂" : ""}word${i}`;
    words.push(word);
    length += word.length + 1;
  }
  return `${words.join(" ")}.`;
}

/** The fixture set: the four seed stories, more Gaza news (for paging), hostile HTML, Arabic, and a very long body. */
export function fixtureArticles(): Article[] {
  const gaza = topic("Gaza");
  return [
    makeArticle({
      id: "a1",
      title: "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties",
      published: "2025-11-09T08:00:00Z",
      url: "https://example.com/putin-sharaa",
      topics: [topic("Kremlin", "organization"), topic("Russia"), topic("Syria")],
      summary: [
        "Putin met Syrian President Ahmed al-Sharaa in the Kremlin.",
        "Both sides spoke of renewed ties.",
      ],
    }),
    makeArticle({
      id: "a2",
      title: "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
      published: "2025-11-09T09:00:00Z",
      topics: [gaza, topic("Israel"), topic("Turkey")],
      summary: [
        "An Israeli spokesperson ruled out Turkish troops in Gaza.",
        "The statement came after talks.",
      ],
    }),
    makeArticle({
      id: "a3",
      title: "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
      published: "2025-11-09T10:00:00Z",
      url: "https://example.com/rafah",
      topics: [gaza, topic("Hamas", "organization"), topic("Rafah")],
      summary: ["Hamas said its fighters in Rafah will not surrender.", "Israel says the area is encircled."],
    }),
    makeArticle({
      id: "a4",
      title: "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
      published: "2025-11-09T11:00:00Z",
      topics: [gaza, topic("Israel"), topic("Hamas", "organization")],
      summary: ["Israel received the body of a hostage from Gaza.", "Hamas says it is soldier Hadar Goldin."],
    }),
    ...[5, 6, 7].map((n) =>
      makeArticle({
        id: `g${n}`,
        title: `Gaza ceasefire talks, day ${n}`,
        published: `2025-11-0${n - 4}T12:00:00Z`,
        topics: [gaza],
        summary: [`Negotiators met again on day ${n} of the Gaza ceasefire talks.`],
      }),
    ),
    makeArticle({
      id: "evil",
      title: '<script>alert("x")</script> & <b>Bold</b> claims',
      published: "2025-11-01T06:00:00Z",
      source: "Tom & Jerry <News>",
      url: "https://example.com/a?b=1&c=2",
      author: "<i>Mallory</i>",
      topics: [gaza, topic("<img src=x>", "phrase")],
      summary: [
        "Prices rose 5% & <b>fell</b> again; a<b & c>d.",
        "</blockquote> breaks <a href='x'>nothing</a>.",
      ],
      blocks: [
        { kind: "heading", text: "<h1>Heading</h1>" },
        { kind: "paragraph", text: "Body with <script>evil()</script> & entities &amp; &lt;." },
      ],
    }),
    makeArticle({
      id: "ar1",
      title: "قمة عربية في الرياض تبحث وقف الحرب 🇸🇦",
      published: "2025-11-08T07:00:00Z",
      source: "الشرق الأوسط",
      topics: [topic("Saudi Arabia")],
      summary: ["اجتمع القادة العرب في الرياض لبحث وقف الحرب في غزة 🕊️.", "وصدر بيان ختامي."],
    }),
    makeArticle({
      id: "long1",
      title: "A very long report on the economy",
      published: "2025-11-07T07:00:00Z",
      topics: [topic("Economy", "phrase")],
      summary: ["The economy report is long."],
      blocks: [
        { kind: "heading", text: "Part one" },
        ...Array.from({ length: 30 }, (_, i) => ({
          kind: "paragraph" as const,
          text: longParagraph(`p${i}`, 600),
        })),
        { kind: "paragraph", text: "x".repeat(9000) },
        { kind: "paragraph", text: "The end." },
      ],
    }),
  ];
}
