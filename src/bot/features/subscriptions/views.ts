/**
 * Texts and keyboards of the subscription feature (pure). Every piece of reader or article text
 * is escaped; the /settings views all edit one message.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { DigestFrequency, Subscription } from "../../../domain/subscription.js";
import { escapeHtml } from "../../render/html.js";
import { keyboard } from "../../render/keyboards.js";
import { clip } from "../../render/text.js";
import { encodeSubAction, type SettingsView, type SubAction } from "./data.js";

/** What a settings view shows: the subscription (if any), its topic names and the next digest. */
export interface SubscriptionState {
  sub: Subscription | undefined;
  topicNames: string[];
  /** "Tue 26 Nov, 07:30 (Europe/Berlin)", or null when none is scheduled. */
  next: string | null;
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const TIMES = ["06:00", "06:30", "07:00", "07:30", "08:00", "09:00", "12:00", "18:00", "20:00", "21:00"];
const ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Moscow",
  "Asia/Riyadh",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
];
const SIZES = [3, 5, 10, 15, 20];

/** A button for a subscription action (left out if it cannot be encoded). */
export function subButton(text: string, action: SubAction): InlineKeyboardButton | undefined {
  const data = encodeSubAction(action);
  return data === undefined ? undefined : { text, callback_data: data };
}

/** "every day", "Monday to Friday", "every Wednesday", "paused". */
export function frequencyLabel(sub: Pick<Subscription, "frequency" | "weekday">): string {
  if (sub.frequency === "weekly") return `every ${WEEKDAYS[sub.weekday - 1] ?? "week"}`;
  return { daily: "every day", weekdays: "Monday to Friday", paused: "paused" }[sub.frequency];
}

/** "Gaza, Syria", or "all news". */
export function topicsLabel(names: readonly string[]): string {
  return names.length ? escapeHtml(clip(names.join(", "), 600)) : "all news";
}

/** The line that says when the next digest comes, or why none will. */
export function nextLine(state: SubscriptionState): string {
  if (state.next) return `Next digest: <b>${escapeHtml(state.next)}</b>.`;
  const sub = state.sub;
  if (sub && !sub.active) return "Digests are paused because Telegram could not deliver the last one.";
  return "Digests are paused. Pick a frequency in /settings to resume.";
}

/** Confirmation after /subscribe or the Subscribe button. */
export function subscribedText(state: SubscriptionState, created: boolean): string {
  const what = state.topicNames.length
    ? `Your digest covers: <b>${topicsLabel(state.topicNames)}</b>.`
    : "Your digest covers <b>all news</b>.";
  const hello = created ? "🔔 You're subscribed." : "🔔 Subscription updated.";
  return `${hello} ${what}\n${nextLine(state)}\nChange it with /time, /timezone or /settings.`;
}

const back = () => [subButton("« Back", { kind: "view", view: "main" })];
const mark = (label: string, on: boolean) => (on ? `✓ ${label}` : label);

/** A /settings view: its text and keyboard. */
export function settingsView(
  view: SettingsView,
  state: SubscriptionState,
): { text: string; markup: InlineKeyboardMarkup } {
  const sub = state.sub;
  if (!sub) {
    return {
      text: "⚙️ <b>Digest settings</b>\n\nYou're not subscribed yet. Subscribe to get a daily digest of the news, then set its time, zone and topics here.",
      markup: keyboard([[subButton("🔔 Subscribe to all news", { kind: "start" })]]),
    };
  }
  const rows = (buttons: (InlineKeyboardButton | undefined)[], perRow: number) => {
    const out: (InlineKeyboardButton | undefined)[][] = [];
    for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
    return out;
  };
  switch (view) {
    case "time":
      return {
        text: `🕐 <b>When should your digest arrive?</b>\nNow: ${sub.time} (${escapeHtml(sub.timezone)}). Tap a time, or send <code>/time HH:MM</code> for any other.`,
        markup: keyboard([
          ...rows(
            TIMES.map((t) => subButton(mark(t, t === sub.time), { kind: "time", time: t })),
            5,
          ),
          back(),
        ]),
      };
    case "zone":
      return {
        text: `🌍 <b>Your time zone</b>\nNow: ${escapeHtml(sub.timezone)}. Tap one, or send <code>/timezone</code> with a zone (Europe/Berlin), a city (New York) or an offset (UTC+05:30).`,
        markup: keyboard([
          ...rows(
            ZONES.map((z) => subButton(mark(z, z === sub.timezone), { kind: "zone", zone: z })),
            2,
          ),
          back(),
        ]),
      };
    case "topics":
      return {
        text: `🗂 <b>Your topics</b>\nNow: ${topicsLabel(state.topicNames)}. Tap a topic to drop it. Add topics with <code>/subscribe gaza syria</code>.`,
        markup: keyboard([
          ...rows(
            sub.topics.map((id, i) =>
              subButton(`✖ ${clip(state.topicNames[i] ?? id, 24)}`, { kind: "drop", topic: id }),
            ),
            2,
          ),
          [sub.topics.length ? subButton("🌐 All news instead", { kind: "all" }) : undefined],
          back(),
        ]),
      };
    case "freq": {
      const f = (label: string, frequency: DigestFrequency) =>
        subButton(mark(label, sub.frequency === frequency), { kind: "freq", frequency });
      return {
        text: `🔁 <b>How often?</b>\nNow: ${frequencyLabel(sub)}.`,
        markup: keyboard([
          [f("Daily", "daily"), f("Weekdays", "weekdays")],
          [
            subButton(mark("Weekly…", sub.frequency === "weekly"), { kind: "view", view: "day" }),
            f("Paused", "paused"),
          ],
          back(),
        ]),
      };
    }
    case "day":
      return {
        text: "📅 <b>Weekly: on which day?</b>",
        markup: keyboard([
          ...rows(
            WEEKDAYS.map((d, i) =>
              subButton(mark(d.slice(0, 3), sub.frequency === "weekly" && sub.weekday === i + 1), {
                kind: "day",
                day: i + 1,
              }),
            ),
            4,
          ),
          back(),
        ]),
      };
    case "size":
      return {
        text: `📏 <b>How many stories at most?</b>\nNow: up to ${sub.size}. The rest is one tap away ("N more").`,
        markup: keyboard([
          SIZES.map((n) => subButton(mark(String(n), n === sub.size), { kind: "size", size: n })),
          back(),
        ]),
      };
    case "main":
      return mainView(sub, state);
  }
}

function mainView(sub: Subscription, state: SubscriptionState) {
  const text = [
    "⚙️ <b>Digest settings</b>",
    "",
    `Topics: ${topicsLabel(state.topicNames)}`,
    `Time: ${sub.time} (${escapeHtml(sub.timezone)})`,
    `Frequency: ${frequencyLabel(sub)}`,
    `Size: up to ${sub.size} stories`,
    `"Nothing new" note: ${sub.notifyEmpty ? "on" : "off"}`,
    "",
    nextLine(state),
  ].join("\n");
  return {
    text,
    markup: keyboard([
      [
        subButton("🕐 Time", { kind: "view", view: "time" }),
        subButton("🌍 Time zone", { kind: "view", view: "zone" }),
      ],
      [
        subButton("🗂 Topics", { kind: "view", view: "topics" }),
        subButton("🔁 Frequency", { kind: "view", view: "freq" }),
      ],
      [
        subButton("📏 Size", { kind: "view", view: "size" }),
        subButton(`📭 "Nothing new": ${sub.notifyEmpty ? "on" : "off"}`, {
          kind: "empty",
          on: !sub.notifyEmpty,
        }),
      ],
      [!sub.active ? subButton("▶️ Resume digests", { kind: "freq", frequency: "daily" }) : undefined],
    ]),
  };
}
