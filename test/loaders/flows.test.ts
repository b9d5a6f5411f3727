import { describe, expect, it } from "vitest";
import { areaTotals, pairTotals } from "../../loaders/tables/flows.ts";

// origin|destination|age group|year -> moves, as readFlows gives them (men and women added)
const FLOWS: [string, number][] = [
  ["270|260|0-17|2024", 10],
  ["270|260|25-44|2024", 20],
  ["260|270|0-17|2024", 4],
  ["101|260|25-44|2024", 5],
];

describe("FLY66 aggregates the browser reads", () => {
  it("pairTotals: each pair seen from both ends, per age group and all ages", () => {
    const key = (p: { area: string; counterpart: string; age_group: string }) => `${p.area}→${p.counterpart} ${p.age_group}`;
    const got = Object.fromEntries(pairTotals(FLOWS).map((p) => [key(p), [p.in_movers, p.out_movers]]));
    expect(got).toEqual({
      // 260 seen from 260: in 10 + 20 from 270, out 4 to 270; in 5 from 101
      "260→270 0-17": [10, 4],
      "260→270 25-44": [20, 0],
      "260→270 i alt": [30, 4],
      "260→101 25-44": [5, 0],
      "260→101 i alt": [5, 0],
      // and the same moves seen from 270 and 101
      "270→260 0-17": [4, 10],
      "270→260 25-44": [0, 20],
      "270→260 i alt": [4, 30],
      "101→260 25-44": [0, 5],
      "101→260 i alt": [0, 5],
    });
    // sorted by area, year, age group, counterpart
    expect(pairTotals(FLOWS).map(key).slice(0, 3)).toEqual(["101→260 25-44", "101→260 i alt", "260→270 0-17"]);
  });

  it("areaTotals: in and out per municipality and age group, 'i alt' over all groups", () => {
    const got = Object.fromEntries(areaTotals(FLOWS).map((t) => [`${t.area} ${t.age_group}`, [t.in_movers, t.out_movers]]));
    expect(got).toEqual({
      "260 0-17": [10, 4],
      "260 25-44": [25, 0],
      "260 i alt": [35, 4],
      "270 0-17": [4, 10],
      "270 25-44": [0, 20],
      "270 i alt": [4, 30],
      "101 25-44": [0, 5],
      "101 i alt": [0, 5],
    });
  });
});
