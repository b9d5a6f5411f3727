import { describe, expect, it } from "vitest";
import { axeViolations } from "./axe.ts";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";

const harness = useSite();
// The default municipality lacks much data in the mirror; Odense (461) shows nearly every chart.
const PAGES = [
  "/",
  "/befolkning",
  "/flytninger",
  "/tilflyttere",
  "/praeferencer",
  "/oekonomi",
  "/prognose",
  "/arbejdsbord",
  "/om-data",
  "/tilgaengelighed",
  "/befolkning?kommune=461",
  "/tilflyttere?kommune=461",
  "/lokalsamfund",
  "/lokalsamfund?kommune=420",
  "/digitalisering",
  "/digitalisering?kommune=420",
];

describe("accessibility (axe-core: every WCAG 2.1 A/AA rule at any impact, best practice at serious/critical)", () => {
  for (const path of PAGES) {
    it(`${path}: no violations`, async () => {
      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.goto(`${harness.site().url}${path}`, { waitUntil: "networkidle" });
      await w.page.waitForTimeout(1500);
      // the data tables behind the charts are checked too
      for (const d of await w.page.locator("details.data-toggle summary").all()) await d.click();
      expect(await axeViolations(w.page)).toEqual([]);
      // zoom is allowed (WCAG 1.4.4): no maximum-scale in the built HTML
      expect(await w.page.locator('meta[name="viewport"]').getAttribute("content")).not.toMatch(/maximum-scale/);
      await finish(w);
    });
  }

  it("keyboard only: Tab reaches the municipality, the arrow keys change it, and a chart's data table opens with Enter", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger?kommune=461`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("in-movers").textContent(), { timeout: 20_000 }).toMatch(/\d/);
    const before = await w.page.getByTestId("in-movers").textContent();
    const focusedName = () => w.page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name ?? "");
    let tabs = 0;
    while ((await focusedName()) !== "kommune" && tabs++ < 60) await w.page.keyboard.press("Tab");
    expect(await focusedName()).toBe("kommune");
    await w.page.keyboard.press("ArrowDown");
    await expect.poll(() => new URL(w.page.url()).searchParams.get("kommune")).not.toBe("461");
    await expect.poll(() => w.page.getByTestId("in-movers").textContent()).not.toBe(before);
    // on to the first "Vis tallene som tabel" by Tab alone, then Enter opens it
    const onSummary = () => w.page.evaluate(() => document.activeElement?.tagName === "SUMMARY");
    tabs = 0;
    while (!(await onSummary()) && tabs++ < 80) await w.page.keyboard.press("Tab");
    expect(await onSummary()).toBe(true);
    await w.page.keyboard.press("Enter");
    await expect.poll(() => w.page.locator("details.data-toggle[open] tbody tr").count()).toBeGreaterThan(0);
    await finish(w);
  });
});
