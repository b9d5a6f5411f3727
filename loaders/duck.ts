/**
 * Native DuckDB (@duckdb/node-api) over the same Arrow files the browser gets, so that the SQL
 * in src/sql runs unchanged at build time, in tests and in benchmarks. Arrow is read with
 * apache-arrow and appended row by row (the arrow extension cannot be downloaded here).
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { tableFromIPC, type Table } from "apache-arrow";
import { filtered, type Filters } from "../src/lib/analysis.ts";

export async function openDuckDB(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:");
  return instance.connect();
}

type SqlType = "VARCHAR" | "SMALLINT" | "INTEGER" | "DOUBLE";

function sqlType(table: Table, name: string): SqlType {
  const type = String(table.schema.fields.find((f) => f.name === name)!.type);
  if (/Utf8|Dictionary/.test(type)) return "VARCHAR";
  if (/Int16|Int8/.test(type)) return "SMALLINT";
  if (/Int32/.test(type)) return "INTEGER";
  return "DOUBLE";
}

/** Create table `name` from Arrow IPC bytes (file or stream format). */
export async function registerArrow(conn: DuckDBConnection, name: string, bytes: Uint8Array): Promise<void> {
  const table = tableFromIPC(bytes);
  const names = table.schema.fields.map((f) => f.name);
  const types = names.map((n) => sqlType(table, n));
  await conn.run(`CREATE OR REPLACE TABLE "${name}" (${names.map((n, i) => `"${n}" ${types[i]}`).join(", ")})`);
  const columns = names.map((n) => table.getChild(n)!.toArray() as ArrayLike<unknown>);
  const appender = await conn.createAppender(name);
  for (let r = 0; r < table.numRows; r++) {
    for (let c = 0; c < names.length; c++) {
      const v = columns[c][r];
      if (v === null || v === undefined) appender.appendNull();
      else if (types[c] === "VARCHAR") appender.appendVarchar(String(v));
      else if (types[c] === "SMALLINT") appender.appendSmallInt(Number(v));
      else if (types[c] === "INTEGER") appender.appendInteger(Number(v));
      else appender.appendDouble(Number(v));
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** Run an analysis file's SQL with filters (an area code or {area, year, …}), exactly as the browser does. */
export async function runAnalysis(conn: DuckDBConnection, sql: string, filters: Filters | string): Promise<Record<string, unknown>[]> {
  const { text, params } = filtered(sql, filters);
  const reader = await conn.runAndReadAll(text, params);
  return reader.getRowObjectsJS().map((row) => {
    const o = row as Record<string, unknown>;
    for (const k of Object.keys(o)) if (typeof o[k] === "bigint") o[k] = Number(o[k]);
    return o;
  });
}
