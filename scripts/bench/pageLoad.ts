/**
 * One page of the built site in headless Chromium, as the bench measures it: the JavaScript it
 * loads up front, and one load's time to first chart with the data bytes fetched before it and
 * in all. Shared by npm run bench (scripts/bench.ts) and npm run bench:pages (a quick look at a
 * few pages while working on them).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { openPage, type StaticSite } from "../../test/e2e/browser.ts";

const log = (s: string) => process.stderr.write(`${s}\n`);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
export const round = (x: number, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

export function pageFile(dist: string, path: string): string {
  return join(dist, path === "/" ? "index.html" : `${path.replace(/^\//, "")}.html`);
}
export function pageJs(dist: string, path: string): { raw: number; gzip: number; files: number } {
  const htmlFile = pageFile(dist, path);
  const html = readFileSync(htmlFile, "utf8");
  let raw = 0;
  let gzip = 0;
  let files = 0;
  for (const m of html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)) {
    const bytes = readFileSync(resolve(dirname(htmlFile), m[1]));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    files++;
  }
  for (const m of html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) {
    const bytes = Buffer.from(m[1]);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    files++;
  }
  return { raw, gzip, files };
}

export const SITE_CHART = "#observablehq-main figure.chart-card svg, #observablehq-main .goal-card svg";
export const REF_CHART = "#observablehq-main svg";
const probe = (selector: string) => `
  window.__bench = { firstChart: null, worker: null };
  const OrigWorker = window.Worker;
  window.Worker = class extends OrigWorker { constructor(...a) { if (window.__bench.worker === null) window.__bench.worker = performance.now(); super(...a); } };
  const look = () => { if (window.__bench.firstChart === null && document.querySelector(${JSON.stringify(selector)})) window.__bench.firstChart = performance.now(); };
  new MutationObserver(look).observe(document, { subtree: true, childList: true });
`;

export interface Load {
  firstChart: number | null;
  worker: number | null;
  duckdbStart: number | null;
  jsLoaded: number;
  /** Bytes of data files (datasets, per-municipality files, JSON) fetched before the first chart and in all, for the one municipality the page opened with. */
  dataBeforeChart: number;
  dataTotal: number;
}

export async function loadOnce(browser: Browser, site: StaticSite, path: string, selector: string): Promise<Load> {
  const w = await openPage(browser, site.url);
  const jsBytes: number[] = [];
  w.page.on("response", (r) => {
    if (/\.js(\?|$)/.test(r.url()))
      r.body().then(
        (b) => jsBytes.push(b.length),
        () => undefined,
      );
  });
  await w.page.addInitScript(probe(selector));
  await w.page.goto(site.url + path, { waitUntil: "load" });
  await w.page.waitForFunction(() => (window as any).__bench.firstChart !== null, null, { timeout: 20_000 }).catch(() => undefined);
  await w.page.waitForLoadState("networkidle").catch(() => undefined);
  // a page that starts DuckDB-wasm: wait for its start-up figure
  if (await w.page.evaluate(() => (window as any).__bench.worker !== null)) {
    await w.page.waitForFunction(() => (globalThis as any).__duckdbStartMs !== undefined, null, { timeout: 60_000 }).catch(() => undefined);
  }
  const r = await w.page.evaluate(() => {
    const b = (window as any).__bench;
    // every data file: /_file/data/… (datasets, JSON) and /data/by-area/… (one municipality's files)
    const data = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((e) =>
      /\/_file\/data\/|\/data\/by-area\//.test(new URL(e.name).pathname),
    );
    // (no named helper functions in here: tsx would wrap them in a __name() the page lacks)
    return {
      ...b,
      duckdbStart: (globalThis as any).__duckdbStartMs ?? null,
      dataBeforeChart: data
        .filter((e) => b.firstChart !== null && e.responseEnd <= b.firstChart)
        .reduce((a, e) => a + (e.encodedBodySize || e.decodedBodySize), 0),
      dataTotal: data.reduce((a, e) => a + (e.encodedBodySize || e.decodedBodySize), 0),
    };
  });
  if (w.consoleErrors.length || w.externalRequests.length)
    log(`  ${path}: ${[...w.consoleErrors, ...w.externalRequests.map((u) => `external request ${u}`)].join("; ")}`);
  await w.page.context().close();
  return { ...r, jsLoaded: jsBytes.reduce((a, b) => a + b, 0) };
}

/** The median figures of several loads of one page. */
export function summarize(runs: Load[]) {
  const charted = runs.filter((r) => r.firstChart !== null);
  return {
    firstChartMs: charted.length
      ? {
          p50: round(
            percentile(
              charted.map((r) => r.firstChart!),
              50,
            ),
          ),
          min: round(Math.min(...charted.map((r) => r.firstChart!))),
          max: round(Math.max(...charted.map((r) => r.firstChart!))),
          n: charted.length,
        }
      : null,
    beforeDuckDB: charted.length ? charted.every((r) => r.worker === null || r.firstChart! < r.worker) : null,
    duckdbStarted: runs.some((r) => r.worker !== null),
    duckdbStartMs: runs.some((r) => r.duckdbStart !== null)
      ? round(
          percentile(
            runs.filter((r) => r.duckdbStart !== null).map((r) => r.duckdbStart!),
            50,
          ),
        )
      : null,
    jsLoadedBytes: Math.round(
      percentile(
        runs.map((r) => r.jsLoaded),
        50,
      ),
    ),
    dataBeforeChartBytes: Math.round(
      percentile(
        runs.map((r) => r.dataBeforeChart ?? 0),
        50,
      ),
    ),
    dataTotalBytes: Math.round(
      percentile(
        runs.map((r) => r.dataTotal ?? 0),
        50,
      ),
    ),
  };
}

/**
 * What one more module file costs the first chart, from the reference page and its /moduler twin
 * (EXTRA_MODULES more small module files before the same chart, scripts/bench/reference.ts), and
 * a page's gap to the reference split by it: the page's extra module files × that cost, and the
 * rest (its data, its own scripts, its layout). An estimate: requests overlap, and a page's
 * modules are larger than the twin's.
 */
export function moduleCost(refMs: number, modulesMs: number, extraModules: number): number {
  return (modulesMs - refMs) / extraModules;
}
export function splitGap(pageMs: number, refMs: number, pageFiles: number, refFiles: number, perFileMs: number): { files: number; rest: number } {
  const files = Math.max(0, pageFiles - refFiles) * perFileMs;
  return { files: round(files)!, rest: round(pageMs - refMs - files)! };
}
