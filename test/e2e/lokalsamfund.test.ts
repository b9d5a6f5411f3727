/**
 * The page /lokalsamfund built from the mirror: the largest towns with their BY1 populations (read
 * here from BY1.csv and tableinfo/BY1.json, not from the loaders), what BY1 lacks said plainly,
 * Assens's example communities, ambassadors and urban-area extract marked as examples; no console
 * error, no request off the site, axe clean.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mirrorDir, projectRoot } from "../paths.ts";
import { axeViolations } from "./axe.ts";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";
import { danishThousands, mirrorRows } from "./mirrorFacts.ts";

const harness = useSite();

/** The towns (not rural district, no fixed address, totals) of `area` in BY1.csv's newest year, largest first. */
function largestTowns(area: string): { name: string; population: number }[] {
  const lines = mirrorRows("BY1.csv");
  const info = JSON.parse(readFileSync(join(mirrorDir, "tableinfo", "BY1.json"), "utf8")) as {
    variables: { id: string; values: { id: string; text: string }[] }[];
  };
  const texts = new Map(info.variables.find((v) => v.id === "BYER")!.values.map((v) => [v.id, v.text]));
  const newest = Math.max(...lines.map((l) => Number(l[1])));
  return lines
    .filter(([code, year]) => code.startsWith(area) && Number(year) === newest && !["99999", "99997", `00${area}`].includes(code.slice(3)))
    .map(([code, , value]) => ({
      name: texts
        .get(code)!
        .replace(/^\d{3}-\d{5}\s+/, "")
        .replace(/\s*\(del af [^)]*\)$/, ""),
      population: Number(value),
    }))
    .sort((a, b) => b.population - a.population);
}

const by1Years = () => [
  ...new Set(
    readFileSync(join(mirrorDir, "BY1.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => Number(l.split(";")[1])),
  ),
];

describe("lokalsamfund (towns, villages, rural districts, ambassadors)", () => {
  it("Vejle: the three largest towns with their BY1 populations, ranked; the baseline year's absence said plainly", async () => {
    const area = "630";
    const top = largestTowns(area).slice(0, 3);
    expect(top.length).toBe(3);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/lokalsamfund?kommune=${area}`, { waitUntil: "networkidle" });
    const table = w.page.getByTestId("towns-table");
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 20_000 }).toBeGreaterThan(3);
    for (const [i, t] of top.entries()) {
      const row = table.locator("tbody tr").nth(i);
      expect(await row.locator("th").textContent()).toBe(t.name);
      expect(await row.locator("td").first().textContent()).toBe(String(i + 1));
      expect(await row.textContent()).toContain(danishThousands(t.population));
    }
    // the rural district and residents without a fixed address are rows of their own
    expect(await table.textContent()).toContain("Landdistrikter");
    const baseline = JSON.parse(readFileSync(join(projectRoot, "data/site.json"), "utf8")).baselineYear as number;
    if (!by1Years().includes(baseline)) {
      const notes = (await w.page.locator(".data-mangler").allTextContents()).join(" | ").replace(/\s+/g, " ");
      expect(notes).toContain(`BY1 (${baseline})`);
      expect(await w.page.getByTestId("by1-years").textContent()).toContain(`kan derfor ikke vises`);
      // no empty chart for the change since the baseline year
      const changeCard = w.page.locator("figure.chart-card", { hasText: "vokser, og hvilke skrumper" });
      expect(await changeCard.locator("svg").count()).toBe(0);
    }
    // the national distribution by size class is there
    expect(await w.page.getByTestId("national-size-classes").locator("tbody tr").count()).toBe(7);
    expect(new URL(w.page.url()).searchParams.get("kommune")).toBe(area);
    await w.page.screenshot({ path: join(shots, "e2e-lokalsamfund-630.png"), fullPage: true });
    await finish(w);
  });

  it("Assens: the example communities, the ambassador criterion and the urban-area extract render, marked as examples; axe clean", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/lokalsamfund?kommune=420`, { waitUntil: "networkidle" });
    const communities = w.page.getByTestId("communities-table");
    await expect.poll(() => communities.locator("tbody tr").count(), { timeout: 20_000 }).toBe(13);
    const text = (await communities.textContent()) ?? "";
    for (const c of ["Aarup", "Haarby", "Glamsbjerg", "Brylle", "Verninge", "Barløse/Turup", "Thorøhuse", "Helnæs", "Dreslette"]) expect(text).toContain(c);
    // Aarup's population is its BY1 town's
    const aarup = largestTowns("420").find((t) => t.name === "Aarup")!;
    expect(await communities.locator("tr", { hasText: "Aarup" }).first().textContent()).toContain(danishThousands(aarup.population));
    const card = w.page.locator("figure.chart-card", { has: communities });
    expect(await card.textContent()).toContain("Eksempeldata");
    // the success criterion, computed from the file
    await expect.poll(() => w.page.getByTestId("success-criterion").textContent()).toMatch(/^\d{4}: (Opfyldt|Ikke opfyldt|Ingen data)\./);
    expect(await w.page.locator("figure.chart-card", { has: w.page.getByTestId("success-criterion") }).textContent()).toContain("Eksempeldata");
    await w.page.getByLabel("År for succeskriteriet").selectOption({ label: "2014" });
    await expect.poll(() => w.page.getByTestId("success-criterion").textContent()).toMatch(/^2014: /);
    expect(new URL(w.page.url()).searchParams.get("aar")).toBe("2014");
    // newcomers per community, never a count below 3
    const movers = w.page.getByTestId("town-movers-table");
    await expect.poll(() => movers.locator("tbody tr").count()).toBeGreaterThan(5);
    for (const cell of await movers.locator("td").allTextContents()) expect(cell).not.toMatch(/^[12]$/);
    expect(await w.page.locator("figure.chart-card", { has: movers }).textContent()).toContain("Eksempeldata");
    // split towns and towns with 0 inhabitants are explained, not dropped
    expect(await w.page.getByTestId("towns-explained").textContent()).toMatch(/Torø Huse/);
    for (const d of await w.page.locator("details.data-toggle summary").all()) await d.click();
    expect(await axeViolations(w.page)).toEqual([]);
    await w.page.screenshot({ path: join(shots, "e2e-lokalsamfund-420.png"), fullPage: true });
    await finish(w);
  });
});
