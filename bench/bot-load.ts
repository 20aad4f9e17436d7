/**
 * Child process of the bot benchmark: runs the fake Bot API and generates the load, so the
 * bot under test has its own process (as it would against Telegram). Talks to the parent
 * over IPC: "ready", then any number of `queue` requests (each answered with the update ids it
 * queued, their queue times and kinds), then "close". The parent decides when the bot is done.
 * Not meant to be run by hand; bench/bot.ts forks it.
 */
import { startFakeBotApi } from "../test/helpers/fake-bot-api.js";

/** What the parent asks for: warm-up messages, presses of buttons the bot sent, or the mix. */
export type LoadPlan =
  /** Every chat sends `/topic T` and a search, so it has bot messages with buttons. */
  | { kind: "warmup"; chats: number; topics: string[]; words: string[] }
  /** Every chat presses the first article button it has, so it has a card with a full-text button. */
  | { kind: "cards"; chats: number }
  /** The measured mix: `n` updates, `rate` per second (0 = all at once). */
  | {
      kind: "mix";
      n: number;
      rate: number;
      chats: number;
      topics: string[];
      /** Mistyped topic names, sent as one /topic in ten. */
      typoTopics: string[];
      words: string[];
    };

/** Messages the parent sends. */
export type ToLoad = { type: "queue"; plan: LoadPlan } | { type: "close" };

/** One queued update: its id, when it was queued (epoch ms, sub-ms precision) and its kind in the mix. */
export type Queued = [id: number, at: number, kind: string];

/** Messages this child sends. */
export type FromLoad =
  | { type: "ready"; apiRoot: string; token: string }
  | { type: "queued"; queued: Queued[] };

const now = () => performance.timeOrigin + performance.now();
const chatOf = (c: number) => 10_000 + c;
const send = (msg: FromLoad) => process.send?.(msg);

const api = await startFakeBotApi();
send({ type: "ready", apiRoot: api.apiRoot, token: api.token });

process.on("message", (msg: ToLoad) => {
  void handle(msg).catch((error: unknown) => {
    process.stderr.write(`bot-load: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
});

async function handle(msg: ToLoad): Promise<void> {
  if (msg.type === "close") {
    await api.close();
    process.exit(0);
  }
  const plan = msg.plan;
  if (plan.kind === "warmup") {
    const queued: Queued[] = [];
    for (let c = 0; c < plan.chats; c++) {
      const topic = pick(plan.topics, c, "news");
      queued.push([api.sendText(chatOf(c), `/topic ${topic}`), now(), "topic"]);
      queued.push([api.sendText(chatOf(c), `/search ${pick(plan.words, c, "news")}`), now(), "search"]);
    }
    send({ type: "queued", queued });
    return;
  }
  const buttons = snapshotButtons(plan.chats);
  if (plan.kind === "cards") {
    const queued: Queued[] = [];
    for (let c = 0; c < plan.chats; c++) {
      const b = buttons.get(chatOf(c))?.find((x) => code(x.data) === "a");
      if (b) queued.push([api.pressButton(chatOf(c), b.messageId, b.data), now(), "button a"]);
    }
    send({ type: "queued", queued });
    return;
  }
  const queued: Queued[] = [];
  const started = now();
  for (let i = 0; i < plan.n; ) {
    const due =
      plan.rate > 0 ? Math.min(plan.n, Math.floor(((now() - started) / 1000) * plan.rate) + 1) : plan.n;
    for (; i < due; i++) {
      const [id, kind] = mixUpdate(plan, buttons, i);
      queued.push([id, now(), kind]);
    }
    if (i < plan.n) await new Promise((r) => setTimeout(r, 2));
  }
  send({ type: "queued", queued });
}

/** Update `i` of the mix: 30% /topic, 30% search (command or plain text), 20% inline, 20% buttons. */
function mixUpdate(
  plan: Extract<LoadPlan, { kind: "mix" }>,
  buttons: Map<number, Button[]>,
  i: number,
): [number, string] {
  const chat = chatOf(i % plan.chats);
  // Indices move with the round (i / 10) too, so every word and topic meets every slot of the mix.
  const round = Math.floor(i / 10);
  const word = pick(plan.words, round + i, "news");
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
      if (round % 10 === 9 && plan.typoTopics.length > 0)
        return [api.sendText(chat, `/topic ${pick(plan.typoTopics, round, "news")}`), "topic typo"];
      return [api.sendText(chat, `/topic ${pick(plan.topics, round + i, "news")}`), "topic"];
    case 3:
    case 4:
    case 5:
      return i % 2 ? [api.sendText(chat, `/search ${word}`), "search"] : [api.sendText(chat, word), "text"];
    case 6:
    case 7: {
      const next = i % 4 === 3;
      return [api.inlineQuery(word, next ? "20" : "", { id: chat }), next ? "inline next" : "inline"];
    }
    default: {
      // Rotate through what a reader presses: page a list, open a card, read the full text, back to the card.
      const want = PRESS_ORDER[Math.floor(i / 10) % PRESS_ORDER.length]!;
      const mine = buttons.get(chat) ?? [];
      const choices = mine.filter((b) => code(b.data) === want);
      const b = choices[Math.floor(i / 40) % Math.max(1, choices.length)] ?? mine[0];
      if (!b) return [api.pressButton(chat, 1, "1:n"), "button none"];
      return [api.pressButton(chat, b.messageId, b.data), `button ${code(b.data)}`];
    }
  }
}

/** Button codes pressed in turn (see src/bot/callback-data.ts): topic page, article, full text, card. */
const PRESS_ORDER = ["t", "a", "f", "c"];

interface Button {
  messageId: number;
  data: string;
}

/** Every pressable callback button each chat has now (label-only "n" buttons left out). */
function snapshotButtons(chats: number): Map<number, Button[]> {
  const out = new Map<number, Button[]>();
  for (let c = 0; c < chats; c++) {
    const list: Button[] = [];
    for (const m of api.messages(chatOf(c))) {
      const rows = (m.replyMarkup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)
        ?.inline_keyboard;
      for (const b of (rows ?? []).flat()) {
        if (b.callback_data && code(b.callback_data) !== "n")
          list.push({ messageId: m.messageId, data: b.callback_data });
      }
    }
    out.set(chatOf(c), list);
  }
  return out;
}

function code(data: string): string {
  return data.split(":")[1] ?? "";
}

function pick(list: readonly string[], i: number, fallback: string): string {
  return list[i % Math.max(1, list.length)] ?? fallback;
}
