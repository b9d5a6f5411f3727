/**
 * Mirror transport: a folder with one `<TABLE>.csv` per table in the API's BULK/Code format,
 * optionally `tableinfo/<TABLE>.json` (real /v1/tableinfo responses) and `MANIFEST.json`
 * (what each file covers and where it came from). The same selection rules as the API apply;
 * whatever the mirror does not hold is reported as a gap that names the table, variable and codes.
 *
 * Each file is read, checked against MANIFEST.json, parsed and validated once per process (again
 * only when it changes), into columns: per variable its distinct codes and each row's index into
 * them in a typed array, the values in a Float64Array, and the rows of each period. A request
 * for some periods touches only their rows (FLY66 is asked one year at a time), and only the rows
 * it selects become row objects. The listing of tables (`tables()`) reads each file's header and
 * time column only; a file's rows are checked when the table is asked for.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseStatbankCsv, parseValue, type Extract, type ExtractRow } from "./csv.ts";
import { MirrorGapError, StatbankQueryError, type Gap } from "./errors.ts";
import { checkMirrorFile, ManifestMismatchError } from "./manifest.ts";
import { isCountUnit, validateExtract, type ValidationContext } from "./validate.ts";
import { comparePeriods, danishPeriod, isTimeVariable } from "./period.ts";
import { findVariable, resolveSelection, type Query } from "./query.ts";
import type { DataResult, SourceDescription, TableInfo, TableListing, TableVariable, Transport } from "./transport.ts";

export interface ManifestTable {
  id: string;
  title?: string;
  unit?: string;
  file?: string;
  sha256?: string;
  rows?: number;
  gaps?: string;
  [key: string]: unknown;
}

export interface Manifest {
  generated?: string;
  /** Set by scripts/bench/scale.ts: the values are synthetic, for performance measurement only. */
  synthetic?: boolean;
  format?: { zero_rows?: string; [key: string]: unknown };
  tables?: ManifestTable[];
  [key: string]: unknown;
}

interface LoadedTable {
  columns: ColumnarTable;
  /** The file the rows were read from (for error messages). */
  source: string;
  /** Distinct codes per dimension in the order first seen (time sorted chronologically). */
  values: Map<string, string[]>;
}

export class MirrorTransport implements Transport {
  readonly source: SourceDescription;
  private readonly dir: string;
  /** Per file: the table as read at that modification time (a promise, so parallel requests read it once). */
  private readonly cache = new Map<string, { mtimeMs: number; loaded: Promise<LoadedTable> }>();
  private manifestPromise: Promise<Manifest | null> | null = null;

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.source = { kind: "mirror", location: this.dir };
  }

  manifest(): Promise<Manifest | null> {
    this.manifestPromise ??= readFile(join(this.dir, "MANIFEST.json"), "utf8")
      .then((t) => JSON.parse(t) as Manifest)
      .catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return null;
        throw new Error(`${join(this.dir, "MANIFEST.json")}: ${e.message}`);
      });
    return this.manifestPromise;
  }

  async manifestEntry(table: string): Promise<ManifestTable | undefined> {
    const m = await this.manifest();
    return m?.tables?.find((t) => t.id.toUpperCase() === table.toUpperCase());
  }

  /** Does the folder hold `<table>.csv`? */
  async has(table: string): Promise<boolean> {
    return (await this.fileFor(table)) !== null;
  }

  private async fileFor(table: string): Promise<string | null> {
    const files = await readdir(this.dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new Error(`STATBANK_MIRROR folder ${this.dir} does not exist`);
      throw e;
    });
    const name = files.find((f) => f.toUpperCase() === `${table.toUpperCase()}.CSV`);
    return name ? join(this.dir, name) : null;
  }

  private async load(table: string): Promise<LoadedTable> {
    const file = await this.fileFor(table);
    if (!file) throw new MirrorGapError(table, this.dir, [{ variable: null, codes: [], reason: "table-not-in-mirror" }]);
    const { mtimeMs } = await stat(file);
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.loaded;
    const loaded = this.read(table, file);
    this.cache.set(file, { mtimeMs, loaded });
    // A file that fails is read again when asked again (and fails again, with the same message).
    loaded.catch(() => {
      if (this.cache.get(file)?.loaded === loaded) this.cache.delete(file);
    });
    return loaded;
  }

  private async read(table: string, file: string): Promise<LoadedTable> {
    const bytes = await readFile(file);
    // A file cut, extended or edited after MANIFEST.json was written is refused before it is read as data.
    const problems = checkMirrorFile(file, bytes, await this.manifestEntry(table));
    if (problems.length > 0) throw new ManifestMismatchError(table.toUpperCase(), problems);
    const text = bytes.toString("utf8");
    // The common file goes straight into columns; anything unusual (quotes, a bad line) through the
    // parser, which names the line of an error.
    const columns = parseColumns(text) ?? columnsOf(parseStatbankCsv(text, file, table.toUpperCase()));
    // The whole file is validated once, before any selection or elimination could hide a bad row.
    validateColumns(columns, table.toUpperCase(), file, await this.validationContext(table));
    const values = new Map<string, string[]>();
    columns.dimensions.forEach((d, j) => {
      const list = [...columns.dictionaries[j]];
      values.set(d, isTimeVariable(d) ? list.sort(comparePeriods) : list);
    });
    return { columns, source: file, values };
  }

  /**
   * What a file is checked against: its stored tableinfo (which may be older than the file), the
   * MANIFEST's unit, and, for area variables of a table without tableinfo, the areas of the
   * stored FOLK1A tableinfo (every municipality, region and the country).
   */
  private async validationContext(table: string): Promise<ValidationContext> {
    const info = await this.storedTableInfo(table);
    const folk1a = table.toUpperCase() === "FOLK1A" ? info : await this.storedTableInfo("FOLK1A");
    const areas = folk1a?.variables.find((v) => v.id.toUpperCase() === "OMRÅDE");
    return {
      info,
      infoMayBeOlder: true,
      areaCodes: areas ? new Set(areas.values.map((v) => v.id)) : null,
      unit: info?.unit ?? (await this.manifestEntry(table))?.unit ?? "",
    };
  }

  /** The real tableinfo response stored beside the mirror, if any. */
  async storedTableInfo(table: string): Promise<TableInfo | null> {
    const path = join(this.dir, "tableinfo", `${table.toUpperCase()}.json`);
    try {
      return JSON.parse(await readFile(path, "utf8")) as TableInfo;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new Error(`${path}: ${(e as Error).message}`);
    }
  }

  /**
   * What the mirror holds of a table, in tableinfo shape: the variables of the file, each with the
   * codes present in the file (labels and order from the stored tableinfo where there is one).
   */
  async tableInfo(table: string): Promise<TableInfo> {
    const loaded = await this.load(table);
    const stored = await this.storedTableInfo(table);
    const entry = await this.manifestEntry(table);
    const variables: TableVariable[] = loaded.columns.dimensions.map((d) => {
      const storedVar = stored?.variables.find((v) => v.id.toUpperCase() === d.toUpperCase());
      const texts = new Map(storedVar?.values.map((v) => [danishPeriod(v.id), v.text]) ?? []);
      const order = new Map(storedVar?.values.map((v, i) => [danishPeriod(v.id), i]) ?? []);
      const present = [...loaded.values.get(d)!];
      if (!isTimeVariable(d) && order.size > 0) {
        present.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
      } else if (!isTimeVariable(d)) {
        // No stored tableinfo: codes in natural order ("101" before "1001", "B05" before "B06").
        present.sort((a, b) => a.localeCompare(b, "da", { numeric: true }));
      }
      return {
        id: d,
        text: storedVar?.text ?? d.toLowerCase(),
        elimination: storedVar?.elimination ?? false,
        time: isTimeVariable(d),
        ...(storedVar?.map ? { map: storedVar.map } : {}),
        values: present.map((id) => ({ id, text: texts.get(id) ?? id })),
      };
    });
    return {
      id: table.toUpperCase(),
      text: stored?.text ?? entry?.title ?? table.toUpperCase(),
      description: stored?.description,
      unit: stored?.unit ?? entry?.unit ?? "",
      updated: stored?.updated ?? "",
      variables,
    };
  }

  /**
   * The tables the folder holds (its `*.csv` files), as tableInfo() describes them, from each file's
   * header and time column, its stored tableinfo and MANIFEST entry: no file is read as data here.
   */
  async tables(): Promise<TableListing[]> {
    const files = (await readdir(this.dir)).filter((f) => f.toLowerCase().endsWith(".csv")).sort();
    const out: TableListing[] = [];
    for (const f of files) out.push(await this.listing(f.slice(0, -4)));
    return out;
  }

  private async listing(id: string): Promise<TableListing> {
    const file = await this.fileFor(id);
    const scan = file ? scanHeaderAndPeriods(await readFile(file)) : null;
    if (!scan) {
      // A file whose header is not as the parser wants it: reading it says what is wrong.
      const info = await this.tableInfo(id);
      const time = info.variables.find((v) => v.time);
      return {
        id: info.id,
        text: info.text,
        unit: info.unit,
        updated: info.updated,
        firstPeriod: time?.values[0]?.id ?? "",
        latestPeriod: time?.values[time.values.length - 1]?.id ?? "",
        active: true,
        variables: info.variables.map((v) => v.id),
      };
    }
    const table = id.toUpperCase();
    const stored = await this.storedTableInfo(id);
    const entry = await this.manifestEntry(id);
    return {
      id: table,
      text: stored?.text ?? entry?.title ?? table,
      unit: stored?.unit ?? entry?.unit ?? "",
      updated: stored?.updated ?? "",
      firstPeriod: scan.periods[0] ?? "",
      latestPeriod: scan.periods[scan.periods.length - 1] ?? "",
      active: true,
      variables: scan.dimensions,
    };
  }

  async data(query: Query): Promise<DataResult> {
    const table = query.table.toUpperCase();
    const loaded = await this.load(table);
    const columns = loaded.columns;
    if (columns.rowCount === 0) {
      // A file with its header and no rows: the source lacks the table's data (a page says "Data mangler").
      throw new MirrorGapError(table, this.dir, [{ variable: null, codes: [], reason: "table-empty" }]);
    }
    const { dimensions } = columns;
    for (const name of Object.keys(query.variables)) {
      if (!dimensions.some((d) => d.toUpperCase() === name.toUpperCase())) {
        throw new StatbankQueryError(table, `no variable ${name}; the variables are ${dimensions.join(", ")}`);
      }
    }
    const eliminated = dimensions.filter((d) => !findVariable(query.variables, d));
    if (eliminated.length > 0 && (query.format ?? "BULK") === "BULK") {
      throw new StatbankQueryError(table, `select values for ${eliminated.join(", ")}: BULK requests must name every variable`);
    }
    const stored = await this.storedTableInfo(table);
    const gaps: Gap[] = [];
    const selected = new Map<string, Set<string>>();
    let requestedCells = 1;
    for (const d of dimensions) {
      if (eliminated.includes(d)) {
        // Elimination as the API does it: the variable's total code where it has one, else the sum.
        const values = loaded.values.get(d)!;
        const total = values.find((v) => TOTAL_CODES.has(v.toUpperCase()));
        selected.set(d, new Set(total ? [total] : values));
        continue;
      }
      const specs = query.variables[findVariable(query.variables, d)!];
      const { codes, unmatched } = resolveSelection(d, loaded.values.get(d)!, specs, table);
      selected.set(d, new Set(codes));
      requestedCells *= codes.length + unmatched.filter(isExplicitCode).length;
      if (unmatched.length > 0) {
        const storedVar = stored?.variables.find((v) => v.id.toUpperCase() === d.toUpperCase());
        const known = storedVar ? new Set(storedVar.values.map((v) => danishPeriod(v.id).toUpperCase())) : null;
        const unknown = known ? unmatched.filter((c) => isExplicitCode(c) && !known.has(danishPeriod(c).toUpperCase())) : [];
        const absent = unmatched.filter((c) => !unknown.includes(c));
        if (unknown.length > 0) gaps.push({ variable: d, codes: unknown, reason: "unknown-code" });
        if (absent.length > 0) gaps.push({ variable: d, codes: absent, reason: "not-in-mirror" });
      }
    }
    const picked = selectRows(
      columns,
      dimensions.map((d) => selected.get(d)!),
    );
    const rows: ExtractRow[] = new Array(picked.length);
    for (let k = 0; k < picked.length; k++) rows[k] = rowAt(columns, picked[k]);
    const kept = dimensions.filter((d) => !eliminated.includes(d));
    const absentMeansZero = await this.omitsZeroRows(table);
    if (!absentMeansZero) {
      // The file may hold a code for some combinations only (FOLK1A has 2012K1 for a few areas):
      // a selected code without a single row in this selection is a gap too.
      for (const d of kept) {
        const j = dimensions.indexOf(d);
        const present = presentCodes(columns, j, picked);
        const absent = [...selected.get(d)!].filter((c) => !present.has(c));
        if (absent.length === 0) continue;
        const existing = gaps.find((g) => g.variable === d && g.reason === "not-in-mirror");
        if (existing) existing.codes.push(...absent);
        else gaps.push({ variable: d, codes: absent, reason: "not-in-mirror" });
      }
    }
    return {
      extract: { table, dimensions: kept, rows: eliminated.length > 0 ? sumOver(rows, kept) : rows, source: loaded.source },
      gaps,
      requestedCells,
      absentMeansZero,
    };
  }

  /** Whether the mirror's file for `table` leaves out zero-valued combinations, as BULK does (MANIFEST.format.zero_rows). */
  private async omitsZeroRows(table: string): Promise<boolean> {
    const note = (await this.manifest())?.format?.zero_rows ?? "";
    return new RegExp(`\\b${table}\\b[^.;]*\\bomits zero`, "i").test(note);
  }
}

/** Codes that StatBank tables use for "all" of a variable; "000" is the whole country for areas. */
const TOTAL_CODES = new Set(["TOT", "IALT", "MOK", "000"]);

/** Sum rows over the dimensions not in `kept` (null when any summand is missing). */
function sumOver(rows: ExtractRow[], kept: string[]): ExtractRow[] {
  const groups = new Map<string, ExtractRow>();
  for (const r of rows) {
    const key = kept.map((d) => r.codes[d]).join("\u0000");
    const g = groups.get(key);
    if (!g) groups.set(key, { codes: Object.fromEntries(kept.map((d) => [d, r.codes[d]])), value: r.value });
    else g.value = g.value === null || r.value === null ? null : g.value + r.value;
  }
  return [...groups.values()];
}

function isExplicitCode(spec: string): boolean {
  return !/[*<>()]/.test(spec);
}

// Columns ----------------------------------------------------------------------------------------

/** Each row's index into its variable's codes, in the narrowest array that holds them. */
type CodeColumn = Uint8Array | Uint16Array | Uint32Array;

/**
 * A mirror file in columns. Row i is line i + 2 of the file (a blank line inside the data is an
 * error, so rows and lines never drift apart).
 */
interface ColumnarTable {
  /** Header without INDHOLD, as the parser gives it. */
  dimensions: string[];
  rowCount: number;
  /** Per dimension: its distinct codes in the order first seen. */
  dictionaries: string[][];
  /** Per dimension: each row's index into its dictionary. */
  codes: CodeColumn[];
  /** INDHOLD per row; NaN where the source marks the value missing (no number parses to NaN). */
  values: Float64Array;
  /** The time dimension's position and, per period (index p of its dictionary), its rows in file order: rows[start[p]] … rows[start[p + 1] - 1]. */
  periods: { dimension: number; start: Uint32Array; rows: Uint32Array } | null;
}

/** A code that no field can be (fields are split at ';'): the "previous code" before the first row. */
const NO_CODE = ";";

/**
 * The common file (UTF-8, no quotes, every line with its fields and a number or missing marker)
 * straight into columns, with exactly what parseStatbankCsv gives for it; null for anything else,
 * which the parser then reads (it names the line of an error, or reads what is merely unusual).
 */
function parseColumns(text: string): ColumnarTable | null {
  if (text.includes("\uFFFD")) return null;
  const len = text.length;
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstBreak = text.indexOf("\n", from);
  const headerLine = text.slice(from, firstBreak < 0 ? len : lineEnd(text, from, firstBreak));
  if (/^\s*</.test(headerLine)) return null;
  const header = headerLine.split(";").map((h) => h.trim());
  if (header.length < 2 || header[header.length - 1].toUpperCase() !== "INDHOLD") return null;
  const names = new Set<string>();
  for (const h of header) {
    if (h === "" || names.has(h.toUpperCase())) return null;
    names.add(h.toUpperCase());
  }
  let pos = firstBreak < 0 ? len : firstBreak + 1;
  if (text.indexOf('"', pos) >= 0) return null;
  const dimensions = header.slice(0, -1);
  const width = dimensions.length;
  let capacity = 1;
  for (let at = text.indexOf("\n", pos); at >= 0; at = text.indexOf("\n", at + 1)) capacity++;
  const indices = dimensions.map(() => new Uint32Array(capacity));
  const values = new Float64Array(capacity);
  const dictionaries: string[][] = dimensions.map(() => []);
  const lookup = dimensions.map(() => new Map<string, number>());
  // Files are sorted, so a code is mostly the one of the line above: compared in place, not cut out.
  const lastCode = dimensions.map(() => NO_CODE);
  const lastIndex = dimensions.map(() => -1);
  let n = 0;
  while (pos < len) {
    const lineBreak = text.indexOf("\n", pos);
    const end = lineBreak < 0 ? len : lineEnd(text, pos, lineBreak);
    if (end === pos) {
      // A blank line: only more blank lines may follow (the parser drops them at the end).
      if (!/^(?:\r?\n)*$/.test(text.slice(pos))) return null;
      break;
    }
    let p = pos;
    for (let j = 0; j < width; j++) {
      const semi = text.indexOf(";", p);
      if (semi < 0 || semi >= end) return null;
      const last = lastCode[j];
      let index: number;
      if (semi - p === last.length && text.startsWith(last, p)) index = lastIndex[j];
      else {
        const code = text.slice(p, semi);
        const known = lookup[j].get(code);
        if (known === undefined) {
          index = dictionaries[j].length;
          dictionaries[j].push(code);
          lookup[j].set(code, index);
        } else index = known;
        lastCode[j] = code;
        lastIndex[j] = index;
      }
      indices[j][n] = index;
      p = semi + 1;
    }
    // INDHOLD: whole numbers of up to 15 digits are read here, the rest by parseValue (a ';' left
    // in the field, i.e. too many fields, is neither a number nor a missing marker there).
    let q = p;
    const negative = q < end && text.charCodeAt(q) === 45;
    if (negative) q++;
    const digits = q;
    let whole = 0;
    while (q < end) {
      const c = text.charCodeAt(q) - 48;
      if (c < 0 || c > 9) break;
      whole = whole * 10 + c;
      q++;
    }
    if (q === end && q > digits && q - digits <= 15) values[n] = negative ? -whole : whole;
    else {
      const value = parseValue(text.slice(p, end));
      if (value === undefined) return null;
      values[n] = value === null ? NaN : value;
    }
    n++;
    pos = lineBreak < 0 ? len : lineBreak + 1;
  }
  return columnarTable(dimensions, dictionaries, indices, values, n);
}

/** Where a line ending at the '\n' at `lineBreak` ends: before a '\r' there, as the parser splits on /\r?\n/. */
function lineEnd(text: string, start: number, lineBreak: number): number {
  return lineBreak > start && text.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
}

/** The parser's rows in columns (files the direct reading leaves to the parser). */
function columnsOf(extract: Extract): ColumnarTable {
  const { dimensions, rows } = extract;
  const n = rows.length;
  const indices = dimensions.map(() => new Uint32Array(n));
  const values = new Float64Array(n);
  const dictionaries: string[][] = dimensions.map(() => []);
  const lookup = dimensions.map(() => new Map<string, number>());
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (let j = 0; j < dimensions.length; j++) {
      const code = r.codes[dimensions[j]];
      let index = lookup[j].get(code);
      if (index === undefined) {
        index = dictionaries[j].length;
        dictionaries[j].push(code);
        lookup[j].set(code, index);
      }
      indices[j][i] = index;
    }
    values[i] = r.value === null ? NaN : r.value;
  }
  return columnarTable(dimensions, dictionaries, indices, values, n);
}

function columnarTable(dimensions: string[], dictionaries: string[][], indices: Uint32Array[], values: Float64Array, n: number): ColumnarTable {
  const codes = indices.map((column, j): CodeColumn => {
    const size = dictionaries[j].length;
    const narrow = size <= 0x100 ? new Uint8Array(n) : size <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
    narrow.set(column.subarray(0, n));
    return narrow;
  });
  const time = dimensions.findIndex(isTimeVariable);
  let periods: ColumnarTable["periods"] = null;
  if (time >= 0) {
    const column = codes[time];
    const count = dictionaries[time].length;
    const start = new Uint32Array(count + 1);
    for (let i = 0; i < n; i++) start[column[i] + 1]++;
    for (let p = 0; p < count; p++) start[p + 1] += start[p];
    const next = start.slice(0, count);
    const rows = new Uint32Array(n);
    for (let i = 0; i < n; i++) rows[next[column[i]]++] = i;
    periods = { dimension: time, start, rows };
  }
  return { dimensions, rowCount: n, dictionaries, codes, values: values.slice(0, n), periods };
}

/** Row i as the parser gives it. */
function rowAt(t: ColumnarTable, i: number): ExtractRow {
  const codes: Record<string, string> = {};
  for (let j = 0; j < t.dimensions.length; j++) codes[t.dimensions[j]] = t.dictionaries[j][t.codes[j][i]];
  const value = t.values[i];
  return { codes, value: Number.isNaN(value) ? null : value };
}

/** The whole file as the parser gives it, with each row's line: for validateExtract's message. */
function toExtract(t: ColumnarTable, table: string, source: string): Extract {
  const rows = Array.from({ length: t.rowCount }, (_, i) => rowAt(t, i));
  return { table, dimensions: t.dimensions, rows, source, lines: rows.map((_, i) => i + 2) };
}

/**
 * validateExtract on the whole file, without a row object per row where the file passes: its
 * checks are of each code on its own, of each combination of codes (once only) and of each value
 * with its row's codes, so the file passes when one row per distinct code passes, no combination
 * repeats and the rows whose values are not whole non-negative numbers pass. Where anything may
 * fail, validateExtract runs on every row, as the parser gives them, and throws its own message.
 */
function validateColumns(t: ColumnarTable, table: string, source: string, ctx: ValidationContext): void {
  if (!passes(t, table, source, ctx)) validateExtract(toExtract(t, table, source), ctx);
}

function passes(t: ColumnarTable, table: string, source: string, ctx: ValidationContext): boolean {
  if (t.rowCount === 0) return true;
  // Keys are codes joined by U+0000: a code holding one could make two rows the same key.
  if (t.dictionaries.some((codes) => codes.some((c) => c.includes("\u0000")))) return false;
  const probeRows = Math.max(...t.dictionaries.map((codes) => codes.length));
  const probe: ExtractRow[] = [];
  for (let k = 0; k < probeRows; k++) {
    const codes: Record<string, string> = {};
    t.dimensions.forEach((d, j) => (codes[d] = t.dictionaries[j][k % t.dictionaries[j].length]));
    probe.push({ codes, value: null });
  }
  const accepts = (rows: ExtractRow[]) => {
    try {
      validateExtract({ table, dimensions: t.dimensions, rows, source }, ctx);
      return true;
    } catch {
      return false;
    }
  };
  if (!accepts(probe) || repeatsKey(t)) return false;
  if (!isCountUnit(ctx.unit)) return true;
  const odd: ExtractRow[] = [];
  for (let i = 0; i < t.rowCount; i++) {
    const v = t.values[i];
    if (v < 0 || (!Number.isNaN(v) && !Number.isInteger(v))) odd.push(rowAt(t, i));
  }
  return odd.length === 0 || accepts(odd);
}

/** Whether two rows have the same codes in every dimension. */
function repeatsKey(t: ColumnarTable): boolean {
  const n = t.rowCount;
  const sizes = t.dictionaries.map((codes) => codes.length);
  const space = sizes.reduce((a, b) => a * b, 1);
  if (space < n) return true;
  const stride = sizes.map(() => 1);
  for (let j = sizes.length - 2; j >= 0; j--) stride[j] = stride[j + 1] * sizes[j + 1];
  const key = (i: number) => {
    let k = 0;
    for (let j = 0; j < sizes.length; j++) k += t.codes[j][i] * stride[j];
    return k;
  };
  if (space <= 2 ** 28) {
    const seen = new Uint8Array(Math.ceil(space / 8));
    for (let i = 0; i < n; i++) {
      const k = key(i);
      const bit = 1 << (k & 7);
      if (seen[k >>> 3] & bit) return true;
      seen[k >>> 3] |= bit;
    }
    return false;
  }
  if (space <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = key(i);
    keys.sort();
    for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) return true;
    return false;
  }
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = t.codes.map((c) => c[i]).join(",");
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/** The rows whose code in every dimension is selected, in file order; through the period index when that narrows them. */
function selectRows(t: ColumnarTable, selected: Set<string>[]): Uint32Array {
  const masks = t.dictionaries.map((codes, j) => Uint8Array.from(codes, (c) => (selected[j].has(c) ? 1 : 0)));
  // Only dimensions where something is left out need a look per row.
  const narrowing = masks.map((m, j) => [m, j] as const).filter(([m]) => m.includes(0));
  let candidates: Uint32Array | null = null;
  if (t.periods) {
    const { dimension, start, rows } = t.periods;
    const mask = masks[dimension];
    let count = 0;
    for (let p = 0; p < mask.length; p++) if (mask[p]) count += start[p + 1] - start[p];
    if (count < t.rowCount) {
      candidates = new Uint32Array(count);
      let at = 0;
      let sorted = true;
      for (let p = 0; p < mask.length; p++) {
        if (!mask[p] || start[p] === start[p + 1]) continue;
        if (at > 0 && rows[start[p]] < candidates[at - 1]) sorted = false;
        candidates.set(rows.subarray(start[p], start[p + 1]), at);
        at += start[p + 1] - start[p];
      }
      if (!sorted) candidates.sort();
    }
  }
  const total = candidates ? candidates.length : t.rowCount;
  const out = new Uint32Array(total);
  let kept = 0;
  for (let k = 0; k < total; k++) {
    const i = candidates ? candidates[k] : k;
    let ok = true;
    for (const [mask, j] of narrowing) {
      if (!mask[t.codes[j][i]]) {
        ok = false;
        break;
      }
    }
    if (ok) out[kept++] = i;
  }
  return out.subarray(0, kept);
}

/** The codes of dimension j that the given rows hold. */
function presentCodes(t: ColumnarTable, j: number, rows: Uint32Array): Set<string> {
  const seen = new Uint8Array(t.dictionaries[j].length);
  const column = t.codes[j];
  for (let k = 0; k < rows.length; k++) seen[column[rows[k]]] = 1;
  return new Set(t.dictionaries[j].filter((_, index) => seen[index]));
}

/**
 * What the listing needs of a file without reading its rows as data: the header's variables (as the
 * parser reads them) and the time column's codes, oldest first; null when the header is not one the
 * parser accepts or a field may be quoted (the file is then read in full, which names the problem).
 */
function scanHeaderAndPeriods(bytes: Buffer): { dimensions: string[]; periods: string[] } | null {
  const firstBreak = bytes.indexOf(10);
  let headerLine = bytes.toString("utf8", 0, firstBreak < 0 ? bytes.length : firstBreak);
  if (headerLine.charCodeAt(0) === 0xfeff) headerLine = headerLine.slice(1);
  if (firstBreak >= 0 && headerLine.endsWith("\r")) headerLine = headerLine.slice(0, -1);
  if (headerLine.includes("\uFFFD") || /^\s*</.test(headerLine)) return null;
  const header = headerLine.split(";").map((h) => h.trim());
  if (header.length < 2 || header[header.length - 1].toUpperCase() !== "INDHOLD") return null;
  const names = new Set<string>();
  for (const h of header) {
    if (h === "" || names.has(h.toUpperCase())) return null;
    names.add(h.toUpperCase());
  }
  if (bytes.indexOf(34) >= 0) return null;
  const dimensions = header.slice(0, -1);
  const column = dimensions.findIndex(isTimeVariable);
  if (column < 0 || firstBreak < 0) return { dimensions, periods: [] };
  // The time field of each line: after `column` semicolons, up to the next (never the line's last field).
  const seen = new Set<string>();
  let lastStart = -1;
  let lastEnd = -1;
  const n = bytes.length;
  let i = firstBreak + 1;
  while (i < n) {
    let field = 0;
    let start = column === 0 ? i : -1;
    let end = -1;
    for (; i < n; i++) {
      const b = bytes[i];
      if (b === 10) break;
      if (b === 59) {
        field++;
        if (field === column) start = i + 1;
        else if (field === column + 1 && end < 0) end = i;
      }
    }
    i++;
    if (start < 0 || end < 0) continue;
    if (sameBytes(bytes, lastStart, lastEnd, start, end)) continue;
    seen.add(bytes.toString("utf8", start, end));
    lastStart = start;
    lastEnd = end;
  }
  return { dimensions, periods: [...seen].sort(comparePeriods) };
}

/** Whether bytes[a, aEnd) equal bytes[b, bEnd) (a < 0: no earlier field). Short fields: compared here, not by a call into Buffer. */
function sameBytes(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (a < 0 || aEnd - a !== bEnd - b) return false;
  for (let k = 0; k < aEnd - a; k++) if (bytes[a + k] !== bytes[b + k]) return false;
  return true;
}
