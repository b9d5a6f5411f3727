/**
 * A query's result as rows for the page, read from the Arrow record batches DuckDB-wasm streams:
 * at most a display cap of them (the full result is read only for the CSV download), and the
 * Danish words for how many there are. Pure functions (tested in node with apache-arrow).
 */
import { sqlTypeName, valueKind, type ArrowType } from "../arrowTypes.js";
import { formatNumber } from "../../lib/format.js";
import type { ResultColumn, Row } from "./infer.js";

/** Rows shown on the page (table, chart) at most; the CSV download runs the query again for all. */
export const DISPLAY_LIMIT = 10_000;

/**
 * Rows a CSV download holds at most: as many as Excel (and LibreOffice) can open below the header
 * row, 2^20 − 1. It also keeps a runaway result from filling the browser's memory.
 */
export const CSV_LIMIT = 1_048_575;

/** What is used of an Arrow record batch or table (apache-arrow 17 in DuckDB-wasm, any later one in node). */
export interface ArrowBatch {
  numRows: number;
  getChildAt(index: number): { get(index: number): unknown } | null;
}
export interface ArrowSchema {
  fields: { name: string; type: ArrowType }[];
}

/** Column names made unique (SELECT a.area, b.area gives area, area_2), with DuckDB's type names. */
export function resultColumns(schema: ArrowSchema): ResultColumn[] {
  const seen = new Map<string, number>();
  return schema.fields.map((f) => {
    const n = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, n);
    return { name: n === 1 ? f.name : `${f.name}_${n}`, kind: valueKind(f.type), sqlType: sqlTypeName(f.type) };
  });
}

/** A value as JS: BIGINT as number, Arrow structs and lists as plain objects and arrays. */
function plainValue(x: unknown): unknown {
  if (typeof x === "bigint") return Number(x);
  if (x !== null && typeof x === "object" && "toJSON" in x) return (x as { toJSON(): unknown }).toJSON();
  return x;
}

/**
 * The first `limit` rows of `batches` as plain objects (every row when limit is Infinity), and
 * whether rows were left out.
 */
export function batchRows(schema: ArrowSchema, batches: readonly ArrowBatch[], limit = Infinity): { columns: ResultColumn[]; rows: Row[]; truncated: boolean } {
  const columns = resultColumns(schema);
  const total = batches.reduce((s, b) => s + b.numRows, 0);
  const n = Math.min(total, limit);
  const rows: Row[] = new Array(n);
  let at = 0;
  for (const batch of batches) {
    const take = Math.min(batch.numRows, n - at);
    if (take <= 0) break;
    const vectors = columns.map((_, j) => batch.getChildAt(j));
    for (let i = 0; i < take; i++) {
      const row: Row = {};
      for (let j = 0; j < columns.length; j++) row[columns[j].name] = plainValue(vectors[j]?.get(i) ?? null);
      rows[at + i] = row;
    }
    at += take;
  }
  return { columns, rows, truncated: total > n };
}

/**
 * How many rows a result has, in Danish: "1 række", "12.345 rækker", or when only the first
 * `shown` were read, "viser de første 10.000 af mindst 10.001 rækker".
 */
export function rowCountText(shown: number, truncated: boolean): string {
  if (truncated) return `viser de første ${formatNumber(shown)} af mindst ${formatNumber(shown + 1)} rækker`;
  return `${formatNumber(shown)} ${shown === 1 ? "række" : "rækker"}`;
}
