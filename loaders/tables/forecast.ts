/**
 * The municipality's own adopted population forecast (befolkningsprognose vedtaget af
 * kommunalbestyrelsen), from `data/forecasts/*.csv`: the figures the council's growth goals are
 * measured against, next to DST's own projection (projection.ts) and the observed population.
 * StatBank does not have them (research notes §2 "Projections"); the planner exports them from the
 * forecast report into the format of data/forecasts/README.md:
 *
 *   kommune;prognoseaar;aar;aldersgruppe;personer      (UTF-8, ';'-separated, one header line)
 *
 *   kommune       3-digit StatBank municipality code ("260")
 *   prognoseaar   the year the forecast was adopted ("2020")
 *   aar           the year the figure is for (population 1 January), prognoseaar or later
 *   aldersgruppe  "total" or an AGE_BANDS id: 0-5, 6-16, 17-19, 20-34, 35-64, 65-79, 80-
 *   personer      projected persons, a whole number ≥ 0
 *
 * Every problem is reported by file, line and column (as loaders/extracts.ts does) and the loader
 * stops, so Framework keeps the last good output. Where a year has "total" and all seven groups,
 * the groups must add up to the total within rounding (½ person per group). Files named
 * `*.eksempel.csv` are invented examples: their rows have example = 1 and the dataset carries an
 * "Eksempeldata: …" note (src/components/example.ts).
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { EXAMPLE_NOTE_PREFIX, isExampleFile } from "../../src/components/example.ts";
import { formatProblem, type ExtractProblem } from "../extracts.ts";
import { datasetMeta } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import { splitLine } from "../statbank/csv.ts";
import { AGE_BANDS } from "./agegroups.ts";
import { isMunicipality } from "./codes.ts";

export const FORECAST_DIR = "data/forecasts";
export const FORECAST_COLUMNS = ["kommune", "prognoseaar", "aar", "aldersgruppe", "personer"] as const;
export type ForecastColumn = (typeof FORECAST_COLUMNS)[number];
/** "total" and the seven age groups, in display order. */
export const FORECAST_GROUPS = ["total", ...AGE_BANDS.map((b) => b.id)] as const;

const MAX_LISTED = 20;

export type ForecastProblem = ExtractProblem;

/** Every problem found in one or more forecast files; the message lists up to 20, then "… og N flere". */
export class ForecastFileError extends Error {
  constructor(readonly problems: ForecastProblem[]) {
    const files = [...new Set(problems.map((p) => p.file))];
    const head = `${files.join(", ")}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the adopted population forecast; the format is described in data/forecasts/README.md`;
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  ${formatProblem(p)}`);
    const rest = problems.length > MAX_LISTED ? [`  … og ${problems.length - MAX_LISTED} flere`] : [];
    super([head, ...listed, ...rest].join("\n"));
    this.name = "ForecastFileError";
  }
}

export interface ForecastRow {
  area: string;
  forecast_year: number;
  year: number;
  age_group: string;
  population: number;
  example: 0 | 1;
}

interface ParsedRow extends ForecastRow {
  file: string;
  line: number;
}

export interface ParsedForecast {
  file: string;
  example: boolean;
  rows: ParsedRow[];
}

/** The code a planner probably meant by an age-group spelling ("I alt", "80+", "0–5 år"), or null. */
function groupHint(value: string): string | null {
  const lower = value.toLowerCase().trim();
  if (["total", "i alt", "ialt", "tot", "alle"].includes(lower)) return "total";
  const v = lower.replace(/\s*år$/, "").replace(/[–—]/g, "-").replace(/\s+/g, "");
  if (/^80(\+|-|ogderover|ogover)$/.test(v)) return "80-";
  const band = AGE_BANDS.find((b) => v === `${b.from}-${b.to}`);
  return band ? band.id : null;
}

/**
 * Parse and validate one forecast file's text (decoded as UTF-8). `file` names the file in messages
 * and decides whether it is example data. Throws one ForecastFileError listing every problem.
 */
export function parseForecast(text: string, file: string): ParsedForecast {
  const problems: ForecastProblem[] = [];
  const report = (line: number | null, column: number | null, columnName: string | null, message: string) =>
    problems.push({ file, line, column, columnName, message });
  const example = isExampleFile(file);

  let body = text;
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) {
    report(null, null, null, `the file is empty; expected a header line ${FORECAST_COLUMNS.join(";")} and one line per municipality, year and age group`);
    throw new ForecastFileError(problems);
  }

  // Header
  const headerLine = lines[0];
  if (!headerLine.includes(";") && (headerLine.includes(",") || headerLine.includes("\t"))) {
    const kind = headerLine.includes("\t") ? "tab" : "comma";
    report(1, null, null, `the header is ${kind}-separated (${JSON.stringify(truncate(headerLine))}); columns must be separated by ';'`);
    throw new ForecastFileError(problems);
  }
  const header = (splitLine(headerLine) ?? headerLine.split(";")).map((h) => h.trim());
  const index = new Map<ForecastColumn, number>();
  header.forEach((name, i) => {
    if (name.includes("\uFFFD")) {
      report(1, i + 1, null, `column name ${JSON.stringify(name)} is not valid UTF-8 (a Latin-1/Windows-1252 export? save the file as UTF-8)`);
      return;
    }
    const known = FORECAST_COLUMNS.find((c) => c === name.toLowerCase() || c === name.toLowerCase().replace(/å/g, "aa").replace(/ø/g, "oe"));
    if (!known) {
      if (name === "") report(1, i + 1, null, "empty column name");
      else report(1, i + 1, name, `unknown column ${JSON.stringify(name)}; expected ${FORECAST_COLUMNS.join(";")}`);
      return;
    }
    if (index.has(known)) report(1, i + 1, known, `column ${known} appears twice (also column ${index.get(known)! + 1})`);
    else index.set(known, i);
  });
  for (const c of FORECAST_COLUMNS) if (!index.has(c)) report(1, null, c, `column ${c} is missing (the header must have ${FORECAST_COLUMNS.join(";")})`);
  if (lines.length === 1) report(null, null, null, "no data lines after the header");

  // Data lines
  const rows: ParsedRow[] = [];
  const keys = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i];
    if (line.trim() === "") {
      report(lineNo, null, null, "blank line inside the data");
      continue;
    }
    const fields = splitLine(line);
    if (!fields) {
      report(lineNo, null, null, `unbalanced quotes in ${JSON.stringify(truncate(line))}`);
      continue;
    }
    if (fields.length !== header.length) {
      const hint = fields.length === 1 && /[,\t]/.test(line) ? "; separate the columns by ';'" : "";
      report(lineNo, null, null, `${fields.length} field${fields.length === 1 ? "" : "s"}, expected ${header.length} (${header.join(";")})${hint}: ${JSON.stringify(truncate(line))}`);
      continue;
    }
    let ok = true;
    const field = (c: ForecastColumn): string | null => {
      const j = index.get(c);
      if (j === undefined) {
        ok = false;
        return null;
      }
      const v = fields[j].trim();
      if (v.includes("\uFFFD")) {
        report(lineNo, j + 1, c, `${JSON.stringify(v)} is not valid UTF-8 (a Latin-1/Windows-1252 export? save the file as UTF-8)`);
        ok = false;
        return null;
      }
      return v;
    };
    const fail = (c: ForecastColumn, message: string) => {
      report(lineNo, index.get(c)! + 1, c, message);
      ok = false;
    };

    const area = field("kommune");
    if (area !== null) {
      if (/^0\d{3}$/.test(area) && isMunicipality(area.slice(1))) fail("kommune", `${JSON.stringify(area)} looks like a 4-digit DAGI code; use StatBank's 3-digit code ${area.slice(1)}`);
      else if (!/^\d{3}$/.test(area) || !isMunicipality(area) || Number(area) >= 900) fail("kommune", `${JSON.stringify(area)} is not a 3-digit municipality code such as 260`);
    }
    const forecastText = field("prognoseaar");
    if (forecastText !== null && !/^(19|20)\d\d$/.test(forecastText)) fail("prognoseaar", `${JSON.stringify(forecastText)} is not a 4-digit year (the year the forecast was adopted)`);
    const yearText = field("aar");
    if (yearText !== null && !/^(19|20)\d\d$/.test(yearText)) fail("aar", `${JSON.stringify(yearText)} is not a 4-digit year`);
    else if (yearText !== null && forecastText !== null && /^(19|20)\d\d$/.test(forecastText) && Number(yearText) < Number(forecastText)) {
      fail("aar", `${yearText} is before prognoseaar ${forecastText}; a forecast holds the adoption year and later years only (observed years come from FOLK1A)`);
    }
    const groupText = field("aldersgruppe");
    if (groupText !== null && !(FORECAST_GROUPS as readonly string[]).includes(groupText)) {
      const hint = groupHint(groupText);
      fail("aldersgruppe", `unknown aldersgruppe ${JSON.stringify(groupText)}${hint ? ` (write it as ${hint})` : ""}; expected one of ${FORECAST_GROUPS.join(", ")}`);
    }
    const countText = field("personer");
    let population: number | null = null;
    if (countText !== null) {
      if (countText === "") fail("personer", "empty; every line needs a number of persons");
      else if (/^-\d+([.,]\d+)?$/.test(countText)) fail("personer", `${countText} is negative; personer is a number of persons (0 or more)`);
      else if (/^\d{1,3}([.,]\d{3})+$/.test(countText)) fail("personer", `${JSON.stringify(countText)} is not a whole number (write it without a thousands separator: ${countText.replace(/[.,]/g, "")})`);
      else if (/^\d+[.,]\d+$/.test(countText)) fail("personer", `${JSON.stringify(countText)} is not a whole number of persons (round it)`);
      else if (!/^\d+$/.test(countText)) fail("personer", `${JSON.stringify(countText)} is not a number of persons`);
      else population = Number(countText);
    }

    if (area !== null && forecastText !== null && yearText !== null && groupText !== null) {
      const key = [area, forecastText, yearText, groupText].join(";");
      const first = keys.get(key);
      if (first !== undefined) {
        report(lineNo, null, null, `duplicate line for ${key} (kommune;prognoseaar;aar;aldersgruppe), also on line ${first}`);
        ok = false;
      } else keys.set(key, lineNo);
    }
    if (ok && population !== null) {
      rows.push({
        area: area!,
        forecast_year: Number(forecastText),
        year: Number(yearText),
        age_group: groupText!,
        population,
        example: example ? 1 : 0,
        file,
        line: lineNo,
      });
    }
  }
  problems.push(...sumProblems(rows, (index.get("personer") ?? -1) + 1));
  if (problems.length > 0) throw new ForecastFileError(problems);
  return { file, example, rows };
}

/** Where a year has the total and all seven groups, the groups must add up to it within ½ person per group. */
function sumProblems(rows: ParsedRow[], personerColumn: number): ForecastProblem[] {
  const byYear = new Map<string, ParsedRow[]>();
  for (const r of rows) {
    const key = `${r.area};${r.forecast_year};${r.year}`;
    byYear.set(key, [...(byYear.get(key) ?? []), r]);
  }
  const out: ForecastProblem[] = [];
  const tolerance = AGE_BANDS.length / 2;
  for (const [key, group] of byYear) {
    const total = group.find((r) => r.age_group === "total");
    const bands = group.filter((r) => r.age_group !== "total");
    if (!total || bands.length < AGE_BANDS.length) continue;
    const sum = bands.reduce((s, r) => s + r.population, 0);
    if (Math.abs(sum - total.population) > tolerance) {
      out.push({
        file: total.file,
        line: total.line,
        column: personerColumn,
        columnName: "personer",
        message: `the seven age groups of ${key} (kommune;prognoseaar;aar) add up to ${sum}, but total says ${total.population} (difference ${sum - total.population})`,
      });
    }
  }
  return out;
}

function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

const TITLE = "Kommunens vedtagne befolkningsprognose";

const COLUMNS = {
  area: "Kommunekode",
  forecast_year: "Året, prognosen blev vedtaget af kommunalbestyrelsen",
  year: "Prognoseår (folketal 1. januar)",
  age_group: `Aldersgruppe: total eller ${AGE_BANDS.map((b) => b.id).join(", ")} (80- = 80 år og derover)`,
  population: "Forventet folketal, personer",
  example: "1 = opdigtede eksempeldata (fil *.eksempel.csv), 0 = kommunens egen prognose",
};

const GROUP_ORDER = new Map<string, number>(FORECAST_GROUPS.map((g, i) => [g, i]));

/**
 * Read every `*.csv` in `dir`, validate and concatenate them and return the "adopted_forecast"
 * dataset. No CSV (or no folder): an empty dataset that says "ingen vedtaget prognose".
 */
export async function adoptedForecast(dir = FORECAST_DIR): Promise<Dataset> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(".csv")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    names = [];
  }
  if (names.length === 0) return emptyForecast(dir);

  const parsed: ParsedForecast[] = [];
  const problems: ForecastProblem[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      parsed.push(parseForecast(await readFile(path, "utf8"), path));
    } catch (e) {
      if (!(e instanceof ForecastFileError)) throw e;
      problems.push(...e.problems);
    }
  }
  // The same line in two files.
  const seen = new Map<string, ParsedRow>();
  for (const r of parsed.flatMap((p) => p.rows)) {
    const key = [r.area, r.forecast_year, r.year, r.age_group].join(";");
    const first = seen.get(key);
    if (first) problems.push({ file: r.file, line: r.line, column: null, columnName: null, message: `duplicate line for ${key}, also in ${first.file} line ${first.line}` });
    else seen.set(key, r);
  }
  if (problems.length > 0) throw new ForecastFileError(problems);

  const rows: ForecastRow[] = parsed
    .flatMap((p) => p.rows)
    .map(({ area, forecast_year, year, age_group, population, example }) => ({ area, forecast_year, year, age_group, population, example }))
    .sort((a, b) => a.area.localeCompare(b.area) || a.forecast_year - b.forecast_year || a.year - b.year || GROUP_ORDER.get(a.age_group)! - GROUP_ORDER.get(b.age_group)!);
  const examples = parsed.filter((p) => p.example).map((p) => basename(p.file));
  const real = parsed.filter((p) => !p.example).map((p) => basename(p.file));
  const notes = [
    ...(examples.length
      ? [`${EXAMPLE_NOTE_PREFIX} ${examples.join(", ")} er en opdigtet prognose til at vise siden, ikke en prognose vedtaget af en kommunalbestyrelse.`]
      : []),
    ...(real.length ? [`Kommunens vedtagne befolkningsprognose: ${real.join(", ")}.`] : []),
    "Kommunens egen prognose, ikke Danmarks Statistiks fremskrivning (datasættet projection).",
  ];
  return {
    columns: forecastColumns(rows),
    meta: datasetMeta({ dataset: "adopted_forecast", title: TITLE, sources: [], rows: rows.length, columns: COLUMNS, notes }),
  };
}

/** The dataset when data/forecasts holds no CSV. */
export function emptyForecast(dir = FORECAST_DIR): Dataset {
  return {
    columns: forecastColumns([]),
    meta: datasetMeta({
      dataset: "adopted_forecast",
      title: TITLE,
      sources: [],
      rows: 0,
      columns: COLUMNS,
      missing: [{ table: "data/forecasts", what: "ingen vedtaget prognose", detail: `no *.csv file in ${dir}; the format is described in data/forecasts/README.md` }],
    }),
  };
}

function forecastColumns(rows: readonly ForecastRow[]): Dataset["columns"] {
  return {
    area: { type: "string", values: rows.map((r) => r.area) },
    forecast_year: { type: "int16", values: rows.map((r) => r.forecast_year) },
    year: { type: "int16", values: rows.map((r) => r.year) },
    age_group: { type: "string", values: rows.map((r) => r.age_group) },
    population: { type: "int32", values: rows.map((r) => r.population) },
    example: { type: "int16", values: rows.map((r) => r.example) },
  };
}
