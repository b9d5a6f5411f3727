import { describe, expect, it } from "vitest";
import { compareSeries, withYearGaps } from "../src/components/economy.ts";

describe("group averages as ratios of sums", () => {
  const rows = [
    { area: "A", year: 2020, kr: 100 },
    { area: "B", year: 2020, kr: 200 },
    { area: "A", year: 2021, kr: 110 },
  ];
  it("weights by population: (100·1000 + 200·3000) / 4000 = 175, not the plain mean 150", () => {
    const pop = new Map([
      ["A|2020", 1000],
      ["B|2020", 3000],
      ["A|2021", 1000],
    ]);
    const s = compareSeries(rows, "kr", { AB: ["A", "B"] }, (a, y) => pop.get(`${a}|${y}`) ?? null);
    expect(s).toEqual([{ group: "AB", year: 2020, value: 175 }]); // 2021 lacks B: no average
  });
  it("a municipality's own series never depends on the weights: A has 2019 without a population figure", () => {
    const own = [{ area: "A", year: 2019, kr: 90 }, ...rows];
    const pop = new Map([
      ["A|2020", 1000],
      ["B|2020", 3000],
      ["A|2021", 1000],
    ]);
    const s = compareSeries(own, "kr", { A: ["A"], AB: ["A", "B"] }, (a, y) => pop.get(`${a}|${y}`) ?? null);
    expect(s.filter((d) => d.group === "A").map((d) => [d.year, d.value])).toEqual([
      [2019, 90],
      [2020, 100],
      [2021, 110],
    ]);
    expect(s.filter((d) => d.group === "AB").map((d) => [d.year, d.value])).toEqual([[2020, 175]]);
  });
  it("fills a group's missing years with null, so a line breaks there", () => {
    const pts = [
      { group: "A", year: 2008, value: 1 },
      { group: "A", year: 2011, value: 4 },
      { group: "B", year: 2009, value: 2 },
    ];
    expect(withYearGaps(pts).map((d) => [d.group, d.year, d.value])).toEqual([
      ["A", 2008, 1],
      ["A", 2009, null],
      ["A", 2010, null],
      ["A", 2011, 4],
      ["B", 2008, null],
      ["B", 2009, 2],
      ["B", 2010, null],
      ["B", 2011, null],
    ]);
  });
  it("without weights, sums counts", () => {
    expect(compareSeries(rows, "kr", { AB: ["A", "B"], A: ["A"] }, null)).toEqual([
      { group: "A", year: 2020, value: 100 },
      { group: "A", year: 2021, value: 110 },
      { group: "AB", year: 2020, value: 300 },
    ]);
  });
});

import { forecastErrors, mape } from "../src/components/forecastError.ts";

describe("forecast error", () => {
  it("error and absolute percentage error per year and age group, only where both exist", () => {
    const actual = [
      { year: 2021, age_group: "total", population: 1000 },
      { year: 2022, age_group: "total", population: 1010 },
      { year: 2021, age_group: "0-5", population: 50 },
    ];
    const forecast = [
      { year: 2021, age_group: "total", population: 1020 },
      { year: 2022, age_group: "total", population: 990 },
      { year: 2023, age_group: "total", population: 995 },
      { year: 2021, age_group: "0-5", population: 48 },
    ];
    const e = forecastErrors(actual, forecast);
    // actual − forecast: 2021 total 1000 − 1020 = −20 (2 %); 0-5: 50 − 48 = +2 (4 %); 2022 total: 1010 − 990 = +20 (1.98 %)
    expect(e.map((x) => [x.year, x.age_group, x.error, Number(x.ape.toFixed(4))])).toEqual([
      [2021, "0-5", 2, 4],
      [2021, "total", -20, 2],
      [2022, "total", 20, 1.9802],
    ]);
    expect(mape([])).toBeNull();
    expect(mape(e.filter((x) => x.age_group === "total"))).toBeCloseTo((2 + 2000 / 1010) / 2, 10);
  });
});
