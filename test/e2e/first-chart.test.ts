/**
 * Every chart page draws its first chart from the Arrow files alone: before any Web Worker (the
 * DuckDB-wasm engine) is created. An order, not a timing: the page records when the first chart
 * appears and when a Worker is constructed, and the first must come first.
 */
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";

const harness = useSite();
const CHART = "#observablehq-main figure.chart-card svg, #observablehq-main .goal-card svg";
// Only the survey page runs SQL in the browser (on the uploaded file); the other pages' analyses are
// computed at build time (loaders/analysisResults.ts) and start no Worker at all.
const USES_SQL = new Set(["/praeferencer"]);
const PAGES = [
  "/",
  "/befolkning",
  "/flytninger",
  "/tilflyttere",
  "/oekonomi",
  "/prognose",
  "/praeferencer",
  "/befolkning?kommune=461",
  "/tilflyttere?kommune=461",
];

describe("first chart before DuckDB-wasm", () => {
  for (const path of PAGES) {
    it(`${path}: the first chart is on screen before DuckDB-wasm's worker starts`, async () => {
      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.addInitScript((selector) => {
        const order: { chart: number | null; worker: number | null; seq: string[] } = { chart: null, worker: null, seq: [] };
        (window as unknown as { __order: typeof order }).__order = order;
        const NativeWorker = window.Worker;
        window.Worker = class extends NativeWorker {
          constructor(url: string | URL, options?: WorkerOptions) {
            if (order.worker === null) {
              order.worker = performance.now();
              order.seq.push("worker");
            }
            super(url, options);
          }
        };
        new MutationObserver(() => {
          if (order.chart === null && document.querySelector(selector)) {
            order.chart = performance.now();
            order.seq.push("chart");
          }
        }).observe(document, { childList: true, subtree: true });
      }, CHART);
      await w.page.goto(`${harness.site().url}${path}`, { waitUntil: "networkidle" });
      await expect
        .poll(() => w.page.evaluate(() => (window as unknown as { __order: { chart: number | null } }).__order.chart), { timeout: 30_000 })
        .not.toBeNull();
      const { seq } = await w.page.evaluate(() => (window as unknown as { __order: { seq: string[] } }).__order);
      expect(seq[0]).toBe("chart");
      // and on the pages with SQL, DuckDB-wasm does start afterwards (so the watch above sees Workers)
      if (USES_SQL.has(path))
        await expect
          .poll(() => w.page.evaluate(() => (window as unknown as { __order: { seq: string[] } }).__order.seq), { timeout: 30_000 })
          .toEqual(["chart", "worker"]);
      else
        expect(
          w.requests.some((u) => u.endsWith(".wasm")),
          `${path} fetched DuckDB-wasm`,
        ).toBe(false);
      await finish(w);
    });
  }
});
