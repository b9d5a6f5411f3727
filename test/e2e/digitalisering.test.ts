/**
 * The page /digitalisering built from the project's example files: Halsnæs's channel mix, shares,
 * costs with KL's unit costs (read here from data/digitalisering, not from the loaders) and the
 * what-if; Digital Post and the exemptions with no count below 3 on screen; Assens's board of the
 * 32 projects (read here from the reference catalogue). Every card marked as example where its
 * data is, every headline figure and the what-if's saving with the "Eksempeldata" badge inside the
 * figure's own element (a screenshot of the number alone says so), the charts with it in their SVG,
 * a CSV button per card that downloads, axe clean, no request off the site, no console error.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.ts";
import { axeViolations } from "./axe.ts";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";

const harness = useSite();

const csvRows = (file: string) =>
  readFileSync(join(projectRoot, file), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));

describe("digitalisering (channels, Digital Post, project portfolio)", () => {
  it("Halsnæs: channels with KL's unit costs, the what-if, Digital Post and the exemptions; CSV per card; axe clean", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/digitalisering?kommune=260`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("selfservice-share").textContent(), { timeout: 20_000 }).toMatch(/%$/);

    // KL's unit costs as the reference file has them, channel by channel
    const costs = w.page.getByTestId("unit-costs");
    for (const [channel, kr] of csvRows("data/digitalisering/kanal-enhedsomkostninger-KL.csv")) {
      const row = costs.locator("tr", { has: w.page.locator("th", { hasText: channel }) });
      expect(await row.locator("td").first().textContent(), channel).toBe(kr);
    }
    // the newest year's cost worked out here from the example file and KL's figures
    const kl = new Map(csvRows("data/digitalisering/kanal-enhedsomkostninger-KL.csv").map(([c, kr]) => [c, Number(kr)]));
    const ids = ["fremmoede", "papirpost", "email", "telefon", "papirblanket", "selvbetjening", "selvbetjening_integration"];
    const byId = new Map(ids.map((id, i) => [id, [...kl.values()][i]]));
    const inquiries = csvRows("data/henvendelser/halsnaes.eksempel.csv");
    const newest = inquiries
      .map((r) => r[1])
      .sort()
      .at(-1)!;
    const ofYear = inquiries.filter((r) => r[1] === newest);
    const cost = ofYear.reduce((s, r) => s + Number(r[3]) * byId.get(r[2])!, 0);
    const total = ofYear.reduce((s, r) => s + Number(r[3]), 0);
    const danish = (n: number) => n.toLocaleString("da-DK", { maximumFractionDigits: 0 });
    const years = w.page.getByTestId("inquiry-years");
    expect(await years.locator("tr", { hasText: newest }).textContent()).toContain(`${danish(cost)} kr.`);
    expect(await w.page.getByTestId("cost-per-inquiry").textContent()).toBe(
      `${(cost / total).toLocaleString("da-DK", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kr.`,
    );

    // every figure computed from the example files carries the badge in its own element, right beside the number
    for (const [figure, number] of [
      ["selfservice-figure", "selfservice-share"],
      ["digital-post-figure", "digital-post-share"],
      ["cost-figure", "cost-per-inquiry"],
      ["what-if-figure", "what-if-saving"],
    ]) {
      const value = w.page.locator(".value, .figure-with-badge", { has: w.page.getByTestId(number) });
      expect(await value.count(), number).toBe(1);
      expect(await value.locator(".example-badge").textContent(), number).toBe("Eksempeldata");
      expect(await w.page.getByTestId(figure).locator(".example-badge").count(), figure).toBe(1);
      // the badge and the number share one line: a crop of the number takes the badge with it
      const [n, b] = [await w.page.getByTestId(number).boundingBox(), await value.locator(".example-badge").boundingBox()];
      expect(b!.y < n!.y + n!.height && b!.y + b!.height > n!.y, `${number}: badge beside the number`).toBe(true);
    }
    // and each chart has it in its own SVG, so a saved SVG or PNG says so too
    const marks = w.page.locator("figure.chart-card svg .example-mark");
    expect(await marks.count()).toBeGreaterThanOrEqual(3);
    for (const text of await marks.allTextContents()) expect(text).toBe("Eksempeldata");

    // the what-if: 20 % of the telephone inquiries to self-service with integration (the defaults)
    const phone = Number(ofYear.find((r) => r[2] === "telefon")![3]);
    const saving = Math.round(phone * 0.2) * (byId.get("telefon")! - byId.get("selvbetjening_integration")!);
    expect(await w.page.getByTestId("what-if-saving").textContent()).toBe(`${danish(saving)} kr.`);
    await w.page.getByLabel("Andel, der flyttes").selectOption({ label: "50 %" });
    const saving50 = Math.round(phone * 0.5) * 40;
    await expect.poll(() => w.page.getByTestId("what-if-saving").textContent()).toBe(`${danish(saving50)} kr.`);
    expect(new URL(w.page.url()).searchParams.get("andel")).toBe("50");

    // Digital Post and the exemptions: never a count of 1 or 2 on screen
    expect(await w.page.getByTestId("letters-table").locator("tbody tr").count()).toBe(14);
    const exemptions = w.page.getByTestId("exemptions-table");
    for (const option of await w.page.getByLabel("Opgørelse").locator("option").allTextContents()) {
      await w.page.getByLabel("Opgørelse").selectOption({ label: option });
      await expect.poll(() => w.page.locator("figure.chart-card", { has: exemptions }).locator("h2").textContent()).toContain(option);
      for (const cell of await exemptions.locator("td").allTextContents()) expect(cell, option).not.toMatch(/^[12]$/);
    }
    expect(await exemptions.textContent()).toContain("færre end 3");

    // every card with data is marked as example data and has a CSV button that downloads
    const cards = w.page.locator("figure.chart-card");
    const n = await cards.count();
    expect(n).toBeGreaterThanOrEqual(7);
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      if ((await card.locator(".card-body").count()) === 0) continue;
      const [csv] = await Promise.all([w.page.waitForEvent("download"), card.getByRole("button", { name: "CSV" }).click()]);
      expect(csv.suggestedFilename()).toMatch(/^halsnaes-.*\.csv$/);
      expect(readFileSync(await csv.path(), "utf8").split("\r\n").length).toBeGreaterThan(1);
    }
    expect((await w.page.locator(".example-badge").count()) >= 4).toBe(true);
    for (const d of await w.page.locator("details.data-toggle summary").all()) await d.click();
    expect(await axeViolations(w.page)).toEqual([]);
    await w.page.screenshot({ path: join(shots, "e2e-digitalisering-260.png"), fullPage: true });
    await finish(w);
  });

  it("Assens: the board of all 32 projects by area, status in words and symbol, changes and history; axe clean", async () => {
    const catalogue = csvRows("data/digitalisering/digitaliseringsprojekter-2011-2015.csv");
    expect(catalogue).toHaveLength(32);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/digitalisering?kommune=420`, { waitUntil: "networkidle" });
    const board = w.page.getByTestId("project-board");
    await expect.poll(() => board.locator("tbody tr").count(), { timeout: 20_000 }).toBe(32);
    for (const [id, , name] of catalogue) expect(await w.page.locator(`tr[data-project="${id}"] th`).textContent(), id).toBe(name);
    // status in words, not only colour; the newest report compared with the one before
    const status = await board.locator("td .status").allTextContents();
    expect(status.every((s) => /^[✔▲✖] (Grøn|Gul|Rød): /.test(s))).toBe(true);
    expect(await w.page.getByTestId("project-counts").textContent()).toMatch(/af 32 projekter\. Ændringer er i forhold til rapporten 01\.09\.2014\./);
    expect(await board.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/Bedre end sidst/)]));
    expect(await w.page.getByTestId("project-history").locator("thead th").count()).toBe(2 + 3);
    expect(await w.page.locator("figure.chart-card", { has: board.first() }).textContent()).toContain("Eksempeldata");
    // the first report has nothing to compare with
    await w.page.getByLabel("Statusrapport").selectOption({ index: 0 });
    await expect.poll(() => w.page.getByTestId("project-counts").textContent()).toContain("Første rapport");
    expect(new URL(w.page.url()).searchParams.get("rapport")).toBe("2014-03-03");
    expect(await axeViolations(w.page)).toEqual([]);
    await w.page.screenshot({ path: join(shots, "e2e-digitalisering-420.png"), fullPage: true });
    await finish(w);
  });
});
