/**
 * How an analysis in src/sql is run for one area, in the browser (DuckDB-wasm) and in node
 * (tests, benchmarks) alike: every analysis is one SELECT with an `area` column, wrapped here.
 */
export function forArea(sql: string): string {
  return `SELECT * FROM (${sql.trim().replace(/;\s*$/, "")}) AS analysis WHERE area = ?`;
}
