/**
 * Time one analysis in native DuckDB over the built data cache, for tuning SQL:
 *   npx tsx scripts/time-sql.ts top_flows [top_flows …]
 * (npm run bench measures the browser; this is the quick loop while editing a query.)
 */
import { readFileSync } from "node:fs";
import { wholeDatasetFiles } from "../loaders/datasetFiles.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../loaders/duck.ts";

const conn = await openDuckDB();
const dir = "src/.observablehq/cache/data";
for (const { dataset, path } of wholeDatasetFiles(dir)) await registerArrow(conn, dataset, new Uint8Array(readFileSync(path)));
for (const name of process.argv.slice(2)) {
  const sql = readFileSync(`src/sql/${name}.sql`, "utf8");
  const ms: number[] = [];
  for (const area of ["260", "101", "461", "751", "851", "400", "147", "825", "561", "270"]) {
    for (const age_group of ["i alt", "0-17", "18-24", "25-44", "45-64", "65+"]) {
      const t = performance.now();
      await runAnalysis(conn, sql, name === "age_profile" || name === "families_proxy" ? { area, year: 2024 } : { area, year: 2024, age_group });
      ms.push(performance.now() - t);
    }
  }
  ms.sort((a, b) => a - b);
  console.log(`${name}: p50 ${ms[29].toFixed(1)} ms, p95 ${ms[56].toFixed(1)} ms`);
}
