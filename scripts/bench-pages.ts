/**
 * npm run bench:pages -- /flytninger /lokalsamfund: a quick look at a few pages of the built site
 * (dist/) while working on them, measured as npm run bench measures them: page JavaScript, time
 * to first chart against the reference page (loads alternate, so both see the same machine), and
 * the municipality switch p95. No build, no SQL timings, no sizes: run npm run bench for the
 * figures that count. BENCH_RUNS (default 7) loads per page, BENCH_SWITCHES (default 10).
 * Prints one line per page; a timing is only meaningful as a ratio within one run.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import config from "../observablehq.config.ts";
import { launchBrowser, serveDir } from "../test/e2e/browser.ts";
import { REF_CHART, SITE_CHART, loadOnce, moduleCost, pageFile, pageJs, percentile, round, splitGap, summarize, type Load } from "./bench/pageLoad.ts";
import { EXTRA_MODULES, buildReference } from "./bench/reference.ts";
import { measureSwitching } from "./bench/switching.ts";

const root = process.cwd();
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 10);
const START = process.env.BENCH_KOMMUNE ?? "260";
const known: string[] = config.pages.map((p: { path: string }) => p.path);
const asked = process.argv.slice(2).filter((a) => a.startsWith("/"));
const unknown = asked.filter((p) => !known.includes(p));
if (unknown.length) throw new Error(`no such page: ${unknown.join(", ")} (pages: ${known.join(" ")})`);
const pages = asked.length ? asked : known;
if (!existsSync(join(root, "dist/index.html"))) throw new Error("dist/ has no site: run npm run build first");

const reference = buildReference(root);
const site = await serveDir(join(root, "dist"));
const refSite = await serveDir(reference.dist);
const browser = await launchBrowser();
try {
  const refJs = pageJs(reference.dist, "/");
  const loads = new Map<string, Load[]>([["reference", []], ["/moduler", []], ...pages.map((p) => [p, []] as [string, Load[]])]);
  for (let i = 0; i < RUNS; i++) {
    loads.get("reference")!.push(await loadOnce(browser, refSite, "/", REF_CHART));
    loads.get("/moduler")!.push(await loadOnce(browser, refSite, "/moduler", REF_CHART));
    for (const p of pages) loads.get(p)!.push(await loadOnce(browser, site, `${p}?kommune=${START}`, SITE_CHART));
  }
  const ref = summarize(loads.get("reference")!);
  const refMs = ref.firstChartMs?.p50 ?? Number.NaN;
  const modulesMs = summarize(loads.get("/moduler")!).firstChartMs?.p50 ?? Number.NaN;
  const perFile = moduleCost(refMs, modulesMs, EXTRA_MODULES);
  console.log(`reference: first chart ${refMs} ms (p50 of ${RUNS}), JavaScript ${(refJs.gzip / 1024).toFixed(0)} KiB gzip in ${refJs.files} module files`);
  console.log(`reference + ${EXTRA_MODULES} module files: ${modulesMs} ms, ≈ ${round(perFile)} ms per module file`);
  console.log(
    `${"page".padEnd(18)}${"first chart".padEnd(22)}${"gap: files / rest".padEnd(22)}${"JS gzip (files)".padEnd(22)}${"data before/all".padEnd(20)}switch p95 (p50)`,
  );
  for (const p of pages) {
    const s = summarize(loads.get(p)!);
    const js = pageJs(join(root, "dist"), p);
    const chart = s.firstChartMs?.p50 != null ? `${s.firstChartMs.p50} ms ×${(s.firstChartMs.p50 / refMs).toFixed(2)}` : "no chart";
    const gap = s.firstChartMs?.p50 != null ? splitGap(s.firstChartMs.p50, refMs, js.files, refJs.files, perFile) : null;
    let sw = "–";
    if (/kommuneSelect/.test(readFileSync(pageFile(join(root, "dist"), p), "utf8")) && p !== "/arbejdsbord") {
      const ms = (await measureSwitching(browser, site, p, START, SWITCHES)).map((r) => r.ms);
      sw = `${round(percentile(ms, 95))} ms (${round(percentile(ms, 50))})`;
    }
    console.log(
      `${p.padEnd(18)}${chart.padEnd(22)}${(gap ? `${gap.files} / ${gap.rest} ms` : "–").padEnd(22)}${`${(js.gzip / 1024).toFixed(0)} KiB ×${(js.gzip / refJs.gzip).toFixed(2)} (${js.files})`.padEnd(22)}${`${(s.dataBeforeChartBytes / 1024).toFixed(0)}/${(s.dataTotalBytes / 1024).toFixed(0)} KiB`.padEnd(20)}${sw}`,
    );
  }
} finally {
  await browser.close();
  await site.close();
  await refSite.close();
  rmSync(reference.dir, { recursive: true, force: true });
}
