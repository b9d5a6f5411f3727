/**
 * The plain-Danish sentence under every chart on /befolkning, /lokalsamfund, /tilflyttere and
 * /flytninger, for a municipality chosen here (Assens, 420): every card that draws a chart has a
 * visible sentence (data-testid="card-sentence"), and one number in it per page equals the figure
 * this test works out from the mirror's CSV files itself (not from the loaders):
 *   /befolkning    the population in FOLK1A's newest 1 January and its change since the baseline year
 *   /lokalsamfund  the share living in rural districts (BY1) against hele landet's, chosen with "Sammenlign med"
 *   /tilflyttere   the largest origin of in-movers and their number (FLY66)
 *   /flytninger    the same, under the flow map
 *   /              every goal card (Halsnæs, assessed; Assens, not) has one sentence that is also its
 *                  sparkline's text alternative; the population goal's change since the baseline
 *                  year equals FOLK1A's, and Assens's cards name no verdict
 *   /digitalisering every card with a chart or table has a sentence saying "Eksempeldata"; the
 *                  self-service share equals the one worked out from data/henvendelser
 *   /praeferencer  every card has a sentence; the number of respondents equals the example file's
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.ts";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";
import { danishThousands, mirrorRows, populationRowsFromMirror, topOriginFromMirror } from "./mirrorFacts.ts";
import { importSurvey } from "../../src/lib/survey/import.ts";
import { parseSchema } from "../../src/lib/survey/schema.ts";

const harness = useSite();
const AREA = "420"; // Assens
const baseline = JSON.parse(readFileSync(join(projectRoot, "data/site.json"), "utf8")).baselineYear as number;

/** 28.294… -> "28,3" (one decimal, decimal comma), written out by hand. */
const danishDecimal = (x: number) => (Math.round(x * 10) / 10).toFixed(1).replace(".", ",");

/** Every chart card (a card whose body draws an SVG) has a non-empty visible sentence; returns their texts. */
async function chartSentences(page: Page): Promise<string[]> {
  const cards = page.locator("figure.chart-card", { has: page.locator(".card-body svg") });
  await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const texts: string[] = [];
  for (const card of await cards.all()) {
    const title = await card.locator(".card-title").textContent();
    const sentence = card.getByTestId("card-sentence");
    expect(await sentence.count(), `card "${title}" has a sentence`).toBe(1);
    const text = (await sentence.textContent()) ?? "";
    expect(text, `card "${title}"`).toMatch(/\S.*\.$/);
    // the sentence is the chart's text alternative too
    expect(await card.locator(".card-body").getAttribute("aria-label")).toBe(text);
    texts.push(text);
  }
  return texts;
}

/**
 * Every card with content (a chart or a table: `.card-body`) has a non-empty visible sentence that
 * is also the content's text alternative; returns the texts by card title.
 */
async function everyCardSentence(page: Page): Promise<Map<string, string>> {
  const cards = page.locator("figure.chart-card", { has: page.locator(".card-body") });
  await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const texts = new Map<string, string>();
  for (const card of await cards.all()) {
    const title = ((await card.locator(".card-title").textContent()) ?? "").trim();
    const sentence = card.getByTestId("card-sentence");
    expect(await sentence.count(), `card "${title}" has a sentence`).toBe(1);
    expect(await sentence.isVisible(), `card "${title}": the sentence is visible`).toBe(true);
    const text = (await sentence.textContent()) ?? "";
    expect(text, `card "${title}"`).toMatch(/\S.*\.$/);
    expect(await card.locator(".card-body").getAttribute("aria-label")).toBe(text);
    texts.set(title, text);
  }
  return texts;
}

async function municipalityName(page: Page, code: string): Promise<string> {
  return ((await page.locator(`select[name=kommune] option[value="${code}"]`).textContent()) ?? "").trim();
}

describe("a true sentence under every chart", () => {
  it("/befolkning: population and its change since the baseline year as in FOLK1A; the net migration rate against the chosen group", async () => {
    const rows = populationRowsFromMirror().filter((r) => r.area === AREA);
    const latest = rows.reduce((a, b) => (b.year > a.year ? b : a));
    const base = rows.find((r) => r.year === baseline)!;
    const diff = latest.population - base.population;
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/befolkning?kommune=${AREA}`, { waitUntil: "networkidle" });
    const rateCard = w.page.locator("figure.chart-card", { hasText: "pr. 1.000 indbyggere" });
    await expect.poll(() => rateCard.locator(".card-body svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const texts = await chartSentences(w.page);
    const name = await municipalityName(w.page, AREA);
    const population = texts.find((t) => t.includes("boede der"));
    expect(population).toContain(`I ${latest.year} boede der ${danishThousands(latest.population)} i ${name}`);
    expect(population).toContain(`${danishThousands(Math.abs(diff))} ${diff > 0 ? "flere" : "færre"} end i ${baseline}`);
    // switching the comparison group changes the rate chart's sentence
    const rateSentence = rateCard.getByTestId("card-sentence");
    await expect.poll(() => rateSentence.textContent()).toContain("nabokommunerne");
    await w.page.getByTestId("compare-group").getByLabel("Hele landet").check();
    await expect.poll(() => rateSentence.textContent()).toContain("hele landet");
    expect(new URL(w.page.url()).searchParams.get("sammenlign")).toBe("land");
    await finish(w);
  });

  it("/lokalsamfund: the share in rural districts against hele landet, as in BY1", async () => {
    const lines = mirrorRows("BY1.csv");
    const newest = Math.max(...lines.map((l) => Number(l[1])));
    const ofYear = lines.filter((l) => Number(l[1]) === newest);
    const value = (code: string) => Number(ofYear.find((l) => l[0] === code)?.[2]);
    // a municipality's total is its code 00<code>; its rural districts 99999
    const totals = ofYear.filter((l) => l[0].slice(3) === `00${l[0].slice(0, 3)}` && l[0] !== "00001100");
    const ruralAll = totals.reduce((s, l) => s + (value(`${l[0].slice(0, 3)}99999`) || 0), 0);
    const popAll = totals.reduce((s, l) => s + Number(l[2]), 0);
    const own = (100 * value(`${AREA}99999`)) / value(`${AREA}00${AREA}`);
    const country = (100 * ruralAll) / popAll;
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/lokalsamfund?kommune=${AREA}&sammenlign=land`, { waitUntil: "networkidle" });
    const card = w.page.locator("figure.chart-card", { hasText: "Andel i landdistrikter og små byer" });
    await expect.poll(() => card.locator(".card-body svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await chartSentences(w.page);
    // the table cards too (communities, the success criterion, newcomers per community)
    await everyCardSentence(w.page);
    const sentence = await card.getByTestId("card-sentence").textContent();
    expect(sentence).toContain(`indbyggere i landdistrikter end hele landet: ${danishDecimal(own)} % mod ${danishDecimal(country)} %`);
    await finish(w);
  });

  for (const path of ["/tilflyttere", "/flytninger"]) {
    it(`${path}: the largest origin of in-movers and their number, as in FLY66`, async () => {
      const top = topOriginFromMirror(AREA);
      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.goto(`${harness.site().url}${path}?kommune=${AREA}`, { waitUntil: "networkidle" });
      await expect.poll(() => w.page.getByTestId("card-sentence").count(), { timeout: 30_000 }).toBeGreaterThan(2);
      const texts = await chartSentences(w.page);
      const [name, origin] = [await municipalityName(w.page, AREA), await municipalityName(w.page, top.code)];
      const all = (await w.page.getByTestId("card-sentence").allTextContents()).join(" ");
      // "Flest tilflyttede til Assens i 2024 kom fra Odense: 456 personer." / "I 2024 kom flest tilflyttede til Assens fra Odense: 456 personer (alle aldre)."
      expect(all).toMatch(new RegExp(`tilflyttede til ${name}[^.]* fra ${origin}: ${danishThousands(top.moves).replace(".", "\\.")} personer`, "i"));
      expect(texts.length).toBeGreaterThan(1);
      await finish(w);
    });
  }
  it("/ (scorecard): one sentence per goal card, the sparkline's text alternative; the population goal's change as in FOLK1A; no verdict for Assens", async () => {
    const rows = populationRowsFromMirror().filter((r) => r.area === "260");
    const latest = rows.reduce((a, b) => (b.year > a.year ? b : a));
    const base = rows.find((r) => r.year === baseline)!;
    const diff = latest.population - base.population;
    const w = await openPage(harness.browser(), harness.site().url);
    for (const area of ["260", "420"]) {
      await w.page.goto(`${harness.site().url}/?kommune=${area}`, { waitUntil: "networkidle" });
      const cards = w.page.getByTestId("goal-card");
      await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThan(5);
      for (const c of await cards.all()) {
        const goal = await c.getAttribute("data-goal");
        const sentence = c.getByTestId("goal-sentence");
        expect(await sentence.count(), `${goal} has one sentence`).toBe(1);
        const text = (await sentence.textContent()) ?? "";
        expect(text, `${goal}`).toMatch(/\S.*\.$/);
        const spark = c.locator(".goal-spark");
        if (await spark.count()) expect(await spark.getAttribute("aria-label"), `${goal}: the sparkline's text alternative`).toBe(text);
        if (area === "420") expect(text, goal!).not.toMatch(/nået/);
        if ((await c.locator(".example-badge").count()) > 0) expect(text, goal!).toMatch(/^Eksempeldata: /);
        if ((await c.getAttribute("data-status")) === "no_data") expect(text, goal!).toContain("Data mangler");
      }
      if (area === "260") {
        const text = (await w.page.locator("[data-goal=flere_borgere]").getByTestId("goal-sentence").textContent()) ?? "";
        expect(text).toContain(`${latest.year} boede der ${danishThousands(latest.population)} personer`);
        expect(text).toContain(`${danishThousands(Math.abs(diff))} personer ${diff > 0 ? "flere" : "færre"}`);
        expect(text).toMatch(/Målet er .* – målet er (endnu )?(ikke )?nået/);
      }
    }
    await finish(w);
  });

  it("/digitalisering: a sentence under every chart and table, saying Eksempeldata; the self-service share as in data/henvendelser", async () => {
    const lines = readFileSync(join(projectRoot, "data/henvendelser/halsnaes.eksempel.csv"), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(";"));
    const newest = lines.map((l) => Number(l[1].slice(0, 4))).reduce((a, b) => Math.max(a, b));
    const ofYear = lines.filter((l) => Number(l[1].slice(0, 4)) === newest);
    const total = ofYear.reduce((s, l) => s + Number(l[3]), 0);
    const self = ofYear.filter((l) => l[2].startsWith("selvbetjening")).reduce((s, l) => s + Number(l[3]), 0);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/digitalisering?kommune=260`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("card-sentence").count(), { timeout: 30_000 }).toBeGreaterThan(6);
    const texts = await everyCardSentence(w.page);
    expect(texts.size).toBeGreaterThanOrEqual(7);
    for (const [title, text] of texts) if (title.includes("eksempeldata")) expect(text, title).toMatch(/^Eksempeldata: /);
    const all = [...texts.values()].join(" ");
    expect(all).toContain(`via digital selvbetjening i Halsnæs var ${danishDecimal((100 * self) / total)} % i ${newest}`);
    expect(all).toMatch(/Målet er mindst 50 % i 2015/);
    expect(all).toMatch(/Målet er mindst 80 % i 2015/);
    await finish(w);
  });

  it("/praeferencer: a sentence under every card, with n and the weighting; the respondents as in the example file", async () => {
    const schema = parseSchema(JSON.parse(readFileSync(join(projectRoot, "data/survey/schema.json"), "utf8")));
    const respondents = importSurvey(new Uint8Array(readFileSync(join(projectRoot, "data/survey/eksempel.csv"))), schema, "eksempel.csv").respondents.length;
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/praeferencer`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.getByTestId("group-comparison").locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => w.page.getByTestId("card-sentence").count(), { timeout: 30_000 }).toBeGreaterThan(4);
    const texts = await everyCardSentence(w.page);
    for (const [title, text] of texts) expect(text, title).toMatch(/^Eksempeldata: /);
    const all = [...texts.values()].join(" ");
    expect(all).toContain(`${danishThousands(respondents)} har svaret.`);
    expect(all).toContain("Tallene er uvejede");
    expect(all).toMatch(/procentpoint/);
    await finish(w);
  });
});
