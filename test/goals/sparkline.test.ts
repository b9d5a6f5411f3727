import { describe, expect, it } from "vitest";
import { sparklinePoints } from "../../src/components/goals/goalCard.ts";

describe("scorecard sparkline geometry", () => {
  it("spreads years across and values from the series' minimum (bottom) to maximum (top), inside a 4 px margin", () => {
    const points = sparklinePoints([
      { year: 2011, value: 100 },
      { year: 2013, value: 120 },
      { year: 2015, value: 110 },
    ]);
    // width 220, height 56, margin 4: x from 4 to 216, y from 52 (lowest) to 4 (highest)
    expect(points.map((p) => [p.x, p.y])).toEqual([
      [4, 52],
      [110, 4],
      [216, 28],
    ]);
  });

  it("keeps a gap in the years as a longer step, not an even one", () => {
    const points = sparklinePoints([
      { year: 2008, value: 1 },
      { year: 2009, value: 2 },
      { year: 2018, value: 3 },
    ]);
    expect(points[1].x - points[0].x).toBeCloseTo(212 / 10, 10);
    expect(points[2].x - points[1].x).toBeCloseTo((212 * 9) / 10, 10);
  });

  it("draws a flat series across the middle", () => {
    const points = sparklinePoints([
      { year: 2020, value: 5 },
      { year: 2021, value: 5 },
    ]);
    expect(points.map((p) => p.y)).toEqual([28, 28]);
  });
});
