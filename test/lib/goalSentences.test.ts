/**
 * The goal cards' sentences (src/lib/goalSentences.ts): level from the council's template, the
 * change since the baseline with unit and sign, the target and verdict only when assessed, small
 * changes called small, missing data said plainly, example data said first. Written out in full.
 */
import { describe, expect, it } from "vitest";
import { goalChangeSentence, goalSentence, goalTargetSentence, withoutTarget } from "../../src/lib/goalSentences.ts";
import { evaluateGoal } from "../../src/lib/goals/evaluate.ts";
import type { GoalRule } from "../../src/lib/goals/vocabulary.ts";

const population: GoalRule = {
  rule: "trend_up",
  baseline: 2011,
  years: 3,
  unit: "personer",
  sentence: "1. januar {latest_year} boede der {latest} personer i {name} mod {baseline} i {baseline_year}",
};
const populationSeries = [
  { year: 2011, value: 30982 },
  { year: 2024, value: 30700 },
  { year: 2025, value: 30800 },
  { year: 2026, value: 30873 },
];

describe("goal sentence: the council's own goals (assessed)", () => {
  it("gives level, change with unit and sign, target and verdict (in progress: rising, not yet past the baseline)", () => {
    expect(goalSentence(population, populationSeries, { name: "Halsnæs Kommune" }, { assessed: true })).toBe(
      "1. januar 2026 boede der 30.873 personer i Halsnæs Kommune mod 30.982 i 2011. " +
        "Det er næsten det samme som i 2011: 109 personer færre (−0,4 %). " +
        "Målet er et tal over 30.982 personer (niveauet i 2011) og en udvikling, der peger opad – målet er endnu ikke nået; tallet er 109 personer under målet.",
    );
  });

  it("a met goal has no distance to the target; a change of 1 % or more is not called small", () => {
    const goal: GoalRule = { rule: "at_least_baseline", baseline: 2011, unit: "personer" };
    expect(
      goalSentence(
        goal,
        [
          { year: 2011, value: 1000 },
          { year: 2024, value: 1010 },
        ],
        {},
        { assessed: true },
      ),
    ).toBe(
      "I 2024 var tallet 1.010 personer mod 1.000 personer i 2011. Det er 10 personer flere end i 2011 (+1,0 %). Målet er mindst 1.000 personer (niveauet i 2011) – målet er nået.",
    );
  });

  it("at most the baseline: a figure above it is over the target", () => {
    const goal: GoalRule = { rule: "at_most_baseline", baseline: 2011, unit: "antal" };
    expect(
      goalTargetSentence(
        goal,
        evaluateGoal(goal, [
          { year: 2011, value: 120 },
          { year: 2015, value: 131 },
        ]),
      ),
    ).toBe("Målet er højst 120 (niveauet i 2011) – målet er ikke nået; tallet er 11 over målet.");
  });

  it("a value rule whose level already names the target gets the verdict only; shares in procentpoint", () => {
    const goal: GoalRule = { rule: "at_least_value", value: 50, by: 2015, baseline: 2011, unit: "%" };
    const series = [
      { year: 2011, value: 12.5 },
      { year: 2013, value: 38.46 },
    ];
    expect(goalSentence(goal, series, { today: 2014 }, { assessed: true })).toBe(
      "I 2013 var tallet 38,5 %; målet er mindst 50 % i 2015. Det er 26,0 procentpoint højere end i 2011. Målet er endnu ikke nået; fristen er 2015; tallet er 11,5 procentpoint under målet.",
    );
  });

  it("kroner: the change in kr. and in % of the baseline; an index in point", () => {
    expect(goalChangeSentence({ year: 2011, value: 246274 }, { year: 2024, value: 256326 }, "kr.")).toBe("Det er 10.052 kr. højere end i 2011 (+4,1 %).");
    expect(goalChangeSentence({ year: 2011, value: 95.54 }, { year: 2024, value: 99.26 }, "indeks")).toBe("Det er 3,8 point højere end i 2011.");
    expect(goalChangeSentence({ year: 2011, value: 95.54 }, { year: 2024, value: 95.86 }, "indeks")).toBe(
      "Det er næsten det samme som i 2011: 0,4 point højere.",
    );
  });

  it("small, equal and singular changes", () => {
    expect(goalChangeSentence({ year: 2011, value: 40.4 }, { year: 2024, value: 40.8 }, "%")).toBe(
      "Det er næsten det samme som i 2011: 0,4 procentpoint højere.",
    );
    expect(goalChangeSentence({ year: 2011, value: 40.44 }, { year: 2024, value: 40.36 }, "%")).toBe("Det er det samme som i 2011.");
    expect(goalChangeSentence({ year: 2011, value: 12 }, { year: 2024, value: 13 }, "personer")).toBe("Det er 1 person mere end i 2011 (+8,3 %).");
    expect(goalChangeSentence({ year: 2011, value: 7 }, { year: 2024, value: 5 }, "fuldtidspersoner")).toBe(
      "Det er 2 fuldtidspersoner færre end i 2011 (−28,6 %).",
    );
    // a change of 0,04 % is not written "±0,0 %"
    expect(goalChangeSentence({ year: 2011, value: 30000 }, { year: 2024, value: 30012 }, "personer")).toBe(
      "Det er næsten det samme som i 2011: 12 personer flere.",
    );
    expect(goalChangeSentence(null, { year: 2024, value: 5 }, "antal")).toBeNull();
    expect(goalChangeSentence({ year: 2024, value: 5 }, { year: 2024, value: 5 }, "antal")).toBeNull();
  });
});

describe("goal sentence: another council's goals (not assessed)", () => {
  it("shows the development without target or any verdict word", () => {
    const text = goalSentence(population, populationSeries, { name: "Assens Kommune" }, { assessed: false });
    expect(text).toBe(
      "1. januar 2026 boede der 30.873 personer i Assens Kommune mod 30.982 i 2011. Det er næsten det samme som i 2011: 109 personer færre (−0,4 %).",
    );
    expect(text).not.toMatch(/nået|Målet er/);
  });

  it("leaves out the clause of the council's template that names the target (the card shows no 'Mål')", () => {
    const ambassadors: GoalRule = {
      rule: "at_least_value",
      value: 5,
      by: 2015,
      baseline: 2011,
      unit: "antal",
      sentence: "I {latest_year} tog landsbyambassadører imod tilflyttere i {latest} lokalsamfund; målet er mindst {target} i {by}",
    };
    const series = [
      { year: 2011, value: 0 },
      { year: 2020, value: 3 },
    ];
    const text = goalSentence(ambassadors, series, { name: "Assens" }, { assessed: false, example: true });
    expect(text).toBe("Eksempeldata: I 2020 tog landsbyambassadører imod tilflyttere i 3 lokalsamfund. Det er 3 flere end i 2011.");
    expect(text).not.toMatch(/nået|målet/i);
    // the default sentence of a value rule too
    const plain: GoalRule = { rule: "at_least_value", value: 80, by: 2015, baseline: 2011, unit: "%" };
    expect(
      goalSentence(
        plain,
        [
          { year: 2011, value: 22 },
          { year: 2024, value: 93.5 },
        ],
        {},
        { assessed: false },
      ),
    ).toBe("I 2024 var tallet 93,5 %. Det er 71,5 procentpoint højere end i 2011.");
    // the council's own goals keep it
    expect(goalSentence(ambassadors, series, { name: "Halsnæs" }, { assessed: true, example: true })).toContain("; målet er mindst 5 i 2015.");
    expect(withoutTarget("I 2024 var tallet 12.300 kr.; målet er højst 10.000 kr. i 2015.")).toBe("I 2024 var tallet 12.300 kr.");
    expect(withoutTarget("Målet er mindst 5.")).toBe("Målet er mindst 5.");
    expect(withoutTarget("I 2024 var tallet 4.")).toBe("I 2024 var tallet 4.");
  });

  it("a baseline year without a figure is said plainly when the verdict does not need it", () => {
    const ambassadors: GoalRule = { rule: "at_least_value", value: 5, by: 2015, baseline: 2011, unit: "antal" };
    expect(goalSentence(ambassadors, [{ year: 2020, value: 3 }], {}, { assessed: false })).toBe(
      "I 2020 var tallet 3. Der er ingen tal for 2011, så udviklingen kan ikke beregnes.",
    );
    expect(goalSentence(ambassadors, [{ year: 2020, value: 6 }], {}, { assessed: true })).toBe(
      "I 2020 var tallet 6; målet er mindst 5 i 2015. Der er ingen tal for 2011, så udviklingen kan ikke beregnes. Målet er nået.",
    );
  });

  it("missing data said plainly, with the latest figure the card shows", () => {
    const goal: GoalRule = { rule: "at_least_neighbours", baseline: 2010, unit: "antal" };
    expect(goalSentence(goal, [{ year: 2024, value: 2345 }], {}, { assessed: false })).toBe(
      "Data mangler: der er ingen tal for basisåret 2010. Seneste tal er 2.345 i 2024.",
    );
    expect(goalSentence(goal, [{ year: 2024, value: 2345 }], {}, { assessed: true })).toBe(
      "Data mangler: der er ingen tal for basisåret 2010, så det kan ikke afgøres, om målet er nået. Seneste tal er 2.345 i 2024.",
    );
    expect(goalSentence(goal, [], {}, { assessed: false })).toBe("Data mangler: der er ingen tal for indikatoren.");
  });
});

describe("goal sentence: example data", () => {
  it("opens with Eksempeldata, assessed or not", () => {
    const goal: GoalRule = { rule: "forecast_met", unit: "personer" };
    expect(goalSentence(goal, [{ year: 2024, value: -35 }], {}, { assessed: true, example: true })).toBe(
      "Eksempeldata: I 2024 var afvigelsen fra den vedtagne prognose −35 personer. Målet er, at folketallet er mindst det, den vedtagne prognose forventede – målet er ikke nået; tallet er 35 personer under målet.",
    );
    expect(goalSentence(goal, [{ year: 2024, value: 12 }], {}, { assessed: false, example: true })).toBe(
      "Eksempeldata: I 2024 var afvigelsen fra den vedtagne prognose +12 personer.",
    );
  });
});
