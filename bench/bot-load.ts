/**
 * Child process of the bot benchmark: runs the fake Bot API and generates the load, so the
 * bot under test has its own process (as it would against Telegram). Talks to the parent
 * over IPC: "ready" → warm-up → run(n, rate) → queued times → errors → close.
 * Not meant to be run by hand; bench/bot.ts forks it.
 */
import { startFakeBotApi } from "../test/helpers/fake-bot-api.js";

/** Messages the parent sends. */
export type ToLoad =
  | { type: "warmup"; chats: number }
  | { type: "run"; n: number; rate: number; chats: number; topics: string[]; words: string[] }
  | { type: "close" };

/** Messages this child sends. */
export type FromLoad =
  | { type: "ready"; apiRoot: string; token: string }
  | { type: "warmed" }
  | { type: "queued"; queued: [number, number][]; errors: number };

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
  if (msg.type === "warmup") {
    // Every chat gets bot messages with buttons, so button presses edit real messages.
    for (let c = 0; c < msg.chats; c++) for (let k = 0; k < 3; k++) api.sendText(chatOf(c), "/topic gaza");
    await api.waitFor(() => api.messages().length >= msg.chats * 3, 120_000);
    send({ type: "warmed" });
    return;
  }
  const before = api.calls.length;
  const buttons = new Map<number, number[]>();
  for (let c = 0; c < msg.chats; c++)
    buttons.set(
      chatOf(c),
      api.messages(chatOf(c)).map((m) => m.messageId),
    );
  const update = (i: number): number => {
    const chat = chatOf(i % msg.chats);
    const word = msg.words[i % msg.words.length] ?? "gaza";
    const topic = msg.topics[i % Math.max(1, msg.topics.length)] ?? "gaza";
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
        return api.sendText(chat, `/topic ${topic}`);
      case 3:
      case 4:
      case 5:
        return api.sendText(chat, i % 2 ? `/search ${word}` : word);
      case 6:
      case 7:
        return api.inlineQuery(word, i % 4 === 3 ? "20" : "", { id: chat });
      default: {
        const ids = buttons.get(chat) ?? [1];
        const data = ["1:t:5:gaza", "1:t:0:gaza", "1:a:a3", "1:f:0:long1"][Math.floor(i / 10) % 4]!;
        return api.pressButton(chat, ids[Math.floor(i / 10) % ids.length]!, data);
      }
    }
  };
  const queued: [number, number][] = [];
  const started = now();
  for (let i = 0; i < msg.n; ) {
    const due = msg.rate > 0 ? Math.min(msg.n, Math.floor(((now() - started) / 1000) * msg.rate) + 1) : msg.n;
    for (; i < due; i++) queued.push([update(i), now()]);
    if (i < msg.n) await new Promise((r) => setTimeout(r, 2));
  }
  // Wait until the bot went quiet, then count the refused calls (a double "not modified" is fine).
  let last = -1;
  while (api.calls.length !== last) {
    last = api.calls.length;
    await new Promise((r) => setTimeout(r, 500));
  }
  const errors = api.calls
    .slice(before)
    .filter((c) => c.status !== 200 && !/not modified/.test(c.description ?? "")).length;
  send({ type: "queued", queued, errors });
}
