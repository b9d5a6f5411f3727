/**
 * Screenshots of built pages for a look by eye: `npx tsx scripts/screenshot.ts /befolkning?kommune=461 …`
 * Writes PNGs to test-results/screenshots/ and prints console errors and external requests.
 */
import { mkdirSync } from "node:fs";
import { launchBrowser, openPage, serveDir } from "../test/e2e/browser.ts";

const paths = process.argv.slice(2);
const site = await serveDir("dist");
const browser = await launchBrowser();
mkdirSync("test-results/screenshots", { recursive: true });
for (const p of paths.length ? paths : ["/", "/befolkning"]) {
  const w = await openPage(browser, site.url, { width: Number(process.env.WIDTH ?? 1280), height: 900 });
  await w.page.goto(site.url + p, { waitUntil: "networkidle" });
  await w.page.waitForTimeout(Number(process.env.WAIT ?? 1500));
  const file = `test-results/screenshots/${p.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "index"}.png`;
  // SELECTOR=css picks one element (the last match) instead of the whole page
  if (process.env.SELECTOR)
    await w.page
      .locator(process.env.SELECTOR)
      .nth(Number(process.env.NTH ?? -1))
      .screenshot({ path: file });
  else await w.page.screenshot({ path: file, fullPage: true });
  console.log(file, "errors:", w.consoleErrors, "external:", w.externalRequests);
  await w.page.context().close();
}
await browser.close();
await site.close();
