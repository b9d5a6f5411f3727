import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MANUAL_INDICATORS,
  defaultKnownIndicators,
  GoalsError,
  parseGoals,
  readGoals,
  STATBANK_INDICATOR_IDS,
  STATBANK_INDICATORS,
} from "../../loaders/goals.ts";
import { manualIndicatorIds } from "../../loaders/manualIndicators.ts";
import { GOAL_AREAS, UNITS } from "../../src/lib/goals/vocabulary.ts";
import { projectRoot } from "../paths.ts";

const KNOWN = new Set(["families_out", "families_in", "digital_post_share"]);
const FILE = "goals.yaml";

function problemsOf(text: string, known: ReadonlySet<string> = KNOWN): GoalsError {
  try {
    parseGoals(text, FILE, known);
  } catch (e) {
    if (e instanceof GoalsError) return e;
    throw e;
  }
  throw new Error("expected a GoalsError");
}

/** A valid goal; line 1 is "goals:", the goal's "- id:" is line 2, its fields follow in this order. */
const GOOD = `goals:
  - id: fastholde
    title: Fastholde børnefamilier
    area: Vækst og bosætning
    indicator: families_out
    baseline: 2011
    rule: at_most_baseline
    unit: personer
    source: Danmarks Statistik, FLY66
`;

describe("parseGoals: a valid file", () => {
  it("returns the goals with defaults filled in", () => {
    const text = `${GOOD}  - id: digital_post
    title: Breve sendes digitalt
    area: Digitalisering
    indicator: digital_post_share
    rule: at_least_value
    value: 80,5
    by: 2015
    unit: "%"
    source: Kommunens egne tal
    sentence: I {latest_year} var andelen {latest} %
  - id: tiltraekke
    title: Tiltrække børnefamilier
    area: Vækst og bosætning
    indicator: families_in
    baseline: 2011
    rule: trend_up
    unit: personer
    source: Danmarks Statistik, FLY66
`;
    const goals = parseGoals(text, FILE, KNOWN);
    expect(goals).toHaveLength(3);
    expect(goals[0]).toEqual({
      id: "fastholde",
      title: "Fastholde børnefamilier",
      area: "Vækst og bosætning",
      indicator: "families_out",
      baseline: 2011,
      rule: "at_most_baseline",
      value: null,
      by: null,
      years: null,
      unit: "personer",
      source: "Danmarks Statistik, FLY66",
      expected: null,
      note: null,
      sentence: null,
      aggregate: "last",
      line: 2,
    });
    // The decimal comma is read; no baseline is fine for a value rule.
    expect(goals[1]).toMatchObject({
      id: "digital_post",
      value: 80.5,
      by: 2015,
      baseline: null,
      unit: "%",
      sentence: "I {latest_year} var andelen {latest} %",
      line: 10,
    });
    // A trend rule without "years" gets the default window of 3.
    expect(goals[2]).toMatchObject({ id: "tiltraekke", rule: "trend_up", years: 3, line: 20 });
  });
});

describe("parseGoals: every problem with its line and goal id", () => {
  it("names an unknown rule", () => {
    const e = problemsOf(GOOD.replace("rule: at_most_baseline", "rule: at_most"));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ line: 7, goal: "fastholde" });
    expect(e.message).toContain(`${FILE}, line 7, goal fastholde: unknown rule "at_most"; the rule must be one of at_most_baseline, at_least_baseline`);
  });

  it("names an unknown indicator and lists the known ones", () => {
    const e = problemsOf(GOOD.replace("indicator: families_out", "indicator: families_outt"));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ line: 5, goal: "fastholde" });
    expect(e.problems[0].message).toBe('unknown indicator "families_outt"; known indicators: digital_post_share, families_in, families_out');
  });

  it("names a missing baseline for a rule that needs one", () => {
    const e = problemsOf(GOOD.replace("    baseline: 2011\n", ""));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ line: 2, goal: "fastholde" });
    expect(e.problems[0].message).toContain('the rule at_most_baseline compares with a baseline year, but "baseline" is missing');
  });

  it("names a missing value and a missing by for at_least_value", () => {
    const e = problemsOf(GOOD.replace("rule: at_most_baseline", "rule: at_least_value"));
    expect(e.problems.map((p) => [p.line, p.goal])).toEqual([
      [2, "fastholde"],
      [2, "fastholde"],
    ]);
    expect(e.problems[0].message).toContain('the rule at_least_value needs "value"');
    expect(e.problems[1].message).toContain('the rule at_least_value needs "by"');
    // With the value but not the year, only "by" is missing.
    const e2 = problemsOf(GOOD.replace("rule: at_most_baseline", "rule: at_least_value\n    value: 80"));
    expect(e2.problems).toHaveLength(1);
    expect(e2.problems[0].message).toContain('needs "by"');
  });

  it("names an area that is not one of the four, with a hint for the wrong case", () => {
    const e = problemsOf(GOOD.replace("area: Vækst og bosætning", "area: Bosætning"));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ line: 4, goal: "fastholde" });
    expect(e.problems[0].message).toBe(`unknown area "Bosætning"; the area must be one of ${GOAL_AREAS.map((a) => JSON.stringify(a)).join(", ")}`);
    const e2 = problemsOf(GOOD.replace("area: Vækst og bosætning", "area: sundhed"));
    expect(e2.problems[0].message).toContain('(write "Sundhed")');
  });

  it("names a duplicate id and where the first one is", () => {
    const second = GOOD.replace("goals:\n", "").replace("indicator: families_out", "indicator: families_in");
    const e = problemsOf(GOOD + second);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ line: 10, goal: "fastholde" });
    expect(e.problems[0].message).toBe('duplicate id "fastholde": also the id of the goal on line 2');
  });

  it("reports a YAML syntax error with its line and the goal it is in", () => {
    // An unclosed quote on line 3: the parser notices at the end of the file; the message points at line 3.
    const e = problemsOf(GOOD.replace("title: Fastholde børnefamilier", 'title: "Fastholde børnefamilier'));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ line: 3, goal: "fastholde" });
    expect(e.message).toContain(`${FILE}, line 3, goal fastholde: YAML syntax error: the quote " opened on this line is never closed`);
    // A bad indentation in the second goal (line 12), which starts on line 10.
    const text = `${GOOD}  - id: anden\n    title: x\n   area: Sundhed\n`;
    const e2 = problemsOf(text);
    expect(e2.problems[0]).toMatchObject({ line: 12, goal: "anden" });
    expect(e2.problems[0].message).toMatch(/^YAML syntax error: /);
  });

  it("reports a key that appears twice as a YAML error", () => {
    const e = problemsOf(GOOD.replace("    rule: at_most_baseline\n", "    rule: at_most_baseline\n    rule: at_least_baseline\n"));
    expect(e.problems[0]).toMatchObject({ line: 8, goal: "fastholde" });
    expect(e.problems[0].message).toContain("Map keys must be unique");
  });

  it("names unknown fields, bad units, non-numbers and misplaced fields", () => {
    const text = GOOD.replace("baseline: 2011", "basline: 2011\n    baseline: 11")
      .replace("unit: personer", "unit: stk.")
      .replace("source: Danmarks Statistik, FLY66", "source: Danmarks Statistik, FLY66\n    by: 2015\n    value: 80 %");
    const e = problemsOf(text);
    const byLine = e.problems.map((p) => `${p.line}: ${p.message}`);
    expect(byLine).toEqual([
      `6: unknown field "basline"; a goal has the fields id, title, area, indicator, baseline, rule, value, by, years, unit, source, expected, note, sentence, aggregate`,
      `9: unknown unit "stk."; the unit must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`,
      `7: "baseline" must be a year (4 digits, 1990–2100), got "11"`,
      `12: "value" must be a number, got "80 %" (write the number without "%"; the unit is in "unit")`,
      `12: "value" only applies to the rules at_least_value and at_most_value, not to at_most_baseline`,
      `11: "by" only applies to the rules at_least_value and at_most_value, not to at_most_baseline`,
    ]);
    expect(e.problems.every((p) => p.goal === "fastholde")).toBe(true);
  });

  it("checks a StatBank indicator's unit and a sentence's placeholders", () => {
    const text = GOOD.replace("unit: personer", "unit: antal").replace(
      "source: Danmarks Statistik, FLY66",
      "source: Danmarks Statistik, FLY66\n    sentence: I {latest_year} var det {seneste}",
    );
    const e = problemsOf(text, defaultKnownIndicators());
    expect(e.problems.map((p) => p.line)).toEqual([8, 10]);
    expect(e.problems[0].message).toBe('unit "antal" does not match the indicator families_out, which is in "personer"');
    expect(e.problems[1].message).toMatch(/^unknown placeholder \{seneste\} in "sentence"; allowed: \{latest_year\}/);
  });

  it("names the goal by its position when it has no id", () => {
    const e = problemsOf(GOOD.replace("  - id: fastholde\n    title", "  - title"));
    expect(e.problems[0]).toMatchObject({ line: 2, goal: "mål nr. 1", message: 'the field "id" is missing' });
  });

  it("rejects a file without goals:", () => {
    expect(problemsOf("- id: x\n").problems[0].message).toContain('the file must be a mapping with the key "goals:"');
    expect(problemsOf("mål:\n  - id: x\n").problems.map((p) => p.message)).toEqual([
      'unknown top-level key "mål"; the file has the keys "owner:" and "goals:"',
      '"goals:" must hold a list of goals, each starting with "- id: …"',
    ]);
  });

  it("lists 20 problems, then '… og N flere'", () => {
    const goals = Array.from({ length: 25 }, (_, i) =>
      GOOD.replace("goals:\n", "").replace("id: fastholde", `id: g${i}`).replace("rule: at_most_baseline", "rule: nope"),
    ).join("");
    const e = problemsOf(`goals:\n${goals}`);
    expect(e.problems).toHaveLength(25);
    const lines = e.message.split("\n");
    expect(lines[0]).toBe(`${FILE}: 25 problems in the goals file; the format is described in data/README-goals.md`);
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines[20]).toBe(
      `  ${FILE}, line 159, goal g19: unknown rule "nope"; the rule must be one of at_most_baseline, at_least_baseline, at_least_value, at_most_value, trend_up, trend_down, at_least_neighbours, forecast_met`,
    );
    expect(lines[21]).toBe("  … og 5 flere");
  });
});

describe("the default data/goals.yaml", () => {
  it("parses against the StatBank indicators and the manual ones in data/indicators", async () => {
    const ids = await manualIndicatorIds(join(projectRoot, "data/indicators"));
    const goals = await readGoals(join(projectRoot, "data/goals.yaml"), defaultKnownIndicators(ids));
    const summary = goals.map((g) => [g.id, g.area, g.indicator, g.rule, g.baseline]);
    expect(summary).toEqual([
      ["fastholde_boernefamilier", "Vækst og bosætning", "families_out", "at_most_baseline", 2011],
      ["tiltraekke_boernefamilier", "Vækst og bosætning", "families_in", "at_least_baseline", 2011],
      ["flere_borgere", "Vækst og bosætning", "population_total", "trend_up", 2011],
      ["flere_26_64_aarige", "Vækst og bosætning", "population_26_64", "at_least_baseline", 2011],
      ["par_med_boern", "Vækst og bosætning", "couples_with_children", "at_least_baseline", 2011],
      ["indkomstudvikling", "Vækst og bosætning", "income_disposable_index", "at_least_baseline", 2011],
      ["skattegrundlag", "Vækst og bosætning", "taxable_income_per_resident", "trend_up", 2011],
      ["befolkningsprognose", "Vækst og bosætning", "forecast_deviation", "forecast_met", null],
      ["landsbyambassadoerer", "Vækst og bosætning", "village_ambassador_communities", "at_least_value", 2011],
      ["faerre_paa_ydelser", "Erhverv", "benefit_recipients_fte", "trend_down", 2011],
      ["flere_virksomheder", "Erhverv", "firms", "at_least_neighbours", 2010],
      ["flere_private_job", "Erhverv", "private_jobs", "at_least_neighbours", 2010],
      ["digital_post", "Digitalisering", "digital_post_share", "at_least_value", 2011],
      ["digital_selvbetjening", "Digitalisering", "digital_selfservice_share", "at_least_value", 2011],
      ["fritagelse_digital_post", "Digitalisering", "digital_post_exemptions", "trend_down", 2015],
      ["fysisk_aktive", "Sundhed", "physically_active_share", "trend_up", 2011],
      ["aktiv_transport", "Sundhed", "active_commuting_share", "trend_up", 2011],
    ]);
    // Every StatBank indicator and every default manual indicator has a goal, except income in
    // kroner: the default income goal compares with the whole country (income_disposable_index);
    // the kroner series stays for a council that sets its goal in kroner; and residents aged 65
    // and over, which Halsnæs's goals do not name (the catalogue has it for a council that does).
    expect(new Set(goals.map((g) => g.indicator))).toEqual(
      new Set([...STATBANK_INDICATOR_IDS.filter((i) => i !== "income_disposable" && i !== "population_65_plus"), ...Object.keys(DEFAULT_MANUAL_INDICATORS)]),
    );
    const byId = Object.fromEntries(goals.map((g) => [g.id, g]));
    expect(byId.digital_post).toMatchObject({ value: 80, by: 2015, unit: "%" });
    expect(byId.digital_selvbetjening).toMatchObject({ value: 50, by: 2015, unit: "%" });
    expect(byId.landsbyambassadoerer).toMatchObject({ value: 5, by: 2015 });
    expect(byId.fritagelse_digital_post).toMatchObject({ aggregate: "sum", years: 3 });
    // The proxy for the udskrivningsgrundlag says so.
    expect(byId.skattegrundlag.note).toContain("Udskrivningsgrundlaget offentliggøres ikke i Statistikbanken");
    // Every goal is in Danish, says what counts, and has its unit as the indicator has it.
    for (const g of goals) {
      expect(g.expected, g.id).toMatch(/^Målet er nået, når /);
      const statbank = STATBANK_INDICATORS[g.indicator as keyof typeof STATBANK_INDICATORS];
      const manual = DEFAULT_MANUAL_INDICATORS[g.indicator as keyof typeof DEFAULT_MANUAL_INDICATORS];
      expect(g.unit, g.id).toBe((statbank ?? manual).unit);
    }
    // The four areas are all used.
    expect(new Set(goals.map((g) => g.area))).toEqual(new Set(GOAL_AREAS));
  });

  it("also parses when data/indicators holds no file (the default manual indicators stay known)", async () => {
    const goals = await readGoals(join(projectRoot, "data/goals.yaml"), defaultKnownIndicators());
    expect(goals).toHaveLength(17);
  });
});

describe("owner: whose goals they are", () => {
  it("reads the owner, and names a malformed one by line", async () => {
    const { parseGoalsFile, defaultKnownIndicators } = await import("../../loaders/goals.ts");
    const goal =
      "goals:\n  - id: flere_borgere\n    title: Flere borgere\n    area: Vækst og bosætning\n    indicator: population_total\n    baseline: 2011\n    rule: at_least_baseline\n    unit: personer\n    source: Danmarks Statistik, FOLK1A\n";
    const owner = 'owner:\n  kommune: "420"\n  name: Assens Kommune\n  body: Byrådet\n  year: 2014\n';
    expect(parseGoalsFile(owner + goal, "g.yaml", defaultKnownIndicators()).owner).toEqual({
      kommune: "420",
      name: "Assens Kommune",
      body: "Byrådet",
      year: 2014,
      document: null,
    });
    expect(parseGoalsFile(goal, "g.yaml", defaultKnownIndicators()).owner).toBeNull();
    expect(() => parseGoalsFile(owner.replace('"420"', '"0420"') + goal, "g.yaml", defaultKnownIndicators())).toThrow(
      /g\.yaml, line 1: owner: kommune "0420" must be StatBank's 3-digit municipality code/,
    );
  });
});
