/**
 * npm run bench: the built site in headless Chromium, the same SQL in node, and the data sizes,
 * each against a target. The machine is shared and noisy, so page targets are ratios to a
 * reference measured in the same run: a bare Framework page with one Plot chart and no data,
 * which the bench builds itself (scripts/bench/reference.ts).
 *
 *   - full build from the mirror (data cache cleared, as npm run build does)        ≤ 90 s
 *   - time to first chart of every page (and whether it came before DuckDB-wasm)     ≤ 1.3 × reference
 *   - page JavaScript (modules the page loads up front), raw and gzip                ≤ 1.2 × reference
 *   - DuckDB-wasm start-up (instantiate + open + connect)                            reported
 *   - p50/p95 of every SQL analysis in DuckDB-wasm on the whole datasets (workbench)  p95 < 50 ms and ≤ 3 × node
 *   - the same SQL with the same filters in native DuckDB (loaders/duck.ts)          reference for the above
 *   - two analyses in arquero (node), checked row by row against the SQL            reported; mismatch = error
 *   - Arrow vs CSV size per dataset, gzip                                            ≤ 0.4 × CSV
 *
 *   - data bytes a page fetches before its first chart and in all, for one municipality          reported
 *   - switching municipality: picker change → last change of the page (switching.ts)   p95 ≤ 100 ms
 *
 * BENCH_SKIP_BUILD=1 reuses dist/ and the data cache (no build figure); BENCH_RUNS (default 5) page
 * loads per page; BENCH_SWITCHES (default 10) switches per page. Prints a table and writes
 * bench-results/bench.json (or BENCH_OUT). `npm run bench -- --scale full` runs it at scale 1 and on
 * a synthetic full-scale mirror and prints how each figure grows (scripts/bench/scaling.ts).
 *
 * Longer than 400 lines because it is one run with one report: the page measures, the SQL timings
 * and the data sizes are compared with targets in the same table; its helpers are in scripts/bench/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import config from "../observablehq.config.ts";
import { readArrow, toArrowIPC, type ColumnSpec } from "../loaders/arrow.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../loaders/duck.ts";
import { wholeDatasetFiles } from "../loaders/datasetFiles.ts";
import { datasetMeta } from "../loaders/provenance.ts";
import { ANALYSES } from "../src/lib/analyses.ts";
import { surveyGroups } from "../src/lib/survey/groups.ts";
import { importSurvey } from "../src/lib/survey/import.ts";
import { parseSchema } from "../src/lib/survey/schema.ts";
import { launchBrowser, openPage, serveDir } from "../test/e2e/browser.ts";
import { compareRows, loadArquero, migrationSummary, topFlows, type Row } from "./bench/arquero.ts";
import { EXTRA_MODULES, buildReference } from "./bench/reference.ts";
import { arrowVsCsv } from "./bench/sizes.ts";
import { runScaling } from "./bench/scaling.ts";
import { measureSwitching } from "./bench/switching.ts";
import { REF_CHART, SITE_CHART, loadOnce, moduleCost, pageFile, pageJs, percentile, round, splitGap, summarize, type Load } from "./bench/pageLoad.ts";

const root = process.cwd();

// npm run bench -- --scale full|0.x: this bench at scale 1 and at that scale, side by side (scripts/bench/scaling.ts)
{
  const i = process.argv.indexOf("--scale");
  if (i >= 0) {
    const arg = process.argv[i + 1];
    const scale = arg === "full" ? "full" : Number(arg);
    if (scale !== "full" && !(scale > 0 && scale < 1)) throw new Error(`--scale ${arg}: use "full" or a number between 0 and 1`);
    await runScaling(root, scale);
    process.exit(0);
  }
}
const dataDir = join(root, "src/.observablehq/cache/data");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MUNICIPALITIES = ["260", "101", "461", "751", "851", "400", "147", "825", "561", "270"];

const TARGET = { buildS: 90, firstChartRatio: 1.3, pageJsRatio: 1.2, queryP95Ms: 50, queryNodeRatio: 3, arrowCsvGzip: 0.4, switchP95Ms: 100 };
const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 10);

const log = (s: string) => process.stderr.write(`${s}\n`);

interface Check {
  figure: string;
  value: string;
  target: string;
  ratio: number | null;
  pass: boolean | null;
}
const checks: Check[] = [];
function check(figure: string, value: string, target: string, ratio: number | null, pass: boolean | null): void {
  checks.push({ figure, value, target, ratio: ratio === null ? null : round(ratio, 2), pass });
}

const results: Record<string, any> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavgAtStart: loadavg().map((x) => round(x, 2)) },
  runs: RUNS,
  targets: TARGET,
};

// ---------------------------------------------------------------------------------------------
// 1. Full build from the mirror (scripts/build.mjs clears the loader cache first).
if (process.env.BENCH_SKIP_BUILD !== "1") {
  const env = { ...process.env, STATBANK_MIRROR: process.env.STATBANK_MIRROR || "../shared/statbank" };
  log("building the site from the mirror …");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status}); run npm run build to see why\n${r.stderr.slice(-2000)}`);
  const s = (performance.now() - t0) / 1000;
  results.build = { seconds: round(s), mirror: env.STATBANK_MIRROR };
  check("full build from the mirror", `${round(s)} s`, `≤ ${TARGET.buildS} s`, s / TARGET.buildS, s <= TARGET.buildS);
} else {
  results.build = { seconds: null, note: "BENCH_SKIP_BUILD=1: dist/ reused, build not timed" };
  check("full build from the mirror", "not run", `≤ ${TARGET.buildS} s`, null, null);
}
if (!existsSync(join(root, "dist/index.html"))) throw new Error("dist/ has no site: run without BENCH_SKIP_BUILD=1");

// ---------------------------------------------------------------------------------------------
// 2. The reference page, built in a temporary folder.
log("building the reference page …");
const reference = buildReference(root);
results.reference = { buildSeconds: round(reference.buildMs / 1000) };

// ---------------------------------------------------------------------------------------------
// 3. Page JavaScript: the modules a page loads up front (its modulepreload links and inline
// module scripts); each file gzipped on its own, as a server would send it.
const pages: string[] = config.pages.map((p: { path: string }) => p.path);
const refJs = pageJs(reference.dist, "/");
results.pageJs = { reference: refJs, pages: Object.fromEntries(pages.map((p) => [p, pageJs(join(root, "dist"), p)])) };

// ---------------------------------------------------------------------------------------------
// 4. Time to first chart, from the page's own clock (navigation start), and when a Worker
// (DuckDB-wasm) is created. A chart is an <svg> in a chart card or a goal card on the site, and
// any <svg> in the page's <main> on the reference page.
const site = await serveDir(join(root, "dist"));
const refSite = await serveDir(reference.dist);
let browser = await launchBrowser();

log(`first chart: ${RUNS} loads of the reference and of each of ${pages.length} pages …`);
// The reference's twin with EXTRA_MODULES more module files (scripts/bench/reference.ts): what one
// more module file costs the first chart, to split each page's gap to the reference.
const loads = new Map<string, Load[]>([["reference", []], ["/moduler", []], ...pages.map((p) => [p, []] as [string, Load[]])]);
for (let i = 0; i < RUNS; i++) {
  loads.get("reference")!.push(await loadOnce(browser, refSite, "/", REF_CHART));
  loads.get("/moduler")!.push(await loadOnce(browser, refSite, "/moduler", REF_CHART));
  for (const p of pages) loads.get(p)!.push(await loadOnce(browser, site, p, SITE_CHART));
}
const ref = summarize(loads.get("reference")!);
const refModules = summarize(loads.get("/moduler")!);
results.reference = { ...results.reference, ...ref, pageJs: refJs };
results.pages = Object.fromEntries(pages.map((p) => [p, summarize(loads.get(p)!)]));
const refChart = ref.firstChartMs?.p50 ?? Number.NaN;
const perModuleMs = moduleCost(refChart, refModules.firstChartMs?.p50 ?? Number.NaN, EXTRA_MODULES);
results.moduleCost = { extraModules: EXTRA_MODULES, firstChartMs: refModules.firstChartMs, perModuleMs: round(perModuleMs) };
check("reference page: first chart (p50)", `${refChart} ms`, "(reference)", null, null);
check(
  `reference + ${EXTRA_MODULES} module files: first chart (p50)`,
  `${refModules.firstChartMs?.p50} ms, ≈ ${round(perModuleMs)} ms per module file`,
  "(reported)",
  null,
  null,
);
for (const p of pages) {
  const r = results.pages[p];
  if (!r.firstChartMs) {
    check(`first chart ${p}`, "no chart", `≤ ${TARGET.firstChartRatio} × ref`, null, null);
    continue;
  }
  const ratio = r.firstChartMs.p50 / refChart;
  const js = results.pageJs.pages[p];
  r.gapMs = splitGap(r.firstChartMs.p50, refChart, js.files, refJs.files, perModuleMs);
  check(
    `first chart ${p}`,
    `${r.firstChartMs.p50} ms${r.beforeDuckDB ? "" : " (after DuckDB start)"}; gap: ${js.files >= refJs.files ? `${js.files - refJs.files} more` : `${refJs.files - js.files} fewer`} module files ≈ ${r.gapMs.files} ms, rest ${r.gapMs.rest} ms`,
    `≤ ${TARGET.firstChartRatio} × ref, before DuckDB`,
    ratio,
    ratio <= TARGET.firstChartRatio && r.beforeDuckDB,
  );
}
for (const p of pages) {
  const r = results.pages[p];
  check(
    `data bytes ${p} (default municipality): before / total`,
    `${(r.dataBeforeChartBytes / 1024).toFixed(0)} / ${(r.dataTotalBytes / 1024).toFixed(0)} KiB`,
    "(reported; scaling below)",
    null,
    null,
  );
}
const starts = pages.flatMap((p) =>
  loads
    .get(p)!
    .map((r) => r.duckdbStart)
    .filter((x): x is number => x !== null),
);
results.duckdbStart = { n: starts.length, p50: round(percentile(starts, 50)), p95: round(percentile(starts, 95)) };
check("DuckDB-wasm start-up (p50 / p95)", `${results.duckdbStart.p50} / ${results.duckdbStart.p95} ms`, "(reported)", null, null);
check("reference page: JavaScript raw / gzip", `${(refJs.raw / 1024).toFixed(0)} / ${(refJs.gzip / 1024).toFixed(0)} KiB`, "(reference)", null, null);
for (const p of pages) {
  const js = results.pageJs.pages[p];
  const ratio = js.gzip / refJs.gzip;
  check(
    `page JS ${p} raw / gzip`,
    `${(js.raw / 1024).toFixed(0)} / ${(js.gzip / 1024).toFixed(0)} KiB`,
    `gzip ≤ ${TARGET.pageJsRatio} × ref`,
    ratio,
    ratio <= TARGET.pageJsRatio,
  );
}

// ---------------------------------------------------------------------------------------------
// 5. SQL in DuckDB-wasm while the controls change. Every query the page runs leaves a
// performance measure "analysis" with the SQL file's first line and the filters.
const sqlFiles = readdirSync(join(root, "src/sql"))
  .filter((f) => f.endsWith(".sql"))
  .sort();
const sqlText = Object.fromEntries(sqlFiles.map((f) => [f.replace(/\.sql$/, ""), readFileSync(join(root, "src/sql", f), "utf8")]));
const byFirstLine = new Map(Object.entries(sqlText).map(([name, text]) => [text.trim().split("\n")[0], name]));
if (byFirstLine.size !== sqlFiles.length) throw new Error("two SQL files share a first line: the bench cannot tell their timings apart");

interface Measure {
  page: string;
  name: string;
  filters: Record<string, string | number>;
  /** In the page while its controls change: the query as the page waits for it. */
  ms: number;
  /** The same query again through the page's own db module once the page is idle. */
  isolatedMs?: number;
}
const measures: Measure[] = [];

/** What the changes driven on a page asked of it: how many ran SQL and how many the page answered from its cache. */
interface PageChanges {
  changes: number;
  /** changes that ran the page's analyses in DuckDB-wasm (their timings are the measures) */
  sqlRuns: number;
  /** changes the page answered from the results it keeps, without SQL (redrawn, no timing) */
  cacheHits: number;
  /** changes that left the analyses' input as it was (nothing to run or redraw) */
  unchanged: number;
  /** changes that ran another number of analyses than expected, or that the page did not answer in 30 s */
  unexpected: string[];
}

/**
 * Open a page, wait for `ready`, then let `drive` change its controls with `change(act, expect)`.
 * A page may keep its results per input (/praeferencer: per file and weights), so a change runs
 * SQL only for an input the page has not seen. A change is done when the page has redrawn `ready`
 * (it took the change) and then, unless `expect()` (asked once `ready` is redrawn) says the input is
 * as it was (null), the element `answered` finds (an expression evaluated in the page), which the page
 * draws from the analyses' results once they are all in, whether run or taken from its cache; and
 * then the page is idle. `expect()` also says how many analyses the change should run (0: from the
 * cache); a change that runs another number is reported. So no change waits for SQL that the page
 * need not run, and the timings are those of real runs only (a cache hit leaves no measure).
 * Every analysis the page ran is then run once more, in the same order and
 * with the same filters, through the page's own src/components/db.ts (same DuckDB-wasm instance,
 * same prepared statements) while nothing else happens on the page: the in-page figure includes
 * the wait for the main thread, which is busy drawing the charts of the previous change.
 */
async function onPage(
  path: string,
  ready: string,
  answered: string,
  drive: (page: Page, change: (act: () => Promise<unknown>, expect: () => Promise<number | null>) => Promise<void>) => Promise<void>,
): Promise<PageChanges> {
  const w = await openPage(browser, site.url);
  await w.page.goto(site.url + path, { waitUntil: "networkidle" });
  await w.page.waitForSelector(ready, { timeout: 60_000 });
  const idle = () => w.page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(null), { timeout: 3000 })));
  // (the in-page code as strings: tsx would wrap named helpers in a __name() the page lacks)
  const readyNow = `document.querySelector(${JSON.stringify(ready)})`;
  const answeredNow = `(${answered})`;
  await w.page.waitForFunction(`${answeredNow} !== null`, null, { timeout: 60_000 }).catch(() => log(`  ${path}: no ${answered} on load`));
  await idle();
  const count = () => w.page.evaluate(() => performance.getEntriesByName("analysis").length);
  await w.page.evaluate(() => performance.clearMeasures("analysis"));
  const tally: PageChanges = { changes: 0, sqlRuns: 0, cacheHits: 0, unchanged: 0, unexpected: [] };
  const note = (s: string) => {
    tally.unexpected.push(s);
    log(`  ${path}: ${s}`);
  };
  const change = async (act: () => Promise<unknown>, expect: () => Promise<number | null>) => {
    const n = tally.changes++;
    const base = await count();
    await w.page.evaluate(`window.__benchBefore = { ready: ${readyNow}, answered: ${answeredNow} }`);
    await act();
    await w.page
      .waitForFunction(`${readyNow} !== null && ${readyNow} !== window.__benchBefore.ready`, null, { timeout: 30_000 })
      .catch(() => note(`change ${n}: ${ready} not redrawn in 30 s`));
    const expected = await expect();
    if (expected !== null)
      await w.page
        .waitForFunction(`${answeredNow} !== null && ${answeredNow} !== window.__benchBefore.answered`, null, { timeout: 30_000 })
        .catch(() => note(`change ${n}: results not redrawn in 30 s`));
    await idle();
    const ran = (await count()) - base;
    if (expected === null) tally.unchanged++;
    else if (ran > 0) tally.sqlRuns++;
    else tally.cacheHits++;
    if (ran !== (expected ?? 0)) note(`change ${n}: ${ran} analyses, ${expected ?? 0} expected${expected === 0 ? " (from the page's cache)" : ""}`);
  };
  await drive(w.page, change);
  const got: { sql: string; filters: Record<string, string | number> | string; ms: number }[] = await w.page.evaluate(() =>
    performance
      .getEntriesByName("analysis")
      .map((m) => ({ sql: (m as PerformanceMeasure).detail.sql, filters: (m as PerformanceMeasure).detail.filters, ms: m.duration })),
  );
  const mine = got.map((m) => ({
    page: path,
    name: byFirstLine.get(m.sql) ?? m.sql,
    filters: typeof m.filters === "string" ? { area: m.filters } : m.filters,
    ms: m.ms,
  }));
  const isolated: number[] = await w.page.evaluate(
    async (runs) => {
      // db.ts is loaded with the page's first query (not preloaded): find the module it fetched.
      const url = performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .find((n) => /\/components\/db\.[0-9a-f]+\.js$/.test(n))!;
      const db = await import(url);
      const out: number[] = [];
      for (const r of runs) {
        const t0 = performance.now();
        await db.runAnalysis(r.sql, [], r.filters);
        out.push(performance.now() - t0);
      }
      return out;
    },
    mine.map((m) => ({ sql: sqlText[m.name], filters: m.filters })),
  );
  mine.forEach((m, i) => measures.push({ ...m, isolatedMs: isolated[i] }));
  if (w.consoleErrors.length) log(`  ${path}: ${w.consoleErrors.join("; ")}`);
  await w.page.context().close();
  return tally;
}

log("SQL in DuckDB-wasm on the whole datasets (the SQL workbench) …");
await browser.close();
browser = await launchBrowser();
// The pages show these analyses from results computed at build time (loaders/analysisResults.ts);
// DuckDB-wasm runs them on the SQL workbench, over the whole datasets: measured there, with the
// filters a page would use (every municipality of the list, age group and the newest year).
{
  const whole = new Map(wholeDatasetFiles(dataDir).map((d) => [d.dataset, d.path]));
  const newest = (name: string) => readArrow(new Uint8Array(readFileSync(whole.get(name)!))).meta.sources[0]?.periods.at(-1);
  const year = Number(newest("migration_totals") ?? 2024);
  const commutingYear = Number(newest("commuting") ?? year);
  const groups = ["i alt", "0-17", "18-24", "25-44", "45-64", "65+"];
  const runs: { name: string; filters: Record<string, string | number> }[] = [];
  for (const area of MUNICIPALITIES) {
    for (const age_group of groups)
      for (const name of ["top_flows", "flows_by_zone", "migration_effectiveness", "migration_summary"])
        runs.push({ name, filters: { area, year, age_group } });
    runs.push({ name: "age_profile", filters: { area, year } });
    runs.push({ name: "families_proxy", filters: { area } });
    runs.push({ name: "net_migration_rate", filters: { area } });
    runs.push({ name: "commuting_summary", filters: { area, year: commutingYear } });
    runs.push({ name: "commuting_destinations", filters: { area, year: commutingYear } });
    runs.push({ name: "commuting_distance_compare", filters: { area } });
  }
  const w = await openPage(browser, site.url);
  await w.page.goto(`${site.url}/arbejdsbord`, { waitUntil: "networkidle" });
  const timed: number[] = await w.page.evaluate(
    async ({ runs, analyses }) => {
      const url = performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .find((n) => /\/components\/db\.[0-9a-f]+\.js$/.test(n))!;
      const db = await import(url);
      // the whole datasets, as the workbench registers them
      for (const name of new Set(runs.flatMap((r: { name: string }) => analyses[r.name].datasets))) await db.registerDataset(name);
      const out: number[] = [];
      for (const r of runs) {
        const t0 = performance.now();
        await db.runAnalysis(analyses[r.name].sql, analyses[r.name].datasets, r.filters);
        out.push(performance.now() - t0);
      }
      return out;
    },
    { runs, analyses: Object.fromEntries(Object.entries(ANALYSES).map(([n, a]) => [n, { datasets: a.datasets, sql: sqlText[n] }])) },
  );
  runs.forEach((r, i) => measures.push({ page: "/arbejdsbord", name: r.name, filters: r.filters, ms: timed[i], isolatedMs: timed[i] }));
  if (w.consoleErrors.length) log(`  /arbejdsbord: ${w.consoleErrors.join("; ")}`);
  await w.page.context().close();
}
// /praeferencer runs its survey analyses (src/sql/survey_*.sql) once per file and weights and keeps
// the results (surveyRuns in src/praeferencer.md); the weights follow the municipality only in the
// weighted view, and an unchanged weighting runs and redraws nothing. So the timed changes are the
// weighted view and then each municipality of the list in it: new weights each time, a real run.
// Then back to the unweighted view, the weighted one and the first municipality, which the page has
// seen and takes from its cache: counted as updates, with no timing. What a change should run
// follows from the weighting the page shows once it has taken the change (raked, or unweighted
// when raking is not possible for that municipality).
{
  log("SQL in DuckDB-wasm while /praeferencer's controls change …");
  const started = performance.now();
  const SURVEY_ANALYSES = 4;
  const seen = new Set(["uvejet"]); // the view the page opens with, run on load
  let current = "uvejet";
  const changes = await onPage(
    "/praeferencer",
    "[data-testid=weighting]",
    `[...document.querySelectorAll("#observablehq-main figure.chart-card")].find((f) => f.querySelector(".card-title")?.textContent.startsWith("Andel, der er enige")) ?? null`,
    async (page, change) => {
      const picker = page.locator("select[name=kommune]");
      let area = await picker.inputValue();
      const expect = async () => {
        const raked = /designeffekt/.test((await page.getByTestId("weighting").textContent()) ?? "");
        const key = raked ? `vejet ${area}` : "uvejet";
        const n = key === current ? null : seen.has(key) ? 0 : SURVEY_ANALYSES;
        seen.add(key);
        current = key;
        return n;
      };
      const view = (label: string) => change(() => page.getByLabel(label).check(), expect);
      const to = (code: string) =>
        change(async () => {
          area = code;
          await picker.selectOption(code);
        }, expect);
      const first = area;
      await view("Vejet til befolkningen");
      for (const code of MUNICIPALITIES.filter((c) => c !== first)) await to(code);
      await view("Uvejet");
      await view("Vejet til befolkningen");
      await to(first);
    },
  );
  results.pageChanges = { "/praeferencer": changes };
  log(
    `  /praeferencer: ${changes.changes} changes: ${changes.sqlRuns} ran the survey analyses, ${changes.cacheHits} taken from the page's cache, ${changes.unchanged} unchanged, in ${round((performance.now() - started) / 1000)} s${changes.unexpected.length ? `; ${changes.unexpected.length} not as expected` : ""}`,
  );
}
// ---------------------------------------------------------------------------------------------
// 5b. Switching municipality: from the picker's change to the last change of the page's content
// (scripts/bench/switching.ts), SWITCHES times per page, each to the next municipality in the list.
log(`switching municipality: ${SWITCHES} switches on each page with a picker …`);
await browser.close();
browser = await launchBrowser();
results.switching = {};
for (const p of pages) {
  const html = readFileSync(pageFile(join(root, "dist"), p), "utf8");
  if (!/kommuneSelect/.test(html) || p === "/arbejdsbord") continue; // (the workbench picker only fills in a query)
  const runs = await measureSwitching(browser, site, p, MUNICIPALITIES[0], SWITCHES);
  const ms = runs.map((r) => r.ms);
  const failed = runs.filter((r) => r.mutations === 0).length;
  const q = { n: runs.length, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), max: round(Math.max(...ms)), failed, runs };
  results.switching[p] = q;
  check(
    `switch municipality ${p}: p95 (p50)`,
    `${q.p95} ms (${q.p50}); max ${q.max}${failed ? `; ${failed} without change` : ""}`,
    `≤ ${TARGET.switchP95Ms} ms`,
    q.p95! / TARGET.switchP95Ms,
    q.p95! <= TARGET.switchP95Ms && failed === 0,
  );
}
await browser.close();
await site.close();
await refSite.close();

// ---------------------------------------------------------------------------------------------
// 6. The same SQL with the same filters, in the same order, in native DuckDB over the same Arrow
// files; the survey analyses over the example survey as the page registers it (unweighted).
log("the same SQL in node DuckDB …");
const conn = await openDuckDB();
const datasetPaths = new Map(wholeDatasetFiles(dataDir).map((d) => [d.dataset, d.path]));
const arrowBytes = (name: string) => new Uint8Array(readFileSync(datasetPaths.get(name) ?? join(dataDir, `${name}.arrow`)));
for (const name of datasetPaths.keys()) await registerArrow(conn, name, arrowBytes(name));
{
  const table = async (name: string, columns: Record<string, ColumnSpec>) =>
    registerArrow(
      conn,
      name,
      toArrowIPC(columns, datasetMeta({ dataset: name, title: name, sources: [], rows: Object.values(columns)[0].values.length, columns: {} })),
    );
  const schema = parseSchema(JSON.parse(readFileSync(join(root, "data/survey/schema.json"), "utf8")));
  const survey = importSurvey(new Uint8Array(readFileSync(join(root, "data/survey/eksempel.csv"))), schema, "eksempel.csv");
  const ids = survey.respondents.map((r) => r.id);
  const groups = surveyGroups(ids, survey.memberships).rows;
  const s = (values: (string | null)[]): ColumnSpec => ({ type: "string", values });
  await table("survey_respondents", { respondent: s(ids), weight: { type: "float64", values: survey.respondents.map((r) => r.weight ?? 1) } });
  await table("survey_answers", {
    respondent: s(survey.answers.map((a) => a.respondent)),
    item: s(survey.answers.map((a) => a.item)),
    value: { type: "int16", values: survey.answers.map((a) => a.value) },
  });
  await table("survey_groups", {
    respondent: s(groups.map((g) => g.respondent)),
    variable: s(groups.map((g) => g.variable)),
    group_value: s(groups.map((g) => g.group_value)),
  });
  await table("survey_choices", {
    respondent: s(survey.choices.map((c) => c.respondent)),
    question: s(survey.choices.map((c) => c.question)),
    choice: s(survey.choices.map((c) => c.choice)),
  });
  const scaleMax = (item: (typeof schema.items)[number]) => Math.max(...Object.keys(schema.scales[item.scale]).map(Number));
  await table("survey_items", {
    item: s(schema.items.map((i) => i.column)),
    label: s(schema.items.map((i) => i.label)),
    scale: s(schema.items.map((i) => i.scale)),
    scale_max: { type: "int16", values: schema.items.map(scaleMax) },
    topic: s(schema.items.map((i) => i.topic ?? null)),
    role: s(schema.items.map((i) => (i.scale === "vigtighed" ? "importance" : i.scale === "tilfredshed" ? "satisfaction" : null))),
  });
}
const nodeMeasures: (Measure & { rows: number })[] = [];
for (const m of measures) {
  const t = performance.now();
  const rows = await runAnalysis(conn, sqlText[m.name], m.filters);
  nodeMeasures.push({ ...m, ms: performance.now() - t, rows: rows.length });
}

// One line per analysis and set of filter columns (top_flows filtered by area, year and age group
// on the migration page is another query than top_flows by area and year on the mover page).
const keyOf = (m: Measure) => `${m.name} (${Object.keys(m.filters).join(", ") || "no filter"})`;
const queries: Record<string, any> = {};
for (const key of [...new Set(measures.map(keyOf))]) {
  const inPage = measures.filter((m) => keyOf(m) === key).map((m) => m.ms);
  const wasm = measures.filter((m) => keyOf(m) === key).map((m) => m.isolatedMs!);
  const node = nodeMeasures.filter((m) => keyOf(m) === key).map((m) => m.ms);
  const q = {
    pages: [...new Set(measures.filter((m) => keyOf(m) === key).map((m) => m.page))],
    n: wasm.length,
    wasm: { p50: round(percentile(wasm, 50)), p95: round(percentile(wasm, 95)) },
    wasmInPage: { p50: round(percentile(inPage, 50)), p95: round(percentile(inPage, 95)) },
    node: { p50: round(percentile(node, 50)), p95: round(percentile(node, 95)) },
  };
  queries[key] = q;
  const ratio = q.wasm.p95! / q.node.p95!;
  check(
    `SQL ${key}: wasm p95 (p50)`,
    `${q.wasm.p95} ms (${q.wasm.p50}); in page ${q.wasmInPage.p95} (${q.wasmInPage.p50}); node ${q.node.p95} (${q.node.p50}); n ${q.n}`,
    `< ${TARGET.queryP95Ms} ms, ≤ ${TARGET.queryNodeRatio} × node`,
    ratio,
    q.wasm.p95! < TARGET.queryP95Ms && ratio <= TARGET.queryNodeRatio,
  );
}
for (const name of Object.keys(sqlText)) {
  if (!measures.some((m) => m.name === name)) {
    queries[name] = { n: 0, note: "not run by any page on this data (its input is empty in the mirror)" };
    check(`SQL ${name}`, "not run (no data)", `< ${TARGET.queryP95Ms} ms, ≤ ${TARGET.queryNodeRatio} × node`, null, null);
  }
}
results.queries = queries;

// ---------------------------------------------------------------------------------------------
// 7. arquero: top_flows and migration_summary over the same Arrow files, same filters, in node.
log("arquero …");
{
  const t = loadArquero((name) => arrowBytes(name));
  const year = Number(readArrow(arrowBytes("migration_totals")).meta.sources[0]?.periods.at(-1) ?? 2024);
  const groups = ["i alt", "0-17", "18-24", "25-44", "45-64", "65+"];
  const out: Record<string, any> = {};
  const mismatches: string[] = [];
  for (const [name, run, key, tolerance] of [
    ["top_flows", topFlows, "counterpart", 1e-9],
    ["migration_summary", migrationSummary, "age_group", 0.0051],
  ] as const) {
    const aqMs: number[] = [];
    const sqlMs: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      for (const area of MUNICIPALITIES) {
        for (const age_group of groups) {
          const f = { area, year, age_group };
          let t0 = performance.now();
          const mine = run(t, f);
          aqMs.push(performance.now() - t0);
          t0 = performance.now();
          const sql = await runAnalysis(conn, sqlText[name], f);
          sqlMs.push(performance.now() - t0);
          if (rep === 0) for (const p of compareRows(sql as Row[], mine, key, tolerance)) mismatches.push(`${name} ${area} ${age_group}: ${p}`);
        }
      }
    }
    out[name] = {
      n: aqMs.length,
      arquero: { p50: round(percentile(aqMs, 50)), p95: round(percentile(aqMs, 95)) },
      nodeDuckDB: { p50: round(percentile(sqlMs, 50)), p95: round(percentile(sqlMs, 95)) },
    };
    const same = !mismatches.some((m) => m.startsWith(`${name} `));
    check(
      `arquero ${name} p95 (p50), node DuckDB p95`,
      `${out[name].arquero.p95} ms (${out[name].arquero.p50}), ${out[name].nodeDuckDB.p95} ms`,
      "same rows as SQL",
      out[name].arquero.p95 / out[name].nodeDuckDB.p95,
      same,
    );
  }
  out.mismatches = mismatches;
  results.arquero = out;
  if (mismatches.length) {
    log(`\n!!!!!!!! arquero and SQL DISAGREE (${mismatches.length} differences) !!!!!!!!`);
    for (const m of mismatches.slice(0, 30)) log(`  ${m}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 8. Arrow vs CSV per dataset.
const sizes = arrowVsCsv(dataDir);
results.sizes = sizes;
for (const s of sizes) {
  const ratio = s.arrowGzip / s.csvGzip;
  const value = `Arrow ${(s.arrow / 1024).toFixed(1)} / gz ${(s.arrowGzip / 1024).toFixed(1)} KiB, CSV ${(s.csv / 1024).toFixed(1)} / gz ${(s.csvGzip / 1024).toFixed(1)} KiB; w/o provenance ${(s.arrowGzipWithoutMetadata / s.csvGzip).toFixed(2)}`;
  check(`size ${s.dataset} (${s.rows} rows)`, value, `gzip ≤ ${TARGET.arrowCsvGzip} × CSV`, ratio, s.rows === 0 ? null : ratio <= TARGET.arrowCsvGzip);
}
{
  const a = sizes.reduce((x, s) => x + s.arrowGzip, 0);
  const c = sizes.reduce((x, s) => x + s.csvGzip, 0);
  check(
    "size, all datasets",
    `Arrow gz ${(a / 1024).toFixed(1)} KiB, CSV gz ${(c / 1024).toFixed(1)} KiB`,
    `gzip ≤ ${TARGET.arrowCsvGzip} × CSV`,
    a / c,
    a / c <= TARGET.arrowCsvGzip,
  );
}

rmSync(reference.dir, { recursive: true, force: true });
results.machine.loadavgAtEnd = loadavg().map((x) => round(x, 2));
results.checks = checks;
// BENCH_OUT: where the figures go (the scaling run writes one file per scale)
const out = process.env.BENCH_OUT ?? "bench-results/bench.json";
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

// ---------------------------------------------------------------------------------------------
const width = Math.max(...checks.map((c) => c.figure.length)) + 2;
const valueWidth = Math.max(...checks.map((c) => c.value.length)) + 2;
const targetWidth = Math.max(...checks.map((c) => c.target.length)) + 2;
console.log(`\n${"figure".padEnd(width)}${"value".padEnd(valueWidth)}${"target".padEnd(targetWidth)}${"ratio".padEnd(8)}result`);
console.log("-".repeat(width + valueWidth + targetWidth + 14));
for (const c of checks) {
  console.log(
    `${c.figure.padEnd(width)}${c.value.padEnd(valueWidth)}${c.target.padEnd(targetWidth)}${(c.ratio === null ? "" : c.ratio.toFixed(2)).padEnd(8)}${c.pass === null ? "" : c.pass ? "PASS" : "MISS"}`,
  );
}
const scored = checks.filter((c) => c.pass !== null);
console.log(
  `\n${scored.filter((c) => c.pass).length} of ${scored.length} targets met; load average ${results.machine.loadavgAtStart.join(" ")} at start, ${results.machine.loadavgAtEnd.join(" ")} at end (${results.machine.cpus} CPUs)`,
);
console.log(`written to ${out}`);
