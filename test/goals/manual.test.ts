import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";
import { ManualIndicatorError, manualIndicatorIds, manualIndicators, parseManualIndicators, parsePeriod } from "../../loaders/manualIndicators.ts";
import { isExampleData } from "../../src/lib/example.ts";
import { annualSeries } from "../../src/lib/goals/series.ts";
import { rows } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

const HEADER = "indikator;kommune;periode;opdeling;vaerdi;enhed;note";

function problemsOf(text: string, file = "x.csv"): ManualIndicatorError {
  try {
    parseManualIndicators(text, file);
  } catch (e) {
    if (e instanceof ManualIndicatorError) return e;
    throw e;
  }
  throw new Error("expected a ManualIndicatorError");
}
/** "line:column message" of every problem. */
const listed = (e: ManualIndicatorError) => e.problems.map((p) => `${p.line}:${p.column ?? "-"} ${p.message}`);

const tmp: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "indicators-"));
  tmp.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("parseManualIndicators: a valid file", () => {
  it("reads periods, decimal comma and point, breakdowns and the optional columns", () => {
    const text = `\uFEFF${HEADER}\r
digital_post_share;260;2015;;81,4;%;Hele året\r
digital_post_exemptions;260;2015-05;sprog;6;antal;\r
digital_post_exemptions;260;2015-05;andet;8;antal;\r
physically_active_share;260;2015K2;;63.5;%;\r
`;
    const parsed = parseManualIndicators(text, "data/indicators/egne.csv");
    expect(parsed.example).toBe(false);
    expect(parsed.rows.map(({ file: _f, ...r }) => r)).toEqual([
      { indicator: "digital_post_share", area: "260", period: "2015", year: 2015, breakdown: null, value: 81.4, unit: "%", note: "Hele året", line: 2 },
      { indicator: "digital_post_exemptions", area: "260", period: "2015-05", year: 2015, breakdown: "sprog", value: 6, unit: "antal", note: null, line: 3 },
      { indicator: "digital_post_exemptions", area: "260", period: "2015-05", year: 2015, breakdown: "andet", value: 8, unit: "antal", note: null, line: 4 },
      { indicator: "physically_active_share", area: "260", period: "2015K2", year: 2015, breakdown: null, value: 63.5, unit: "%", note: null, line: 5 },
    ]);
    // Columns in another order, without opdeling and note.
    const short = parseManualIndicators("kommune;indikator;enhed;periode;vaerdi\n260;digital_post_share;%;2016;85\n", "y.eksempel.csv");
    expect(short.example).toBe(true);
    expect(short.rows[0]).toMatchObject({ indicator: "digital_post_share", area: "260", period: "2016", breakdown: null, value: 85, note: null });
  });
  it("knows the three period formats", () => {
    expect(parsePeriod("2015")).toEqual({ kind: "year", year: 2015 });
    expect(parsePeriod("2015-12")).toEqual({ kind: "month", year: 2015 });
    expect(parsePeriod("2015K4")).toEqual({ kind: "quarter", year: 2015 });
    for (const bad of ["2015-13", "2015K5", "2015Q2", "15", "2015M05", "05-2015"]) expect(parsePeriod(bad)).toBeNull();
  });
});

describe("parseManualIndicators: malformed files, every problem with file, line and column", () => {
  it("1. a comma-separated file", () => {
    const e = problemsOf("indikator,kommune,periode,vaerdi,enhed\ndigital_post_share,260,2015,81.4,%\n", "data/indicators/komma.csv");
    expect(e.message).toBe(
      "data/indicators/komma.csv: 1 problem in the municipality's own indicators; the format is described in data/indicators/README.md\n" +
        `  data/indicators/komma.csv, line 1: the header is comma-separated ("indikator,kommune,periode,vaerdi,enhed"); columns must be separated by ';'`,
    );
  });

  it("2. unknown period formats, with a hint for the common mistakes", () => {
    const e = problemsOf(`${HEADER}
digital_post_share;260;2015Q2;;81,4;%;
digital_post_share;260;2015M05;;81,4;%;
digital_post_share;260;05-2015;;81,4;%;
digital_post_share;260;forår 2015;;81,4;%;
`);
    expect(listed(e)).toEqual([
      '2:3 unknown period "2015Q2" (write the quarter as 2015K2); expected a year (2015), a month (2015-05) or a quarter (2015K2)',
      '3:3 unknown period "2015M05" (write the month as 2015-05); expected a year (2015), a month (2015-05) or a quarter (2015K2)',
      '4:3 unknown period "05-2015" (write year first: 2015-05); expected a year (2015), a month (2015-05) or a quarter (2015K2)',
      '5:3 unknown period "forår 2015"; expected a year (2015), a month (2015-05) or a quarter (2015K2)',
    ]);
    expect(e.message).toContain("x.csv, line 2, column 3 (periode): unknown period");
  });

  it("3. values that are not numbers, and shares outside 0–100", () => {
    const e = problemsOf(`${HEADER}
digital_post_share;260;2015;;ca. 80;%;
digital_post_share;260;2016;;80 %;%;
digital_post_exemptions;260;2015-05;;1.234,5;antal;
digital_post_exemptions;260;2015-09;;;antal;
digital_post_share;260;2017;;101,5;%;
`);
    expect(listed(e)).toEqual([
      '2:5 "ca. 80" is not a number (digits with a decimal comma or point, e.g. 63,5)',
      '3:5 "80 %" is not a number: write it without "%" (the unit goes in the column enhed)',
      '4:5 "1.234,5" is not a number: write it without a thousands separator (e.g. 1234,5)',
      "5:5 the value is empty; leave the line out when the figure is not known",
      "6:5 101,5 % is not a share between 0 and 100",
    ]);
  });

  it("4. the same figure twice, naming the first line; across files too", async () => {
    const e = problemsOf(`${HEADER}
digital_post_exemptions;260;2015-05;sprog;6;antal;
digital_post_exemptions;260;2015-05;andet;8;antal;
digital_post_exemptions;260;2015-05;sprog;7;antal;
`);
    expect(listed(e)).toEqual(["4:- duplicate figure digital_post_exemptions;260;2015-05;sprog (indikator;kommune;periode;opdeling), also on line 2"]);
    const dir = tempDir({
      "a.csv": `${HEADER}\ndigital_post_share;260;2015;;81,4;%;\n`,
      "b.csv": `${HEADER}\nphysically_active_share;260;2015;;63;%;\ndigital_post_share;260;2015;;82;%;\n`,
    });
    const error = await manualIndicators(dir).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(ManualIndicatorError);
    expect((error as ManualIndicatorError).problems).toEqual([
      {
        file: join(dir, "b.csv"),
        line: 3,
        column: null,
        columnName: null,
        message: `duplicate figure digital_post_share;260;2015; (indikator;kommune;periode;opdeling), also on ${join(dir, "a.csv")} line 2`,
      },
    ]);
  });

  it("5. codes that are not municipalities", () => {
    const e = problemsOf(`${HEADER}
digital_post_share;0260;2015;;81,4;%;
digital_post_share;999;2015;;81,4;%;
digital_post_share;Halsnæs;2015;;81,4;%;
digital_post_share;411;2015;;81,4;%;
`);
    expect(listed(e)).toEqual([
      '2:2 "0260" looks like a 4-digit DAGI code; use StatBank\'s 3-digit code 260',
      '3:2 "999" is not a municipality code; use StatBank\'s 3-digit code such as 260',
      '4:2 "Halsnæs" is not a municipality code; use StatBank\'s 3-digit code such as 260',
      '5:2 "411" is not a municipality code; use StatBank\'s 3-digit code such as 260',
    ]);
  });

  it("6. a breakdown written into the indicator id, bad ids and StatBank ids", () => {
    const e = problemsOf(`${HEADER}
digital_post_exemptions:sprog;260;2015-05;;6;antal;
Digital Post;260;2015;;81,4;%;
population_total;260;2015;;31000;personer;
`);
    expect(listed(e)).toEqual([
      '2:1 "digital_post_exemptions:sprog" contains ":"; put the breakdown in the column opdeling (indikator digital_post_exemptions, opdeling sprog)',
      '3:1 "Digital Post" is not an indicator id: lower-case letters a–z, digits and "_", starting with a letter (e.g. digital_post_share)',
      "4:1 population_total is computed from Statistics Denmark's tables; give the municipality's own indicator another id",
    ]);
  });

  it("7. missing and unknown columns in the header", () => {
    const e = problemsOf("indikator;kommune;periode;værdi;unit\ndigital_post_share;260;2015;81,4;%\n");
    expect(listed(e)).toEqual([
      '1:5 unknown column "unit"; expected indikator;kommune;periode;opdeling;vaerdi;enhed;note (opdeling and note may be left out)',
      "1:- column enhed is missing (the header must have indikator;kommune;periode;vaerdi;enhed, and may have opdeling and note)",
    ]);
    // "værdi" with the Danish letter is accepted as vaerdi.
    expect(parseManualIndicators("indikator;kommune;periode;værdi;enhed\ndigital_post_share;260;2015;81,4;%\n", "v.csv").rows[0].value).toBe(81.4);
  });

  it("8. unknown units, two units or two kinds of period for one indicator", () => {
    const e = problemsOf(`${HEADER}
digital_post_share;260;2015;;81,4;procent;
digital_post_exemptions;260;2015-05;;6;antal;
digital_post_exemptions;260;2015-09;;5;personer;
digital_post_exemptions;260;2015K4;;4;antal;
`);
    expect(listed(e)).toEqual([
      '2:6 unknown unit "procent"; the unit must be one of "personer", "kr.", "fuldtidspersoner", "%", "antal", "indeks"',
      '4:- digital_post_exemptions is in "personer" here but in "antal" on line 3',
      "5:- digital_post_exemptions has a quarter (2015K4) here but a month (2015-05) on line 3; use one kind of period per indicator",
    ]);
  });

  it("9. wrong number of fields, blank lines, an empty file", () => {
    const e = problemsOf(`${HEADER}
digital_post_share,260,2015,,81.4,%,

digital_post_share;260;2015;;81,4;%
`);
    expect(listed(e)).toEqual([
      "2:- 1 field, expected 7 (indikator;kommune;periode;opdeling;vaerdi;enhed;note); separate the columns by ';': \"digital_post_share,260,2015,,81.4,%,\"",
      "3:- blank line inside the data",
      '4:- 6 fields, expected 7 (indikator;kommune;periode;opdeling;vaerdi;enhed;note): "digital_post_share;260;2015;;81,4;%"',
    ]);
    expect(listed(problemsOf(""))).toEqual([
      "null:- the file is empty; expected a header line indikator;kommune;periode;opdeling;vaerdi;enhed;note and one line per figure",
    ]);
    expect(listed(problemsOf(`${HEADER}\n`))).toEqual(["null:- no data lines after the header"]);
  });

  it("10. lists 20 problems, then '… og N flere'", () => {
    const lines = Array.from({ length: 23 }, (_, i) => `digital_post_share;260;${2000 + i};;x;%;`);
    const e = problemsOf([HEADER, ...lines].join("\n"));
    expect(e.problems).toHaveLength(23);
    const message = e.message.split("\n");
    expect(message).toHaveLength(22);
    expect(message[20]).toBe('  x.csv, line 21, column 5 (vaerdi): "x" is not a number (digits with a decimal comma or point, e.g. 63,5)');
    expect(message[21]).toBe("  … og 3 flere");
  });
});

describe("manualIndicators: the dataset", () => {
  it("loads the example files in data/indicators and flags them as example data", async () => {
    const ds = await manualIndicators(join(projectRoot, "data/indicators"));
    expect(ds.meta).toMatchObject({ dataset: "manual_indicators", status: "ok", missing: [] });
    expect(isExampleData(ds.meta)).toBe(true);
    expect(ds.meta.notes![0]).toBe("Eksempeldata: sundhed.eksempel.csv er opdigtede tal til at vise siden, ikke kommunens egne tal.");
    const all = rows(ds) as { indicator: string; area: string; period: string; year: number; breakdown: string | null; value: number; unit: string }[];
    // 14 years (2011–2024) for the two health indicators. The digitalisation indicators are computed
    // from data/digital-post, data/henvendelser and data/digital-post-fritagelser
    // (test/loaders/digitalisering.test.ts), village_ambassador_communities from data/ambassadoerer.
    expect(ds.meta.rows).toBe(2 * 14);
    expect(new Set(all.map((r) => r.area))).toEqual(new Set(["260"]));
    expect(new Set(all.map((r) => r.indicator))).toEqual(new Set(["active_commuting_share", "physically_active_share"]));
    // The baselines the agreement states.
    expect(all.find((r) => r.indicator === "physically_active_share" && r.period === "2011")).toMatchObject({
      value: 63,
      unit: "%",
      breakdown: null,
      year: 2011,
    });
    expect(all.find((r) => r.indicator === "active_commuting_share" && r.period === "2011")).toMatchObject({ value: 56, unit: "%" });
    // The dataset goes through Arrow with its provenance and null breakdowns.
    const { table, meta } = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(isExampleData(meta)).toBe(true);
    expect(table.numRows).toBe(ds.meta.rows);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["indicator", "area", "period", "year", "breakdown", "value", "unit"]);
    const first = table.get(0)!.toJSON();
    expect(first).toMatchObject({ indicator: "active_commuting_share", area: "260", period: "2011", year: 2011, breakdown: null, value: 56, unit: "%" });
  });

  it("is not example data when only the municipality's own files are there", async () => {
    const dir = tempDir({ "egne.csv": `${HEADER}\ndigital_post_share;260;2015;;81,4;%;\n`, "README.md": "not read" });
    const ds = await manualIndicators(dir);
    expect(isExampleData(ds.meta)).toBe(false);
    expect(ds.meta.notes![0]).toBe("Kommunens egne tal: egne.csv.");
    expect(rows(ds)).toEqual([{ indicator: "digital_post_share", area: "260", period: "2015", year: 2015, breakdown: null, value: 81.4, unit: "%" }]);
  });

  it("is empty and says so when there is no file", async () => {
    const ds = await manualIndicators(join(tmpdir(), "no-such-indicators-dir"));
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.missing[0]).toMatchObject({ table: "data/indicators", what: "ingen egne indikatorer" });
    expect(ds.columns.value.values).toEqual([]);
  });

  it("finds the indicator ids even in a file with other problems", async () => {
    const dir = tempDir({ "a.csv": `${HEADER}\nmy_indicator;9999;2015;;x;%;\n`, "b.csv": "kommune;indikator\n260;other_one\n" });
    expect(await manualIndicatorIds(dir)).toEqual(new Set(["my_indicator", "other_one"]));
  });
});
