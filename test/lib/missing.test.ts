import { describe, expect, it } from "vitest";
import { cardMissing } from "../../src/lib/missing.ts";

const meta = (dataset: string, rows: number, missing: { table: string; what: string; detail: string }[], tables: string[] = []) => ({
  dataset,
  rows,
  missing,
  sources: tables.map((table) => ({ table })),
});

describe("cardMissing", () => {
  it("adds what an empty dataset lacks to the parts the page names", () => {
    const named = [{ table: "BEV107", what: "døde (B03)", detail: "d" }];
    const empty = meta("commuting", 0, [{ table: "PEND100", what: "hele tabellen", detail: "no PEND100.csv" }]);
    expect(cardMissing(named, [empty])).toEqual([named[0], { table: "PEND100", what: "hele tabellen", detail: "no PEND100.csv" }]);
  });

  it("names the source tables of an empty dataset that says nothing, and never adds a part twice", () => {
    const silent = meta("flows", 0, [], ["FLY66"]);
    expect(cardMissing([], [silent])).toEqual([{ table: "FLY66", what: "ingen rækker", detail: "flows: 0 rows" }]);
    const said = meta("commuting", 0, [{ table: "PEND100", what: "hele tabellen", detail: "x" }]);
    expect(cardMissing([{ table: "PEND100", what: "hele tabellen", detail: "x" }], [said])).toHaveLength(1);
  });

  it("leaves datasets with rows to the page", () => {
    const partial = meta("population", 10, [{ table: "FOLK1A", what: "1. januar 2009", detail: "x" }], ["FOLK1A"]);
    expect(cardMissing([], [partial])).toEqual([]);
  });
});
