import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.ts";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";
import { danishThousands } from "./mirrorFacts.ts";
import { mirrorDir } from "../paths.ts";

const harness = useSite();
const raw = (file: string) =>
  readFileSync(join(mirrorDir, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));
const goalTitles = () => [...readFileSync(join(projectRoot, "data/goals.yaml"), "utf8").matchAll(/^\s+title: (.+)$/gm)].map((m) => m[1].trim());

describe("goal scorecard (front page)", () => {
  it("shows every default goal, and a goal card's baseline and latest values are the mirror's", async () => {
    const area = "260"; // Halsnæs, whose council set the goals in data/goals.yaml
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/?kommune=${area}`, { waitUntil: "networkidle" });
    const cards = w.page.getByTestId("goal-card");
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(goalTitles().length);
    // total population: baseline 1 January 2011 and the newest 1 January, from FOLK1A.csv
    const folk = raw("FOLK1A.csv").filter((r) => r[0] === area && r[1] === "TOT" && r[2] === "IALT" && r[3] === "TOT" && r[4].endsWith("K1"));
    const base = folk.find((r) => r[4] === "2011K1")!;
    const newest = folk.sort((a, b) => a[4].localeCompare(b[4])).at(-1)!;
    const card = w.page.locator("[data-goal=flere_borgere]");
    expect(await card.getByTestId("goal-baseline").textContent()).toBe(danishThousands(Number(base[5])));
    expect(await card.getByTestId("goal-latest").textContent()).toBe(danishThousands(Number(newest[5])));
    // families moving out: FLY66 has only 2024, so the 2011 baseline is missing and said so
    const families = w.page.locator("[data-goal=fastholde_boernefamilier]");
    expect(await families.getAttribute("data-status")).toBe("no_data");
    expect(await families.locator(".data-mangler").textContent()).toContain("FLY66");
    // status is never colour alone: every card has a symbol and words
    for (const c of await cards.all())
      expect(await c.locator(".goal-status").textContent()).toMatch(/[✓✗…?]\s*(Målet er nået|Målet er ikke nået|Undervejs|Data mangler)/);
    // the headline counts only goals on real data; those on example files stand apart
    const onExample = await w.page.getByTestId("goals-on-example").getByTestId("goal-card").count();
    const real = goalTitles().length - onExample;
    expect(await w.page.getByTestId("goal-summary").textContent()).toContain(`${real} mål på rigtige tal (uden eksempeldata)`);
    const statuses = await cards.evaluateAll((cs) => cs.filter((c) => !c.closest("[data-testid=goals-on-example]")).map((c) => c.getAttribute("data-status")));
    expect(await w.page.getByTestId("goal-summary").locator(".value").textContent()).toBe(`${statuses.filter((x) => x === "met").length} nået`);
    if (onExample) expect(await w.page.getByTestId("goal-summary").textContent()).toContain(`${onExample} mål hviler på eksempeldata og tælles ikke med`);
    await w.page.screenshot({ path: join(shots, "e2e-scorecard-260.png"), fullPage: true });
    await finish(w);
  });

  it("for another municipality the goals are Halsnæs's template: development shown, no verdict anywhere", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/?kommune=420`, { waitUntil: "networkidle" });
    const cards = w.page.getByTestId("goal-card");
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBe(goalTitles().length);
    expect(await w.page.getByTestId("goals-template").textContent()).toContain("Målene er Halsnæs Kommunes");
    expect(new Set(await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-status"))))).toEqual(new Set(["not_assessed"]));
    const text = await w.page.locator("main").innerText();
    expect(text).not.toMatch(/Målet er (ikke )?nået|\d+ nået/);
    await w.page.screenshot({ path: join(shots, "e2e-scorecard-420.png"), fullPage: true });
    await finish(w);
  });

  it("npm run report writes an A4 PDF whose text has the goal titles", () => {
    const out = join(projectRoot, "test-results/maalopfoelgning-260.pdf");
    rmSync(out, { force: true });
    const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/report.ts", "--kommune", "260", "--out", out], {
      cwd: projectRoot,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const text = spawnSync("pdftotext", [out, "-"], { encoding: "utf8" }).stdout.replace(/\s+/g, " ");
    for (const title of goalTitles()) expect(text).toContain(title.replace(/\s+/g, " "));
    expect(text).toContain("Halsnæs");
  }, 180_000);
});

describe("economy and forecast pages", () => {
  it("economy: the income chart draws for Halsnæs and the tables the mirror lacks are named", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/oekonomi`, { waitUntil: "networkidle" });
    const incomeCard = w.page.locator("figure.chart-card", { hasText: "disponibel indkomst" });
    await expect.poll(() => incomeCard.locator("svg path").count(), { timeout: 20_000 }).toBeGreaterThan(3);
    const notes = (await w.page.locator(".data-mangler").allTextContents()).join(" ");
    for (const table of ["INDKP101", "AUK01", "GF12", "RAS305"]) expect(notes).toContain(table);
    await finish(w);
  });

  it("the front page's list of pages names every page of the site", async () => {
    const config = (await import("../../observablehq.config.ts")).default as { pages: { path: string }[] };
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/`, { waitUntil: "networkidle" });
    const list = w.page.locator("main h2:has-text('Sider') + ul a");
    await expect.poll(() => list.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const linked = new Set(
      (await list.evaluateAll((as) => as.map((a) => new URL(a.getAttribute("href")!, location.href).pathname))).map((p) => p.replace(/\/$/, "")),
    );
    for (const { path } of config.pages.filter((p) => p.path !== "/")) expect([...linked], path).toContain(path);
    await finish(w);
  });

  it("every 'Se detaljer' link from Assens's scorecard opens Assens", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/?kommune=420`, { waitUntil: "networkidle" });
    const links = w.page.locator(".goal-link a");
    await expect.poll(() => links.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) expect(href).toMatch(/\?kommune=420$/);
    await finish(w);
  });

  it("forecast: the error table's 2024 total equals FOLK1A minus the example forecast, by hand (the scorecard's sign)", async () => {
    const forecastLine = readFileSync(join(projectRoot, "data/forecasts/halsnaes-2020.eksempel.csv"), "utf8")
      .split(/\r?\n/)
      .find((l) => /^260;2020;2024;total;/.test(l))!;
    const forecast = Number(forecastLine.split(";")[4]);
    const actual = Number(raw("FOLK1A.csv").find((r) => r[0] === "260" && r[1] === "TOT" && r[2] === "IALT" && r[3] === "TOT" && r[4] === "2024K1")![5]);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/prognose`, { waitUntil: "networkidle" });
    const row = w.page.getByTestId("forecast-errors").locator("tbody tr", { hasText: "2024" });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    const cell = await row.locator("td").first().textContent();
    const diff = actual - forecast;
    expect(cell?.startsWith(`${diff > 0 ? "+" : "−"}${danishThousands(Math.abs(diff))}`)).toBe(true);
    expect(await w.page.locator(".example-badge").count()).toBeGreaterThan(0);
    await finish(w);
  });
});
