import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.ts";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";
import { by1Years, danishThousands, latestPopulationFromMirror, tablesLackingArea } from "./mirrorFacts.ts";

const harness = useSite();

describe("overview (befolkning) built from the StatBank mirror", () => {
  it("shows Halsnæs's latest population as read from the mirror, with no console errors and no external requests", async () => {
    const expected = latestPopulationFromMirror("260");
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/befolkning`, { waitUntil: "networkidle" });
    const figure = w.page.getByTestId("latest-population");
    await expect.poll(() => figure.textContent(), { timeout: 20_000 }).toBe(danishThousands(expected.value));
    await expect.poll(() => w.page.locator("select[name=kommune]").inputValue()).toBe("260");
    // every chart card has a title, a subtitle and a source line
    const cards = w.page.locator("figure.chart-card");
    expect(await cards.count()).toBeGreaterThanOrEqual(6);
    for (const card of await cards.all()) {
      expect(await card.locator(".card-title").textContent()).toMatch(/\S/);
      expect(await card.locator(".card-subtitle").textContent()).toMatch(/\S/);
      expect(await card.locator(".source").textContent()).toMatch(/^Kilde: Danmarks Statistik, [A-Z0-9]+/);
    }
    // what the mirror lacks for Halsnæs is named on the page, and what it holds is not called missing
    const lacks = tablesLackingArea("260", [
      ["BEV107", 0],
      ["BY1", 0],
    ]);
    const notes = async () => (await w.page.locator(".data-mangler").allTextContents()).join(" | ");
    for (const table of lacks) await expect.poll(notes).toContain(table);
    // BY1 for Halsnæs: without the baseline year the towns card says so; with it, no BY1 note at all
    const baseline = JSON.parse(readFileSync(join(projectRoot, "data/site.json"), "utf8")).baselineYear as number;
    if (!lacks.includes("BY1")) {
      if (by1Years("260").includes(baseline)) expect(await notes()).not.toMatch(/BY1/);
      else await expect.poll(notes).toMatch(new RegExp(`BY1 \\(1\\. januar ${baseline}`));
    }
    await w.page.screenshot({ path: join(shots, "e2e-befolkning-260.png"), fullPage: true });
    await finish(w);
  });

  it("opens the municipality in ?kommune=, shows the shared SQL's result computed at build time, and keeps the choice in the URL", async () => {
    const odense = latestPopulationFromMirror("461");
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/befolkning?kommune=461`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("latest-population").textContent(), { timeout: 20_000 }).toBe(danishThousands(odense.value));
    // the chart of src/sql/net_migration_rate.sql (net migration per 1,000) draws bars from the
    // municipality's rows of the result computed at build time: no DuckDB-wasm on the page
    const rateCard = w.page.locator("figure.chart-card", { hasText: "pr. 1.000 indbyggere" });
    await expect.poll(() => rateCard.locator("svg rect").count(), { timeout: 30_000 }).toBeGreaterThan(3);
    expect(w.requests.some((u) => u.includes("/data/by-area/analyses/net_migration_rate/461.arrow"))).toBe(true);
    expect(w.requests.some((u) => u.includes("duckdb-eh") && u.endsWith(".wasm"))).toBe(false);
    // choose another municipality: figure and URL follow
    const frederikssund = latestPopulationFromMirror("250");
    await w.page.locator("select[name=kommune]").selectOption("250");
    await expect.poll(() => w.page.getByTestId("latest-population").textContent()).toBe(danishThousands(frederikssund.value));
    expect(new URL(w.page.url()).searchParams.get("kommune")).toBe("250");
    expect(await w.page.locator("#observablehq-sidebar a[href*='befolkning']").first().getAttribute("href")).toContain("kommune=250");
    await w.page.screenshot({ path: join(shots, "e2e-befolkning-461.png"), fullPage: true });
    await finish(w);
  });

  it("does not start DuckDB-wasm where no analysis needs it, and names an unknown municipality code", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/?kommune=999`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("latest-population").textContent()).toBe(danishThousands(latestPopulationFromMirror("260").value));
    expect(await w.page.locator(".kommune-picker .notice").textContent()).toContain('"999" findes ikke');
    expect(w.requests.some((u) => u.endsWith(".wasm"))).toBe(false);
    await finish(w);
  });
});
