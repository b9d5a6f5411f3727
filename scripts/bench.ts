/**
 * npm run bench: timings of the built site in headless Chromium, and of the same SQL in node DuckDB.
 *
 *   - time to first chart per page, and whether it came before DuckDB-wasm was started
 *   - DuckDB-wasm start-up (instantiate + connect)
 *   - p50/p95 of each analysis query in DuckDB-wasm while the controls change
 *   - the same queries in native DuckDB (node), as a reference
 *
 * Builds the site from STATBANK_MIRROR (default ../shared/statbank) unless BENCH_SKIP_BUILD=1.
 * Prints a table and writes bench-results/bench.json. Timings only: no pass/fail here.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readArrow } from "../loaders/arrow.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../loaders/duck.ts";
import { launchBrowser, openPage, serveDir } from "../test/e2e/browser.ts";

const root = process.cwd();
const MUNICIPALITIES = ["260", "101", "461", "751", "851", "400", "147", "825", "561", "270"];
const AGE_GROUPS = ["i alt", "0-17", "18-24", "25-44", "45-64", "65+"];
// The page's labels for the same groups (Observable Inputs' <option> values are indices).
const AGE_LABELS = ["Alle aldre", "0–17 år (børn)", "18–24 år", "25–44 år (forældrealder)", "45–64 år", "65 år og derover"];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (x: number) => Math.round(x * 10) / 10;

if (process.env.BENCH_SKIP_BUILD !== "1") {
  const env = { ...process.env, STATBANK_MIRROR: process.env.STATBANK_MIRROR || "../shared/statbank" };
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { env, stdio: "ignore" });
  if (r.status !== 0) throw new Error("build failed; run npm run build to see why");
  console.log(`build from the mirror: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// Map each SQL file's first line to its name, to label the browser's measures.
const sqlFiles = readdirSync(join(root, "src/sql")).filter((f) => f.endsWith(".sql"));
const sqlText = Object.fromEntries(sqlFiles.map((f) => [f.replace(/\.sql$/, ""), readFileSync(join(root, "src/sql", f), "utf8")]));
const byFirstLine = new Map(Object.entries(sqlText).map(([name, text]) => [text.trim().split("\n")[0], name]));

const site = await serveDir(join(root, "dist"));
const browser = await launchBrowser();
const results: Record<string, unknown> = { date: new Date().toISOString(), pages: {}, wasm: {}, node: {} };

// Record, from the page's own clock, when the first chart appears and when a Worker (DuckDB) is created.
const probe = `
  window.__bench = { firstChart: null, worker: null };
  const OrigWorker = window.Worker;
  window.Worker = class extends OrigWorker { constructor(...a) { if (window.__bench.worker === null) window.__bench.worker = performance.now(); super(...a); } };
  new MutationObserver(() => {
    if (window.__bench.firstChart === null && document.querySelector("figure.chart-card svg, figure.chart-card table"))
      window.__bench.firstChart = performance.now();
  }).observe(document, { subtree: true, childList: true });
`;

for (const path of ["/", "/befolkning", "/flytninger", "/tilflyttere"]) {
  const runs: { firstChart: number | null; worker: number | null; duckdbStart: number | null }[] = [];
  for (let i = 0; i < 5; i++) {
    const w = await openPage(browser, site.url);
    await w.page.addInitScript(probe);
    await w.page.goto(site.url + path, { waitUntil: "networkidle" });
    await w.page.waitForFunction(() => (window as any).__bench.firstChart !== null, null, { timeout: 15_000 }).catch(() => {});
    await w.page.waitForTimeout(500);
    runs.push(await w.page.evaluate(() => ({ ...(window as any).__bench, duckdbStart: (globalThis as any).__duckdbStartMs ?? null })));
    await w.page.context().close();
  }
  const charted = runs.filter((r): r is typeof r & { firstChart: number } => r.firstChart !== null);
  (results.pages as Record<string, unknown>)[path] = charted.length === 0 ? { firstChartMs: null, beforeDuckDB: null, duckdbStartMs: null } : {
    firstChartMs: { p50: round(percentile(charted.map((r) => r.firstChart!), 50)), max: round(Math.max(...charted.map((r) => r.firstChart!))) },
    beforeDuckDB: charted.every((r) => r.worker === null || r.firstChart < r.worker),
    duckdbStartMs: runs.some((r) => r.duckdbStart !== null) ? round(percentile(runs.filter((r) => r.duckdbStart !== null).map((r) => r.duckdbStart!), 50)) : null,
  };
}

// Query timings in DuckDB-wasm while the controls change on the migration page.
{
  const w = await openPage(browser, site.url);
  await w.page.goto(`${site.url}/flytninger`, { waitUntil: "networkidle" });
  await w.page.waitForSelector("[data-testid=top-origins] tbody tr", { timeout: 30_000 });
  await w.page.evaluate(() => performance.clearMeasures("analysis"));
  for (const area of MUNICIPALITIES) {
    await w.page.locator("select[name=kommune]").selectOption(area);
    for (const label of AGE_LABELS) {
      const before = await w.page.evaluate(() => performance.getEntriesByName("analysis").length);
      await w.page.getByLabel("Aldersgruppe").selectOption({ label });
      await w.page.waitForFunction((n) => performance.getEntriesByName("analysis").length >= n + 5, before, { timeout: 20_000 }).catch(() => {});
    }
  }
  const measures: { sql: string; ms: number }[] = await w.page.evaluate(() =>
    performance.getEntriesByName("analysis").map((m) => ({ sql: (m as PerformanceMeasure).detail.sql, ms: m.duration })),
  );
  const grouped = new Map<string, number[]>();
  for (const m of measures) {
    const name = byFirstLine.get(m.sql) ?? m.sql;
    grouped.set(name, [...(grouped.get(name) ?? []), m.ms]);
  }
  for (const [name, ms] of grouped) (results.wasm as Record<string, unknown>)[name] = { n: ms.length, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)) };
  await w.page.context().close();
}
await browser.close();
await site.close();

// The same SQL in native DuckDB over the same Arrow files, same filters.
{
  const conn = await openDuckDB();
  const dataDir = join(root, "src/.observablehq/cache/data");
  for (const f of readdirSync(dataDir).filter((x) => x.endsWith(".arrow"))) {
    await registerArrow(conn, f.replace(/\.arrow$/, ""), new Uint8Array(readFileSync(join(dataDir, f))));
  }
  const year = Number(readArrow(new Uint8Array(readFileSync(join(dataDir, "migration_totals.arrow")))).meta.sources[0]?.periods.at(-1) ?? 2024);
  const plans: [string, (area: string, group: string) => Record<string, string | number>][] = [
    ["top_flows", (area, group) => ({ area, year, age_group: group })],
    ["flows_by_zone", (area, group) => ({ area, year, age_group: group })],
    ["migration_effectiveness", (area, group) => ({ area, year, age_group: group })],
    ["migration_summary", (area, group) => ({ area, year, age_group: group })],
    ["age_profile", (area) => ({ area, year })],
  ];
  for (const [name, filters] of plans) {
    const ms: number[] = [];
    for (const area of MUNICIPALITIES) for (const group of AGE_GROUPS) {
      const t = performance.now();
      await runAnalysis(conn, sqlText[name], filters(area, group));
      ms.push(performance.now() - t);
    }
    (results.node as Record<string, unknown>)[name] = { n: ms.length, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)) };
  }
}

mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/bench.json", `${JSON.stringify(results, null, 2)}\n`);

console.log("\nPage              first chart p50 (max)   before DuckDB   DuckDB-wasm start");
for (const [path, r] of Object.entries(results.pages as Record<string, any>)) {
  if (r.firstChartMs === null) { console.log(`${path.padEnd(18)}(no chart on this page)`); continue; }
  console.log(`${path.padEnd(18)}${`${r.firstChartMs.p50} ms (${r.firstChartMs.max})`.padEnd(24)}${String(r.beforeDuckDB).padEnd(16)}${r.duckdbStartMs ?? "–"}${r.duckdbStartMs ? " ms" : ""}`);
}
console.log("\nQuery                      wasm n   wasm p50   wasm p95   node p50   node p95");
for (const name of Object.keys(results.wasm as object)) {
  const w = (results.wasm as any)[name];
  const n = (results.node as any)[name] ?? {};
  console.log(`${name.padEnd(27)}${String(w.n).padEnd(9)}${`${w.p50} ms`.padEnd(11)}${`${w.p95} ms`.padEnd(11)}${`${n.p50 ?? "–"} ms`.padEnd(11)}${n.p95 ?? "–"} ms`);
}
console.log("\nwritten to bench-results/bench.json");
