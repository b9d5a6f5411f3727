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
 * Every problem is reported by file, line and column (loaders/csvFile.ts, shared with the register
 * extract) and the loader stops, so Framework keeps the last good output. Where a year has "total"
 * and all seven groups, the groups must add up to the total within rounding (½ person per group).
 * Files named `*.eksempel.csv` are invented examples: their rows have example = 1 and the dataset
 * carries an "Eksempeldata: …" note (src/lib/example.ts).
 */
import { EXAMPLE_NOTE_PREFIX, isExampleFile } from "../../src/lib/example.ts";
import {
  countShape,
  CsvFile,
  CsvFileError,
  dagiCodeProblem,
  duplicateRows,
  exampleAndRealFiles,
  FirstSeen,
  readCsvFolder,
  type CsvProblem,
  type CsvSchema,
} from "../csvFile.ts";
import { datasetMeta } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import { AGE_BANDS } from "./agegroups.ts";
import { isMunicipality } from "./codes.ts";
import type { AdoptedForecastRow } from "../../src/lib/datasets.ts";

export const FORECAST_DIR = "data/forecasts";
export const FORECAST_COLUMNS = ["kommune", "prognoseaar", "aar", "aldersgruppe", "personer"] as const;
export type ForecastColumn = (typeof FORECAST_COLUMNS)[number];
/** "total" and the seven age groups, in display order. */
export const FORECAST_GROUPS = ["total", ...AGE_BANDS.map((b) => b.id)] as const;

export type ForecastProblem = CsvProblem;

/** Every problem found in one or more forecast files; the message lists up to 20, then "… og N flere". */
export class ForecastFileError extends CsvFileError {
  constructor(problems: ForecastProblem[]) {
    super(problems, "the adopted population forecast", "data/forecasts/README.md");
    this.name = "ForecastFileError";
  }
}

const FORECAST_CSV: CsvSchema<ForecastColumn> = {
  columns: FORECAST_COLUMNS,
  danishLetters: "accept",
  linePer: "municipality, year and age group",
  error: (problems) => new ForecastFileError(problems),
};

/** The dataset's row (src/lib/datasets.ts), with `example` a flag. */
export interface ForecastRow extends AdoptedForecastRow {
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
  const v = lower
    .replace(/\s*år$/, "")
    .replace(/[–—]/g, "-")
    .replace(/\s+/g, "");
  if (/^80(\+|-|ogderover|ogover)$/.test(v)) return "80-";
  const band = AGE_BANDS.find((b) => v === `${b.from}-${b.to}`);
  return band ? band.id : null;
}

const YEAR = /^(19|20)\d\d$/;

/** Why `text` is not a municipality code, or null. */
function areaProblem(text: string): string | null {
  if (/^\d{3}$/.test(text) && isMunicipality(text) && Number(text) < 900) return null;
  return dagiCodeProblem(text) ?? `${JSON.stringify(text)} is not a 3-digit municipality code such as 260`;
}

/** Why `text` is not a number of persons in `personer`, or null. */
function personerProblem(text: string): string | null {
  switch (countShape(text)) {
    case "count":
      return null;
    case "empty":
      return "empty; every line needs a number of persons";
    case "negative":
    case "negative-decimal":
      return `${text} is negative; personer is a number of persons (0 or more)`;
    case "thousands":
      return `${JSON.stringify(text)} is not a whole number (write it without a thousands separator: ${text.replace(/[.,]/g, "")})`;
    case "decimal":
      return `${JSON.stringify(text)} is not a whole number of persons (round it)`;
    case "not-disclosed":
    case "other":
      return `${JSON.stringify(text)} is not a number of persons`;
  }
}

/**
 * Parse and validate one forecast file's text (decoded as UTF-8). `file` names the file in messages
 * and decides whether it is example data. Throws one ForecastFileError listing every problem.
 */
export function parseForecast(text: string, file: string): ParsedForecast {
  const csv = new CsvFile(text, file, FORECAST_CSV);
  const example = isExampleFile(file);
  const rows: ParsedRow[] = [];
  const keys = new FirstSeen<number>();
  for (const row of csv.rows()) {
    const area = row.check("kommune", areaProblem);
    const forecastText = row.check("prognoseaar", (v) =>
      YEAR.test(v) ? null : `${JSON.stringify(v)} is not a 4-digit year (the year the forecast was adopted)`,
    );
    const yearText = row.check("aar", (v) => {
      if (!YEAR.test(v)) return `${JSON.stringify(v)} is not a 4-digit year`;
      if (forecastText !== null && YEAR.test(forecastText) && Number(v) < Number(forecastText)) {
        return `${v} is before prognoseaar ${forecastText}; a forecast holds the adoption year and later years only (observed years come from FOLK1A)`;
      }
      return null;
    });
    const groupText = row.check("aldersgruppe", (v) => {
      if ((FORECAST_GROUPS as readonly string[]).includes(v)) return null;
      const hint = groupHint(v);
      return `unknown aldersgruppe ${JSON.stringify(v)}${hint ? ` (write it as ${hint})` : ""}; expected one of ${FORECAST_GROUPS.join(", ")}`;
    });
    const countText = row.check("personer", personerProblem);
    const population = countText !== null && countShape(countText) === "count" ? Number(countText) : null;

    if (area !== null && forecastText !== null && yearText !== null && groupText !== null) {
      const key = [area, forecastText, yearText, groupText].join(";");
      const first = keys.previous(key, row.line);
      if (first !== undefined) row.reject(`duplicate line for ${key} (kommune;prognoseaar;aar;aldersgruppe), also on line ${first}`);
    }
    if (row.ok && population !== null) {
      rows.push({
        area: area!,
        forecast_year: Number(forecastText),
        year: Number(yearText),
        age_group: groupText!,
        population,
        example: example ? 1 : 0,
        file,
        line: row.line,
      });
    }
  }
  csv.problems.push(...sumProblems(rows, (csv.columnIndex("personer") ?? -1) + 1));
  csv.throwIfProblems();
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
  const { files, parsed, problems } = await readCsvFolder(dir, parseForecast);
  if (files.length === 0) return emptyForecast(dir);
  // The same line in two files.
  problems.push(
    ...duplicateRows(
      parsed.flatMap((p) => p.rows),
      (r) => [r.area, r.forecast_year, r.year, r.age_group].join(";"),
      "duplicate line for",
    ),
  );
  if (problems.length > 0) throw new ForecastFileError(problems);

  const rows: ForecastRow[] = parsed
    .flatMap((p) => p.rows)
    .map(({ area, forecast_year, year, age_group, population, example }) => ({ area, forecast_year, year, age_group, population, example }))
    .sort(
      (a, b) =>
        a.area.localeCompare(b.area) || a.forecast_year - b.forecast_year || a.year - b.year || GROUP_ORDER.get(a.age_group)! - GROUP_ORDER.get(b.age_group)!,
    );
  const { examples, real } = exampleAndRealFiles(parsed);
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
      missing: [
        { table: "data/forecasts", what: "ingen vedtaget prognose", detail: `no *.csv file in ${dir}; the format is described in data/forecasts/README.md` },
      ],
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
