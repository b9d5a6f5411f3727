/**
 * How an analysis in src/sql is run, in the browser (DuckDB-wasm) and in node (tests, benchmarks)
 * alike: every analysis is one SELECT over the datasets, with an `area` column and whatever other
 * columns a page filters on (year, age_group, …). The filter wraps the SQL text unchanged, and
 * DuckDB pushes it down into the query.
 */
export type Filters = Record<string, string | number>;

export function filtered(sql: string, filters: Filters | string): { text: string; params: (string | number)[] } {
  const f: Filters = typeof filters === "string" ? { area: filters } : filters;
  const keys = Object.keys(f);
  for (const k of keys) if (!/^[a-z_][a-z0-9_]*$/.test(k)) throw new Error(`filter column ${JSON.stringify(k)} is not a plain column name`);
  const where = keys.length ? ` WHERE ${keys.map((k) => `"${k}" = ?`).join(" AND ")}` : "";
  return { text: `SELECT * FROM (${sql.trim().replace(/;\s*$/, "")}) AS analysis${where}`, params: keys.map((k) => f[k]) };
}
