/** Photo captions: the trailing "(AGENCY)" credit is metadata, not caption text. */
import { normalizeText } from "./normalize.js";

/** Agencies spelled the way their own bylines spell them, keyed by lower case. */
const KNOWN_CREDITS = new Map<string, string>(
  Object.entries({
    ap: "AP",
    "ap photo": "AP",
    afp: "AFP",
    "afp photo": "AFP",
    dpa: "DPA",
    epa: "EPA",
    "epa-efe": "EPA-EFE",
    reuters: "Reuters",
    "reuters photo": "Reuters",
    anadolu: "Anadolu",
    "anadolu agency": "Anadolu",
    "getty images": "Getty Images",
    sana: "SANA",
    wafa: "WAFA",
    xinhua: "Xinhua",
  }),
);

/** A credit is short: an agency or a photographer, not a parenthetical remark. */
const MAX_CREDIT_WORDS = 5;
const MAX_CREDIT_CHARS = 48;

/** Canonical spelling of a credit ("dpa" → "DPA"); unknown credits are kept as written. */
export function canonicalCredit(credit: string): string {
  const clean = normalizeText(credit);
  return KNOWN_CREDITS.get(clean.toLowerCase()) ?? clean;
}

/**
 * Split a caption into its text and a trailing parenthesised credit:
 * "… at the Kremlin, Wednesday. (DPA)" → { caption: "… at the Kremlin, Wednesday.", credit: "DPA" }.
 * A caption without a credit comes back whole with `credit: null`.
 */
export function splitCredit(caption: string): { caption: string; credit: string | null } {
  const text = normalizeText(caption);
  if (!text.endsWith(")")) return { caption: text, credit: null };
  const open = text.lastIndexOf("(");
  const inner = open === -1 ? "" : text.slice(open + 1, -1).trim();
  const looksLikeCredit =
    inner.length > 0 &&
    inner.length <= MAX_CREDIT_CHARS &&
    !inner.includes(")") &&
    inner.split(" ").length <= MAX_CREDIT_WORDS &&
    // Agencies that write themselves in lower case ("dpa") are known; otherwise a credit is a name.
    (/^\p{Lu}/u.test(inner) || KNOWN_CREDITS.has(inner.toLowerCase()));
  if (!looksLikeCredit) return { caption: text, credit: null };
  const rest = normalizeText(text.slice(0, open));
  return rest === "" ? { caption: text, credit: null } : { caption: rest, credit: canonicalCredit(inner) };
}
