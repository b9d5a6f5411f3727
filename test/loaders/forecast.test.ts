import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";
import { adoptedForecast, ForecastFileError, parseForecast } from "../../loaders/tables/forecast.ts";
import { isExampleData } from "../../src/lib/example.ts";
import { rows } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

const HEADER = "kommune;prognoseaar;aar;aldersgruppe;personer";

function problems(text: string, file = "prognose.csv"): ForecastFileError {
  try {
    parseForecast(text, file);
  } catch (e) {
    if (e instanceof ForecastFileError) return e;
    throw e;
  }
  throw new Error("expected a ForecastFileError");
}

const tmp: string[] = [];
function tempDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "forecasts-"));
  tmp.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the shipped example data/forecasts/halsnaes-2020.eksempel.csv", () => {
  it("loads: Halsnæs, adopted 2020, 2020–2035, total and seven groups, marked as example data", async () => {
    const dir = join(projectRoot, "data", "forecasts");
    const ds = await adoptedForecast(dir);
    expect(ds.meta.rows).toBe(16 * 8);
    expect(ds.meta.status).toBe("ok");
    expect(new Set(ds.columns.area.values)).toEqual(new Set(["260"]));
    expect(new Set(ds.columns.forecast_year.values)).toEqual(new Set([2020]));
    expect([...new Set(ds.columns.year.values as number[])]).toEqual(Array.from({ length: 16 }, (_, i) => 2020 + i));
    expect(new Set(ds.columns.example.values)).toEqual(new Set([1]));
    expect(isExampleData(ds.meta)).toBe(true);
    expect(ds.meta.notes?.[0]).toMatch(/^Eksempeldata: halsnaes-2020\.eksempel\.csv er en opdigtet prognose/);
    // values as in the file, read independently
    const file = readFileSync(join(dir, "halsnaes-2020.eksempel.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(";"));
    const total2035 = file.find((x) => x[2] === "2035" && x[3] === "total")!;
    expect(rows(ds).find((x) => x.year === 2035 && x.age_group === "total")?.population).toBe(Number(total2035[4]));
    // about FOLK1A's level (31,384 on 1 January 2020)
    const total2020 = rows(ds).find((x) => x.year === 2020 && x.age_group === "total")!.population as number;
    expect(Math.abs(total2020 - 31384)).toBeLessThan(1000);
    // groups ordered total, 0-5, …, 80-
    expect(
      rows(ds)
        .slice(0, 8)
        .map((x) => x.age_group),
    ).toEqual(["total", "0-5", "6-16", "17-19", "20-34", "35-64", "65-79", "80-"]);
    const back = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(back.table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "area:Dictionary<Int8, Utf8>",
      "forecast_year:Int16",
      "year:Int16",
      "age_group:Dictionary<Int8, Utf8>",
      "population:Int32",
      "example:Int16",
    ]);
  });
});

describe("adoptedForecast on a folder", () => {
  it("a planner's own file: values by hand, example = 0, no example note; columns in any order", async () => {
    const dir = tempDir({
      "egedal-2024.csv": [
        "aar;aldersgruppe;personer;kommune;prognoseaar",
        "2025;total;45100;240;2024",
        "2024;total;44800;240;2024",
        "2024;0-5;3100;240;2024",
        "2024;80-;2010;240;2024",
      ].join("\n"),
    });
    const ds = await adoptedForecast(dir);
    expect(rows(ds)).toEqual([
      { area: "240", forecast_year: 2024, year: 2024, age_group: "total", population: 44800, example: 0 },
      { area: "240", forecast_year: 2024, year: 2024, age_group: "0-5", population: 3100, example: 0 },
      { area: "240", forecast_year: 2024, year: 2024, age_group: "80-", population: 2010, example: 0 },
      { area: "240", forecast_year: 2024, year: 2025, age_group: "total", population: 45100, example: 0 },
    ]);
    expect(isExampleData(ds.meta)).toBe(false);
    expect(ds.meta.notes?.[0]).toBe("Kommunens vedtagne befolkningsprognose: egedal-2024.csv.");
  });

  it("no CSV in the folder (or no folder): an empty dataset that says so", async () => {
    for (const dir of [tempDir({ "README.md": "x" }), join(tmpdir(), "no-such-forecast-folder")]) {
      const ds = await adoptedForecast(dir);
      expect(ds.meta.status).toBe("missing");
      expect(ds.meta.missing[0]).toMatchObject({ table: "data/forecasts", what: "ingen vedtaget prognose" });
    }
  });

  it("the same line in two files is an error naming both", async () => {
    const dir = tempDir({
      "a.csv": `${HEADER}\n260;2024;2024;total;31730\n`,
      "b.csv": `${HEADER}\n260;2024;2025;total;31800\n260;2024;2024;total;31731\n`,
    });
    await expect(adoptedForecast(dir)).rejects.toThrow(/b\.csv, line 3: duplicate line for 260;2024;2024;total, also in .*a\.csv line 2/);
  });

  it("a malformed file stops the loader with every problem listed", async () => {
    const dir = tempDir({ "bad.csv": `${HEADER}\n260;2024;2024;80+;100\n0260;2024;2024;total;-5\n` });
    const error = await adoptedForecast(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForecastFileError);
    expect((error as ForecastFileError).problems).toHaveLength(3);
    expect((error as Error).message).toMatch(
      /^.*bad\.csv: 3 problems in the adopted population forecast; the format is described in data\/forecasts\/README\.md/,
    );
  });
});

describe("parseForecast: malformed files name the problem, line and column", () => {
  it("an empty file", () => {
    expect(problems("").message).toMatch(/prognose\.csv: the file is empty; expected a header line kommune;prognoseaar;aar;aldersgruppe;personer/);
  });

  it("comma-separated", () => {
    expect(problems("kommune,prognoseaar,aar,aldersgruppe,personer\n260,2024,2024,total,31730\n").message).toMatch(
      /prognose\.csv, line 1: the header is comma-separated .*; columns must be separated by ';'/,
    );
  });

  it("a missing and an unknown column", () => {
    const e = problems("kommune;prognoseaar;år;alder;personer\n260;2024;2024;total;31730\n");
    // "år" is accepted as aar (Danish letters); "alder" is not aldersgruppe
    expect(e.problems.map((p) => p.message)).toEqual([
      'unknown column "alder"; expected kommune;prognoseaar;aar;aldersgruppe;personer',
      "column aldersgruppe is missing (the header must have kommune;prognoseaar;aar;aldersgruppe;personer)",
    ]);
    expect(e.message).toMatch(/prognose\.csv, line 1, column 4 \(alder\): unknown column "alder"/);
  });

  it("an age group spelled differently, with the code to write instead", () => {
    const e = problems(`${HEADER}\n260;2024;2024;80+;2010\n260;2024;2024;I alt;31730\n260;2024;2024;25-44;9000\n`);
    expect(e.message).toMatch(
      /line 2, column 4 \(aldersgruppe\): unknown aldersgruppe "80\+" \(write it as 80-\); expected one of total, 0-5, 6-16, 17-19, 20-34, 35-64, 65-79, 80-/,
    );
    expect(e.message).toMatch(/line 3, column 4 \(aldersgruppe\): unknown aldersgruppe "I alt" \(write it as total\)/);
    expect(e.message).toMatch(/line 4, column 4 \(aldersgruppe\): unknown aldersgruppe "25-44"; expected one of/);
  });

  it("municipality codes: 4-digit DAGI codes, regions, abroad", () => {
    const e = problems(`${HEADER}\n0260;2024;2024;total;1\n084;2024;2024;total;1\n950;2024;2024;total;1\n`);
    expect(e.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 1, '"0260" looks like a 4-digit DAGI code; use StatBank\'s 3-digit code 260'],
      [3, 1, '"084" is not a 3-digit municipality code such as 260'],
      [4, 1, '"950" is not a 3-digit municipality code such as 260'],
    ]);
  });

  it("years: not 4 digits, and a year before the forecast was adopted", () => {
    const e = problems(`${HEADER}\n260;24;2024;total;1\n260;2024;2023;total;1\n`);
    expect(e.message).toMatch(/line 2, column 2 \(prognoseaar\): "24" is not a 4-digit year/);
    expect(e.message).toMatch(/line 3, column 3 \(aar\): 2023 is before prognoseaar 2024/);
  });

  it("persons: negative, thousands separator, decimals, text, empty", () => {
    const e = problems(
      `${HEADER}\n260;2024;2024;total;-5\n260;2024;2025;total;31.730\n260;2024;2026;total;1234,5\n260;2024;2027;total;ca. 31000\n260;2024;2028;total;\n`,
    );
    expect(e.problems.map((p) => `${p.line}:${p.column}:${p.message}`)).toEqual([
      "2:5:-5 is negative; personer is a number of persons (0 or more)",
      '3:5:"31.730" is not a whole number (write it without a thousands separator: 31730)',
      '4:5:"1234,5" is not a whole number of persons (round it)',
      '5:5:"ca. 31000" is not a number of persons',
      "6:5:empty; every line needs a number of persons",
    ]);
  });

  it("wrong number of fields, blank lines and duplicate lines", () => {
    const e = problems(`${HEADER}\n260;2024;2024;total\n\n260;2024;2024;total;31730\n260;2024;2024;total;31731\n`);
    expect(e.problems.map((p) => `${p.line}:${p.message}`)).toEqual([
      '2:4 fields, expected 5 (kommune;prognoseaar;aar;aldersgruppe;personer): "260;2024;2024;total"',
      "3:blank line inside the data",
      "5:duplicate line for 260;2024;2024;total (kommune;prognoseaar;aar;aldersgruppe), also on line 4",
    ]);
  });

  it("age groups that do not add up to the total (beyond rounding)", () => {
    const groups = (total: number) =>
      [
        `260;2024;2024;total;${total}`,
        "260;2024;2024;0-5;1000",
        "260;2024;2024;6-16;2000",
        "260;2024;2024;17-19;600",
        "260;2024;2024;20-34;3000",
        "260;2024;2024;35-64;8000",
        "260;2024;2024;65-79;4000",
        "260;2024;2024;80-;1400",
      ].join("\n");
    // 1000 + 2000 + 600 + 3000 + 8000 + 4000 + 1400 = 20000; 3 off is rounding, 30 is not
    expect(parseForecast(`${HEADER}\n${groups(20003)}\n`, "ok.csv").rows).toHaveLength(8);
    expect(problems(`${HEADER}\n${groups(20030)}\n`).message).toMatch(
      /prognose\.csv, line 2, column 5 \(personer\): the seven age groups of 260;2024;2024 \(kommune;prognoseaar;aar\) add up to 20000, but total says 20030 \(difference -30\)/,
    );
  });

  it("a Latin-1 export", () => {
    const latin1 = Buffer.from(`${HEADER}\n260;2024;2024;total;31730\n`.replace("total", "tøtal"), "latin1").toString("utf8");
    expect(problems(latin1).message).toMatch(
      /line 2, column 4 \(aldersgruppe\): .* is not valid UTF-8 \(a Latin-1\/Windows-1252 export\? save the file as UTF-8\)/,
    );
  });
});
