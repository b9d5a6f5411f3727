/**
 * The plain-Danish sentence under every card on /oekonomi and /prognose (the pages
 * sentences.test.ts does not open), for Halsnæs (260) and Assens (420): every card has one visible
 * sentence — a card with a chart or table its chart's sentence (also the text alternative), a card
 * without numbers one that says so plainly — and the numbers in them equal the figures this test
 * works out from the mirror's CSV files itself (not from the loaders):
 *   /oekonomi  the disposable income (INDKP101) in the newest year and its change since the
 *              baseline year, and hele landet's population-weighted average (FOLK1A weights)
 *   /prognose  the population (FOLK1A) and its change since the baseline year; DST's projection
 *              (FRKM126_agegroups) in its last year and its change since its first; the growth
 *              2011–newest, actual and projected, against hele landet (sums of the 98 municipalities)
 * Switching the comparison group changes the sentences, and every sentence names the new group.
 * "markant" only where the numbers written differ by the stated threshold (src/lib/sentences.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.ts";
import { openPage } from "./browser.ts";
import { finish, useSite } from "./harness.ts";
import { danishThousands, mirrorRows, municipalityCodesFromMirror, populationRowsFromMirror } from "./mirrorFacts.ts";
import { THRESHOLDS } from "../../src/lib/sentences.ts";

const harness = useSite();
const AREAS = ["260", "420"]; // Halsnæs (the example forecast), Assens (none)
const baseline = JSON.parse(readFileSync(join(projectRoot, "data/site.json"), "utf8")).baselineYear as number;

const lines = mirrorRows;

/** 2.196… -> "+2,2", −3.04 -> "−3,0" (one decimal, decimal comma, U+2212), written out by hand. */
const signedDecimal = (x: number) => {
  const r = Math.round(Math.abs(x) * 10) / 10;
  return `${r === 0 ? "±" : x > 0 ? "+" : "−"}${r.toFixed(1).replace(".", ",")}`;
};
/** "−3,0" -> −3 */
const parseDanish = (s: string) => Number(s.replace("−", "-").replace("+", "").replace(/\./g, "").replace(",", "."));

/** Disposable income per person (INDKP101: ENHED 116, both sexes, income type 100) by area and year. */
function incomeFromMirror(): Map<string, number> {
  return new Map(
    lines("INDKP101.csv")
      .filter((r) => r[1] === "116" && r[2] === "MOK" && r[3] === "100")
      .map((r) => [`${r[0]}|${Number(r[4])}`, Number(r[5])]),
  );
}

/** FRKM126's projected total (ALDERGRP TOT) by municipality and year. */
function projectionFromMirror(): Map<string, number> {
  return new Map(
    lines("FRKM126_agegroups.csv")
      .filter((r) => r[1] === "TOT")
      .map((r) => [`${r[0]}|${Number(r[2])}`, Number(r[3])]),
  );
}

/**
 * Every card has exactly one visible sentence ending with a full stop; where the card shows a
 * chart or a table it is the content's text alternative too, where it shows none (the data is
 * missing) it says "Der er ingen tal …" and the card names the missing table. Returns the texts by title.
 */
async function everySentence(page: Page): Promise<Map<string, string>> {
  const cards = page.locator("figure.chart-card");
  await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const texts = new Map<string, string>();
  for (const card of await cards.all()) {
    const title = ((await card.locator(".card-title").textContent()) ?? "").trim();
    const sentence = card.getByTestId("card-sentence");
    expect(await sentence.count(), `card "${title}" has a sentence`).toBe(1);
    expect(await sentence.isVisible(), `card "${title}": the sentence is visible`).toBe(true);
    const text = ((await sentence.textContent()) ?? "").trim();
    expect(text, `card "${title}"`).toMatch(/\S.*[^.]\.$/);
    if (await card.locator(".card-body").count()) {
      expect(await card.locator(".card-body svg, .card-body table").count(), `card "${title}" draws something`).toBeGreaterThan(0);
      expect(await card.locator(".card-body").getAttribute("aria-label"), `card "${title}": the sentence is the text alternative`).toBe(text);
    } else {
      expect(text, `card "${title}" without numbers`).toMatch(/^Der er ingen (tal|vedtaget prognose)/);
      expect(await card.locator(".data-mangler").count(), `card "${title}" names what is missing`).toBe(1);
    }
    texts.set(title, text);
  }
  return texts;
}

/**
 * "markant" only at or beyond the stated threshold, "en lille forskel" only below the small one:
 * checked on every "A mod B" pair of signed growth figures (procentpoint, as a rate) in the texts.
 */
function checkDegrees(texts: Iterable<string>): number {
  let checked = 0;
  for (const text of texts) {
    for (const sentence of text.split(/(?<=\.) (?=[A-ZÆØÅ])/)) {
      const m = sentence.match(/: ([+−±]\d+,\d) mod ([+−±]\d+,\d) %( \(en lille forskel\))?\.$/);
      if (!m) continue;
      const diff = Math.abs(Math.round((parseDanish(m[1]) - parseDanish(m[2])) * 10) / 10);
      const t = THRESHOLDS.compare.rate;
      expect(/markant/.test(sentence), sentence).toBe(diff >= t.marked);
      expect(!!m[3], sentence).toBe(diff > 0 && diff < t.small);
      checked++;
    }
  }
  return checked;
}

async function municipalityName(page: Page, code: string): Promise<string> {
  return ((await page.locator(`select[name=kommune] option[value="${code}"]`).textContent()) ?? "").trim();
}

/** The group's label as the note under the control writes it ("Region Syddanmark: 22 kommuner, …"). */
async function regionLabel(page: Page): Promise<string> {
  const note = (await page.getByTestId("compare-group-members").textContent()) ?? "";
  return note.split(":")[0].trim();
}

const GROUPS: { label: string; kind: string; phrase: (page: Page) => Promise<string> }[] = [
  { label: "Nabokommuner", kind: "naboer", phrase: async () => "nabokommunerne" },
  { label: "Lignende kommuner", kind: "lignende", phrase: async () => "de fem lignende kommuner" },
  { label: "Regionen", kind: "region", phrase: regionLabel },
  { label: "Hele landet", kind: "land", phrase: async () => "hele landet" },
];

/**
 * From the neighbours, check each other comparison group in turn: the sentences change, and each
 * compared card names the group. Returns every sentence seen (the neighbours' first).
 */
async function switchGroups(page: Page, compared: Locator[]): Promise<string[]> {
  let before = await Promise.all(compared.map((c) => c.getByTestId("card-sentence").textContent()));
  const seen = before.map((t) => t ?? "");
  for (const g of GROUPS.slice(1)) {
    await page.getByTestId("compare-group").getByLabel(g.label).check();
    await expect.poll(() => page.getByTestId("compare-group-members").getAttribute("data-kind"), { timeout: 15_000 }).toBe(g.kind);
    const phrase = await g.phrase(page);
    for (const c of compared) await expect.poll(() => c.getByTestId("card-sentence").textContent(), { timeout: 15_000 }).toContain(phrase);
    const after = await Promise.all(compared.map((c) => c.getByTestId("card-sentence").textContent()));
    after.forEach((t, i) => expect(t, `the sentence changed with the group (${g.label})`).not.toBe(before[i]));
    expect(new URL(page.url()).searchParams.get("sammenlign")).toBe(g.kind);
    seen.push(...after.map((t) => t ?? ""));
    before = after;
  }
  return seen;
}

describe("a true sentence under every card on /oekonomi and /prognose", () => {
  it("/ (Assens, another council's goals): no goal sentence names a target, as the cards show no 'Mål'", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/?kommune=420`, { waitUntil: "networkidle" });
    const cards = w.page.getByTestId("goal-card");
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThan(5);
    for (const c of await cards.all()) {
      const text = (await c.getByTestId("goal-sentence").textContent()) ?? "";
      expect(text, (await c.getAttribute("data-goal"))!).not.toMatch(/målet|nået/i);
      expect(await c.locator(".goal-figures dt", { hasText: "Mål" }).count()).toBe(0);
    }
    await finish(w);
  });

  for (const area of AREAS) {
    it(`/oekonomi (${area}): a sentence under every card; the disposable income, its change and hele landet's average as in INDKP101 and FOLK1A; the group switches the sentences`, async () => {
      const income = incomeFromMirror();
      const years = [...income.keys()].filter((k) => k.startsWith(`${area}|`)).map((k) => Number(k.split("|")[1]));
      const year = Math.max(...years);
      const own = income.get(`${area}|${year}`)!;
      const base = income.get(`${area}|${baseline}`)!;
      // hele landet: Σ(income × population 1 January) / Σ population over the 98 municipalities
      const pop = new Map(populationRowsFromMirror().map((r) => [`${r.area}|${r.year}`, r.population]));
      const codes = municipalityCodesFromMirror();
      const weights = codes.map((c) => pop.get(`${c}|${year}`)!);
      expect(weights.every((w) => w > 0)).toBe(true);
      const country = codes.reduce((s, c, i) => s + income.get(`${c}|${year}`)! * weights[i], 0) / weights.reduce((a, b) => a + b, 0);

      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.goto(`${harness.site().url}/oekonomi?kommune=${area}&sammenlign=naboer`, { waitUntil: "networkidle" });
      const incomeCard = w.page.locator("figure.chart-card", { hasText: "disponibel indkomst" }).first();
      await expect.poll(() => incomeCard.locator(".card-body svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const texts = await everySentence(w.page);
      expect(texts.size).toBeGreaterThanOrEqual(4);
      const name = await municipalityName(w.page, area);
      const sentence = [...texts.values()].find((t) => t.startsWith("Den disponible indkomst"))!;
      const diff = own - base;
      expect(sentence).toContain(
        `Den disponible indkomst pr. person (løbende priser) i ${name} var ${danishThousands(own)} kr. i ${year}, ${danishThousands(Math.abs(diff))} kr. ${diff > 0 ? "højere" : "lavere"} end i ${baseline} (${danishThousands(base)} kr.;`,
      );
      // every card compares with the chosen group, a card without numbers too ("… kan ikke sammenlignes med nabokommunerne")
      for (const [title, text] of texts) expect(text, title).toContain("nabokommunerne");
      const compared = await w.page.locator("figure.chart-card").all();
      // amounts: "markant" only from 25 % of the group's figure (the disposable income in each group)
      for (const text of await switchGroups(w.page, compared)) {
        const m = text.match(/(markant )?(?:højere|lavere|omtrent den samme) i [^:]+: ([\d.]+) kr\. mod ([\d.]+) kr\./);
        if (!m) continue;
        const [a, b] = [parseDanish(m[2]), parseDanish(m[3])];
        expect(!!m[1], text).toBe(Math.abs(a - b) / b >= THRESHOLDS.compare.amount.marked);
        expect(text.includes("omtrent den samme"), text).toBe(a !== b && Math.abs(a - b) / b < THRESHOLDS.compare.amount.small);
      }
      // hele landet's number, worked out here
      const last = (await incomeCard.getByTestId("card-sentence").textContent()) ?? "";
      expect(last).toContain(`i ${name} end i hele landet: ${danishThousands(own)} kr. mod ${danishThousands(Math.round(country))} kr.`);
      await finish(w);
    });

    it(`/prognose (${area}): a sentence under every card; population, DST's projection and the growth against hele landet as in FOLK1A and FRKM126; the group switches the sentence`, async () => {
      const rows = populationRowsFromMirror();
      const mine = rows.filter((r) => r.area === area);
      const latest = mine.reduce((a, b) => (b.year > a.year ? b : a));
      const base = mine.find((r) => r.year === baseline)!;
      const diff = latest.population - base.population;
      const projection = projectionFromMirror();
      const projYears = [...projection.keys()].filter((k) => k.startsWith(`${area}|`)).map((k) => Number(k.split("|")[1]));
      const [p0, p1] = [Math.min(...projYears), Math.max(...projYears)];
      const [proj0, proj1] = [projection.get(`${area}|${p0}`)!, projection.get(`${area}|${p1}`)!];
      const codes = municipalityCodesFromMirror();
      const pop = new Map(rows.map((r) => [`${r.area}|${r.year}`, r.population]));
      const sum = (m: Map<string, number>, y: number) => codes.reduce((s, c) => s + m.get(`${c}|${y}`)!, 0);
      const growth = (a: number, b: number) => (100 * (b - a)) / a;

      const w = await openPage(harness.browser(), harness.site().url);
      await w.page.goto(`${harness.site().url}/prognose?kommune=${area}&sammenlign=land`, { waitUntil: "networkidle" });
      const growthCard = w.page.locator("figure.chart-card", { hasText: "Folketallets vækst" });
      await expect.poll(() => growthCard.locator(".card-body svg").count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const texts = await everySentence(w.page);
      expect(texts.size).toBe(3);
      const name = await municipalityName(w.page, area);
      const projDiff = proj1 - proj0;
      // the first chart: actual population with its change, and DST's projection with its change since its first year
      const first = [...texts.entries()].find(([title]) => title.startsWith("Folketal:"))![1];
      expect(first).toContain(
        `I ${latest.year} boede der ${danishThousands(latest.population)} i ${name}, ${danishThousands(Math.abs(diff))} ${diff > 0 ? "flere" : "færre"} end i ${baseline}`,
      );
      expect(first).toMatch(
        new RegExp(
          `I ${p1} vil der ifølge Danmarks Statistiks fremskrivning \\([^)]+\\) bo ${danishThousands(proj1).replace(".", "\\.")} i ${name}, ${danishThousands(Math.abs(projDiff)).replace(".", "\\.")} ${projDiff > 0 ? "flere" : "færre"} end i ${p0}`,
        ),
      );
      // the growth card against hele landet (the sum of the 98 municipalities), actual and projected
      const growthText = (await growthCard.getByTestId("card-sentence").textContent()) ?? "";
      const actualOwn = growth(base.population, latest.population);
      const actualCountry = growth(sum(pop, baseline), sum(pop, latest.year));
      expect(growthText).toContain(`Væksten i folketallet ${baseline}–${latest.year} er`);
      expect(growthText).toContain(`i ${name} end i hele landet: ${signedDecimal(actualOwn)} mod ${signedDecimal(actualCountry)} %`);
      expect(growthText).toContain(
        `i ${name} end i hele landet: ${signedDecimal(growth(proj0, proj1))} mod ${signedDecimal(growth(sum(projection, p0), sum(projection, p1)))} %`,
      );
      // the adopted forecast: the example's cards say so first; a municipality without one says that plainly
      const errorCard = [...texts.entries()].find(([title]) => title.startsWith("Hvor godt ramte"))!;
      if (errorCard[0].includes("eksempeldata")) expect(errorCard[1]).toMatch(/^Eksempeldata: /);
      else expect(errorCard[1]).toBe(`Der er ingen vedtaget prognose for ${name}, så prognosens fejl kan ikke beregnes.`);
      if (!errorCard[0].includes("eksempeldata")) expect(first).toContain(`Der er ingen vedtaget prognose for ${name}`);

      // switching the group: the growth sentence changes and names each group; never "markant" below the threshold
      await w.page.getByTestId("compare-group").getByLabel("Nabokommuner").check();
      await expect.poll(() => growthCard.getByTestId("card-sentence").textContent(), { timeout: 15_000 }).toContain("nabokommunerne");
      const seen = await switchGroups(w.page, [growthCard]);
      // two comparisons (actual and projected growth) in each of the four groups' sentences
      expect(checkDegrees(seen)).toBe(8);
      await finish(w);
    });
  }
});
