import { describe, expect, it } from "vitest";
import { representation, surveyGroups } from "../../src/lib/survey/groups.ts";

// 20 respondents: age 20-34 ×12, 35-64 ×5, 65-79 ×3 (under 5: hidden), one without an age.
// Hiding 65-79 alone would leave it as 20 − 12 − 5 = 3 of those who answered, so 35-64 (5) is
// hidden too; only 20-34 is shown.
const ages = [...Array(12).fill("20-34"), ...Array(5).fill("35-64"), ...Array(3).fill("65-79")];
const respondents = [...ages.map((a) => ({ groups: { alder: a, koen: "" } })), { groups: { alder: "", koen: "" } }];
// Sex: 10 M, 11 K (all shown).
respondents.forEach((r, i) => (r.groups.koen = i < 10 ? "M" : "K"));
const ids = respondents.map((_, i) => `r${i}`);
const memberships = respondents.flatMap((r, i) => [
  ...(r.groups.alder ? [{ respondent: ids[i], variable: "alder", value: r.groups.alder }] : []),
  { respondent: ids[i], variable: "koen", value: r.groups.koen },
]);
const groups: { column: string; label: string; values: Record<string, string> }[] = [
  { column: "alder", label: "Alder", values: { "20-34": "20–34 år", "35-64": "35–64 år", "65-79": "65–79 år" } },
  { column: "koen", label: "Køn", values: { M: "Mand", K: "Kvinde" } },
  { column: "familie", label: "Familietype", values: { a: "A" } },
];
const margins = { alder: { "20-34": 1000, "35-64": 3000, "65-79": 1000 }, koen: { M: 4900, K: 5100 } };

describe("representation (who answered, against the population)", () => {
  const rows = representation(groups, respondents, surveyGroups(ids, memberships), margins);

  it("gives shares of those who answered and of the population, by hand", () => {
    const byKey = Object.fromEntries(rows.map((r) => [`${r.variable}:${r.value}`, r]));
    expect(byKey["alder:20-34"]).toMatchObject({ respondents: 12, respondentShare: 12 / 20, population: 1000, populationShare: 0.2, category: "20–34 år" });
    expect(byKey["koen:M"]).toMatchObject({ respondents: 10, respondentShare: 10 / 21, populationShare: 0.49 });
    expect(byKey["koen:K"]).toMatchObject({ respondents: 11, respondentShare: 11 / 21, populationShare: 0.51 });
  });

  it("shows no count or share for a group under 5, nor for the group that would give it away", () => {
    const byKey = Object.fromEntries(rows.map((r) => [`${r.variable}:${r.value}`, r]));
    expect(byKey["alder:65-79"]).toMatchObject({ respondents: null, respondentShare: null, populationShare: 0.2 });
    expect(byKey["alder:35-64"]).toMatchObject({ respondents: null, respondentShare: null, populationShare: 0.6 });
    // What the shown shares leave over is the hidden groups together: 8 respondents, not one small group.
    const shown = rows.filter((r) => r.variable === "alder" && r.respondents !== null).reduce((s, r) => s + r.respondents!, 0);
    expect(20 - shown).toBe(8);
  });

  it("leaves out a grouping without a population margin", () => {
    expect(rows.some((r) => r.variable === "familie")).toBe(false);
    expect(rows.map((r) => r.variable)).toEqual(["alder", "alder", "alder", "koen", "koen"]);
  });

  it("population shares of each grouping add up to 1", () => {
    for (const v of ["alder", "koen"]) expect(rows.filter((r) => r.variable === v).reduce((s, r) => s + r.populationShare, 0)).toBeCloseTo(1, 12);
  });
});
