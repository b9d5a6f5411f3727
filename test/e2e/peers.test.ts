/**
 * Lignende kommuner end to end, on the mirror the site was built from.
 *
 * 1. "Om data" names, for a municipality chosen here (Assens, 420), the five peers this test works
 *    out itself with the documented method (src/lib/peers.ts's header, PEER_METHOD_DA): the
 *    indicator values from the mirror's CSV files by hand (FOLK1A, the single ages of FOLK1A/BY2,
 *    FLY66, INDKP101, BY1, AFSTB4), the year rule, z-scores with the population standard
 *    deviation (population on its logarithm), the weighted Euclidean distance with the weights of
 *    data/lignende-kommuner.yaml, the five smallest distances with ties to the lower code. Only
 *    "andel i byer under 1.000 indb." is read from the built peer_indicators file (a town's size
 *    counts the whole town across municipality borders, which is not worth a second
 *    implementation here); every other value of that file is checked against the hand-made one.
 *    The loader is not used.
 * 2. On /oekonomi, switching the comparison group redraws the income chart and its sentence, which
 *    names the new group and gives the group's population-weighted income, worked out here from
 *    INDKP101 and FOLK1A.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "@uwdata/flechette";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot, mirrorDir } from "../paths.ts";
import { singleAgesFromMirror } from "../loaders/singleAges.ts";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";
import { danishThousands, mirrorRows } from "./mirrorFacts.ts";

const harness = useSite();
const AREA = "420"; // Assens, chosen in the test
const K = 5;

// ---------------------------------------------------------------------------------------------
// The mirror's figures, by hand

const lines = mirrorRows;
const num = (s: string) => Number(s.replace(",", "."));
const isMuni = (c: string) => /^\d{3}$/.test(c) && Number(c) >= 101 && c !== "411";

type Values = Map<string, Map<number, Map<string, number>>>; // indicator -> year -> area -> value
const values: Values = new Map();
const put = (indicator: string, year: number, area: string, value: number) => {
  if (!isMuni(area) || !Number.isFinite(value)) return;
  const byYear = values.get(indicator) ?? new Map<number, Map<string, number>>();
  const byArea = byYear.get(year) ?? new Map<string, number>();
  byArea.set(area, value);
  byYear.set(year, byArea);
  values.set(indicator, byYear);
};

const folk = new Map(
  lines("FOLK1A.csv")
    .filter((x) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT" && x[4].endsWith("K1"))
    .map((x) => [`${x[0]}|${x[4].slice(0, 4)}`, num(x[5])]),
);
const municipalities = [...new Set([...folk.keys()].map((k) => k.split("|")[0]).filter(isMuni))].sort();
for (const [key, v] of folk) put("folketal", Number(key.split("|")[1]), key.split("|")[0], v);

// age shares: single ages 0–99 of both sexes, whole, as the method says
const SHARES: Record<string, [number, number]> = { andel_0_17: [0, 17], andel_20_29: [20, 29], andel_30_44: [30, 44], andel_65plus: [65, Infinity] };
{
  const cells = new Map<string, { have: Set<string>; byAge: Map<number, number>; total: number }>();
  for (const c of singleAgesFromMirror().chosen) {
    const key = `${c.area}|${c.year}`;
    const cell = cells.get(key) ?? { have: new Set<string>(), byAge: new Map<number, number>(), total: 0 };
    cell.have.add(`${c.sex}|${c.age}`);
    cell.byAge.set(c.age, (cell.byAge.get(c.age) ?? 0) + c.value);
    cell.total += c.value;
    cells.set(key, cell);
  }
  for (const [key, cell] of cells) {
    if (!Array.from({ length: 100 }, (_, a) => cell.have.has(`M|${a}`) && cell.have.has(`K|${a}`)).every(Boolean)) continue;
    const [area, year] = key.split("|");
    for (const [id, [from, to]] of Object.entries(SHARES)) {
      let sum = 0;
      for (const [age, n] of cell.byAge) if (age >= from && age <= to) sum += n;
      put(id, Number(year), area, (100 * sum) / cell.total);
    }
  }
}

// net migration of an age group across the municipality's border per 1,000 inhabitants of all ages
const NETS: Record<string, [number, number]> = { netto_0_17: [0, 17], netto_18_24: [18, 24], netto_25_44: [25, 44] };
{
  const fly = lines("FLY66.csv").map((x) => ({ to: x[0], from: x[1], age: Number(x[2]), year: Number(x[4]), n: num(x[5]) }));
  const net = new Map<string, number>(); // id|area|year
  const seen = new Set<string>(); // area|year with any row
  for (const r of fly) {
    if (r.to === r.from) continue;
    for (const [id, [from, to]] of Object.entries(NETS)) {
      if (r.age < from || r.age > to) continue;
      net.set(`${id}|${r.to}|${r.year}`, (net.get(`${id}|${r.to}|${r.year}`) ?? 0) + r.n);
      net.set(`${id}|${r.from}|${r.year}`, (net.get(`${id}|${r.from}|${r.year}`) ?? 0) - r.n);
    }
    seen.add(`${r.to}|${r.year}`).add(`${r.from}|${r.year}`);
  }
  for (const key of seen) {
    const [area, y] = key.split("|");
    const year = Number(y);
    const p0 = folk.get(`${area}|${year}`);
    if (!p0) continue;
    const p1 = folk.get(`${area}|${year + 1}`);
    const mean = p1 === undefined ? p0 : (p0 + p1) / 2;
    for (const id of Object.keys(NETS)) put(id, year, area, (1000 * (net.get(`${id}|${area}|${year}`) ?? 0)) / mean);
  }
}

for (const x of lines("INDKP101.csv")) if (x[1] === "116" && x[2] === "MOK" && x[3] === "100") put("disponibel_indkomst", Number(x[4]), x[0], num(x[5]));
for (const x of lines("AFSTB4.csv")) if (x[1] === "02" && x[2] === "TOT") put("pendlingsafstand", Number(x[3]), x[0], num(x[4]));
{
  const by1 = new Map(lines("BY1.csv").map((x) => [`${x[0]}|${x[1]}`, num(x[2])]));
  const years = new Set(lines("BY1.csv").map((x) => Number(x[1])));
  for (const area of municipalities)
    for (const year of years) {
      const total = by1.get(`${area}00${area}|${year}`);
      if (total) put("andel_landdistrikter", year, area, (100 * (by1.get(`${area}99999|${year}`) ?? 0)) / total);
    }
}

/** The built peer_indicators dataset (dist/_file/data/peer_indicators.<hash>.arrow). */
function builtIndicators(): { area: string; indicator: string; year: number; value: number }[] {
  const dir = join(projectRoot, "dist/_file/data");
  const file = readdirSync(dir).find((f) => /^peer_indicators\.[0-9a-f]+\.arrow$/.test(f))!;
  return tableFromIPC(readFileSync(join(dir, file))).toArray() as { area: string; indicator: string; year: number; value: number }[];
}

/** The five peers of `area` by the documented method. */
function peersByHand(area: string): { peers: string[]; built: ReturnType<typeof builtIndicators> } {
  const config = parse(readFileSync(join(projectRoot, "data/lignende-kommuner.yaml"), "utf8")) as {
    min_coverage: number;
    min_shared_weight: number;
    indicators: { id: string; weight: number }[];
  };
  const built = builtIndicators();
  for (const r of built.filter((r) => r.indicator === "andel_smaabyer")) put("andel_smaabyer", r.year, r.area, r.value);
  // the year: the latest year every indicator has for ≥ min_coverage of the municipalities, else each its own latest;
  // an indicator without such a year is left out (and its weight with it)
  const usable = new Map(
    config.indicators.map(({ id }) => [
      id,
      [...(values.get(id) ?? new Map<number, Map<string, number>>())]
        .filter(([, byArea]) => byArea.size >= config.min_coverage * municipalities.length)
        .map(([y]) => y)
        .sort((a, b) => a - b),
    ]),
  );
  const indicators = config.indicators.filter(({ id }) => usable.get(id)!.length > 0);
  const ids = indicators.map((i) => i.id);
  const common = usable.get(ids[0])!.filter((y) => ids.every((id) => usable.get(id)!.includes(y)));
  const yearOf = (id: string) => common.at(-1) ?? usable.get(id)!.at(-1)!;
  // z-scores over the municipalities with a value (population: its logarithm)
  const z = new Map<string, Map<string, number>>();
  for (const id of ids) {
    const byArea = values.get(id)!.get(yearOf(id))!;
    const xs = municipalities.filter((a) => byArea.has(a)).map((a) => [a, id === "folketal" ? Math.log(byArea.get(a)!) : byArea.get(a)!] as const);
    const mean = xs.reduce((t, [, x]) => t + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((t, [, x]) => t + (x - mean) ** 2, 0) / xs.length);
    z.set(id, new Map(xs.map(([a, x]) => [a, (x - mean) / sd])));
  }
  // the built file holds the same values in the same years (andel_smaabyer is read from it)
  for (const r of built.filter((r) => r.area === area || r.area === "101")) {
    expect(r.year, r.indicator).toBe(yearOf(r.indicator));
    expect(r.value, `${r.indicator} ${r.area}`).toBeCloseTo(values.get(r.indicator)!.get(r.year)!.get(r.area)!, 8);
  }
  const W = indicators.reduce((t, i) => t + i.weight, 0);
  const distance = (a: string, b: string) => {
    let sum = 0;
    let w = 0;
    for (const { id, weight } of indicators) {
      const [x, y] = [z.get(id)!.get(a), z.get(id)!.get(b)];
      if (x === undefined || y === undefined) continue;
      sum += weight * (x - y) ** 2;
      w += weight;
    }
    return w / W >= config.min_shared_weight ? Math.sqrt((sum * W) / w) : Infinity;
  };
  const ranked = municipalities
    .filter((b) => b !== area)
    .map((b) => ({ b, d: Number(distance(area, b).toPrecision(12)) }))
    .sort((x, y) => x.d - y.d || (x.b < y.b ? -1 : 1));
  return { peers: ranked.slice(0, K).map((r) => r.b), built };
}

/** Population-weighted disposable income of a group in a year (weights: population 1 January of the year, else of the next). */
function groupIncome(members: string[], year: number): number | null {
  const kr = new Map(
    lines("INDKP101.csv")
      .filter((x) => x[1] === "116" && x[2] === "MOK" && x[3] === "100" && Number(x[4]) === year)
      .map((x) => [x[0], num(x[5])]),
  );
  let sum = 0;
  let weight = 0;
  for (const m of members) {
    const w = folk.get(`${m}|${year}`) ?? folk.get(`${m}|${year + 1}`);
    if (!kr.has(m) || w === undefined) return null;
    sum += kr.get(m)! * w;
    weight += w;
  }
  return sum / weight;
}

// ---------------------------------------------------------------------------------------------

describe("lignende kommuner", () => {
  let computed: string[] | undefined;
  /** Worked out on first use, inside a test (it reads dist/ and checks the built values). */
  const byHand = () => (computed ??= peersByHand(AREA).peers);
  const names = new Map(
    (JSON.parse(readFileSync(join(mirrorDir, "tableinfo/FOLK1A.json"), "utf8")).variables as { id: string; values: { id: string; text: string }[] }[])
      .find((v) => v.id === "OMRÅDE")!
      .values.map((v) => [v.id, v.text]),
  );

  it(`"Om data" names the five peers of ${AREA} that the documented method gives on the mirror`, async () => {
    const peers = byHand();
    expect(peers).toHaveLength(K);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/om-data?kommune=${AREA}`, { waitUntil: "networkidle" });
    const row = w.page.getByTestId(`peers-${AREA}`);
    await expect.poll(() => row.getAttribute("data-peers"), { timeout: 30_000 }).toBe(peers.join(" "));
    // by name, in order, in the table a reader sees
    expect(await row.locator("td").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-code")))).toEqual(peers);
    const text = await row.textContent();
    for (const p of peers) expect(text).toContain(names.get(p));
    // and "Hvorfor ligner de?" for the municipality of the URL: the same peers, the indicators with units and years
    const why = w.page.getByTestId("why-similar");
    await expect.poll(() => why.getAttribute("data-peers")).toBe(peers.join(" "));
    expect(await w.page.getByTestId("why-similar-sentence").textContent()).toContain(`${names.get(AREA)} ligner mest ${names.get(peers[0])}`);
    const folketal = why.locator("tr[data-indicator=folketal]");
    const latest = Math.max(...[...folk.keys()].filter((k) => k.startsWith(`${AREA}|`)).map((k) => Number(k.split("|")[1])));
    expect(await folketal.locator("td").first().textContent()).toBe(danishThousands(folk.get(`${AREA}|${latest}`)!));
    expect(await folketal.locator("th").textContent()).toContain(`personer, ${latest}`);
    // each peer's shares of the distance add up to 100 % (give or take the rounding of each of the 12 to whole %)
    const shares = await why.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td small")].map((s) => s.textContent ?? "")));
    expect(shares.flat().every((s) => /^\d+ % af afstanden$/.test(s))).toBe(true);
    for (let i = 0; i < K; i++) {
      const sum = shares.reduce((t, row) => t + Number(row[i].split(" ")[0]), 0);
      expect(Math.abs(sum - 100), `peer ${i + 1}: ${sum} %`).toBeLessThanOrEqual(6);
    }
    // the method, the weights and the sentence rules are on the page
    expect(await w.page.getByTestId("peer-method").textContent()).toContain("vægtede euklidiske afstand");
    expect(await w.page.getByTestId("peer-indicators").locator("tbody tr").count()).toBe(12);
    expect(await w.page.getByTestId("sentence-rules").textContent()).toContain("markant");
    await w.page.getByTestId("why-similar").screenshot({ path: join(shots, `e2e-hvorfor-ligner-de-${AREA}.png`) });
    await finish(w);
  });

  it("on /oekonomi, switching the comparison group redraws the income chart and its sentence names the new group", async () => {
    const peers = byHand();
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/oekonomi?kommune=${AREA}`, { waitUntil: "networkidle" });
    const income = w.page.locator("figure.chart-card", { hasText: "disponibel indkomst" }).first();
    const sentence = income.getByTestId("card-sentence");
    await expect.poll(() => sentence.textContent(), { timeout: 30_000 }).toContain("nabokommunerne");
    const chartBefore = await income.locator("svg").last().innerHTML();
    const sentenceBefore = await sentence.textContent();

    await w.page.getByTestId("compare-group").getByLabel("Lignende kommuner").check();
    await expect.poll(() => sentence.textContent(), { timeout: 15_000 }).toContain("de fem lignende kommuner");
    expect(await sentence.textContent()).not.toBe(sentenceBefore);
    expect(await income.locator("svg").last().innerHTML()).not.toBe(chartBefore);
    expect(new URL(w.page.url()).searchParams.get("sammenlign")).toBe("lignende");
    expect(await w.page.getByTestId("compare-group-members").getAttribute("data-members")).toBe(peers.join(" "));
    // the group's number in the sentence is the population-weighted income of the five, worked out here
    const year = Number((await sentence.textContent())!.match(/I (\d{4}) var den disponible indkomst/)![1]);
    const own = lines("INDKP101.csv").find((x) => x[0] === AREA && x[1] === "116" && x[2] === "MOK" && x[3] === "100" && Number(x[4]) === year)!;
    const theirs = groupIncome(peers, year)!;
    expect(await sentence.textContent()).toContain(`${danishThousands(num(own[5]))} kr. mod ${danishThousands(Math.round(theirs))} kr.`);
    await income.screenshot({ path: join(shots, `e2e-oekonomi-lignende-${AREA}.png`) });

    await w.page.getByTestId("compare-group").getByLabel("Regionen").check();
    await expect.poll(() => sentence.textContent()).toContain("Region Syddanmark");
    await w.page.getByTestId("compare-group").getByLabel("Hele landet").check();
    await expect.poll(() => sentence.textContent()).toContain("hele landet");
    expect(new URL(w.page.url()).searchParams.get("sammenlign")).toBe("land");
    await finish(w);
  });

  it("a link with ?sammenlign=lignende opens the page with that group, on /prognose too", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    for (const path of ["/oekonomi", "/prognose"]) {
      await w.page.goto(`${harness.site().url}${path}?kommune=${AREA}&sammenlign=lignende`, { waitUntil: "networkidle" });
      await expect.poll(() => w.page.getByTestId("compare-group").getByLabel("Lignende kommuner").isChecked(), { timeout: 30_000 }).toBe(true);
      await expect
        .poll(() => w.page.getByTestId("card-sentence").filter({ hasText: "de fem lignende kommuner" }).count(), { timeout: 30_000 })
        .toBeGreaterThan(0);
    }
    await finish(w);
  });

  it("on /flytninger, switching from naboer to lignende redraws the migration-rate card, whose sentence gives the group's Σ/Σ rates worked out here from FLY66 and FOLK1A", async () => {
    const peers = byHand();
    // moves between municipalities in a year (FLY66.csv), by hand: in = rows to the municipality, out = rows from it
    const fly = lines("FLY66.csv").map((x) => ({ to: x[0], from: x[1], year: Number(x[4]), n: num(x[5]) }));
    const year = fly.reduce((y, r) => Math.max(y, r.year), 0);
    const moves = (m: string) => {
      let inn = 0;
      let out = 0;
      for (const r of fly) {
        if (r.year !== year || r.to === r.from) continue;
        if (r.to === m) inn += r.n;
        if (r.from === m) out += r.n;
      }
      return { inn, out };
    };
    // the year's mean population: 1 January of the year and the next, else of the year
    const meanPop = (m: string) => {
      const p0 = folk.get(`${m}|${year}`)!;
      const p1 = folk.get(`${m}|${year + 1}`);
      return p1 === undefined ? p0 : (p0 + p1) / 2;
    };
    // the group's rates: Σ movers / Σ mean population over its members (never a mean of rates)
    const groupRates = (members: string[]) => {
      let inn = 0;
      let out = 0;
      let pop = 0;
      for (const m of members) {
        const mv = moves(m);
        inn += mv.inn;
        out += mv.out;
        pop += meanPop(m);
      }
      return { in: (1000 * inn) / pop, out: (1000 * out) / pop, net: (1000 * (inn - out)) / pop };
    };
    const own = groupRates([AREA]);
    // Danish numbers with one decimal, as the sentence writes them: 55,1 and (net) +3,4 / −1,2
    const d1 = (x: number) => (Math.round(Math.abs(x) * 10) / 10).toFixed(1).replace(".", ",");
    const signed = (x: number) => (Math.round(Math.abs(x) * 10) === 0 ? "±0" : `${x > 0 ? "+" : "\u2212"}${d1(x)}`);
    const expected = (g: ReturnType<typeof groupRates>) => [
      `${signed(own.net)} mod ${signed(g.net)} pr. 1.000 indbyggere`,
      `${d1(own.in)} mod ${d1(g.in)} pr. 1.000 indbyggere`,
      `${d1(own.out)} mod ${d1(g.out)} pr. 1.000 indbyggere`,
    ];

    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger?kommune=${AREA}`, { waitUntil: "networkidle" });
    const rates = w.page.locator("figure.chart-card", { hasText: "Flytterater" }).first();
    const sentence = rates.getByTestId("card-sentence");
    await expect.poll(() => sentence.textContent(), { timeout: 30_000 }).toContain("nabokommunerne");
    // the neighbours the page names (shared borders: not this test's to work out), and their rates by hand
    const neighbours = (await w.page.getByTestId("compare-group-members").getAttribute("data-members"))!.split(" ");
    expect(neighbours.length).toBeGreaterThan(0);
    expect(neighbours).not.toContain(AREA);
    const before = (await sentence.textContent())!;
    for (const part of expected(groupRates(neighbours))) expect(before).toContain(part);
    const chartBefore = await rates.locator(".group-rate-chart").innerHTML();

    await w.page.getByTestId("compare-group").getByLabel("Lignende kommuner").check();
    await expect.poll(() => sentence.textContent(), { timeout: 15_000 }).toContain("de fem lignende kommuner");
    expect(new URL(w.page.url()).searchParams.get("sammenlign")).toBe("lignende");
    expect(await w.page.getByTestId("compare-group-members").getAttribute("data-members")).toBe(peers.join(" "));
    const after = (await sentence.textContent())!;
    expect(after).not.toBe(before);
    for (const part of expected(groupRates(peers))) expect(after).toContain(part);
    // the chart draws the new group: its legend names it, and the drawing changed
    expect(await rates.locator(".group-rate-legend").textContent()).toContain("Lignende kommuner");
    expect(await rates.locator(".group-rate-chart").innerHTML()).not.toBe(chartBefore);
    await rates.screenshot({ path: join(shots, `e2e-flytninger-lignende-${AREA}.png`) });
    await finish(w);
  });
});
