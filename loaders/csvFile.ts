/**
 * What the importers of a municipality's own CSV files share: the register extracts
 * (loaders/extracts.ts, loaders/tables/townMovers.ts), the adopted forecast
 * (loaders/tables/forecast.ts), the manual goal indicators (loaders/manualIndicators.ts), the local
 * communities (loaders/tables/localCommunities.ts), the ambassador scheme (loaders/ambassadors.ts)
 * and the digitalisation files (loaders/digitalisering/). Each importer keeps its own schema
 * (columns, codes, row validation) and builds its own dataset; this module does the rest:
 *
 *   - a folder: every `*.csv` in it, sorted by name, read as UTF-8 (readCsvFolder), checked
 *     across files for duplicate keys and thrown as the importer's error (readCsvFiles); read
 *     leniently for a look-up that must work while a file has problems (lenientColumns);
 *   - a file's text: an optional BOM, CRLF or LF line ends, blank lines at the end ignored;
 *     bytes that were not UTF-8 (a Latin-1/Windows-1252 export) decode to U+FFFD and are reported
 *     where they stand (column name or field);
 *   - the header: ';' is the only separator (a comma- or tab-separated header is named as such);
 *     unknown, doubled and missing columns, with a hint where Danish letters were written;
 *   - data lines: blank lines, unbalanced quotes and the wrong number of fields (CsvFile.rows);
 *     each line's row built by the importer, with its file and line (parseCsvRows);
 *   - problems: collected with file, line and column, all thrown together in one CsvFileError
 *     whose message lists at most MAX_LISTED of them, then "… og N flere";
 *   - duplicate keys naming both lines (FirstSeen, KeysOnce, duplicateRows), a municipality code
 *     (municipalityCodeProblem), the shape of a count (countShape, wholeCountProblem) or the value
 *     of a decimal number (parseDecimal);
 *   - the dataset built from the rows: its columns (rowColumns), its notes on which files were
 *     examples and which the municipality's own (fileNotes), and what it lacks without a file
 *     (noCsvFile).
 *
 * Nothing is written on error: an importer throws before it builds its dataset. Text from a file
 * only ever becomes a string (quoted with JSON.stringify in messages), never code.
 *
 * About 600 lines: the shared reading of the municipality's CSV files (encoding, header, fields,
 * rows, problems, duplicates, folders) is one job that every importer relies on.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { splitLine } from "./statbank/csv.ts";
import type { ColumnType } from "./arrow.ts";
import type { MissingPart } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import { isMunicipality } from "./tables/codes.ts";
import { EXAMPLE_NOTE_PREFIX, isExampleFile } from "../src/lib/example.ts";
import { foldDanish, listProblems, MAX_LISTED_PROBLEMS } from "../src/lib/text.ts";

// ---------------------------------------------------------------------------------------------
// Problems

/** One problem in a file, at a line and column where it has one. */
export interface CsvProblem {
  file: string;
  /** 1-based line; null for the file as a whole. */
  line: number | null;
  /** 1-based column (field) number and its name, when the problem is in one field. */
  column: number | null;
  columnName: string | null;
  message: string;
}

/** At most this many problems are listed in an error message; the rest are counted. */
export const MAX_LISTED = MAX_LISTED_PROBLEMS;

/** "file, line 3, column 2 (aar): message"; line and column only where the problem has them. */
export function formatProblem(p: CsvProblem): string {
  const line = p.line === null ? "" : `, line ${p.line}`;
  const column = p.column === null ? "" : `, column ${p.column}${p.columnName ? ` (${p.columnName})` : ""}`;
  return `${p.file}${line}${column}: ${p.message}`;
}

/**
 * The message for `problems` in the files of one kind: a head line naming the files, the number
 * of problems, `subject` ("the adopted population forecast") and the `readme` that describes the
 * format; then the first MAX_LISTED problems, one a line, and "… og N flere" for the rest.
 */
export function problemsMessage(problems: readonly CsvProblem[], subject: string, readme: string): string {
  const files = [...new Set(problems.map((p) => p.file))];
  const head = `${files.join(", ")}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${subject}; the format is described in ${readme}`;
  return listProblems(head, problems.map(formatProblem), MAX_LISTED);
}

/** Every problem found in one or more files of one kind. Each importer has a subclass of its own. */
export class CsvFileError extends Error {
  constructor(
    readonly problems: CsvProblem[],
    subject: string,
    readme: string,
  ) {
    super(problemsMessage(problems, subject, readme));
    this.name = "CsvFileError";
  }
}

// ---------------------------------------------------------------------------------------------
// Text, header and lines

/** The text's lines: without a leading BOM, split at CRLF or LF, blank lines at the end dropped. */
export function csvLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  return lines;
}

/** `s`, cut to `n` characters and "…" when it is longer. */
export function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** True where the text holds U+FFFD: bytes that were not UTF-8 (e.g. a Latin-1 export) decoded as UTF-8. */
export function isNotUtf8(s: string): boolean {
  return s.includes("\uFFFD");
}

const NOT_UTF8 = "is not valid UTF-8 (a Latin-1/Windows-1252 export? save the file as UTF-8)";

/** Why a header line is not ';'-separated (it has no ';' but a comma or a tab), or null. */
export function headerSeparatorProblem(headerLine: string): string | null {
  if (headerLine.includes(";") || !(headerLine.includes(",") || headerLine.includes("\t"))) return null;
  const kind = headerLine.includes("\t") ? "tab" : "comma";
  return `the header is ${kind}-separated (${JSON.stringify(truncate(headerLine))}); columns must be separated by ';'`;
}

/** The name in lower case with æ, ø, å written ae, oe, aa ("År" → "aar"). */
export const asciiName = foldDanish;

/** Whether a column name written with Danish letters ("år" for aar) is accepted, or rejected with a hint. */
export type DanishLetters = "accept" | "hint";

/**
 * The column `name` stands for (case-insensitive), or else the column it was probably meant as
 * (`hint`: the name with æ, ø, å spelt out). With `danishLetters` "accept", that column is taken.
 */
export function matchColumn<C extends string>(name: string, columns: readonly C[], danishLetters: DanishLetters): { column?: C; hint?: C } {
  const exact = columns.find((c) => c === name.toLowerCase());
  if (exact) return { column: exact };
  const spelt = columns.find((c) => c === asciiName(name));
  if (!spelt) return {};
  return danishLetters === "accept" ? { column: spelt } : { hint: spelt };
}

/** "a", "a and b", "a, b and c". */
function wordList(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** One data line's fields, or why it has none to give: blank, unbalanced quotes, or not as many fields as the header. */
export function splitDataLine(line: string, header: readonly string[]): { fields: string[] } | { problem: string } {
  if (line.trim() === "") return { problem: "blank line inside the data" };
  const fields = splitLine(line);
  if (!fields) return { problem: `unbalanced quotes in ${JSON.stringify(truncate(line))}` };
  if (fields.length !== header.length) {
    const hint = fields.length === 1 && /[,\t]/.test(line) ? "; separate the columns by ';'" : "";
    return {
      problem: `${fields.length} field${fields.length === 1 ? "" : "s"}, expected ${header.length} (${header.join(";")})${hint}: ${JSON.stringify(truncate(line))}`,
    };
  }
  return { fields };
}

// ---------------------------------------------------------------------------------------------
// A file

/** The columns of one kind of file, and how its problems are thrown. */
export interface CsvSchema<C extends string> {
  /** Every column, in the README's order (a file may have them in any order). */
  columns: readonly C[];
  /** Columns a file may leave out; the rest are required. */
  optional?: readonly C[];
  /** A column name with Danish letters ("år" for aar): accepted, or rejected with a hint. */
  danishLetters: DanishLetters;
  /** What one data line holds, for the message on an empty file: "cell" → "one line per cell". */
  linePer: string;
  /** The importer's error for a list of problems. */
  error: (problems: CsvProblem[]) => CsvFileError;
}

/**
 * One file's text, checked as far as the schema knows: the header (separator, unknown, doubled
 * and missing columns) and, through rows(), the shape of each data line. The importer checks
 * the fields of each row, then calls throwIfProblems(). Problems are kept in file order.
 */
export class CsvFile<C extends string> {
  readonly problems: CsvProblem[] = [];
  /** The header's column names as written (trimmed), in file order. */
  readonly header: string[];
  private readonly index = new Map<C, number>();
  private readonly optional: readonly C[];
  private readonly lines: string[];

  /**
   * Reads the header of `text` (decoded as UTF-8; `file` names it in messages). Throws the
   * schema's error at once when the file is empty or its header is not ';'-separated; other
   * header problems are collected.
   */
  constructor(
    text: string,
    readonly file: string,
    private readonly schema: CsvSchema<C>,
  ) {
    this.optional = schema.optional ?? [];
    this.lines = csvLines(text);
    if (this.lines.length === 0) {
      this.report(null, null, null, `the file is empty; expected a header line ${schema.columns.join(";")} and one line per ${schema.linePer}`);
      throw schema.error(this.problems);
    }
    const separator = headerSeparatorProblem(this.lines[0]);
    if (separator) {
      this.report(1, null, null, separator);
      throw schema.error(this.problems);
    }
    this.header = (splitLine(this.lines[0]) ?? this.lines[0].split(";")).map((h) => h.trim());
    this.header.forEach((name, i) => this.readColumnName(name, i));
    const required = schema.columns.filter((c) => !this.optional.includes(c));
    const mayHave = this.optional.length ? `, and may have ${wordList(this.optional)}` : "";
    for (const c of required) if (!this.index.has(c)) this.report(1, null, c, `column ${c} is missing (the header must have ${required.join(";")}${mayHave})`);
    if (this.lines.length === 1) this.report(null, null, null, "no data lines after the header");
  }

  private readColumnName(name: string, i: number): void {
    if (isNotUtf8(name)) {
      this.report(1, i + 1, null, `column name ${JSON.stringify(name)} ${NOT_UTF8}`);
      return;
    }
    const { column, hint } = matchColumn(name, this.schema.columns, this.schema.danishLetters);
    if (!column) {
      const expected = `${this.schema.columns.join(";")}${this.optional.length ? ` (${wordList(this.optional)} may be left out)` : ""}`;
      if (name === "") this.report(1, i + 1, null, "empty column name");
      else this.report(1, i + 1, name, `unknown column ${JSON.stringify(name)}${hint ? ` (write it as ${hint})` : ""}; expected ${expected}`);
      return;
    }
    const first = this.index.get(column);
    if (first !== undefined) this.report(1, i + 1, column, `column ${column} appears twice (also column ${first + 1})`);
    else this.index.set(column, i);
  }

  /** Adds a problem of this file. */
  report(line: number | null, column: number | null, columnName: string | null, message: string): void {
    this.problems.push({ file: this.file, line, column, columnName, message });
  }

  /** The 0-based position of column `c` in the header, or undefined when the header lacks it. */
  columnIndex(c: C): number | undefined {
    return this.index.get(c);
  }

  /** True when the header has column `c`. */
  has(c: C): boolean {
    return this.index.has(c);
  }

  /** True for a column the schema lets a file leave out. */
  isOptional(c: C): boolean {
    return this.optional.includes(c);
  }

  /** The data lines with as many fields as the header, in order; the problems of the others are reported as they are passed. */
  *rows(): Generator<CsvRow<C>, void, undefined> {
    for (let i = 1; i < this.lines.length; i++) {
      const split = splitDataLine(this.lines[i], this.header);
      if ("problem" in split) this.report(i + 1, null, null, split.problem);
      else yield new CsvRow(this, i + 1, split.fields);
    }
  }

  /** Throws the schema's error listing every problem so far, if there is any. */
  throwIfProblems(): void {
    if (this.problems.length > 0) throw this.schema.error(this.problems);
  }
}

/** One data line of a CsvFile. `ok` turns false with the first problem reported for it. */
export class CsvRow<C extends string> {
  ok = true;

  constructor(
    private readonly csv: CsvFile<C>,
    /** 1-based line number. */
    readonly line: number,
    private readonly fields: readonly string[],
  ) {}

  /**
   * The field of column `c`, trimmed; null when it is not valid UTF-8 (reported) or the header
   * lacks the column (a missing required column also makes the row not ok: it was reported with
   * the header).
   */
  field(c: C): string | null {
    const j = this.csv.columnIndex(c);
    if (j === undefined) {
      if (!this.csv.isOptional(c)) this.ok = false;
      return null;
    }
    const v = this.fields[j].trim();
    if (isNotUtf8(v)) {
      this.fail(c, `${JSON.stringify(v)} ${NOT_UTF8}`);
      return null;
    }
    return v;
  }

  /** The field of column `c` as field() gives it, after reporting what `problemOf` finds wrong with it (null: nothing). */
  check(c: C, problemOf: (value: string) => string | null): string | null {
    const v = this.field(c);
    const problem = v === null ? null : problemOf(v);
    if (problem) this.fail(c, problem);
    return v;
  }

  /** Reports a problem in column `c` of this line. */
  fail(c: C, message: string): void {
    this.csv.report(this.line, this.csv.columnIndex(c)! + 1, c, message);
    this.ok = false;
  }

  /** Reports a problem with the line as a whole (e.g. a duplicate key). */
  reject(message: string): void {
    this.csv.report(this.line, null, null, message);
    this.ok = false;
  }
}

/** One file's rows as an importer returns them: each with the file and line it came from. */
export interface ParsedCsv<R> {
  file: string;
  /** The file name ends in ".eksempel.csv": invented example data. */
  example: boolean;
  rows: (R & { file: string; line: number })[];
}

/**
 * One file's text read with `schema`: the header's problems are thrown at once; then `row` is
 * called for each data line with as many fields as the header, in order, and gives the line's
 * row, or null when the line is refused (its problems reported through CsvRow); `after` may add
 * problems of the rows together. Throws the schema's error listing every problem, else returns the
 * rows with their file and line.
 */
export function parseCsvRows<C extends string, R extends object>(
  text: string,
  file: string,
  schema: CsvSchema<C>,
  row: (row: CsvRow<C>) => R | null,
  after?: (rows: ParsedCsv<R>["rows"]) => CsvProblem[],
): ParsedCsv<R> {
  const csv = new CsvFile(text, file, schema);
  csv.throwIfProblems();
  const rows: ParsedCsv<R>["rows"] = [];
  for (const r of csv.rows()) {
    const value = row(r);
    if (value !== null) rows.push({ ...value, file, line: r.line });
  }
  if (after) csv.problems.push(...after(rows));
  csv.throwIfProblems();
  return { file, example: isExampleFile(file), rows };
}

/** A key that may stand on one line of a file only: the columns it is made of and the word its message starts with. */
export class KeysOnce {
  private readonly seen = new FirstSeen<number>();

  constructor(
    private readonly columns: readonly string[],
    private readonly what = "duplicate",
  ) {}

  /**
   * True the first time the `values` (in the order of the columns) stand on a line; a later line
   * with them is refused: "duplicate 260;2015 (kommune;periode), also on line 3".
   */
  first<C extends string>(row: CsvRow<C>, values: readonly string[]): boolean {
    const key = values.join(";");
    const first = this.seen.previous(key, row.line);
    if (first === undefined) return true;
    row.reject(`${this.what} ${key} (${this.columns.join(";")}), also on line ${first}`);
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * How a field meant to hold a whole number of persons is written:
 *   "count"             digits only: 0, 14, 31410
 *   "empty"             nothing
 *   "not-disclosed"     ".." (StatBank's mark for a value not disclosed)
 *   "negative"          a minus and digits: -3
 *   "negative-decimal"  the same with decimals: -2,5 or -2.5
 *   "thousands"         digits grouped by thousands separators: 1.234, 12,345,678
 *   "decimal"           digits with a decimal comma or point: 2,5 or 1234.5
 *   "other"             anything else
 * Each importer says what it makes of each shape.
 */
export type CountShape = "count" | "empty" | "not-disclosed" | "negative" | "negative-decimal" | "thousands" | "decimal" | "other";

export function countShape(text: string): CountShape {
  if (text === "") return "empty";
  if (text === "..") return "not-disclosed";
  if (/^\d+$/.test(text)) return "count";
  if (/^-\d+$/.test(text)) return "negative";
  if (/^-\d+[.,]\d+$/.test(text)) return "negative-decimal";
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) return "thousands";
  if (/^\d+[.,]\d+$/.test(text)) return "decimal";
  return "other";
}

/** A number written with digits and at most one decimal comma or point ("63,5", "-2", "1.5"), or null. */
export function parseDecimal(text: string): number | null {
  return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : null;
}

/** The message for a 4-digit DAGI municipality code ("0260": StatBank writes 260), or null for anything else. */
export function dagiCodeProblem(code: string): string | null {
  if (!/^0\d{3}$/.test(code) || !isMunicipality(code.slice(1))) return null;
  return `${JSON.stringify(code)} looks like a 4-digit DAGI code; use StatBank's 3-digit code ${code.slice(1)}`;
}

/**
 * Why `code` is not a municipality's 3-digit StatBank code (a 4-digit DAGI code is named as such),
 * or null. `example` is the code the message suggests; `valid` the test of a code (isMunicipality).
 */
export function municipalityCodeProblem(code: string, example: string, valid: (code: string) => boolean = isMunicipality): string | null {
  if (valid(code)) return null;
  return dagiCodeProblem(code) ?? `${JSON.stringify(code)} is not a municipality code; use StatBank's 3-digit code such as ${example}`;
}

/**
 * Why `text` is not a whole number of 0 or more, or null. `empty`: the message for an empty field
 * (null: an empty field is allowed); `hint`: what follows "is not a whole number" for any other text.
 */
export function wholeCountProblem(text: string, { empty = null, hint = "" }: { empty?: string | null; hint?: string } = {}): string | null {
  switch (countShape(text)) {
    case "count":
      return null;
    case "empty":
      return empty;
    case "negative":
      return `${text} is negative; write 0 or more`;
    case "thousands":
      return `${JSON.stringify(text)} is not an integer (write it without a thousands separator)`;
    default:
      return `${JSON.stringify(text)} is not a whole number${hint}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/** Remembers where each key was seen first, so that a duplicate can name both places. */
export class FirstSeen<T> {
  private readonly first = new Map<string, T>();

  /** Where `key` was seen before; undefined when it is new, and then `at` is remembered for it. */
  previous(key: string, at: T): T | undefined {
    const first = this.first.get(key);
    if (first === undefined) this.first.set(key, at);
    return first;
  }
}

/**
 * A problem for every row whose key (`keyOf`) an earlier row already has, at the later row:
 * "`what` KEY, also in FILE line N". Meant for rows from several files, each already free of
 * duplicates within its file.
 */
export function duplicateRows<R extends { file: string; line: number }>(rows: Iterable<R>, keyOf: (row: R) => string, what: string): CsvProblem[] {
  const seen = new FirstSeen<R>();
  const problems: CsvProblem[] = [];
  for (const r of rows) {
    const key = keyOf(r);
    const first = seen.previous(key, r);
    if (first)
      problems.push({ file: r.file, line: r.line, column: null, columnName: null, message: `${what} ${key}, also in ${first.file} line ${first.line}` });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// A folder

/** The names of the `*.csv` files in `dir` (any case), sorted; none when there is no such folder. */
export async function csvFileNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(".csv")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    return [];
  }
}

export interface CsvFolder<P> {
  /** The path of every `*.csv` in the folder, in name order. */
  files: string[];
  /** What `parse` returned for the files it accepted. */
  parsed: P[];
  /** The problems of the files it did not accept, in file order. */
  problems: CsvProblem[];
}

/**
 * Reads every `*.csv` in `dir` as UTF-8 and parses it with `parse` (given the text and the path).
 * A file whose parse throws a CsvFileError adds its problems; any other error propagates.
 */
export async function readCsvFolder<P>(dir: string, parse: (text: string, path: string) => P): Promise<CsvFolder<P>> {
  const files = (await csvFileNames(dir)).map((name) => join(dir, name));
  const parsed: P[] = [];
  const problems: CsvProblem[] = [];
  for (const path of files) {
    try {
      parsed.push(parse(await readFile(path, "utf8"), path));
    } catch (e) {
      if (!(e instanceof CsvFileError)) throw e;
      problems.push(...e.problems);
    }
  }
  return { files, parsed, problems };
}

/** The base names of the parsed files that hold example data (`*.eksempel.csv`), and of the others. */
export function exampleAndRealFiles(parsed: readonly { file: string; example: boolean }[]): { examples: string[]; real: string[] } {
  return {
    examples: parsed.filter((p) => p.example).map((p) => basename(p.file)),
    real: parsed.filter((p) => !p.example).map((p) => basename(p.file)),
  };
}

/** What an importer checks across its files, and how it throws. */
export interface AcrossFiles<P, R extends { file: string; line: number }> {
  /** The importer's error for a list of problems. */
  error: (problems: CsvProblem[]) => CsvFileError;
  /** The rows of one parsed file. */
  rows: (parsed: P) => readonly R[];
  /**
   * A key that may stand once in all the files: a later row is "`what` KEY, also in FILE line N"
   * (duplicateRows). Looked for only when no file has a problem of its own, unless `always`.
   */
  unique?: { key: (row: R) => string; what: string; always?: boolean };
  /** Further problems of all the files' rows together; `clean`: no file had a problem of its own. */
  check?: (rows: R[], clean: boolean) => CsvProblem[];
}

/**
 * Every `*.csv` in `dir` parsed with `parse` (readCsvFolder), then checked across the files
 * (`across`): the problems of every file and of the files together are thrown in one error.
 * Returns the folder when there is none (no file at all included).
 */
export async function readCsvFiles<P, R extends { file: string; line: number }>(
  dir: string,
  parse: (text: string, path: string) => P,
  across: AcrossFiles<P, R>,
): Promise<CsvFolder<P>> {
  const folder = await readCsvFolder(dir, parse);
  const { parsed, problems } = folder;
  const clean = problems.length === 0;
  const rows = parsed.flatMap((p) => across.rows(p));
  if (across.unique && (clean || across.unique.always)) problems.push(...duplicateRows(rows, across.unique.key, across.unique.what));
  if (across.check) problems.push(...across.check(rows, clean));
  if (problems.length > 0) throw across.error(problems);
  return folder;
}

/**
 * The fields of `columns` (header names, any case) on every line of every `*.csv` in `dir`, read
 * leniently, for a look-up that must work while a file has problems the importer reports: a file
 * whose header lacks one of the columns is passed over; a field a line does not have (or a line
 * with unbalanced quotes) is undefined. Fields are trimmed; files in name order, lines in order.
 */
export async function lenientColumns(dir: string, columns: readonly string[]): Promise<(string | undefined)[][]> {
  const out: (string | undefined)[][] = [];
  for (const name of await csvFileNames(dir)) {
    const [headerLine, ...lines] = csvLines(await readFile(join(dir, name), "utf8"));
    const header = (splitLine(headerLine ?? "") ?? []).map((h) => h.trim().toLowerCase());
    const at = columns.map((c) => header.indexOf(c));
    if (at.some((j) => j < 0)) continue;
    for (const line of lines) {
      const fields = splitLine(line);
      out.push(at.map((j) => fields?.[j]?.trim()));
    }
  }
  return out;
}

/** The note on invented example files: "Eksempeldata: a.eksempel.csv er opdigtede tal …" (none without such files). */
export function exampleNote(names: readonly string[], text = "er opdigtede tal til at vise siden, ikke kommunens egne tal."): string[] {
  return names.length ? [`${EXAMPLE_NOTE_PREFIX} ${names.join(", ")} ${text}`] : [];
}

/**
 * The dataset's notes on the files read: the example files (exampleNote, with `example` as its
 * text) and the municipality's own ("`real` a.csv, b.csv."); with `folder`, each file is named
 * with it ("data/digital-post/a.csv").
 */
export function fileNotes(
  parsed: readonly { file: string; example: boolean }[],
  { folder, example, real = "Kommunens egne tal:" }: { folder?: string; example?: string; real?: string } = {},
): string[] {
  const { examples, real: own } = exampleAndRealFiles(parsed);
  const named = (names: string[]) => (folder === undefined ? names : names.map((n) => `${folder}/${n}`));
  return [...exampleNote(named(examples), example), ...(own.length ? [`${real} ${named(own).join(", ")}.`] : [])];
}

/**
 * What a dataset of the municipality's own files lacks when `dir` holds no CSV (none when
 * `files` > 0): "no *.csv file in DIR; the format is described in README" (`see`: "; see README").
 */
export function noCsvFile(
  files: number,
  { table, what, dir, readme = `${table}/README.md`, see = false }: { table: string; what: string; dir: string; readme?: string; see?: boolean },
): MissingPart[] {
  return files > 0 ? [] : [{ table, what, detail: `no *.csv file in ${dir}; ${see ? "see" : "the format is described in"} ${readme}` }];
}

/** A dataset's Arrow columns from row objects: `types` names each column's type, in order (a missing value is null). */
export function rowColumns<R extends object>(rows: readonly R[], types: Record<string, ColumnType>): Dataset["columns"] {
  return Object.fromEntries(
    Object.entries(types).map(([k, type]) => [k, { type, values: rows.map((r) => ((r as Record<string, unknown>)[k] ?? null) as string | number | null) }]),
  ) as Dataset["columns"];
}
