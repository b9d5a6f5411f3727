import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openPage } from "./browser.ts";
import { finish, shots, useSite } from "./harness.ts";
import { danishThousands, mirrorRows, municipalityCodesFromMirror, topOriginFromMirror } from "./mirrorFacts.ts";

const harness = useSite();

const firstOrigin = (page: import("playwright-core").Page) => page.locator("[data-testid=top-origins] tbody tr").first();

/** In-movers to `area` from each municipality it exchanged movers with in FLY66.csv's latest year (all ages); no key = no figure. */
function inMoversFromMirror(area: string): Map<string, number> {
  const rows = mirrorRows("FLY66.csv");
  const year = rows.reduce((y, r) => Math.max(y, Number(r[4])), 0);
  const flows = new Map<string, number>();
  for (const [to, from, , , y, value] of rows) {
    if (Number(y) !== year) continue;
    if (to === area) flows.set(from, (flows.get(from) ?? 0) + Number(value));
    else if (from === area && !flows.has(to)) flows.set(to, 0);
  }
  return flows;
}

describe("migration analysis (flytninger) on the mirror", () => {
  it("shows the top origin that FLY66.csv gives, and the age group control re-queries it", async () => {
    const area = "751"; // Aarhus, chosen in the test
    const all = topOriginFromMirror(area);
    const young = topOriginFromMirror(area, [18, 24]);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger?kommune=${area}`, { waitUntil: "networkidle" });
    await expect.poll(() => firstOrigin(w.page).locator("th").getAttribute("data-code"), { timeout: 30_000 }).toBe(all.code);
    expect(await firstOrigin(w.page).locator("td").nth(1).textContent()).toBe(danishThousands(all.moves));
    const before = await w.page.locator("[data-testid=top-origins] tbody").textContent();

    await w.page.getByLabel("Aldersgruppe").selectOption({ label: "18–24 år" });
    await expect.poll(() => w.page.locator("[data-testid=top-origins] tbody").textContent(), { timeout: 15_000 }).not.toBe(before);
    await expect.poll(() => firstOrigin(w.page).locator("td").nth(1).textContent()).toBe(danishThousands(young.moves));
    expect(await firstOrigin(w.page).locator("th").getAttribute("data-code")).toBe(young.code);
    expect(new URL(w.page.url()).searchParams.get("alder")).toBe("18-24");
    await w.page.screenshot({ path: join(shots, "e2e-flytninger-751.png"), fullPage: true });
    await finish(w);
  });

  it("clicking a municipality on the map selects it", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger`, { waitUntil: "networkidle" });
    await expect.poll(() => firstOrigin(w.page).count(), { timeout: 30_000 }).toBe(1);
    // the map draws one path per municipality; pick the one the tooltip would call Odense by its index in the data
    const clicked = await w.page.evaluate(() => {
      const g = document.querySelector('figure.chart-card g[aria-label="geo"]');
      const paths = g ? [...g.querySelectorAll("path")] : [];
      const target = paths.find((p) => p.getBBox().width > 20 && p.getBBox().height > 20 && p.getAttribute("fill") !== "#444");
      target?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      return paths.length;
    });
    expect(clicked).toBe(99);
    await expect.poll(() => w.page.locator("select[name=kommune]").inputValue()).not.toBe("260");
    expect(new URL(w.page.url()).searchParams.get("kommune")).not.toBeNull();
    expect(w.consoleErrors).toEqual([]);
    await w.page.context().close();
  });

  it("keeps the map's shapes on a switch of municipality and recolours them with the new municipality's flows", async () => {
    const Plot = await import("@observablehq/plot");
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger?kommune=260`, { waitUntil: "networkidle" });
    const shapes = w.page.locator('figure.chart-card g[aria-label="geo"]').first().locator("path");
    await expect.poll(() => shapes.count(), { timeout: 30_000 }).toBe(99);
    await expect.poll(() => shapes.and(w.page.locator('[data-code="260"]')).getAttribute("fill")).toBe("#444");
    // mark the shapes drawn for Halsnæs, then switch to Aarhus
    await shapes.evaluateAll((ps) => ps.forEach((p) => ((p as unknown as { drawnFor?: string }).drawnFor = "260")));
    await w.page.locator("select[name=kommune]").selectOption("751");
    await expect.poll(() => shapes.and(w.page.locator('[data-code="751"]')).getAttribute("fill"), { timeout: 15_000 }).toBe("#444");
    const after = await shapes.evaluateAll((ps) =>
      ps.map((p) => ({ drawnFor: (p as unknown as { drawnFor?: string }).drawnFor, code: p.getAttribute("data-code")!, fill: p.getAttribute("fill") })),
    );
    // the same DOM nodes: not drawn again
    expect(after.map((p) => p.drawnFor)).toEqual(after.map(() => "260"));
    // the colours of Aarhus' in-movers (the page's default direction), on the map's scale: 0 up to the largest flow
    const flows = inMoversFromMirror("751");
    const color = Plot.scale({ color: { type: "sqrt", scheme: "Greens", domain: [0, Math.max(...flows.values())] } });
    // (FLY66 is BULK: a pair without a row had no moves, 0, on the scale like any other count)
    for (const p of after) {
      if (p.code === "751") continue;
      expect(p.fill, p.code).toBe(color.apply(flows.get(p.code) ?? 0));
    }
    expect(await w.page.locator("figure.chart-card .flow-map-legend").textContent()).not.toContain("Ingen tal");
    // the outline of the chosen municipality moved with it
    expect(await w.page.locator("figure.chart-card g.flow-map-chosen path").getAttribute("d")).toBe(
      await shapes.and(w.page.locator('[data-code="751"]')).getAttribute("d"),
    );
    expect(w.consoleErrors).toEqual([]);
    await w.page.context().close();
  });

  it("names the neighbour municipalities and shows in- and out-movers as separate bars with readable ticks", async () => {
    const { readGeography } = await import("../../loaders/geo.ts");
    const { geoDir } = await import("../paths.ts");
    const geo = await readGeography(geoDir);
    const names = new Map(geo.municipalities.map((m) => [m.code, m.name]));
    const expected = (geo.neighbours.get("420") ?? []).map((c) => names.get(c)!);
    expect(expected.length).toBeGreaterThan(0);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger?kommune=420`, { waitUntil: "networkidle" });
    const sentence = w.page.getByTestId("neighbour-names");
    await expect.poll(() => sentence.textContent(), { timeout: 30_000 }).toContain("Nabokommuner til Assens");
    for (const name of expected) expect(await sentence.textContent()).toContain(name);
    const card = w.page.locator("figure.chart-card", { hasText: "Nabokommuner, regionen og resten af landet" });
    // six bars (in and out for three zones), all starting at zero: nothing stacked
    const bars = card.locator('g[aria-label="bar"] rect');
    await expect.poll(() => bars.count()).toBe(6);
    const lefts = await bars.evaluateAll((rs) => rs.map((r) => Math.round((r as SVGRectElement).getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(1);
    // tick labels as laid out in the browser: none overlaps the next
    const ticks = await card.locator('g[aria-label="x-axis tick label"] text').evaluateAll((ts) =>
      ts
        .map((t) => t.getBoundingClientRect())
        .map((r) => [r.left, r.right])
        .sort((a, b) => a[0] - b[0]),
    );
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i][0]).toBeGreaterThan(ticks[i - 1][1]);
    // the flow map's arrows have heads over a white halo
    await expect.poll(() => w.page.locator('figure.chart-card g[aria-label="arrow"][stroke="white"] path').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(w.consoleErrors).toEqual([]);
    await finish(w);
  });

  it("the migration effectiveness headline compares like with like: the same index over the whole country's exchanges, as in FLY66.csv", async () => {
    const area = "260";
    const rows = mirrorRows("FLY66.csv");
    const year = rows.reduce((y, r) => Math.max(y, Number(r[4])), 0);
    // moves from → to in the latest year, all ages and both sexes
    const flow = new Map<string, number>();
    for (const [to, from, , , y, value] of rows) if (Number(y) === year) flow.set(`${from}>${to}`, (flow.get(`${from}>${to}`) ?? 0) + Number(value));
    const codes = new Set([...flow.keys()].flatMap((k) => k.split(">")));
    // Σ|in − out| and Σ(in + out) over one municipality's exchange with each other one
    const exchange = (a: string) => {
      let absNet = 0;
      let gross = 0;
      for (const b of codes) {
        if (b === a) continue;
        const inn = flow.get(`${b}>${a}`) ?? 0;
        const out = flow.get(`${a}>${b}`) ?? 0;
        absNet += Math.abs(inn - out);
        gross += inn + out;
      }
      return { absNet, gross };
    };
    const own = exchange(area);
    const all = municipalityCodesFromMirror().map(exchange);
    const country = (100 * all.reduce((s, e) => s + e.absNet, 0)) / all.reduce((s, e) => s + e.gross, 0);
    const decimal = (x: number) => x.toFixed(1).replace(".", ",");
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger?kommune=${area}&sammenlign=land`, { waitUntil: "networkidle" });
    const headline = w.page.getByTestId("mei-headline");
    await expect.poll(() => headline.locator(".value").textContent(), { timeout: 30_000 }).toBe(decimal((100 * own.absNet) / own.gross));
    expect(await headline.textContent()).toContain(`Hele landet: ${decimal(country)}`);
    // the chosen group follows the control
    await w.page.getByTestId("compare-group").getByLabel("Nabokommuner").check();
    await expect.poll(() => headline.textContent()).toContain("Nabokommuner");
    await finish(w);
  });

  it("works for every one of the 98 municipalities", async () => {
    const codes = municipalityCodesFromMirror();
    expect(codes).toHaveLength(98);
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/flytninger`, { waitUntil: "networkidle" });
    await expect.poll(() => firstOrigin(w.page).count(), { timeout: 30_000 }).toBe(1);
    const failures: string[] = [];
    for (const code of codes) {
      const expected = topOriginFromMirror(code);
      await w.page.locator("select[name=kommune]").selectOption(code);
      try {
        await expect.poll(() => firstOrigin(w.page).locator("th").getAttribute("data-code"), { timeout: 10_000 }).toBe(expected.code);
      } catch {
        failures.push(code);
      }
    }
    expect(failures).toEqual([]);
    await finish(w);
  }, 300_000);
});

describe("mover analysis (tilflyttere) on the mirror", () => {
  it("renders every section, marks the example extract, and makes no external request", async () => {
    const w = await openPage(harness.browser(), harness.site().url);
    await w.page.goto(`${harness.site().url}/tilflyttere?kommune=260`, { waitUntil: "networkidle" });
    await expect.poll(() => w.page.locator("[data-testid=origins-by-age] tbody tr").count(), { timeout: 30_000 }).toBe(10);
    const top = topOriginFromMirror("260");
    expect(await w.page.locator("[data-testid=origins-by-age] tbody tr").first().locator("td").first().textContent()).toBe(danishThousands(top.moves));
    await expect.poll(() => w.page.locator("[data-testid=families-sentence]").textContent()).toContain("2011");
    // PEND100 is not in the mirror: said so; AFSTB4 is: drawn
    await expect.poll(() => w.page.locator(".data-mangler", { hasText: "PEND100" }).count()).toBe(1);
    await expect.poll(() => w.page.locator("figure.chart-card", { hasText: "pendlingsafstand" }).locator("svg").count()).toBeGreaterThan(0);
    // the example extract is labelled as example data, and no small number is shown
    const extract = w.page.locator("figure.chart-card", { hasText: "familietype" });
    await expect.poll(() => extract.locator(".example-badge").count()).toBeGreaterThan(0);
    const cells = await extract.locator("td.num").allTextContents();
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.filter((c) => c === "1" || c === "2")).toEqual([]);
    await w.page.screenshot({ path: join(shots, "e2e-tilflyttere-260.png"), fullPage: true });
    await finish(w);
  });
});
