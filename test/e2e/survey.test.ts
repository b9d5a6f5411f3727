import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.ts";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";
import { importSurvey } from "../../src/lib/survey/import.ts";
import { parseSchema } from "../../src/lib/survey/schema.ts";

const harness = useSite();

/** The example file cut to its header and first `n` respondents: a planner's own (valid) file. */
function ownFile(n: number): Buffer {
  const text = readFileSync(join(projectRoot, "data/survey/eksempel.csv"), "utf8");
  const lines = text.split(/\r\n/);
  return Buffer.from(`${lines.slice(0, n + 1).join("\r\n")}\r\n`, "utf8");
}

describe("preference analysis (praeferencer)", () => {
  it("analyses the example on load, then an uploaded file without any network request", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer`, { waitUntil: "networkidle" });
    const status = w.page.getByTestId("survey-status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("eksempel.csv");
    expect(await status.locator(".example-badge").count()).toBe(1);
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    // every chart of the example says it is example data
    const cards = w.page.locator("figure.chart-card");
    for (const c of await cards.all()) expect(await c.locator(".card-title").textContent()).toContain("eksempeldata");
    await w.page.waitForLoadState("networkidle");
    // one Arrow library for DuckDB-wasm's results (its own apache-arrow); the answers go to it encoded by flechette
    const arrowVersions = new Set(w.requests.map((u) => /\/_node\/apache-arrow@([\d.]+)\//.exec(u)?.[1]).filter(Boolean));
    expect(arrowVersions.size, [...arrowVersions].join(", ")).toBeLessThanOrEqual(1);
    const before = w.requests.length;

    await w.page.getByLabel("Egen spørgeskemafil (CSV)").setInputFiles({ name: "min-undersoegelse.csv", mimeType: "text/csv", buffer: ownFile(300) });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("min-undersoegelse.csv");
    const schema = parseSchema(JSON.parse(readFileSync(join(projectRoot, "data/survey/schema.json"), "utf8")));
    const imported = importSurvey(new Uint8Array(ownFile(300)), schema, "min-undersoegelse.csv");
    const expected = imported.respondents.length;
    expect(await status.textContent()).toContain(`${expected} besvarelser`);
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count()).toBeGreaterThan(5);
    await expect.poll(() => w.page.locator("figure.chart-card .card-title", { hasText: "eksempeldata" }).count(), { timeout: 15_000 }).toBe(0);
    await w.page.waitForTimeout(1000);
    expect(w.requests.slice(before).filter((u) => u.startsWith("http"))).toEqual([]);
    // downloads are made in the page: CSV of the summary table and PNG of the chart
    const shareCard = w.page.locator("figure.chart-card", { hasText: "Andel, der er enige" });
    const [csv] = await Promise.all([w.page.waitForEvent("download"), shareCard.getByRole("button", { name: "CSV" }).click()]);
    expect(csv.suggestedFilename()).toBe("praeferencer-min-undersoegelse-andele-uvejet.csv");
    const csvText = readFileSync(await csv.path(), "utf8");
    expect(csvText.split("\r\n")[0]).toBe("\uFEFFudsagn;andel %;nedre %;øvre %;svar;usikkert");
    // DuckDB-wasm's shares (the answers reach it as Arrow made by flechette) against the imported
    // answers counted here: for each item, its answers and the share of the top two of its scale.
    // Every row of the card is one of them.
    const byHand = schema.items.map((item) => {
      const top = Math.max(...Object.keys(schema.scales[item.scale]).map(Number));
      const values = imported.answers.filter((a) => a.item === item.column).map((a) => a.value);
      return { n: values.length, share: (100 * values.filter((v) => v >= top - 1).length) / values.length };
    });
    const shown = csvText
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(";"));
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) {
      const share = Number(row[1].replace(",", "."));
      const n = Number(row[4]);
      expect(
        byHand.some((h) => h.n === n && Math.abs(h.share - share) < 0.051),
        `${row.join(";")} against ${JSON.stringify(byHand)}`,
      ).toBe(true);
    }
    const [png] = await Promise.all([w.page.waitForEvent("download"), shareCard.getByRole("button", { name: "PNG" }).click()]);
    expect(png.suggestedFilename()).toBe("praeferencer-min-undersoegelse-andele-uvejet.png");
    expect(
      readFileSync(await png.path())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect(w.requests.slice(before).filter((u) => u.startsWith("http"))).toEqual([]);
    await w.page.screenshot({ path: join(shots, "e2e-praeferencer-upload.png"), fullPage: true });
    await finish(w);
  });

  it("names every problem of a malformed file, by line and column", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("survey-status").textContent(), { timeout: 30_000 }).toContain("eksempel.csv");
    const lines = ownFile(5).toString("utf8").split("\r\n");
    const header = lines[0].split(";");
    const col = header.indexOf("vigtig_skole");
    const bad = lines[2].split(";");
    bad[col] = "7";
    lines[2] = bad.join(";");
    await w.page.getByLabel("Egen spørgeskemafil (CSV)").setInputFiles({ name: "fejl.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
    const problems = w.page.getByTestId("import-problems");
    await expect.poll(() => problems.textContent(), { timeout: 20_000 }).toContain("fejl.csv");
    expect(await problems.textContent()).toMatch(/Linje 3, kolonne vigtig_skole/);
    expect(w.consoleErrors).toEqual([]);
    await w.page.context().close();
  });

  it("a file with one wrong column name: one message naming the look-alike and the columns, as text, and nothing else", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const withHeader = (from: string, to: string) => Buffer.from(ownFile(50).toString("utf8").replace(`;${from};`, `;${to};`), "utf8");
    const input = w.page.getByLabel("Egen spørgeskemafil (CSV)");
    const problems = w.page.getByTestId("import-problems");
    const main = w.page.locator("#observablehq-main");

    await input.setInputFiles({ name: "min-fil.csv", mimeType: "text/csv", buffer: withHeader("tilfreds_skole", "tilfreds_skolen") });
    await expect.poll(() => problems.textContent(), { timeout: 20_000 }).toContain("min-fil.csv");
    const message = (await problems.innerText()).replace(/\s+/g, " ");
    expect(message).toContain("Kolonnen tilfreds_skole mangler");
    expect(message).toContain("Mente du tilfreds_skolen?");
    expect(message).not.toMatch(/README|data\/survey/);
    // the expected columns are described on the page, and the example file is linked from the site itself
    expect(await problems.getByTestId("survey-columns").textContent()).toContain("tilfreds_skole");
    expect(await problems.getByRole("link", { name: "hent eksempel.csv" }).getAttribute("href")).toMatch(/_file\/data\/survey\/eksempel\.[0-9a-f]+\.csv$/);
    // nothing but the message: no cards, no controls for an analysis that is not there, no stray values
    await expect.poll(() => w.page.locator("figure.chart-card").count(), { timeout: 15_000 }).toBe(0);
    expect(await w.page.getByTestId("survey-status").count()).toBe(0);
    expect(await w.page.getByTestId("weighting").count()).toBe(0);
    for (const label of ["Sammenlign", "Opdel efter", "Vejet til befolkningen"]) expect(await w.page.getByLabel(label).count(), label).toBe(0);
    const text = await main.innerText();
    expect(text).not.toMatch(/\bnull\b|\bundefined\b|\bNaN\b/);
    expect(text).not.toMatch(/\b0 besvarelser/);
    await w.page.screenshot({ path: join(shots, "e2e-praeferencer-wrong-column.png"), fullPage: true });

    // the file's own text (its name, a column name) is shown as text, never as HTML
    await input.setInputFiles({ name: "<b>fed</b>.csv", mimeType: "text/csv", buffer: withHeader("tilfreds_skole", "tilfreds_skole<b>n</b>") });
    await expect.poll(() => problems.textContent(), { timeout: 20_000 }).toContain("<b>fed</b>.csv");
    expect(await problems.textContent()).toContain("Mente du tilfreds_skole<b>n</b>?");
    expect(await problems.locator("b").count()).toBe(0);

    // a good file brings the analysis back
    await input.setInputFiles({ name: "rettet.csv", mimeType: "text/csv", buffer: ownFile(300) });
    await expect.poll(() => w.page.getByTestId("survey-status").textContent(), { timeout: 30_000 }).toContain("rettet.csv");
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await problems.count()).toBe(0);
    await finish(w);
  });

  it("the example file uploaded under another name keeps every Eksempeldata label", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer`, { waitUntil: "networkidle" });
    const status = w.page.getByTestId("survey-status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("eksempel.csv");
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(5);

    const example = readFileSync(join(projectRoot, "data/survey/eksempel.csv"));
    await w.page.getByLabel("Egen spørgeskemafil (CSV)").setInputFiles({ name: "spoergeskema-2025.csv", mimeType: "text/csv", buffer: example });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("spoergeskema-2025.csv");
    expect(await status.locator(".example-badge").count()).toBe(1);
    expect(await status.textContent()).toContain("eksempelfil");
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const cards = w.page.locator("figure.chart-card");
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    for (const c of await cards.all()) {
      const title = await c.locator(".card-title").textContent();
      expect(title).toContain("eksempeldata");
      expect(await c.locator(".example-badge").count(), title ?? "").toBeGreaterThan(0);
      expect(await c.locator(".source").textContent(), title ?? "").not.toContain("spoergeskema-2025.csv");
    }
    await finish(w);
  });

  it("weights to the population and never offers a group under 5 respondents", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    await w.page.getByLabel("Vejet til befolkningen").check();
    await expect.poll(() => w.page.getByTestId("weighting").textContent(), { timeout: 20_000 }).toMatch(/designeffekt/);
    await w.page.getByLabel("Opdel efter").selectOption({ label: "Lokalområde" });
    await expect.poll(() => w.page.locator(".data-mangler", { hasText: "under 5 besvarelser" }).count(), { timeout: 20_000 }).toBe(1);
    const options = await w.page.getByLabel("Sammenlign").locator("option").allTextContents();
    const hidden = await w.page.locator(".data-mangler", { hasText: "under 5 besvarelser" }).textContent();
    const hiddenName = /\(([^)]*) vises ikke/.exec(hidden ?? "")?.[1] ?? "";
    expect(hiddenName).not.toBe("");
    expect(options.some((o) => o.includes(hiddenName))).toBe(false);
    await finish(w);
  });

  it("gives the same numbers after switching the weighting back and forth", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer?kommune=461`, { waitUntil: "networkidle" });
    const table = w.page.getByTestId("group-comparison").locator("tbody");
    await expect.poll(() => table.locator("tr").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const shares = w.page.locator("figure.chart-card", { hasText: "Andel, der er enige" }).locator("svg");
    const numbers = async () => [await table.textContent(), await shares.last().innerHTML()];
    const unweighted = await numbers();
    await w.page.getByLabel("Vejet til befolkningen").check();
    await expect.poll(() => w.page.getByTestId("weighting").textContent(), { timeout: 20_000 }).toMatch(/designeffekt/);
    await expect.poll(() => table.textContent(), { timeout: 20_000 }).not.toBe(unweighted[0]);
    const weighted = await numbers();
    for (const [label, expected] of [
      ["Uvejet", unweighted],
      ["Vejet til befolkningen", weighted],
      ["Uvejet", unweighted],
    ] as const) {
      await w.page.getByLabel(label).check();
      await expect.poll(numbers, { timeout: 20_000 }).toEqual(expected);
    }
    // the unweighted view does not depend on the municipality: another one leaves the numbers
    await w.page.locator("select[name=kommune]").selectOption("101");
    await expect.poll(() => w.page.getByTestId("weighting").textContent()).toMatch(/Uvejede tal/);
    expect(await numbers()).toEqual(unweighted);
    await finish(w);
  });

  it("keeps weighting, grouping and the compared pair in the URL, and a shared link opens the same view", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer?visning=vejet&opdel=lokalomraade&sammenlign=hundested~land`, { waitUntil: "networkidle" });
    const table = w.page.getByTestId("group-comparison");
    await expect
      .poll(() => table.locator("thead th").allTextContents(), { timeout: 30_000 })
      .toEqual(["Udsagn", "Hundested", "Landområderne", "Forskel (procentpoint)", "95 %-interval"]);
    expect(await w.page.getByLabel("Vejet til befolkningen").isChecked()).toBe(true);
    expect(await w.page.getByLabel("Opdel efter").locator("option:checked").textContent()).toBe("Lokalområde");
    // back to the defaults: the URL keeps nothing
    await w.page.getByLabel("Uvejet").check();
    await w.page.getByLabel("Opdel efter").selectOption({ label: "Familietype" });
    await expect.poll(() => table.locator("thead th").allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining(["Par med børn", "Uden børn"]));
    await expect.poll(() => new URL(w.page.url()).search).toBe("");
    // another pair is written as ?sammenlign=a~b
    await w.page.getByLabel("Sammenlign").selectOption({ label: "Enlig med børn mod Par med børn" });
    await expect.poll(() => new URL(w.page.url()).searchParams.get("sammenlign")).toBe("enlig_med_boern~par_med_boern");
    await finish(w);
  });

  it("first shows who answered against the population, with the example's age shares counted by hand", async () => {
    // by hand from the example file: respondents per age group among those who gave one
    const [header, ...lines] = readFileSync(join(projectRoot, "data/survey/eksempel.csv"), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r\n/);
    const col = header.split(";").indexOf("aldersgruppe");
    const counts = new Map<string, number>();
    for (const line of lines) {
      const v = line.split(";")[col];
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const known = [...counts.values()].reduce((a, b) => a + b, 0);
    const labels: Record<string, string> = { "20-34": "20–34 år", "35-64": "35–64 år", "65-79": "65–79 år", "80-": "80 år og derover" };

    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer`, { waitUntil: "networkidle" });
    const card = w.page.locator("figure.chart-card").first();
    await expect.poll(() => card.locator(".card-title").textContent(), { timeout: 30_000 }).toContain("Hvem har svaret?");
    await expect.poll(() => card.locator(".card-body svg").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const [csv] = await Promise.all([w.page.waitForEvent("download"), card.getByRole("button", { name: "CSV" }).click()]);
    const [head, ...rows] = readFileSync(await csv.path(), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((l) => l.split(";"));
    expect(head).toEqual(["opdeling", "gruppe", "besvarelser", "andel af besvarelser %", "befolkning", "andel af befolkning %"]);
    const age = rows.filter((r) => r[0] === "Alder");
    expect(age.map((r) => r[1])).toEqual(Object.values(labels));
    for (const [code, label] of Object.entries(labels)) {
      const row = age.find((r) => r[1] === label)!;
      const n = counts.get(code) ?? 0;
      // every age group of the example has 5 or more respondents, so none is hidden
      expect(n).toBeGreaterThanOrEqual(5);
      expect(Number(row[2])).toBe(n);
      expect(Number(row[3].replace(",", "."))).toBeCloseTo((100 * n) / known, 6);
    }
    expect(age.reduce((s, r) => s + Number(r[5].replace(",", ".")), 0)).toBeCloseTo(100, 6);
    await finish(w);
  });
});
