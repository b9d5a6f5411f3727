/**
 * Indicators the municipality keeps itself (share of letters sent digitally, applications for
 * exemption from Digital Post, share physically active, …), one or more CSV files in
 * data/indicators/ (schema in data/indicators/README.md). Parsed with every problem reported by
 * file, line and column and returned as the "manual_indicators" dataset
 * (indicator, area, period, year, breakdown, value, unit). Files named `*.eksempel.csv` are
 * invented examples: the dataset then carries an "Eksempeldata: …" note.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { EXAMPLE_NOTE_PREFIX, isExampleFile } from "../src/components/example.ts";
import { UNITS, type Unit } from "../src/components/goals/status.ts";
import { STATBANK_INDICATORS } from "./goals.ts";
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import { splitLine } from "./statbank/csv.ts";
import { isMunicipality } from "./tables/codes.ts";

// ---------------------------------------------------------------------------------------------
// Schema

/** The columns of a file, in the README's order (any order is accepted). */
export const MANUAL_COLUMNS = ["indikator", "kommune", "periode", "opdeling", "vaerdi", "enhed", "note"] as const;
export type ManualColumn = (typeof MANUAL_COLUMNS)[number];
/** Columns that may be left out of the header. */
const OPTIONAL_COLUMNS: readonly ManualColumn[] = ["opdeling", "note"];
const REQUIRED_COLUMNS = MANUAL_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c));

const INDICATOR_PATTERN = /^[a-z][a-z0-9_]*$/;
const YEAR = /^(19[9]\d|20\d\d)$/;
const MONTH = /^(19[9]\d|20\d\d)-(0[1-9]|1[0-2])$/;
const QUARTER = /^(19[9]\d|20\d\d)K([1-4])$/;
const NUMBER = /^-?\d+([.,]\d+)?$/;

/** At most this many problems are listed in an error message; the rest are counted. */
const MAX_LISTED = 20;

export type PeriodKind = "year" | "month" | "quarter";

/** "2015" → year, "2015-05" → month, "2015K2" → quarter; null for anything else. */
export function parsePeriod(text: string): { kind: PeriodKind; year: number } | null {
  if (YEAR.test(text)) return { kind: "year", year: Number(text) };
  if (MONTH.test(text)) return { kind: "month", year: Number(text.slice(0, 4)) };
  if (QUARTER.test(text)) return { kind: "quarter", year: Number(text.slice(0, 4)) };
  return null;
}

export interface ManualRow {
  indicator: string;
  area: string;
  period: string;
  year: number;
  /** The breakdown (e.g. the reason for an exemption); null for the total. */
  breakdown: string | null;
  value: number;
  unit: Unit;
  note: string | null;
  file: string;
  line: number;
}

export interface ParsedIndicatorFile {
  file: string;
  /** The file name ends in ".eksempel.csv": invented example data. */
  example: boolean;
  rows: ManualRow[];
}

export interface IndicatorProblem {
  file: string;
  /** 1-based line; null for the file as a whole. */
  line: number | null;
  /** 1-based column (field) number and its name, when the problem is in one field. */
  column: number | null;
  columnName: string | null;
  message: string;
}

export function formatIndicatorProblem(p: IndicatorProblem): string {
  const line = p.line === null ? "" : `, line ${p.line}`;
  const column = p.column === null ? "" : `, column ${p.column}${p.columnName ? ` (${p.columnName})` : ""}`;
  return `${p.file}${line}${column}: ${p.message}`;
}

/** Every problem found in one or more indicator files; the message lists up to 20, then "… og N flere". */
export class ManualIndicatorError extends Error {
  constructor(readonly problems: IndicatorProblem[]) {
    const files = [...new Set(problems.map((p) => p.file))];
    const head = `${files.join(", ")}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the municipality's own indicators; the format is described in data/indicators/README.md`;
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  ${formatIndicatorProblem(p)}`);
    const rest = problems.length > MAX_LISTED ? [`  … og ${problems.length - MAX_LISTED} flere`] : [];
    super([head, ...listed, ...rest].join("\n"));
    this.name = "ManualIndicatorError";
  }
}

const DANISH_LETTERS: Record<string, string> = { æ: "ae", ø: "oe", å: "aa" };
const asciiName = (s: string) => s.toLowerCase().replace(/[æøå]/g, (c) => DANISH_LETTERS[c]);

function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

// ---------------------------------------------------------------------------------------------
// One file

/**
 * Parse and validate one file's text (decoded as UTF-8). `file` names it in messages and decides
 * whether it is example data. Throws one ManualIndicatorError listing every problem found.
 */
export function parseManualIndicators(text: string, file: string): ParsedIndicatorFile {
  const problems: IndicatorProblem[] = [];
  const report = (line: number | null, column: number | null, columnName: string | null, message: string) =>
    problems.push({ file, line, column, columnName, message });

  let body = text;
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) {
    report(null, null, null, `the file is empty; expected a header line ${MANUAL_COLUMNS.join(";")} and one line per figure`);
    throw new ManualIndicatorError(problems);
  }

  // Header
  const headerLine = lines[0];
  if (!headerLine.includes(";") && (headerLine.includes(",") || headerLine.includes("\t"))) {
    const kind = headerLine.includes("\t") ? "tab" : "comma";
    report(1, null, null, `the header is ${kind}-separated (${JSON.stringify(truncate(headerLine))}); columns must be separated by ';'`);
    throw new ManualIndicatorError(problems);
  }
  const header = (splitLine(headerLine) ?? headerLine.split(";")).map((h) => h.trim());
  const index = new Map<ManualColumn, number>();
  header.forEach((name, i) => {
    if (name.includes("\uFFFD")) {
      report(1, i + 1, null, `column name ${JSON.stringify(name)} is not valid UTF-8 (a Latin-1/Windows-1252 export? save the file as UTF-8)`);
      return;
    }
    const known = MANUAL_COLUMNS.find((c) => c === name.toLowerCase()) ?? MANUAL_COLUMNS.find((c) => c === asciiName(name));
    if (!known) {
      if (name === "") report(1, i + 1, null, "empty column name");
      else report(1, i + 1, name, `unknown column ${JSON.stringify(name)}; expected ${MANUAL_COLUMNS.join(";")} (opdeling and note may be left out)`);
      return;
    }
    if (index.has(known)) report(1, i + 1, known, `column ${known} appears twice (also column ${index.get(known)! + 1})`);
    else index.set(known, i);
  });
  for (const c of REQUIRED_COLUMNS) if (!index.has(c)) report(1, null, c, `column ${c} is missing (the header must have ${REQUIRED_COLUMNS.join(";")}, and may have opdeling and note)`);
  if (lines.length === 1) report(null, null, null, "no data lines after the header");
  if (problems.length > 0) throw new ManualIndicatorError(problems);

  // Data lines
  const rows: ManualRow[] = [];
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
    const field = (c: ManualColumn): string | null => {
      const j = index.get(c);
      if (j === undefined) return null;
      const v = fields[j].trim();
      if (v.includes("\uFFFD")) {
        report(lineNo, j + 1, c, `${JSON.stringify(v)} is not valid UTF-8 (a Latin-1/Windows-1252 export? save the file as UTF-8)`);
        ok = false;
        return null;
      }
      return v;
    };
    const fail = (c: ManualColumn, message: string) => {
      report(lineNo, index.get(c)! + 1, c, message);
      ok = false;
    };

    const indicator = field("indikator");
    if (indicator !== null) {
      if (indicator === "") fail("indikator", "the indicator id is empty");
      else if (indicator.includes(":")) {
        fail("indikator", `${JSON.stringify(indicator)} contains ":"; put the breakdown in the column opdeling (indikator ${indicator.split(":")[0]}, opdeling ${indicator.split(":").slice(1).join(":")})`);
      } else if (!INDICATOR_PATTERN.test(indicator)) {
        fail("indikator", `${JSON.stringify(indicator)} is not an indicator id: lower-case letters a–z, digits and "_", starting with a letter (e.g. digital_post_share)`);
      } else if (indicator in STATBANK_INDICATORS) {
        fail("indikator", `${indicator} is computed from Statistics Denmark's tables; give the municipality's own indicator another id`);
      }
    }
    const area = field("kommune");
    if (area !== null) {
      if (/^0\d{3}$/.test(area) && isMunicipality(area.slice(1))) {
        fail("kommune", `${JSON.stringify(area)} looks like a 4-digit DAGI code; use StatBank's 3-digit code ${area.slice(1)}`);
      } else if (!(/^\d{3}$/.test(area) && isMunicipality(area) && Number(area) < 900)) {
        fail("kommune", `${JSON.stringify(area)} is not a municipality code; use StatBank's 3-digit code such as 260`);
      }
    }
    const periodText = field("periode");
    const period = periodText === null ? null : parsePeriod(periodText);
    if (periodText !== null && !period) {
      const hint = /^\d{4}[Qq][1-4]$/.test(periodText)
        ? ` (write the quarter as ${periodText.slice(0, 4)}K${periodText.slice(5)})`
        : /^\d{4}M\d{2}$/.test(periodText)
          ? ` (write the month as ${periodText.slice(0, 4)}-${periodText.slice(5)})`
          : /^\d{1,2}[-./]\d{4}$/.test(periodText)
            ? " (write year first: 2015-05)"
            : "";
      fail("periode", `unknown period ${JSON.stringify(periodText)}${hint}; expected a year (2015), a month (2015-05) or a quarter (2015K2)`);
    }
    const breakdownText = field("opdeling");
    const breakdown = breakdownText === null || breakdownText === "" ? null : breakdownText;
    const valueText = field("vaerdi");
    let value: number | null = null;
    if (valueText !== null) {
      if (valueText === "") fail("vaerdi", "the value is empty; leave the line out when the figure is not known");
      else if (NUMBER.test(valueText)) value = Number(valueText.replace(",", "."));
      else if (/^-?\d{1,3}([.]\d{3})+(,\d+)?$/.test(valueText)) fail("vaerdi", `${JSON.stringify(valueText)} is not a number: write it without a thousands separator (e.g. 1234,5)`);
      else if (/^-?\d+([.,]\d+)?\s*%$/.test(valueText)) fail("vaerdi", `${JSON.stringify(valueText)} is not a number: write it without "%" (the unit goes in the column enhed)`);
      else fail("vaerdi", `${JSON.stringify(valueText)} is not a number (digits with a decimal comma or point, e.g. 63,5)`);
    }
    const unitText = field("enhed");
    const unit = unitText === null ? undefined : UNITS.find((u) => u === unitText);
    if (unitText !== null && !unit) fail("enhed", `unknown unit ${JSON.stringify(unitText)}; the unit must be one of ${UNITS.map((u) => JSON.stringify(u)).join(", ")}`);
    if (unit === "%" && value !== null && (value < 0 || value > 100)) fail("vaerdi", `${valueText} % is not a share between 0 and 100`);
    const note = field("note");

    if (ok && indicator && area && period && value !== null && unit) {
      rows.push({ indicator, area, period: periodText!, year: period.year, breakdown, value, unit, note: note || null, file, line: lineNo });
    }
  }
  problems.push(...crossCheck(rows));
  if (problems.length > 0) throw new ManualIndicatorError(problems);
  return { file, example: isExampleFile(file), rows };
}

/**
 * Problems between rows (within a file, or across files): the same figure twice (indicator,
 * kommune, periode, opdeling), an indicator with two units, an indicator with periods of two
 * kinds (years and months cannot be added up to one series).
 */
export function crossCheck(rows: readonly ManualRow[]): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const keys = new Map<string, ManualRow>();
  const units = new Map<string, ManualRow>();
  const kinds = new Map<string, { kind: PeriodKind; row: ManualRow }>();
  const where = (r: ManualRow, other: ManualRow) => (other.file === r.file ? `line ${other.line}` : `${other.file} line ${other.line}`);
  for (const r of rows) {
    const key = [r.indicator, r.area, r.period, r.breakdown ?? ""].join(";");
    const first = keys.get(key);
    if (first) {
      problems.push({ file: r.file, line: r.line, column: null, columnName: null, message: `duplicate figure ${key} (indikator;kommune;periode;opdeling), also on ${where(r, first)}` });
      continue;
    }
    keys.set(key, r);
    const unit = units.get(r.indicator);
    if (unit && unit.unit !== r.unit) {
      problems.push({ file: r.file, line: r.line, column: null, columnName: "enhed", message: `${r.indicator} is in ${JSON.stringify(r.unit)} here but in ${JSON.stringify(unit.unit)} on ${where(r, unit)}` });
    } else if (!unit) units.set(r.indicator, r);
    const kind = parsePeriod(r.period)!.kind;
    const k = kinds.get(r.indicator);
    if (k && k.kind !== kind) {
      problems.push({
        file: r.file,
        line: r.line,
        column: null,
        columnName: "periode",
        message: `${r.indicator} has a ${kind} (${r.period}) here but a ${k.kind} (${k.row.period}) on ${where(r, k.row)}; use one kind of period per indicator`,
      });
    } else if (!k) kinds.set(r.indicator, { kind, row: r });
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

async function csvFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(".csv")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    return [];
  }
}

/** Read and validate every `*.csv` in `dir`. Throws one ManualIndicatorError listing every problem. */
export async function readManualIndicatorFiles(dir = "data/indicators"): Promise<ParsedIndicatorFile[]> {
  const parsed: ParsedIndicatorFile[] = [];
  const problems: IndicatorProblem[] = [];
  for (const name of await csvFiles(dir)) {
    const path = join(dir, name);
    try {
      parsed.push(parseManualIndicators(await readFile(path, "utf8"), path));
    } catch (e) {
      if (!(e instanceof ManualIndicatorError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length === 0) problems.push(...crossCheck(parsed.flatMap((p) => p.rows)));
  if (problems.length > 0) throw new ManualIndicatorError(problems);
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
  const examples = parsed.filter((p) => p.example).map((p) => basename(p.file));
  const real = parsed.filter((p) => !p.example).map((p) => basename(p.file));
  const notes = [
    ...(examples.length ? [`${EXAMPLE_NOTE_PREFIX} ${examples.join(", ")} er opdigtede tal til at vise siden, ikke kommunens egne tal.`] : []),
    ...(real.length ? [`Kommunens egne tal: ${real.join(", ")}.`] : []),
    "Perioder under et år (måned, kvartal) lægges sammen eller tages fra årets sidste opgørelse, som målet angiver (aggregate i data/goals.yaml).",
  ];
  return {
    columns: {
      indicator: { type: "string", values: rows.map((r) => r.indicator) },
      area: { type: "string", values: rows.map((r) => r.area) },
      period: { type: "string", values: rows.map((r) => r.period) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      breakdown: { type: "string", values: rows.map((r) => r.breakdown) },
      value: { type: "float64", values: rows.map((r) => r.value) },
      unit: { type: "string", values: rows.map((r) => r.unit) },
    },
    meta: datasetMeta({
      dataset: "manual_indicators",
      title: TITLE,
      sources: [],
      rows: rows.length,
      columns: COLUMNS,
      notes,
      missing:
        parsed.length === 0
          ? [{ table: "data/indicators", what: "ingen egne indikatorer", detail: `no *.csv file in ${dir}; the format is described in data/indicators/README.md` }]
          : [],
    }),
  };
}

/**
 * The indicator ids named in `dir`'s CSV files, read leniently (only the indikator column), so
 * that the goals can be checked even while an indicator file has other problems.
 */
export async function manualIndicatorIds(dir = "data/indicators"): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const name of await csvFiles(dir)) {
    const text = (await readFile(join(dir, name), "utf8")).replace(/^\uFEFF/, "");
    const [headerLine, ...lines] = text.split(/\r?\n/);
    const header = (splitLine(headerLine ?? "") ?? []).map((h) => h.trim().toLowerCase());
    const j = header.indexOf("indikator");
    if (j < 0) continue;
    for (const line of lines) {
      const id = splitLine(line)?.[j]?.trim();
      if (id && INDICATOR_PATTERN.test(id)) ids.add(id);
    }
  }
  return ids;
}
