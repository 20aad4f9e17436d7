/**
 * Callback data of the subscription buttons, in the codec's "sub" extension namespace:
 * `1:sub:<code>[:<value>]`. {@link decodeSubAction} accepts only what {@link encodeSubAction}
 * produces (checked values, known codes); anything else is null and answered as a stale button.
 */
import type { DigestFrequency } from "../../../domain/subscription.js";
import { decodeCallback, encodeCallback, tryEncodeCallback } from "../../callback-data.js";

/** The extension namespace routed to this feature (the /start Subscribe button uses it too). */
export const SUB_NS = "sub";

/** Sub-menus of /settings. */
export type SettingsView = "main" | "time" | "zone" | "topics" | "freq" | "day" | "size";

/** What a subscription button asks for. */
export type SubAction =
  /** The /start button: subscribe to all news (or show the settings when subscribed). */
  | { kind: "start" }
  /** Subscribe to a suggested topic. */
  | { kind: "add"; topic: string }
  /** The rest of a digest from `offset`: of the latest scheduled one, or of a /digest preview. */
  | { kind: "more"; offset: number; scheduled: boolean }
  | { kind: "view"; view: SettingsView }
  /** "HH:MM". */
  | { kind: "time"; time: string }
  | { kind: "zone"; zone: string }
  | { kind: "freq"; frequency: DigestFrequency }
  /** Weekly on this ISO weekday (1 = Monday). */
  | { kind: "day"; day: number }
  | { kind: "size"; size: number }
  | { kind: "empty"; on: boolean }
  /** Drop a topic. */
  | { kind: "drop"; topic: string }
  /** All news instead of topics. */
  | { kind: "all" };

const VIEWS: readonly SettingsView[] = ["main", "time", "zone", "topics", "freq", "day", "size"];
const FREQUENCIES: readonly DigestFrequency[] = ["daily", "weekdays", "weekly", "paused"];
const TOPIC = /^[\p{L}\p{N}_-]{1,48}$/u;
const ZONE = /^[A-Za-z0-9_+\-/:]{1,40}$/;
const OFFSET = /^(0|[1-9]\d{0,3})$/;
const SMALL = /^[1-9]\d?$/;

function payload(a: SubAction): string {
  switch (a.kind) {
    case "start":
    case "all":
      return a.kind;
    case "add":
      return `add:${a.topic}`;
    case "more":
      return `${a.scheduled ? "m" : "p"}:${a.offset}`;
    case "view":
      return `v:${a.view}`;
    case "time":
      return `t:${a.time.replace(":", "")}`;
    case "zone":
      return `z:${a.zone}`;
    case "freq":
      return `f:${a.frequency}`;
    case "day":
      return `w:${a.day}`;
    case "size":
      return `s:${a.size}`;
    case "empty":
      return `e:${a.on ? 1 : 0}`;
    case "drop":
      return `x:${a.topic}`;
  }
}

/** Callback data for an action, or undefined when it does not fit in 64 bytes. */
export function encodeSubAction(action: SubAction): string | undefined {
  const data = tryEncodeCallback({ kind: "ext", ns: SUB_NS, payload: payload(action) });
  return data !== undefined && decodeSubAction(data) !== null ? data : undefined;
}

/** The action of callback data, or null for anything stale, tampered or not ours. Never throws. */
export function decodeSubAction(data: unknown): SubAction | null {
  const action = decodeCallback(data);
  if (action?.kind !== "ext" || action.ns !== SUB_NS) return null;
  const cut = action.payload.indexOf(":");
  const code = cut < 0 ? action.payload : action.payload.slice(0, cut);
  const value = cut < 0 ? undefined : action.payload.slice(cut + 1);
  if (value === undefined) return code === "start" || code === "all" ? { kind: code } : null;
  switch (code) {
    case "add":
    case "x":
      return TOPIC.test(value) ? { kind: code === "add" ? "add" : "drop", topic: value } : null;
    case "m":
    case "p":
      return OFFSET.test(value) ? { kind: "more", offset: Number(value), scheduled: code === "m" } : null;
    case "v":
      return VIEWS.includes(value as SettingsView) ? { kind: "view", view: value as SettingsView } : null;
    case "t": {
      const m = /^([01]\d|2[0-3])([0-5]\d)$/.exec(value);
      return m ? { kind: "time", time: `${m[1]}:${m[2]}` } : null;
    }
    case "z":
      return ZONE.test(value) ? { kind: "zone", zone: value } : null;
    case "f":
      return FREQUENCIES.includes(value as DigestFrequency)
        ? { kind: "freq", frequency: value as DigestFrequency }
        : null;
    case "w":
      return /^[1-7]$/.test(value) ? { kind: "day", day: Number(value) } : null;
    case "s":
      return SMALL.test(value) ? { kind: "size", size: Number(value) } : null;
    case "e":
      return value === "0" || value === "1" ? { kind: "empty", on: value === "1" } : null;
    default:
      return null;
  }
}

/** Digest button data (see src/digest/render.ts): article buttons open the reader bot's article card. */
export function digestButtonData(scheduled: boolean): {
  article(id: string): string;
  more(shown: number): string;
} {
  const noop = encodeCallback({ kind: "noop" });
  return {
    article: (id) => tryEncodeCallback({ kind: "article", id }) ?? noop,
    more: (shown) => encodeSubAction({ kind: "more", offset: shown, scheduled }) ?? noop,
  };
}
