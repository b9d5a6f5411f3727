/**
 * Every chart offers its numbers as CSV and itself as SVG and PNG, and a table of the numbers as
 * its text alternative; file names say municipality, subject and period. The CSV is checked
 * against the mirror file, read independently of the loaders.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mirrorDir } from "../paths.ts";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";
import { danishThousands } from "./mirrorFacts.ts";

const harness = useSite();

/** FOLK1A population on 1 January by year for one area, straight from the mirror file. */
function populationByYear(area: string): Map<number, number> {
  const lines = readFileSync(join(mirrorDir, "FOLK1A.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.trim().split(";"));
  return new Map(
    lines
      .filter((r) => r[0] === area && r[1] === "TOT" && r[2] === "IALT" && r[3] === "TOT" && r[4].endsWith("K1") && r[5] !== "..")
      .map((r) => [Number(r[4].slice(0, 4)), Number(r[5])] as [number, number])
      .sort((a, b) => a[0] - b[0]),
  );
}

describe("downloads and data tables on every chart", () => {
  for (const path of [
    "/befolkning?kommune=461",
    "/flytninger?kommune=461",
    "/tilflyttere?kommune=461",
    "/oekonomi?kommune=461",
    "/prognose?kommune=260",
    "/praeferencer",
  ]) {
    it(`${path}: every card with content has CSV, and SVG/PNG when it holds a chart`, async () => {
      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.goto(`${harness.site().url}${path}`, { waitUntil: "networkidle" });
      const bodies = w.page.locator("figure.chart-card .card-body");
      await expect.poll(() => bodies.count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await w.page.waitForTimeout(1500);
      const cards = w.page.locator("figure.chart-card").filter({ has: w.page.locator(".card-body") });
      const n = await cards.count();
      for (let i = 0; i < n; i++) {
        const card = cards.nth(i);
        const title = await card.locator(".card-title").textContent();
        const buttons = await card.locator(".downloads button").allTextContents();
        expect(buttons, title ?? "").toContain("CSV");
        const hasChart = (await card.locator(".card-body svg:not(figure.legend svg, [class$=swatches] svg)").count()) > 0;
        const hasTable = (await card.locator(".card-body table").count()) > 0;
        if (hasChart && !hasTable) {
          expect(buttons, title ?? "").toEqual(expect.arrayContaining(["SVG", "PNG"]));
          // a chart without a table of its own offers one
          expect(await card.locator("details.data-toggle summary").textContent(), title ?? "").toBe("Vis tallene som tabel");
        }
      }
      await finish(w);
    });
  }

  it("the population CSV and table for Odense hold FOLK1A's values, in a file named after municipality, subject and period", async () => {
    const expected = populationByYear("461");
    const years = [...expected.keys()];
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/befolkning?kommune=461`, { waitUntil: "networkidle" });
    const card = w.page.locator("figure.chart-card", { hasText: "Folketal i Odense" }).first();
    await expect.poll(() => card.locator(".card-body svg").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const [csv] = await Promise.all([w.page.waitForEvent("download"), card.getByRole("button", { name: "CSV" }).click()]);
    expect(csv.suggestedFilename()).toBe(`odense-folketal-${years[0]}-${years.at(-1)}.csv`);
    const lines = readFileSync(await csv.path(), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("år;folketal");
    expect(lines.slice(1)).toEqual(years.map((y) => `${y};${expected.get(y)}`));
    const [svg] = await Promise.all([w.page.waitForEvent("download"), card.getByRole("button", { name: "SVG" }).click()]);
    expect(svg.suggestedFilename()).toBe(`odense-folketal-${years[0]}-${years.at(-1)}.svg`);
    expect(readFileSync(await svg.path(), "utf8")).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // the table toggle: keyboard-operable, one row per year, Danish thousands separators
    await card.locator("details.data-toggle summary").focus();
    await w.page.keyboard.press("Enter");
    const rows = card.locator("details.data-toggle tbody tr");
    await expect.poll(() => rows.count()).toBe(years.length);
    expect(await rows.last().locator("td").allTextContents()).toEqual([String(years.at(-1)), danishThousands(expected.get(years.at(-1)!)!)]);
    await finish(w);
  });
});
