/**
 * What a query result is made of, and which quick chart suits it: a line over a year/period
 * column, bars per category, or a map when a column holds municipality codes. Also paging and
 * cell formatting of the result table. Pure functions (tested in node).
 */
import type { ValueKind } from "../arrowTypes.js";
import { formatNumber, formatSigned, isKrColumn, isSignedColumn } from "../../lib/format.js";

export interface ResultColumn {
  name: string;
  kind: ValueKind;
  /** DuckDB's type name, for the table header's title. */
  sqlType?: string;
}

export type Row = Record<string, unknown>;
export type ChartType = "line" | "bar" | "map" | "none";

export interface ColumnRoles {
  /** The year or period column (x of a line chart). */
  period: string | null;
  /** A column of municipality codes (3 digits, as in geography.area). */
  codes: string | null;
  /** Numeric columns that are values (not the period, not codes). */
  values: string[];
  /** Text columns other than the codes (names, groups). */
  categories: string[];
}

const PERIOD_NAME = /^(year|years|aar|år|periode|period|tid|time|month|maaned|måned|quarter|kvartal|dato|date|forecast_year|prognoseaar)$|(_year|_aar|_år)$/i;
const PERIOD_TEXT = /^\d{4}(M\d{2}|[KQ][1-4])?$/;
const CODE_NAME = /^(area|kommune|kommunekode|kode|code|origin|destination|residence|workplace|neighbour|omraade|område)$/i;

/** "2026M01" -> 1 January 2026, "2026K2" -> 1 April 2026, 2024 -> 2024 (years stay numbers). */
export function periodValue(v: unknown): number | Date | null {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return null;
  const m = /^(\d{4})M(\d{2})$/.exec(v);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  const q = /^(\d{4})[KQ]([1-4])$/.exec(v);
  if (q) return new Date(Date.UTC(Number(q[1]), (Number(q[2]) - 1) * 3, 1));
  if (/^\d{4}$/.test(v)) return Number(v);
  return null;
}

function distinct(rows: Row[], column: string): unknown[] {
  return [...new Set(rows.map((r) => r[column]).filter((v) => v !== null && v !== undefined))];
}

function isPeriodColumn(c: ResultColumn, rows: Row[]): boolean {
  const values = distinct(rows, c.name);
  if (values.length === 0) return false;
  if (c.kind === "date" || c.kind === "timestamp") return true;
  if (c.kind === "number") {
    const years = values.every((v) => Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100);
    return years && PERIOD_NAME.test(c.name);
  }
  if (c.kind === "string") return values.every((v) => PERIOD_TEXT.test(String(v))) && (PERIOD_NAME.test(c.name) || values.some((v) => /[MKQ]/.test(String(v))));
  return false;
}

/** As a municipality code ("101"), or null. Numbers 101–860 (a CSV read without quotes) count too. */
export function asCode(v: unknown): string | null {
  if (typeof v === "string") return /^\d{3}$/.test(v) ? v : null;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 1000) return String(v).padStart(3, "0");
  return null;
}

function isCodeColumn(c: ResultColumn, rows: Row[], known: ReadonlySet<string>): boolean {
  if (c.kind !== "string" && c.kind !== "number") return false;
  const values = distinct(rows, c.name);
  if (values.length === 0) return false;
  const codes = values.map(asCode);
  if (codes.some((x) => x === null)) return false;
  const inKnown = codes.filter((x) => known.has(x!)).length;
  // Text codes: most must be municipalities (areas also hold 000 = Denmark, 081–085 = regions).
  // Numbers: every one, and a code-like name, since a count could look like a code by chance.
  if (c.kind === "string") return inKnown >= Math.max(1, values.length / 2);
  return inKnown === values.length && CODE_NAME.test(c.name);
}

export function columnRoles(columns: ResultColumn[], rows: Row[], knownCodes: ReadonlySet<string>): ColumnRoles {
  const period = columns.find((c) => isPeriodColumn(c, rows))?.name ?? null;
  const codeCandidates = columns.filter((c) => c.name !== period && isCodeColumn(c, rows, knownCodes));
  const codes = (codeCandidates.find((c) => CODE_NAME.test(c.name)) ?? codeCandidates[0])?.name ?? null;
  const values = columns.filter((c) => c.kind === "number" && c.name !== period && c.name !== codes).map((c) => c.name);
  const categories = columns.filter((c) => c.kind === "string" && c.name !== period && c.name !== codes).map((c) => c.name);
  return { period, codes, values, categories };
}

export interface ChartChoice {
  available: ChartType[];
  preferred: ChartType;
}

/** The rows of the latest period, when the result has a period column with several values. */
export function latestPeriodRows(rows: Row[], period: string | null): { rows: Row[]; latest: unknown } {
  if (!period) return { rows, latest: null };
  const values = distinct(rows, period);
  if (values.length <= 1) return { rows, latest: values[0] ?? null };
  const key = (v: unknown) => {
    const p = periodValue(v);
    return p instanceof Date ? p.getTime() : typeof p === "number" ? p : String(v);
  };
  const latest = values.reduce((a, b) => (key(b) > key(a) ? b : a));
  return { rows: rows.filter((r) => r[period] === latest), latest };
}

/** One row with several numbers and nothing to group by: a bar per column. */
export function isSummaryRow(roles: ColumnRoles, rows: Row[]): boolean {
  return rows.length === 1 && roles.values.length >= 2 && roles.categories.length === 0 && !roles.codes;
}

/**
 * Which charts fit, and the one to show first: a line when there are two or more periods; a map
 * when there are municipality codes, one row per municipality and at least 20 of them; otherwise
 * bars; nothing when there is no number to draw.
 */
export function chooseChart(roles: ColumnRoles, rows: Row[]): ChartChoice {
  const available: ChartType[] = [];
  if (rows.length === 0 || roles.values.length === 0) return { available: ["none"], preferred: "none" };
  const periods = roles.period ? distinct(rows, roles.period).length : 0;
  if (roles.period && periods >= 2) available.push("line");
  if (roles.categories.length || roles.codes || roles.period || isSummaryRow(roles, rows)) available.push("bar");
  let codeCount = 0;
  if (roles.codes) {
    const latest = latestPeriodRows(rows, roles.period).rows;
    const codes = latest.map((r) => asCode(r[roles.codes!]));
    codeCount = new Set(codes).size;
    if (codeCount === codes.length) available.push("map");
  }
  available.push("none");
  const preferred: ChartType = available.includes("line")
    ? "line"
    : available.includes("map") && codeCount >= 20
      ? "map"
      : available.includes("bar")
        ? "bar"
        : available.includes("map")
          ? "map"
          : "none";
  return { available, preferred };
}

/** The label column for bars and map tooltips: a name beside the codes if there is one. */
export function labelColumn(roles: ColumnRoles): string | null {
  return roles.categories[0] ?? roles.codes ?? roles.period;
}

/** The page of `size` rows numbered `page` (1-based, clamped into range). */
export function pageBounds(total: number, page: number, size: number): { page: number; pages: number; start: number; end: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (p - 1) * size;
  return { page: p, pages, start, end: Math.min(total, start + size) };
}

/** The fewest decimals (up to `max`) that show every value of a column exactly, or `max`. */
export function columnDecimals(values: unknown[], max = 3): number {
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  for (let d = 0; d < max; d++) {
    const f = 10 ** d;
    if (numbers.every((v) => Math.abs(v * f - Math.round(v * f)) < 1e-6 * Math.max(1, Math.abs(v * f)))) return d;
  }
  return max;
}

/** A column that holds years or codes is written without thousands separators. */
export function isPlainNumberColumn(name: string): boolean {
  return PERIOD_NAME.test(name) || CODE_NAME.test(name);
}

/**
 * One cell as text: numbers the Danish way (1.234,5), years and codes as 2024 (`plain`, or by the
 * column's name), dates as 24.11.2026, null as "–". As on the pages, a net or difference column
 * has a sign (+22, −56, ±0) and an amount in kroner is whole (164.289).
 */
export function formatCell(value: unknown, column: ResultColumn, decimals = 0, plain = false): string {
  if (value === null || value === undefined) return "–";
  if (column.kind === "number" && typeof value === "number") {
    if ((plain || isPlainNumberColumn(column.name)) && Number.isInteger(value)) return String(value);
    const d = isKrColumn(column.name) ? 0 : decimals;
    return isSignedColumn(column.name) ? formatSigned(value, d) : formatNumber(value, d);
  }
  if (column.kind === "date" || column.kind === "timestamp") {
    const d = value instanceof Date ? value : typeof value === "number" ? new Date(value) : null;
    if (!d || Number.isNaN(d.getTime())) return String(value);
    const pad = (n: number) => String(n).padStart(2, "0");
    const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
    return column.kind === "date" ? day : `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  if (typeof value === "boolean") return value ? "sand" : "falsk";
  if (typeof value === "object") return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
  return String(value);
}

/** A value for the CSV download: dates as ISO text, lists and structs as JSON, the rest as is. */
export function csvValue(value: unknown, column: ResultColumn): unknown {
  if (value === null || value === undefined) return null;
  if ((column.kind === "date" || column.kind === "timestamp") && typeof value === "number") {
    const iso = new Date(value).toISOString();
    return column.kind === "date" ? iso.slice(0, 10) : iso.replace("T", " ").replace(/\.000Z$|Z$/, "");
  }
  if (typeof value === "object") return formatCell(value, column);
  return value;
}
