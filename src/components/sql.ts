/**
 * The pages' way to run an analysis from src/sql: the same runAnalysis as db.ts, whose code (and
 * DuckDB-wasm behind it) is loaded with the first query instead of with the page, so nothing of
 * it stands between a page and its first chart.
 */
import type { Filters } from "../lib/analysis.js";
import type { DatasetName } from "./data.js";

export async function runAnalysis<T>(sql: string, datasets: readonly DatasetName[], filters: Filters | string): Promise<T[]> {
  const db = await import("./db.js");
  return db.runAnalysis<T>(sql, datasets, filters);
}
