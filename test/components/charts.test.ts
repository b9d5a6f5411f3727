import { describe, expect, it } from "vitest";
import { baselineLine, type AgePoint } from "../../src/components/pyramid.ts";
import { townChanges } from "../../src/components/townsTable.ts";

describe("the pyramid's baseline outline", () => {
  it("has a null where the baseline lacks an age, so the line breaks instead of crossing the gap", () => {
    const rows: AgePoint[] = [
      { sex: "M", age: 0, year: 2011, population: 10 },
      { sex: "M", age: 2, year: 2011, population: 12 },
      { sex: "K", age: 0, year: 2011, population: 9 },
      { sex: "K", age: 1, year: 2011, population: 8 },
      { sex: "K", age: 2, year: 2011, population: 7 },
      { sex: "M", age: 1, year: 2020, population: 99 },
    ];
    expect(baselineLine(rows, 2011).map((d) => [d.sex, d.age, d.population])).toEqual([
      ["M", 0, 10],
      ["M", 1, null],
      ["M", 2, 12],
      ["K", 0, 9],
      ["K", 1, 8],
      ["K", 2, 7],
    ]);
  });

  it("is empty without a baseline year or rows for it", () => {
    expect(baselineLine([{ sex: "M", age: 0, year: 2020, population: 1 }], null)).toEqual([]);
    expect(baselineLine([{ sex: "M", age: 0, year: 2020, population: 1 }], 2011)).toEqual([]);
  });
});

describe("townChanges", () => {
  it("gives the change against the baseline, and none for a town the baseline lacks", () => {
    const rows = [
      { town_code: "1", town: "A", kind: "by", year: 2011, population: 100 },
      { town_code: "1", town: "A", kind: "by", year: 2026, population: 90 },
      { town_code: "2", town: "B", kind: "by", year: 2026, population: 300 },
    ];
    expect(townChanges(rows, 2011, 2026)).toEqual([
      { town: "B", kind: "by", base: null, latest: 300, change: null, ratio: null },
      { town: "A", kind: "by", base: 100, latest: 90, change: -10, ratio: -0.1 },
    ]);
  });
});

describe("the per-1,000 chart's missing years", () => {
  it("are the years of the span without a rate: absent ones and nulls", async () => {
    const { missingYears } = await import("../../src/components/rateChart.ts");
    const p = (year: number, rate: number | null) => ({ year, net_domestic: rate, net_domestic_per_1000: rate });
    expect(missingYears([p(2008, -2.5), p(2010, 1), p(2011, null), p(2013, 0)])).toEqual([2009, 2011, 2012]);
    expect(missingYears([])).toEqual([]);
  });
});
