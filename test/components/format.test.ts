import { describe, expect, it } from "vitest";
import { formatNumber, formatSigned, formatYearSpan } from "../../src/lib/format.ts";

describe("Danish number formats", () => {
  it("writes 1.234,5 and refuses non-numbers as a dash", () => {
    expect(formatNumber(31738)).toBe("31.738");
    expect(formatNumber(1234.5, 1)).toBe("1.234,5");
    expect(formatSigned(-168)).toBe("−168");
    expect(formatSigned(0)).toBe("±0");
    for (const bad of [NaN, Infinity, -Infinity, null, undefined]) {
      expect(formatNumber(bad)).toBe("–");
      expect(formatSigned(bad)).toBe("–");
    }
  });

  it("a span of years is never '2024–2024'", () => {
    expect(formatYearSpan(2008, 2026)).toBe("2008–2026");
    expect(formatYearSpan(2024, 2024)).toBe("2024");
    expect(formatYearSpan(2024, undefined)).toBe("2024");
    expect(formatYearSpan(undefined, undefined)).toBe("");
  });
});
