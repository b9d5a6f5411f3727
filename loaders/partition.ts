/**
 * A dataset cut into one slice per municipality, for pages that show one municipality's detail
 * (single ages, flows): the page fetches /data/by-area/<dataset>/<area>.arrow for the chosen
 * municipality only. Each slice keeps the dataset's columns, types and provenance; its meta says
 * which slice it is and how many rows the whole dataset has.
 */
import type { ColumnSpec } from "./arrow.ts";
import type { DatasetMeta } from "./provenance.ts";

/** Name of the member that holds the whole dataset (the SQL workbench and "Om data" read it). */
export const WHOLE = "all";

export interface Slice {
  value: string;
  columns: Record<string, ColumnSpec>;
  meta: DatasetMeta;
}

/**
 * Rows a slice carries besides its own, for context (a town's parts in other municipalities): the
 * slice's row numbers given its own, in row order, and what the slice's notes then say.
 */
export interface SliceContext {
  rows: (value: string, own: readonly number[]) => number[];
  note: string;
}

/**
 * One slice per distinct value of `key`, plus an empty slice for each of `always` that has no
 * rows (every municipality gets a file, so a page never meets a missing one). Rows keep their order.
 */
export function partitionColumns(
  columns: Record<string, ColumnSpec>,
  meta: DatasetMeta,
  key: string,
  always: readonly string[] = [],
  context?: SliceContext,
): Slice[] {
  const keyColumn = columns[key];
  if (!keyColumn) throw new Error(`${meta.dataset}: cannot cut by ${key}: no such column (has ${Object.keys(columns).join(", ")})`);
  const rowsOf = new Map<string, number[]>();
  keyColumn.values.forEach((v, i) => {
    if (v === null) throw new Error(`${meta.dataset}: row ${i + 1} has no ${key}, so it belongs to no slice`);
    const k = String(v);
    let list = rowsOf.get(k);
    if (!list) rowsOf.set(k, (list = []));
    list.push(i);
  });
  for (const a of always) if (!rowsOf.has(a)) rowsOf.set(a, []);
  if ([...rowsOf.keys()].includes(WHOLE)) throw new Error(`${meta.dataset}: a ${key} named "${WHOLE}" would overwrite the whole dataset`);
  return [...rowsOf.keys()].sort().map((value) => {
    const rows = context ? context.rows(value, rowsOf.get(value)!) : rowsOf.get(value)!;
    const sliced: Record<string, ColumnSpec> = {};
    for (const [name, c] of Object.entries(columns)) sliced[name] = { type: c.type, values: rows.map((i) => c.values[i]) };
    const notes = context && rows.length > rowsOf.get(value)!.length ? [...(meta.notes ?? []), context.note] : meta.notes;
    return { value, columns: sliced, meta: { ...meta, rows: rows.length, notes, slice: { column: key, value, datasetRows: meta.rows } } };
  });
}
