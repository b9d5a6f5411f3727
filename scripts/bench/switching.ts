/**
 * How long a planner waits when flicking through the municipality list: on a built page in
 * headless Chromium, from the picker's change event to the last change of the page's content
 * (every card updated), measured with the page's own clock. The picker gets focus first, as it
 * does when a planner reaches for it (the page then fetches the neighbouring municipalities'
 * files ahead, src/components/kommune.ts), and each switch goes to the next municipality in the
 * list, as the arrow keys do. A switch is done when the content has not changed for QUIET_MS and
 * the network is idle; the time is that of the last change, so the quiet wait is not counted.
 * The first switch waits until the page has settled in the same way (and DuckDB-wasm has started,
 * on a page that uses it).
 */
import type { Browser } from "playwright-core";
import { openPage, type StaticSite } from "../../test/e2e/browser.ts";

const QUIET_MS = 400;

export interface SwitchRun {
  from: string;
  to: string;
  /** change event → last change of the page's content, ms */
  ms: number;
  /** DOM mutations in that time (0: the page did not change at all, a failed switch) */
  mutations: number;
  /** charts (<svg> in a chart card) replaced during the switch */
  chartsRedrawn: number;
  /** charts on the page after the switch */
  charts: number;
}

/** Switch `switches` times, from `start` to the next municipality in the list each time. */
export async function measureSwitching(browser: Browser, site: StaticSite, path: string, start: string, switches: number): Promise<SwitchRun[]> {
  const w = await openPage(browser, site.url);
  // Note when the page starts DuckDB-wasm and when its content last changed, from the first byte.
  // (a string, not a function: tsx would wrap the class in a __name() the page lacks)
  await w.page.addInitScript(`
    const settle = { worker: false, last: performance.now() };
    window.__settle = settle;
    const OrigWorker = window.Worker;
    window.Worker = class extends OrigWorker { constructor(...a) { settle.worker = true; super(...a); } };
    new MutationObserver(() => { settle.last = performance.now(); }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  `);
  await w.page.goto(`${site.url}${path}?kommune=${start}`, { waitUntil: "load" });
  await w.page.waitForSelector("#observablehq-main figure.chart-card svg", { timeout: 60_000 }).catch(() => undefined);
  await w.page.waitForLoadState("networkidle").catch(() => undefined);
  // The first switch starts only when the page has settled: the cards that DuckDB-wasm fills are
  // drawn after network idle (on /praeferencer about 0,7 s later), and counting them would charge
  // the first switch with the page's own start-up.
  if (await w.page.evaluate(() => (window as any).__settle.worker)) {
    await w.page.waitForFunction(() => (globalThis as any).__duckdbStartMs !== undefined, null, { timeout: 60_000 }).catch(() => undefined);
  }
  for (let waited = 0; waited < 30_000; waited += QUIET_MS) {
    await w.page.waitForTimeout(QUIET_MS);
    await w.page.waitForLoadState("networkidle").catch(() => undefined);
    if (await w.page.evaluate((q) => performance.now() - (window as any).__settle.last >= q, QUIET_MS)) break;
  }
  const select = w.page.locator("select[name=kommune]");
  const codes = await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const runs: SwitchRun[] = [];
  let from = start;
  for (let i = 0; i < switches; i++) {
    const to = codes[(codes.indexOf(from) + 1) % codes.length];
    await select.focus();
    await w.page.waitForLoadState("networkidle").catch(() => undefined);
    await w.page.waitForTimeout(QUIET_MS);
    await w.page.evaluate(
      ([code]) => {
        const main = document.querySelector("#observablehq-main")!;
        const state = { t0: 0, last: 0, mutations: 0, redrawn: 0 };
        (window as any).__switch = state;
        const observer = new MutationObserver((records) => {
          state.last = performance.now();
          state.mutations += records.length;
          for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && (n.matches("svg") || n.querySelector("svg"))) state.redrawn++;
        });
        observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
        (window as any).__switchObserver = observer;
        const s = document.querySelector("select[name=kommune]") as HTMLSelectElement;
        s.value = code;
        state.t0 = performance.now();
        s.dispatchEvent(new Event("change", { bubbles: true }));
      },
      [to],
    );
    // done: no change for QUIET_MS (and the network idle)
    for (;;) {
      await w.page.waitForTimeout(QUIET_MS);
      await w.page.waitForLoadState("networkidle").catch(() => undefined);
      const quiet = await w.page.evaluate((q) => performance.now() - (window as any).__switch.last >= q, QUIET_MS);
      if (quiet) break;
    }
    const r = await w.page.evaluate(() => {
      (window as any).__switchObserver.disconnect();
      const s = (window as any).__switch;
      return {
        ms: s.last > 0 ? s.last - s.t0 : 0,
        mutations: s.mutations,
        redrawn: s.redrawn,
        charts: document.querySelectorAll("#observablehq-main figure.chart-card svg").length,
      };
    });
    runs.push({ from, to, ms: r.ms, mutations: r.mutations, chartsRedrawn: r.redrawn, charts: r.charts });
    from = to;
  }
  if (w.consoleErrors.length) process.stderr.write(`  ${path}: ${w.consoleErrors.join("; ")}\n`);
  await w.page.context().close();
  return runs;
}
