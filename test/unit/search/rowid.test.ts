import { describe, expect, it } from "vitest";
import { firstRowidOf, MAX_SECONDS, publishedSeconds, secondsOfRowid } from "../../../src/search/rowid.js";

describe("publication-ordered rowids", () => {
  it("maps instants to seconds and undated or invalid ones to 0", () => {
    expect(publishedSeconds("2025-11-09T10:00:00Z")).toBe(Date.UTC(2025, 10, 9, 10) / 1000);
    expect(publishedSeconds(null)).toBe(0);
    expect(publishedSeconds("yesterday-ish")).toBe(0);
    expect(publishedSeconds("1960-01-01T00:00:00Z")).toBe(0);
    expect(publishedSeconds("9999-12-31T00:00:00Z")).toBe(MAX_SECONDS);
  });

  it("round-trips seconds and keeps every rowid a safe integer", () => {
    const s = publishedSeconds("2025-11-09T10:00:00Z");
    expect(secondsOfRowid(firstRowidOf(s) + 12345)).toBe(s);
    expect(Number.isSafeInteger(firstRowidOf(MAX_SECONDS + 1) - 1)).toBe(true);
  });
});
