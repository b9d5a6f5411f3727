/**
 * npm run report -- [--kommune 260] [--page /digitalisering] [--out reports/…pdf]
 *
 * The goal scorecard (or, with --page, another page of the site) for one municipality as an A4 PDF, for a committee meeting's appendix
 * (bilag): the built site's front page printed by headless Chromium with the print stylesheet.
 * Builds the site first when dist/ is missing (set REPORT_BUILD=1 to always build; the data
 * source is STATBANK_MIRROR or the live API, as for npm run build). Printed at 90 % so that page 1
 * holds the headline and the first two rows of goal cards (the print stylesheet is in src/style.css).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { launchBrowser, openPage, serveDir } from "../test/e2e/browser.ts";

const site = JSON.parse(readFileSync("data/site.json", "utf8"));
const { values } = parseArgs({ options: { kommune: { type: "string" }, out: { type: "string" }, page: { type: "string", default: "/" } } });
const pagePath = values.page!.startsWith("/") ? values.page! : `/${values.page}`;
if (!/^\/[a-z0-9-]*$/.test(pagePath)) throw new Error(`--page ${JSON.stringify(values.page)}: use a page path such as / or /digitalisering`);
const pageName = pagePath === "/" ? "maalopfoelgning" : pagePath.slice(1);
const kommune = values.kommune ?? site.defaultKommune;
if (!/^\d{3}$/.test(kommune)) throw new Error(`--kommune ${JSON.stringify(kommune)}: use a 3-digit municipality code such as 260`);
// today in local time, as the page's "udskrevet" line has it: the file name's 2026-12-05, the footer's 05.12.2026
const now = new Date();
const pad = (n: number) => String(n).padStart(2, "0");
const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
const printed = `${pad(now.getDate())}.${pad(now.getMonth() + 1)}.${now.getFullYear()}`;
const out = values.out ?? join("reports", `${pageName}-${kommune}-${date}.pdf`);

if (process.env.REPORT_BUILD === "1" || !existsSync("dist/index.html")) {
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = await serveDir("dist");
const browser = await launchBrowser();
try {
  const w = await openPage(browser, server.url, { width: 1000, height: 1400 });
  await w.page.goto(`${server.url}${pagePath}?kommune=${kommune}`, { waitUntil: "networkidle" });
  if (!existsSync(join("dist", pagePath === "/" ? "index.html" : `${pagePath.slice(1)}.html`))) throw new Error(`--page ${pagePath}: no such page in dist/`);
  // the scorecard's goal cards, or any other page's first card
  await w.page.waitForSelector(pagePath === "/" ? "[data-testid=goal-card]" : "figure.card", { timeout: 60_000 });
  await w.page.waitForLoadState("networkidle");
  const known = await w.page.locator("select[name=kommune]").inputValue();
  if (known !== kommune) throw new Error(`municipality ${kommune} is not one of the 98`);
  await w.page.emulateMedia({ media: "print" });
  mkdirSync(dirname(out), { recursive: true });
  await w.page.pdf({
    path: out,
    format: "A4",
    scale: 0.9,
    printBackground: true,
    margin: { top: "16mm", bottom: "18mm", left: "14mm", right: "14mm" },
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${site.title} · ${pagePath === "/" ? "Målopfølgning · Kilde: Danmarks Statistik" : `${pageName} · Kilder: se hver figur`} · udskrevet ${printed} · side <span class="pageNumber"></span> af <span class="totalPages"></span></div>`,
  });
  if (w.consoleErrors.length) console.error(`console errors while printing:\n${w.consoleErrors.join("\n")}`);
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
