import { describe, expect, it } from "vitest";
import { evaluateGoal, fillSentence, formatGoalNumber, formatGoalValue, slope } from "../../src/lib/goals/evaluate.ts";
import { annualSeries } from "../../src/lib/goals/series.ts";
import { GOAL_AREAS, STATUS_COLORS, STATUS_WORDS, type GoalRule, type Point } from "../../src/lib/goals/vocabulary.ts";

/** Points from [year, value] pairs. */
const s = (...pairs: [number, number][]): Point[] => pairs.map(([year, value]) => ({ year, value }));

describe("at_most_baseline", () => {
  const goal: GoalRule = { rule: "at_most_baseline", baseline: 2011, unit: "personer" };
  it("is met when the latest value is below the baseline", () => {
    const r = evaluateGoal(goal, s([2011, 500], [2015, 480], [2024, 450]));
    expect(r).toMatchObject({ status: "met", words: "Målet er nået", baseline: { year: 2011, value: 500 }, latest: { year: 2024, value: 450 }, target: 500 });
  });
  it("is met when equal to the baseline, not met one above", () => {
    expect(evaluateGoal(goal, s([2011, 500], [2024, 500])).status).toBe("met");
    const r = evaluateGoal(goal, s([2011, 500], [2024, 501]));
    expect(r.status).toBe("not_met");
    expect(r.words).toBe("Målet er ikke nået");
  });
  it("fills the sentence template and appends the status", () => {
    const r = evaluateGoal(
      { ...goal, sentence: "I {latest_year} flyttede {latest} børn og 25–44-årige fra {name} mod {baseline} i {baseline_year}" },
      s([2011, 1300], [2024, 1234]),
      { name: "Halsnæs Kommune" },
    );
    expect(r.sentence).toBe("I 2024 flyttede 1.234 børn og 25–44-årige fra Halsnæs Kommune mod 1.300 i 2011 – målet er nået.");
  });
  it("has no data without the baseline year, without a later year, or without any figure", () => {
    const noBaseline = evaluateGoal(goal, s([2015, 480], [2024, 450]));
    expect(noBaseline).toMatchObject({ status: "no_data", words: "Data mangler", baseline: null, latest: { year: 2024, value: 450 }, target: null });
    expect(noBaseline.sentence).toBe("Data mangler: der er ingen tal for basisåret 2011, så det kan ikke afgøres, om målet er nået.");
    const onlyBaseline = evaluateGoal(goal, s([2011, 500]));
    expect(onlyBaseline.status).toBe("no_data");
    expect(onlyBaseline.sentence).toContain("der er endnu ingen tal efter basisåret 2011");
    expect(evaluateGoal(goal, []).sentence).toBe("Data mangler: der er ingen tal for indikatoren, så det kan ikke afgøres, om målet er nået.");
    // A figure that is not a number does not count.
    expect(evaluateGoal(goal, s([2011, Number.NaN], [2024, 450])).status).toBe("no_data");
  });
});

describe("at_least_baseline", () => {
  const goal: GoalRule = { rule: "at_least_baseline", baseline: 2011, unit: "personer" };
  it("is met when equal to the baseline and not met one below, with the default sentence", () => {
    expect(evaluateGoal(goal, s([2011, 1000], [2024, 1000])).status).toBe("met");
    const r = evaluateGoal(goal, s([2011, 1000], [2024, 999]));
    expect(r.status).toBe("not_met");
    expect(r.sentence).toBe("I 2024 var tallet 999 personer mod 1.000 personer i 2011 – målet er ikke nået.");
  });
  it("uses the last value given for a year and sorts by year", () => {
    expect(evaluateGoal(goal, s([2024, 1200], [2011, 1000], [2024, 900])).latest).toEqual({ year: 2024, value: 900 });
  });
});

describe("at_least_value", () => {
  const goal: GoalRule = { rule: "at_least_value", value: 80, by: 2015, baseline: 2011, unit: "%" };
  it("is in progress before the deadline while the value is not reached", () => {
    const r = evaluateGoal(goal, s([2011, 22], [2013, 45.2]), { today: 2014 });
    expect(r).toMatchObject({
      status: "in_progress",
      words: "Undervejs",
      target: 80,
      baseline: { year: 2011, value: 22 },
      latest: { year: 2013, value: 45.2 },
    });
    expect(r.sentence).toBe("I 2013 var tallet 45,2 %; målet er mindst 80 % i 2015 – målet er endnu ikke nået; fristen er 2015.");
    // Without today, the figure's year decides.
    expect(evaluateGoal(goal, s([2011, 22], [2014, 70])).status).toBe("in_progress");
  });
  it("is not met when the figure for the deadline year falls short", () => {
    expect(evaluateGoal(goal, s([2011, 22], [2015, 78])).status).toBe("not_met");
  });
  it("is not met when the deadline year is over, even if its figure is not out yet", () => {
    expect(evaluateGoal(goal, s([2011, 22], [2014, 70]), { today: 2016 }).status).toBe("not_met");
    // In the deadline year itself it is still in progress.
    expect(evaluateGoal(goal, s([2011, 22], [2014, 70]), { today: 2015 }).status).toBe("in_progress");
  });
  it("is met when the value is reached exactly, also before the deadline and after it", () => {
    expect(evaluateGoal(goal, s([2011, 22], [2014, 80])).status).toBe("met");
    expect(evaluateGoal(goal, s([2011, 22], [2014, 70], [2016, 82]), { today: 2017 }).status).toBe("met");
  });
  it("does not need the baseline year in the series", () => {
    const r = evaluateGoal(goal, s([2014, 81]));
    expect(r).toMatchObject({ status: "met", baseline: null, latest: { year: 2014, value: 81 } });
  });
  it("has no data without any figure", () => {
    expect(evaluateGoal(goal, []).status).toBe("no_data");
  });
});

describe("at_most_value", () => {
  const goal: GoalRule = { rule: "at_most_value", value: 10, by: 2020, unit: "antal" };
  it("is in progress, met at the boundary, not met above after the deadline", () => {
    expect(evaluateGoal(goal, s([2019, 12]), { today: 2019 }).status).toBe("in_progress");
    expect(evaluateGoal(goal, s([2019, 12], [2020, 10])).status).toBe("met");
    expect(evaluateGoal(goal, s([2019, 12], [2021, 11])).status).toBe("not_met");
  });
});

describe("trend_up", () => {
  const goal: GoalRule = { rule: "trend_up", baseline: 2011, years: 3, unit: "personer" };
  it("is met when the last three figures rise and the latest is above the baseline", () => {
    // window 2012–2014: 98, 101, 104 → slope +3; 104 > 100
    const r = evaluateGoal(goal, s([2011, 100], [2012, 98], [2013, 101], [2014, 104]));
    expect(r).toMatchObject({ status: "met", target: 100, baseline: { year: 2011, value: 100 }, latest: { year: 2014, value: 104 } });
    expect(r.sentence).toBe("Fra 2011 til 2014 gik tallet fra 100 personer til 104 personer, og udviklingen 2012–2014 peger opad – målet er nået.");
  });
  it("is in progress when rising but still below the baseline", () => {
    // window 90, 92, 95 → slope +2,5; 95 < 100
    const r = evaluateGoal(goal, s([2011, 100], [2012, 90], [2013, 92], [2014, 95]));
    expect(r.status).toBe("in_progress");
    expect(r.sentence).toContain("undervejs: udviklingen går den rigtige vej, men tallet er endnu ikke over niveauet fra 2011");
  });
  it("is in progress when rising to exactly the baseline (it must be above)", () => {
    expect(evaluateGoal(goal, s([2011, 100], [2012, 90], [2013, 95], [2014, 100])).status).toBe("in_progress");
  });
  it("is not met when falling, even above the baseline, or flat", () => {
    // window 120, 115, 110 → slope −5
    expect(evaluateGoal(goal, s([2011, 100], [2012, 120], [2013, 115], [2014, 110])).status).toBe("not_met");
    // window 105, 105, 105 → slope 0: a flat trend is not a rise
    const flat = evaluateGoal(goal, s([2011, 100], [2012, 105], [2013, 105], [2014, 105]));
    expect(flat.status).toBe("not_met");
    expect(flat.sentence).toContain("peger hverken op eller ned");
  });
  it("counts figures, not calendar years, and includes the baseline when there are few", () => {
    // Only 2011 and 2014: the window is both; 101 > 100 and rising.
    expect(evaluateGoal(goal, s([2011, 100], [2014, 101])).status).toBe("met");
    // Figures before the baseline are not in the window: 2009 (200) would make the slope negative.
    expect(evaluateGoal(goal, s([2009, 200], [2011, 100], [2014, 101])).status).toBe("met");
  });
  it("uses the window the goal gives", () => {
    const series = s([2011, 100], [2012, 90], [2013, 120], [2014, 110]);
    // years 3: 90, 120, 110 → slope (−1·−16,67 + 1·3,33)/2 = +10 → met (110 > 100)
    expect(evaluateGoal(goal, series).status).toBe("met");
    // years 2: 120, 110 → slope −10 → not met
    expect(evaluateGoal({ ...goal, years: 2 }, series).status).toBe("not_met");
    // no years: the default window of 3
    expect(evaluateGoal({ ...goal, years: undefined }, series).status).toBe("met");
  });
  it("has no data without the baseline year", () => {
    expect(evaluateGoal(goal, s([2012, 98], [2013, 101])).status).toBe("no_data");
  });
});

describe("trend_down", () => {
  const goal: GoalRule = { rule: "trend_down", baseline: 2011, unit: "fuldtidspersoner" };
  it("is met, in progress or not met by the direction and the side of the baseline", () => {
    expect(evaluateGoal(goal, s([2011, 100], [2012, 98], [2013, 96], [2014, 94])).status).toBe("met");
    // window 110, 105, 102 → slope −4, but 102 > 100
    expect(evaluateGoal(goal, s([2011, 100], [2012, 110], [2013, 105], [2014, 102])).status).toBe("in_progress");
    expect(evaluateGoal(goal, s([2011, 100], [2012, 94], [2013, 96], [2014, 98])).status).toBe("not_met");
  });
});

describe("at_least_neighbours", () => {
  const goal: GoalRule = { rule: "at_least_neighbours", baseline: 2010, unit: "antal" };
  // Neighbour A: 200 → 210 (+5 %), B: 400 → 460 (+15 %): mean +10 %.
  const neighbours = [s([2010, 200], [2024, 210]), s([2010, 400], [2024, 460])];
  it("is met when the own change equals the neighbours' mean change", () => {
    // own 1000 → 1100: +10 %
    const r = evaluateGoal(goal, s([2010, 1000], [2024, 1100]), { neighbours });
    expect(r.status).toBe("met");
    expect(r.target).toBeCloseTo(1100, 9);
    expect(r.latest).toEqual({ year: 2024, value: 1100 });
    expect(r.sentence).toBe(
      "Fra 2010 til 2024 ændrede tallet sig med +10,0 % (fra 1.000 til 1.100) mod gennemsnitligt +10,0 % i nabokommunerne – målet er nået.",
    );
  });
  it("is not met when the own change is below the mean", () => {
    // own 1000 → 1099: +9,9 % < +10 %
    expect(evaluateGoal(goal, s([2010, 1000], [2024, 1099]), { neighbours }).status).toBe("not_met");
    // A fall can still be met when the neighbours fell more: own −2 % against mean −5 %
    const falling = [s([2010, 200], [2024, 190]), s([2010, 400], [2024, 380])];
    expect(evaluateGoal(goal, s([2010, 1000], [2024, 980]), { neighbours: falling }).status).toBe("met");
  });
  it("compares in the latest year that every series has", () => {
    // B has no 2024: compare in 2023. Own 1000 → 1050 (+5 %), A 200 → 220 (+10 %), B 400 → 400 (0 %): mean +5 %.
    const r = evaluateGoal(goal, s([2010, 1000], [2023, 1050], [2024, 900]), {
      neighbours: [s([2010, 200], [2023, 220], [2024, 230]), s([2010, 400], [2023, 400])],
    });
    expect(r.status).toBe("met");
    expect(r.latest).toEqual({ year: 2023, value: 1050 });
    expect(r.target).toBeCloseTo(1050, 9);
  });
  it("has no data when a neighbour lacks the baseline year, or there are no neighbours", () => {
    const r = evaluateGoal(goal, s([2010, 1000], [2024, 1100]), { neighbours: [neighbours[0], s([2011, 400], [2024, 460])] });
    expect(r.status).toBe("no_data");
    expect(r.sentence).toBe("Data mangler: nabokommunerne mangler tal for basisåret 2010, så det kan ikke afgøres, om målet er nået.");
    expect(evaluateGoal(goal, s([2010, 1000], [2024, 1100])).status).toBe("no_data");
    expect(evaluateGoal(goal, s([2010, 1000], [2024, 1100]), { neighbours: [] }).status).toBe("no_data");
    // No later year common to all.
    expect(evaluateGoal(goal, s([2010, 1000], [2024, 1100]), { neighbours: [s([2010, 200], [2023, 210])] }).status).toBe("no_data");
  });
  it("has no data when the own series lacks the baseline year", () => {
    expect(evaluateGoal(goal, s([2011, 1000], [2024, 1100]), { neighbours }).status).toBe("no_data");
  });
});

describe("forecast_met", () => {
  const goal: GoalRule = { rule: "forecast_met", unit: "personer" };
  it("is met at 0 or more, not met below, and needs no baseline", () => {
    const r = evaluateGoal(goal, s([2023, -12], [2024, 0]));
    expect(r).toMatchObject({ status: "met", target: 0, baseline: null, latest: { year: 2024, value: 0 } });
    expect(r.sentence).toBe("I 2024 var afvigelsen fra den vedtagne prognose ±0 personer – målet er nået.");
    const below = evaluateGoal(goal, s([2024, -35]));
    expect(below.status).toBe("not_met");
    expect(below.sentence).toBe("I 2024 var afvigelsen fra den vedtagne prognose −35 personer – målet er ikke nået.");
    expect(evaluateGoal(goal, []).status).toBe("no_data");
  });
});

describe("sentences and formats", () => {
  it("keeps {status} where the template puts it", () => {
    expect(fillSentence("{status}: {latest} i {latest_year}", { status: "målet er nået", latest: "5", latest_year: "2024" })).toBe("målet er nået: 5 i 2024");
    expect(fillSentence("Tallet var {latest}.", { status: "undervejs", latest: "5" })).toBe("Tallet var 5 – undervejs.");
  });
  it("fills {target}, {by} and {unit} for a value rule", () => {
    const r = evaluateGoal(
      {
        rule: "at_least_value",
        value: 5,
        by: 2015,
        unit: "antal",
        sentence: "I {latest_year}: {latest} lokalsamfund; målet er mindst {target} i {by} ({unit})",
      },
      s([2016, 4]),
    );
    expect(r.sentence).toBe("I 2016: 4 lokalsamfund; målet er mindst 5 i 2015 (antal) – målet er ikke nået.");
  });
  it("formats numbers the Danish way", () => {
    expect(formatGoalNumber(63.5)).toBe("63,5");
    expect(formatGoalNumber(63)).toBe("63");
    expect(formatGoalNumber(251300.4)).toBe("251.300");
    expect(formatGoalValue(63.5, "%")).toBe("63,5 %");
    expect(formatGoalValue(251300, "kr.")).toBe("251.300 kr.");
    expect(formatGoalValue(12, "antal")).toBe("12");
    expect(formatGoalValue(null, "%")).toBe("–");
  });
  it("computes the least-squares slope", () => {
    expect(slope(s([2012, 90], [2013, 120], [2014, 110]))).toBeCloseTo(10, 9);
    expect(slope(s([2015, 120], [2016, 110], [2024, 105]))).toBeLessThan(0);
    expect(slope(s([2015, 1]))).toBe(0);
  });
  it("exports the areas in order and a symbol and words for every status", () => {
    expect(GOAL_AREAS).toEqual(["Vækst og bosætning", "Erhverv", "Digitalisering", "Sundhed"]);
    expect(Object.values(STATUS_COLORS).map((c) => c.symbol)).toEqual(["✓", "✗", "…", "?"]);
    for (const [status, look] of Object.entries(STATUS_COLORS)) expect(look.label).toBe(STATUS_WORDS[status as keyof typeof STATUS_WORDS]);
    expect(STATUS_WORDS).toEqual({ met: "Målet er nået", not_met: "Målet er ikke nået", in_progress: "Undervejs", no_data: "Data mangler" });
  });
});

describe("annualSeries", () => {
  const rows = [
    // Applications by reason, reported in May, September and December; 2016 has only May so far.
    { indicator: "ex", area: "260", year: 2015, period: "2015-05", breakdown: "sprog", value: 6 },
    { indicator: "ex", area: "260", year: 2015, period: "2015-05", breakdown: "andet", value: 8 },
    { indicator: "ex", area: "260", year: 2015, period: "2015-09", breakdown: "sprog", value: 5 },
    { indicator: "ex", area: "260", year: 2015, period: "2015-12", breakdown: null, value: 9 },
    { indicator: "ex", area: "260", year: 2015, period: "2015-12", breakdown: "sprog", value: 4 },
    { indicator: "ex", area: "260", year: 2016, period: "2016-05", breakdown: "sprog", value: 3 },
    { indicator: "ex", area: "147", year: 2015, period: "2015-05", breakdown: null, value: 100 },
    { indicator: "share", area: "260", year: 2015, period: "2015K2", breakdown: null, value: 40 },
    { indicator: "share", area: "260", year: 2015, period: "2015K4", breakdown: null, value: 44.5 },
    { indicator: "share", area: "260", year: 2016, period: "2016K1", breakdown: null, value: 45 },
    { indicator: "share", area: "260", year: 2016, period: "2016K1", breakdown: "mænd", value: 41 },
  ];
  it("sums complete years, preferring a total row to the sum of its parts", () => {
    // 2015: May 6 + 8 = 14, September 5, December the total 9 (not 4): 28. 2016: one report of three: left out.
    expect(annualSeries(rows, "ex", "260", "sum")).toEqual([{ year: 2015, value: 28 }]);
    expect(annualSeries(rows, "ex", "147", "sum")).toEqual([{ year: 2015, value: 100 }]);
  });
  it("takes the year's last period, and never adds up parts of a share", () => {
    expect(annualSeries(rows, "share", "260")).toEqual([
      { year: 2015, value: 44.5 },
      { year: 2016, value: 45 },
    ]);
    // With "last", periods with only parts have no figure: 2015 is December's total, 2016 has none.
    expect(annualSeries(rows, "ex", "260", "last")).toEqual([{ year: 2015, value: 9 }]);
  });
  it("reads the indicators dataset, which has one row per year and no period", () => {
    expect(
      annualSeries(
        [
          { indicator: "population_total", area: "260", year: 2011, value: 31000 },
          { indicator: "population_total", area: "260", year: 2024, value: 31700 },
        ],
        "population_total",
        "260",
      ),
    ).toEqual(s([2011, 31000], [2024, 31700]));
  });
});

describe("a template's goals (another council's): no verdict in the sentence", () => {
  it("fills the template without the status phrase", async () => {
    const { evaluateGoal } = await import("../../src/lib/goals/evaluate.ts");
    const goal = {
      rule: "at_least_baseline",
      baseline: 2011,
      unit: "personer",
      sentence: "1. januar {latest_year} boede der {latest} personer i {name} mod {baseline} i {baseline_year}",
    } as any;
    const series = [
      { year: 2011, value: 41635 },
      { year: 2026, value: 40369 },
    ];
    const judged = evaluateGoal(goal, series, { name: "Assens" });
    expect(judged.sentence).toBe("1. januar 2026 boede der 40.369 personer i Assens mod 41.635 i 2011 – målet er ikke nået.");
    const plain = evaluateGoal(goal, series, { name: "Assens", verdict: false });
    expect(plain.sentence).toBe("1. januar 2026 boede der 40.369 personer i Assens mod 41.635 i 2011.");
    expect(evaluateGoal(goal, [{ year: 2026, value: 1 }], { verdict: false }).sentence).toBe("Data mangler: der er ingen tal for basisåret 2011.");
  });
});
