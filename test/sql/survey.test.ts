import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeEach, describe, expect, it } from "vitest";
import { toArrowIPC, type ColumnSpec } from "../../loaders/arrow.ts";
import { datasetMeta } from "../../loaders/provenance.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../../loaders/duck.ts";
import { projectRoot } from "../paths.ts";
import { surveyGroups } from "../../src/lib/survey/groups.ts";
import { importSurvey } from "../../src/lib/survey/import.ts";
import { parseSchema } from "../../src/lib/survey/schema.ts";

const sql = (name: string) => readFileSync(join(projectRoot, "src/sql", `${name}.sql`), "utf8");

async function table(conn: DuckDBConnection, name: string, columns: Record<string, ColumnSpec>): Promise<void> {
  const rows = Object.values(columns)[0].values.length;
  await registerArrow(conn, name, toArrowIPC(columns, datasetMeta({ dataset: name, title: name, sources: [], rows, columns: {} })));
}
const s = (values: (string | null)[]): ColumnSpec => ({ type: "string", values });
const i16 = (values: (number | null)[]): ColumnSpec => ({ type: "int16", values });
const f64 = (values: number[]): ColumnSpec => ({ type: "float64", values });

const ids = Array.from({ length: 12 }, (_, i) => `r${i + 1}`);
// vigtig_skole (importance) for r1..r11 (r12 did not answer); tilfreds_skole (satisfaction) for all 12
const importance = [5, 5, 4, 4, 3, 5, 2, 3, 4, 1, 2];
const satisfaction = [2, 3, 2, 1, 4, 2, 5, 4, 3, 4, 5, 4];
// familietype: r1–r6 "med", r7–r12 "uden"; lokal: r1–r3 "a" (3 respondents: never shown), r4–r12 "b"
const memberships = ids.flatMap((id, i) => [
  [id, "familietype", i < 6 ? "med" : "uden"],
  [id, "lokal", i < 3 ? "a" : "b"],
]);
const choices = [
  ["r1", "natur"],
  ["r1", "skole"],
  ["r2", "natur"],
  ["r3", "bolig"],
  ["r4", "natur"],
  ["r5", "pris"],
  ["r7", "natur"],
  ["r8", "bolig"],
];

async function survey(weights: number[]): Promise<DuckDBConnection> {
  const conn = await openDuckDB();
  await table(conn, "survey_respondents", { respondent: s(ids), weight: f64(weights) });
  const answers = [...importance.map((v, i) => [ids[i], "vigtig_skole", v] as const), ...satisfaction.map((v, i) => [ids[i], "tilfreds_skole", v] as const)];
  await table(conn, "survey_answers", { respondent: s(answers.map((a) => a[0])), item: s(answers.map((a) => a[1])), value: i16(answers.map((a) => a[2])) });
  const groups = surveyGroups(
    ids,
    memberships.map(([respondent, variable, value]) => ({ respondent, variable, value })),
  ).rows;
  await table(conn, "survey_groups", {
    respondent: s(groups.map((g) => g.respondent)),
    variable: s(groups.map((g) => g.variable)),
    group_value: s(groups.map((g) => g.group_value)),
  });
  await table(conn, "survey_items", {
    item: s(["vigtig_skole", "tilfreds_skole"]),
    label: s(["Skole", "Skole"]),
    scale: s(["vigtighed", "tilfredshed"]),
    scale_max: i16([5, 5]),
    topic: s(["skole", "skole"]),
    role: s(["importance", "satisfaction"]),
  });
  await table(conn, "survey_choices", {
    respondent: s(choices.map((c) => c[0])),
    question: s(choices.map(() => "grunde")),
    choice: s(choices.map((c) => c[1])),
  });
  return conn;
}

describe("survey SQL on a hand-made survey of 12", () => {
  let conn: DuckDBConnection;
  beforeEach(async () => {
    conn = await survey(ids.map(() => 1));
  });

  it("survey_top2box: n, top-2 count and mean, overall and per group", async () => {
    const row = async (variable: string, group_value: string) =>
      (await runAnalysis(conn, sql("survey_top2box"), { item: "vigtig_skole", variable, group_value }))[0];
    // all: 11 answers; 4 or 5: r1 r2 r3 r4 r6 r9 = 6; mean 38/11
    expect(await row("alle", "alle")).toMatchObject({ n: 11, k: 6, w: 11, w_top2: 6, n_eff: 11, flagged: true });
    expect((await row("alle", "alle")).mean).toBeCloseTo(38 / 11, 10);
    // families (r1–r6): 5,5,4,4,3,5 -> k 5, mean 26/6; others (r7–r11 answered): 2,3,4,1,2 -> k 1, mean 12/5
    expect(await row("familietype", "med")).toMatchObject({ n: 6, k: 5, group_n: 6 });
    expect(await row("familietype", "uden")).toMatchObject({ n: 5, k: 1, mean: 2.4 });
    // local area a (3 respondents) is hidden, and so is b: "alle" minus b would give a
    expect(await row("lokal", "b")).toBeUndefined();
  });

  it("no group under 5 respondents appears in any survey output", async () => {
    for (const name of ["survey_top2box", "survey_distribution", "survey_quadrant", "survey_reasons"]) {
      const rows = await runAnalysis(conn, sql(name), { variable: "lokal" });
      expect(
        rows.some((r) => r.group_value === "a"),
        name,
      ).toBe(false);
      expect(
        rows.some((r) => r.group_value === "b"),
        name,
      ).toBe(false); // hidden to protect a
    }
  });

  it("survey_distribution: counts per answer category add up to n", async () => {
    const rows = (await runAnalysis(conn, sql("survey_distribution"), { item: "vigtig_skole", variable: "alle" })).sort(
      (a, b) => (a.category as number) - (b.category as number),
    );
    // 1: r10; 2: r7 r11; 3: r5 r8; 4: r3 r4 r9; 5: r1 r2 r6
    expect(rows.map((r) => r.count)).toEqual([1, 2, 2, 3, 3]);
    expect(rows.map((r) => r.share as number).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(rows[3].share).toBeCloseTo(3 / 11, 12);
  });

  it("survey_quadrant: importance and satisfaction means per topic", async () => {
    const [all] = await runAnalysis(conn, sql("survey_quadrant"), { variable: "alle", topic: "skole" });
    // importance 38/11; satisfaction (2+3+2+1+4+2+5+4+3+4+5+4)/12 = 39/12
    expect(all.importance).toBeCloseTo(38 / 11, 10);
    expect(all.satisfaction).toBeCloseTo(39 / 12, 10);
    expect(all.n).toBe(11);
    const [families] = await runAnalysis(conn, sql("survey_quadrant"), { variable: "familietype", group_value: "med" });
    // importance 26/6, satisfaction (2+3+2+1+4+2)/6 = 14/6 -> gap 2
    expect(families.gap).toBeCloseTo(2, 10);
  });

  it("survey_reasons: share of those answering the question", async () => {
    const rows = await runAnalysis(conn, sql("survey_reasons"), { variable: "alle", choice: "natur" });
    // answering: r1 r2 r3 r4 r5 r7 r8 = 7; natur: r1 r2 r4 r7 = 4
    expect(rows[0]).toMatchObject({ n: 7, count: 4 });
    expect(rows[0].share).toBeCloseTo(4 / 7, 12);
    const med = await runAnalysis(conn, sql("survey_reasons"), { variable: "familietype", group_value: "med", choice: "natur" });
    expect(med[0]).toMatchObject({ n: 5, count: 3 }); // r1..r5 answered; natur r1 r2 r4
    expect(await runAnalysis(conn, sql("survey_reasons"), { variable: "familietype", group_value: "uden" })).toEqual([]); // only r7, r8
  });

  it("weights: weighted share and Kish effective n", async () => {
    const weighted = await survey(ids.map((_, i) => (i === 0 ? 2 : 1)));
    const [row] = await runAnalysis(weighted, sql("survey_top2box"), { item: "vigtig_skole", variable: "alle" });
    // w = 2 + 10·1 = 12; top-2: r1 (2) + r2 r3 r4 r6 r9 = 7; n_eff = 12² / (4 + 10) = 144/14
    expect(row).toMatchObject({ n: 11, k: 6, w: 12, w_top2: 7 });
    expect(row.n_eff).toBeCloseTo(144 / 14, 10);
  });
});

describe("which survey groups may be shown (src/lib/survey/groups.ts)", () => {
  const m = (pairs: [string, string][]) => pairs.map(([respondent, value]) => ({ respondent, variable: "v", value }));
  const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it("hides groups under 5, then the next smallest until the hidden ones hold 5 or more", () => {
    const all = [...people("a", 3), ...people("b", 9), ...people("c", 20)];
    const { hidden, rows } = surveyGroups(all, m(all.map((id) => [id, id[0]])));
    expect(hidden).toEqual([
      { variable: "v", value: "a", n: 3, reason: "under 5" },
      { variable: "v", value: "b", n: 9, reason: "beskytter en lille gruppe" },
    ]);
    expect(new Set(rows.filter((r) => r.variable === "v").map((r) => r.group_value))).toEqual(new Set(["c"]));
    expect(rows.filter((r) => r.variable === "alle")).toHaveLength(32);
  });

  it("two small groups that together hold 5 or more hide nothing else", () => {
    const all = [...people("a", 2), ...people("b", 3), ...people("c", 7)];
    expect(surveyGroups(all, m(all.map((id) => [id, id[0]]))).hidden.map((h) => h.value)).toEqual(["a", "b"]);
  });

  it("no small group: nothing hidden; fewer than 5 respondents in all: not even 'alle'", () => {
    const all = [...people("a", 5), ...people("b", 6)];
    expect(surveyGroups(all, m(all.map((id) => [id, id[0]]))).hidden).toEqual([]);
    expect(surveyGroups(people("x", 4), []).rows).toEqual([]);
  });
});

describe("audit: the example survey through every survey SQL file, over every grouping column", () => {
  it("no shown group has under 5 respondents, and no hidden group can be recovered by subtraction", async () => {
    const schema = parseSchema(JSON.parse(readFileSync(join(projectRoot, "data/survey/schema.json"), "utf8")));
    const survey = importSurvey(new Uint8Array(readFileSync(join(projectRoot, "data/survey/eksempel.csv"))), schema, "eksempel.csv");
    const ids = survey.respondents.map((r) => r.id);
    const { rows: groups, hidden } = surveyGroups(ids, survey.memberships);
    const conn = await openDuckDB();
    await table(conn, "survey_respondents", { respondent: s(ids), weight: f64(ids.map(() => 1)) });
    await table(conn, "survey_answers", {
      respondent: s(survey.answers.map((a) => a.respondent)),
      item: s(survey.answers.map((a) => a.item)),
      value: i16(survey.answers.map((a) => a.value)),
    });
    await table(conn, "survey_groups", {
      respondent: s(groups.map((g) => g.respondent)),
      variable: s(groups.map((g) => g.variable)),
      group_value: s(groups.map((g) => g.group_value)),
    });
    await table(conn, "survey_choices", {
      respondent: s(survey.choices.map((c) => c.respondent)),
      question: s(survey.choices.map((c) => c.question)),
      choice: s(survey.choices.map((c) => c.choice)),
    });
    const items = schema.items;
    await table(conn, "survey_items", {
      item: s(items.map((i) => i.column)),
      label: s(items.map((i) => i.label)),
      scale: s(items.map((i) => i.scale)),
      scale_max: i16(items.map(() => 5)),
      topic: s(items.map((i) => i.topic ?? null)),
      role: s(items.map((i) => (i.scale === "vigtighed" ? "importance" : i.scale === "tilfredshed" ? "satisfaction" : null))),
    });
    // group sizes counted straight from the import, not by the SQL
    const size = new Map<string, number>();
    for (const mm of survey.memberships) size.set(`${mm.variable}|${mm.value}`, (size.get(`${mm.variable}|${mm.value}`) ?? 0) + 1);
    expect(size.get("lokalomraade|torup")).toBe(3);
    for (const name of ["survey_top2box", "survey_distribution", "survey_quadrant", "survey_reasons"]) {
      const rows = await runAnalysis(conn, sql(name), {});
      expect(rows.length, name).toBeGreaterThan(0);
      for (const r of rows) {
        if (r.variable === "alle") continue;
        expect(size.get(`${r.variable}|${r.group_value}`), `${name} ${r.variable}=${r.group_value}`).toBeGreaterThanOrEqual(5);
        expect(
          hidden.some((h) => h.variable === r.variable && h.value === r.group_value),
          `${name} ${r.variable}=${r.group_value}`,
        ).toBe(false);
      }
    }
    for (const g of schema.groups) {
      const hiddenTotal = hidden.filter((h) => h.variable === g.column).reduce((sum, h) => sum + h.n, 0);
      expect(hiddenTotal === 0 || hiddenTotal >= 5, g.column).toBe(true);
    }
    expect(hidden.map((h) => `${h.variable}=${h.value}`)).toEqual(expect.arrayContaining(["lokalomraade=torup"]));
  });
});
