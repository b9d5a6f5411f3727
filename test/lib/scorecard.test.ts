import { describe, expect, it } from "vitest";
import { readingOrder, scorecardSummary } from "../../src/lib/scorecard.ts";

const owner = { kommune: "260", name: "Halsnæs Kommune", body: "Byrådet", year: 2013 };
const goals = [
  { status: "met", example: false },
  { status: "met", example: true },
  { status: "not_met", example: true },
  { status: "in_progress", example: false },
  { status: "no_data", example: false },
] as const;

describe("scorecardSummary", () => {
  it("counts only goals on real data: 3 real (1 nået, 1 undervejs, 1 uden data), 2 on example data apart", () => {
    expect(scorecardSummary(goals, owner, "260")).toEqual({ assessed: true, real: 3, example: 2, counts: { met: 1, not_met: 0, in_progress: 1, no_data: 1 } });
  });
  it("gives no verdicts for a municipality whose council did not set the goals", () => {
    expect(scorecardSummary(goals, owner, "420").assessed).toBe(false);
    expect(scorecardSummary(goals, null, "420").assessed).toBe(true);
  });
});

describe("readingOrder", () => {
  const g = (id: string, area: string, status: "met" | "not_met" | "in_progress" | "no_data") => ({ id, area, status });
  const areas = ["Vækst", "Erhverv", "Sundhed", "Tom"];
  it("puts the goals with figures before those that only say Data mangler, in each area, keeping the file's order", () => {
    const items = [
      g("a", "Vækst", "no_data"),
      g("b", "Vækst", "no_data"),
      g("c", "Vækst", "met"),
      g("d", "Vækst", "not_met"),
      g("e", "Erhverv", "in_progress"),
      g("f", "Sundhed", "no_data"),
    ];
    expect(readingOrder(items, areas).map((x) => [x.area, x.items.map((i) => i.id).join("")])).toEqual([
      ["Vækst", "cdab"],
      ["Erhverv", "e"],
      ["Sundhed", "f"],
    ]);
  });
  it("orders an area without any figures after the areas with figures, and hides no goal", () => {
    const items = [g("a", "Vækst", "no_data"), g("b", "Erhverv", "met"), g("c", "Sundhed", "no_data"), g("d", "Sundhed", "in_progress")];
    const order = readingOrder(items, areas);
    expect(order.map((x) => x.area)).toEqual(["Erhverv", "Sundhed", "Vækst"]);
    expect(order.flatMap((x) => x.items.map((i) => i.id)).sort()).toEqual(["a", "b", "c", "d"]);
  });
});
