/**
 * Indicators the municipality keeps itself (share of letters sent digitally, applications for
 * exemption from Digital Post, share physically active, …), one or more CSV files in
 * data/indicators/ (schema in data/indicators/README.md). Parsed with every problem reported by
 * file, line and column and returned as the "manual_indicators" dataset
 * (indicator, area, period, year, breakdown, value, unit). Files named `*.eksempel.csv` are
 * invented examples: the dataset then carries an "Eksempeldata: …" note.
 */
import { isExampleData } from "../src/lib/example.ts";
import { UNITS, type Unit } from "../src/lib/indicators.ts";
import {
  CsvFileError,
  FirstSeen,
  fileNotes,
  lenientColumns,
  municipalityCodeProblem,
  noCsvFile,
  parseCsvRows,
  parseDecimal,
  readCsvFiles,
  rowColumns,
  type CsvProblem,
  type CsvSchema,
  type ParsedCsv,
} from "./csvFile.ts";
import { STATBANK_INDICATORS } from "./goals.ts";
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import { isMunicipality } from "./tables/codes.ts";
import type { ManualIndicatorRow } from "../src/lib/datasets.ts";

// ---------------------------------------------------------------------------------------------
// Schema

/** The columns of a file, in the README's order (any order is accepted). */
export const MANUAL_COLUMNS = ["indikator", "kommune", "periode", "opdeling", "vaerdi", "enhed", "note"] as const;
export type ManualColumn = (typeof MANUAL_COLUMNS)[number];
/** Columns that may be left out of the header. */
const OPTIONAL_COLUMNS: readonly ManualColumn[] = ["opdeling", "note"];

const INDICATOR_PATTERN = /^[a-z][a-z0-9_]*$/;
const YEAR = /^(19[9]\d|20\d\d)$/;
const MONTH = /^(19[9]\d|20\d\d)-(0[1-9]|1[0-2])$/;
const QUARTER = /^(19[9]\d|20\d\d)K([1-4])$/;

export type PeriodKind = "year" | "month" | "quarter";

/** "2015" → year, "2015-05" → month, "2015K2" → quarter; null for anything else. */
export function parsePeriod(text: string): { kind: PeriodKind; year: number } | null {
  if (YEAR.test(text)) return { kind: "year", year: Number(text) };
  if (MONTH.test(text)) return { kind: "month", year: Number(text.slice(0, 4)) };
  if (QUARTER.test(text)) return { kind: "quarter", year: Number(text.slice(0, 4)) };
  return null;
}

/** A row as read: the dataset's row (src/lib/datasets.ts; breakdown null for the total), with its note and where it stands. */
export interface ManualRow extends ManualIndicatorRow {
  unit: Unit;
  note: string | null;
  file: string;
  line: number;
}

export type ParsedIndicatorFile = ParsedCsv<Omit<ManualRow, "file" | "line">>;

export type IndicatorProblem = CsvProblem;

/** Every problem found in one or more indicator files; the message lists up to 20, then "… og N flere". */
export class ManualIndicatorError extends CsvFileError {
  constructor(problems: IndicatorProblem[]) {
    super(problems, "the municipality's own indicators", "data/indicators/README.md");
    this.name = "ManualIndicatorError";
  }
}

const MANUAL_CSV: CsvSchema<ManualColumn> = {
  columns: MANUAL_COLUMNS,
  optional: OPTIONAL_COLUMNS,
  danishLetters: "accept",
  linePer: "figure",
  error: (problems) => new ManualIndicatorError(problems),
};

// ---------------------------------------------------------------------------------------------
// One file

/** Why `text` is not an indicator id of the municipality's own, or null. */
function indicatorProblem(text: string): string | null {
  if (text === "") return "the indicator id is empty";
  if (text.includes(":")) {
    return `${JSON.stringify(text)} contains ":"; put the breakdown in the column opdeling (indikator ${text.split(":")[0]}, opdeling ${text.split(":").slice(1).join(":")})`;
  }
  if (!INDICATOR_PATTERN.test(text)) {
    return `${JSON.stringify(text)} is not an indicator id: lower-case letters a–z, digits and "_", starting with a letter (e.g. digital_post_share)`;
  }
  if (text in STATBANK_INDICATORS) return `${text} is computed from Statistics Denmark's tables; give the municipality's own indicator another id`;
  return null;
}

/** Why `text` is not a municipality code, or null. */
function areaProblem(text: string): string | null {
  return municipalityCodeProblem(text, "260", (code) => isMunicipality(code) && Number(code) < 900);
}

/** Why `text` is not a period, with a hint for the common mistakes, or null. */
function periodProblem(text: string): string | null {
  if (parsePeriod(text)) return null;
  const hint = /^\d{4}[Qq][1-4]$/.test(text)
    ? ` (write the quarter as ${text.slice(0, 4)}K${text.slice(5)})`
    : /^\d{4}M\d{2}$/.test(text)
      ? ` (write the month as ${text.slice(0, 4)}-${text.slice(5)})`
      : /^\d{1,2}[-./]\d{4}$/.test(text)
        ? " (write year first: 2015-05)"
        : "";
  return `unknown period ${JSON.stringify(text)}${hint}; expected a year (2015), a month (2015-05) or a quarter (2015K2)`;
}

/** Why `text` is not a value, or null. */
function valueProblem(text: string): string | null {
  if (text === "") return "the value is empty; leave the line out when the figure is not known";
  if (parseDecimal(text) !== null) return null;
  if (/^-?\d{1,3}([.]\d{3})+(,\d+)?$/.test(text)) return `${JSON.stringify(text)} is not a number: write it without a thousands separator (e.g. 1234,5)`;
  if (/^-?\d+([.,]\d+)?\s*%$/.test(text)) return `${JSON.stringify(text)} is not a number: write it without "%" (the unit goes in the column enhed)`;
  return `${JSON.stringify(text)} is not a number (digits with a decimal comma or point, e.g. 63,5)`;
}

/**
 * Parse and validate one file's text (decoded as UTF-8). `file` names it in messages and decides
 * whether it is example data. Throws one ManualIndicatorError listing every problem found.
 */
export function parseManualIndicators(text: string, file: string): ParsedIndicatorFile {
  return parseCsvRows(
    text,
    file,
    MANUAL_CSV,
    (row) => {
      const indicator = row.check("indikator", indicatorProblem);
      const area = row.check("kommune", areaProblem);
      const periodText = row.check("periode", periodProblem);
      const period = periodText === null ? null : parsePeriod(periodText);
      const breakdownText = row.field("opdeling");
      const breakdown = breakdownText === null || breakdownText === "" ? null : breakdownText;
      const valueText = row.check("vaerdi", valueProblem);
      const value = valueText === null ? null : parseDecimal(valueText);
      const unitText = row.field("enhed");
      const unit = unitText === null ? undefined : UNITS.find((u) => u === unitText);
      if (unitText !== null && !unit)
        row.fail("enhed", `unknown unit ${JSON.stringify(unitText)}; the unit must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`);
      if (unit === "%" && value !== null && (value < 0 || value > 100)) row.fail("vaerdi", `${valueText} % is not a share between 0 and 100`);
      const note = row.field("note");
      if (!row.ok || !indicator || !area || !period || value === null || !unit) return null;
      return { indicator, area, period: periodText!, year: period.year, breakdown, value, unit, note: note || null };
    },
    crossCheck,
  );
}

/**
 * Problems between rows (within a file, or across files): the same figure twice (indicator,
 * kommune, periode, opdeling), an indicator with two units, an indicator with periods of two
 * kinds (years and months cannot be added up to one series).
 */
export function crossCheck(rows: readonly ManualRow[]): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const keys = new FirstSeen<ManualRow>();
  const units = new FirstSeen<ManualRow>();
  const kinds = new FirstSeen<{ kind: PeriodKind; row: ManualRow }>();
  const where = (r: ManualRow, other: ManualRow) => (other.file === r.file ? `line ${other.line}` : `${other.file} line ${other.line}`);
  for (const r of rows) {
    const key = [r.indicator, r.area, r.period, r.breakdown ?? ""].join(";");
    const first = keys.previous(key, r);
    if (first) {
      problems.push({
        file: r.file,
        line: r.line,
        column: null,
        columnName: null,
        message: `duplicate figure ${key} (indikator;kommune;periode;opdeling), also on ${where(r, first)}`,
      });
      continue;
    }
    const unit = units.previous(r.indicator, r);
    if (unit && unit.unit !== r.unit) {
      problems.push({
        file: r.file,
        line: r.line,
        column: null,
        columnName: "enhed",
        message: `${r.indicator} is in ${JSON.stringify(r.unit)} here but in ${JSON.stringify(unit.unit)} on ${where(r, unit)}`,
      });
    }
    const kind = parsePeriod(r.period)!.kind;
    const k = kinds.previous(r.indicator, { kind, row: r });
    if (k && k.kind !== kind) {
      problems.push({
        file: r.file,
        line: r.line,
        column: null,
        columnName: "periode",
        message: `${r.indicator} has a ${kind} (${r.period}) here but a ${k.kind} (${k.row.period}) on ${where(r, k.row)}; use one kind of period per indicator`,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The folder

const TITLE = "Kommunens egne indikatorer";

const COLUMNS = {
  indicator: "Indikator (id, som data/goals.yaml bruger)",
  area: "Kommunekode",
  period: "Periode som i filen: år (2015), måned (2015-05) eller kvartal (2015K2)",
  year: "År",
  breakdown: "Opdeling (fx årsag); tom for totalen",
  value: "Værdi i enheden i kolonnen unit",
  unit: `Enhed: ${UNITS.join(", ")}`,
};

/** Read and validate every `*.csv` in `dir`. Throws one ManualIndicatorError listing every problem. */
export async function readManualIndicatorFiles(dir = "data/indicators"): Promise<ParsedIndicatorFile[]> {
  const { parsed } = await readCsvFiles(dir, parseManualIndicators, {
    error: (problems) => new ManualIndicatorError(problems),
    rows: (p) => p.rows,
    check: (rows, clean) => (clean ? crossCheck(rows) : []),
  });
  return parsed;
}

/**
 * The "manual_indicators" dataset from every `*.csv` in `dir`. No CSV (or no folder): an empty
 * dataset that says "ingen egne indikatorer".
 */
export async function manualIndicators(dir = "data/indicators"): Promise<Dataset> {
  const parsed = await readManualIndicatorFiles(dir);
  const rows = parsed
    .flatMap((p) => p.rows)
    .sort(
      (a, b) =>
        a.indicator.localeCompare(b.indicator) ||
        a.area.localeCompare(b.area) ||
        (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
        (a.breakdown ?? "").localeCompare(b.breakdown ?? ""),
    );
  const notes = [
    ...fileNotes(parsed),
    "Perioder under et år (måned, kvartal) lægges sammen eller tages fra årets sidste opgørelse, som målet angiver (aggregate i data/goals.yaml).",
  ];
  return {
    columns: rowColumns(rows, {
      indicator: "string",
      area: "string",
      period: "string",
      year: "int16",
      breakdown: "string",
      value: "float64",
      unit: "string",
    }),
    meta: datasetMeta({
      dataset: "manual_indicators",
      title: TITLE,
      sources: [],
      rows: rows.length,
      columns: COLUMNS,
      notes,
      missing: noCsvFile(parsed.length, { table: "data/indicators", what: "ingen egne indikatorer", dir }),
    }),
  };
}

/**
 * The indicator ids named in `dir`'s CSV files, read leniently (only the indikator column), so
 * that the goals can be checked even while an indicator file has other problems.
 */
export async function manualIndicatorIds(dir = "data/indicators"): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const [id] of await lenientColumns(dir, ["indikator"])) if (id && INDICATOR_PATTERN.test(id)) ids.add(id);
  return ids;
}

/** A row of the manual indicators dataset computed from other files of the municipality's own. */
export interface DerivedIndicatorRow {
  indicator: string;
  area: string;
  period: string;
  year: number;
  breakdown: null;
  value: number;
  unit: string;
}

/**
 * `manual` (the dataset of data/indicators) with the `derived` rows added, in the dataset's order
 * (indicator, area, period, breakdown); unchanged when there is none. A figure of a derived
 * indicator typed into data/indicators as well is refused with the message `refused` gives for
 * those rows: one number, one source. `exampleNote` (the files the rows came from that are
 * examples) goes first among the notes unless `manual` is example data itself; `note` says how the
 * rows are computed.
 */
export function addDerivedIndicators(
  manual: Dataset,
  derived: readonly DerivedIndicatorRow[],
  { refused, exampleNote, note }: { refused: (typed: { indicator: string; area: string; period: string }[]) => string; exampleNote: string[]; note: string },
): Dataset {
  if (derived.length === 0) return manual;
  const c = manual.columns;
  const n = c.indicator.values.length;
  const ids = new Set(derived.map((d) => d.indicator));
  const typed = Array.from({ length: n }, (_, i) => i).filter((i) => ids.has(String(c.indicator.values[i])));
  if (typed.length > 0)
    throw new Error(
      refused(typed.map((i) => ({ indicator: String(c.indicator.values[i]), area: String(c.area.values[i]), period: String(c.period.values[i]) }))),
    );
  const names = Object.keys(c);
  const rows: Record<string, unknown>[] = Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, c[k].values[i]])));
  for (const d of derived) rows.push(Object.fromEntries(names.map((k) => [k, (d as unknown as Record<string, unknown>)[k] ?? null])));
  rows.sort(
    (a, b) =>
      String(a.indicator).localeCompare(String(b.indicator)) ||
      String(a.area).localeCompare(String(b.area)) ||
      String(a.period).localeCompare(String(b.period)) ||
      String(a.breakdown ?? "").localeCompare(String(b.breakdown ?? "")),
  );
  const example = isExampleData(manual.meta);
  return {
    columns: Object.fromEntries(names.map((k) => [k, { ...c[k], values: rows.map((r) => r[k] as string | number | null) }])) as Dataset["columns"],
    meta: datasetMeta({
      ...manual.meta,
      rows: rows.length,
      notes: [...(example ? [] : exampleNote), ...(manual.meta.notes ?? []), ...(example ? exampleNote : []), note],
      missing: manual.meta.missing.filter((m) => m.table !== "data/indicators" || rows.length === 0),
    }),
  };
}
