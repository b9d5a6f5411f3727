/**
 * Tidy columns -> Arrow IPC (stream format, which DuckDB-wasm reads directly), with the dataset's provenance in the schema metadata
 * under the key "provenance" so that a page can say where every number came from. Strings are
 * dictionary-encoded: municipality and period codes repeat, and the browser downloads less.
 */
import { rename, rm, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  Bool,
  Dictionary,
  Float64,
  Int8,
  Int16,
  Int32,
  Schema,
  Table,
  Utf8,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from "apache-arrow";
import type { DatasetMeta } from "./provenance.ts";

export type ColumnType = "string" | "int16" | "int32" | "float64" | "bool";

export interface ColumnSpec {
  type: ColumnType;
  values: ReadonlyArray<string | number | boolean | null>;
}

function arrowType(type: ColumnType, values: ReadonlyArray<string | number | boolean | null>): DataType {
  switch (type) {
    case "string": {
      // An empty column is plain Utf8: readers (DuckDB-wasm, flechette) fail on a stream that
      // declares a dictionary and never sends one.
      if (values.length === 0) return new Utf8();
      // The smallest index type that fits the number of distinct strings.
      const distinct = new Set(values).size;
      return new Dictionary(new Utf8(), distinct < 128 ? new Int8() : distinct < 32768 ? new Int16() : new Int32());
    }
    // A whole number outside the integer type's range (or a fraction) is carried as float64,
    // which holds integers exactly up to 2^53: never wrapped into a wrong number.
    case "int16":
      return fits(values, 32767) ? new Int16() : new Float64();
    case "int32":
      return fits(values, 2147483647) ? new Int32() : new Float64();
    case "float64":
      return new Float64();
    case "bool":
      return new Bool();
  }
}

function fits(values: ReadonlyArray<string | number | boolean | null>, max: number): boolean {
  return values.every((v) => v === null || (typeof v === "number" && Number.isInteger(v) && v <= max && v >= -max - 1));
}

/** Build an Arrow table from named columns of equal length; provenance goes into the schema metadata. */
export function toArrowTable(columns: Record<string, ColumnSpec>, meta: DatasetMeta): Table {
  const names = Object.keys(columns);
  const lengths = new Set(names.map((n) => columns[n].values.length));
  if (lengths.size > 1) {
    throw new Error(`${meta.dataset}: columns differ in length (${names.map((n) => `${n}=${columns[n].values.length}`).join(", ")})`);
  }
  const vectors: Record<string, Vector> = {};
  for (const name of names) {
    const { type, values } = columns[name];
    if (type === "bool") {
      const bad = values.findIndex((v) => v !== null && typeof v !== "boolean");
      if (bad >= 0) throw new Error(`${meta.dataset}: column ${name} row ${bad + 1} is not true or false: ${JSON.stringify(values[bad])}`);
    } else if (type !== "string") {
      const bad = values.findIndex((v) => v !== null && (typeof v !== "number" || !Number.isFinite(v)));
      if (bad >= 0) throw new Error(`${meta.dataset}: column ${name} row ${bad + 1} is not a number: ${JSON.stringify(values[bad])}`);
    }
    vectors[name] = vectorFromArray(values as unknown[], arrowType(type, values));
  }
  const table = new Table(vectors);
  const schema = new Schema(table.schema.fields, new Map([["provenance", JSON.stringify(meta)]]));
  return new Table(schema, table.batches);
}

export function toArrowIPC(columns: Record<string, ColumnSpec>, meta: DatasetMeta): Uint8Array {
  return tableToIPC(toArrowTable(columns, meta), "stream");
}

/** Read provenance back from an IPC buffer (tests and tools). */
export function readArrow(bytes: Uint8Array): { table: Table; meta: DatasetMeta } {
  const table = tableFromIPC(bytes);
  const json = table.schema.metadata.get("provenance");
  if (!json) throw new Error("Arrow file has no provenance metadata");
  return { table, meta: JSON.parse(json) as DatasetMeta };
}

/**
 * Write bytes to stdout in one piece (a Framework data loader's output). Everything is computed
 * before the first byte is written, so a failing loader never leaves half a file: Framework then
 * keeps the last good output.
 */
export async function writeStdout(bytes: Uint8Array | string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    process.stdout.write(bytes, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Write a file atomically: to a temporary name beside it, then rename. A failure is the OS's own
 * error (EACCES, ENOSPC, …, naming the path): the temporary file is written with writeFile, which
 * rejects when it cannot be created (a write stream's end callback ran even then, and the rename
 * that followed reported ENOENT instead). Removing the temporary file never hides that error.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw e;
  }
}
