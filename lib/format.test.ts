import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatTimestampUtc } from "./format";

describe("format", () => {
  it("formats durations", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(500)).toBe("500 ms");
    expect(formatDuration(61_000)).toBe("1m 1s");
    expect(formatDuration(3_600_000 * 25)).toBe("1d 1h");
  });
  it("formats bytes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(50 * 1024 * 1024)).toBe("50 MB");
  });
  it("formats timestamps in UTC", () => {
    expect(formatTimestampUtc(0)).toBe("—");
    expect(formatTimestampUtc(Date.UTC(2026, 10, 27, 9, 7, 51))).toBe("2026-11-27 09:07:51 UTC");
  });
});
