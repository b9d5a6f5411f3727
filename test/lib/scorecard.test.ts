import { describe, expect, it } from "vitest";
import { scorecardSummary } from "../../src/lib/scorecard.ts";

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
