import { describe, expect, it } from "vitest";
import { asciiSlug, foldDanish, listProblems } from "../../src/lib/text.ts";

describe("text helpers", () => {
  it("folds Danish letters and makes ASCII names", () => {
    expect(foldDanish("År")).toBe("aar");
    expect(foldDanish("HALSNÆS KØGE")).toBe("halsnaes koege");
    expect(asciiSlug("Halsnæs – tilfredshed 2024")).toBe("halsnaes-tilfredshed-2024");
    expect(asciiSlug("OMRÅDE", "_")).toBe("omraade");
    expect(asciiSlug("  Café Ødsted  ", "_")).toBe("cafe_oedsted");
    expect(asciiSlug("---")).toBe("");
  });

  it("lists 20 problems, then counts the rest", () => {
    const lines = Array.from({ length: 23 }, (_, i) => `problem ${i + 1}`);
    const text = listProblems("file.csv: 23 problems", lines).split("\n");
    expect(text).toHaveLength(22);
    expect(text[0]).toBe("file.csv: 23 problems");
    expect(text[1]).toBe("  problem 1");
    expect(text[20]).toBe("  problem 20");
    expect(text[21]).toBe("  … og 3 flere");
    expect(listProblems("h", ["a", "b"])).toBe("h\n  a\n  b");
  });
});
