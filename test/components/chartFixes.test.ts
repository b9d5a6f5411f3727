// @vitest-environment jsdom
/**
 * Chart fixes a planner would stumble on (issue 15, item 10), checked on the charts as rendered
 * by Plot in jsdom: the neighbours chart's bars and ticks, the map's extent and arrowheads, whole
 * kroner, the income chart's value labels and signed nets in the workbench.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Topology } from "topojson-specification";
import { readGeography, type Geography } from "../../loaders/geo.ts";
import { resolve } from "node:path";
import { fileURLToPath, URL as NodeURL } from "node:url";
import { KINDS, ZONES, neighbourSentence, zoneChart, zoneTickCount, type ZoneRow } from "../../src/components/zoneChart.ts";
import { flowMap, type CounterpartFlow } from "../../src/components/flowMap.ts";
import { incomeChart, incomeLabels } from "../../src/components/incomeChart.ts";
import type { GroupPoint } from "../../src/components/economy.ts";
import { formatKr, isKrColumn, isSignedColumn } from "../../src/lib/format.ts";
import { dataTableToggle } from "../../src/components/card.ts";
import { formatCell } from "../../src/components/workbench/infer.ts";

// test/paths.ts builds file URLs with the global URL, which jsdom replaces: the same folder here
const geoDir = process.env.GEO_DIR?.trim()
  ? resolve(fileURLToPath(new NodeURL("../..", import.meta.url)), process.env.GEO_DIR.trim())
  : fileURLToPath(new NodeURL("../../snapshot/geo/", import.meta.url));

// jsdom has no canvas; Plot draws a colour ramp legend into one.
beforeAll(() => {
  const proto = HTMLCanvasElement.prototype as unknown as { getContext: () => unknown; toDataURL: () => string };
  proto.getContext = () => ({ fillRect() {}, fillStyle: "" });
  proto.toDataURL = () => "data:,";
});

/** The chart's own <svg> (not a legend's): the one holding the marks. */
function mainSvg(node: Element): SVGSVGElement {
  if (node.tagName.toLowerCase() === "svg") return node as SVGSVGElement;
  const svgs = [...node.querySelectorAll("svg")];
  return svgs.find((s) => s.querySelector("g[aria-label]")) ?? svgs[svgs.length - 1];
}

/** Every x,y pair of a path's d attribute (M, L and the end point of A commands). */
function pathPoints(d: string): [number, number][] {
  const points: [number, number][] = [];
  for (const [, cmd, args] of d.matchAll(/([MLA])([^MLAZ]*)/g)) {
    const n = args.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)?.map(Number) ?? [];
    if (cmd === "A") points.push([n[5], n[6]]);
    else for (let i = 0; i + 1 < n.length; i += 2) points.push([n[i], n[i + 1]]);
  }
  return points;
}

const translateX = (el: Element) => Number(/translate\(([-\d.]+)/.exec(el.getAttribute("transform") ?? "")?.[1] ?? NaN);

describe("the neighbours chart (in- and out-movers by zone)", () => {
  const rows: ZoneRow[] = [
    { zone: "Nabokommuner", in_movers: 1196, out_movers: 1305, net: -109 },
    { zone: "Øvrige kommuner i regionen", in_movers: 372, out_movers: 390, net: -18 },
    { zone: "Resten af landet", in_movers: 419, out_movers: 413, net: 6 },
  ];

  it("draws in- and out-movers as separate bars from zero, never stacked into one total", () => {
    const svg = mainSvg(zoneChart(rows, { width: 640 }));
    const bars = [...svg.querySelectorAll('g[aria-label="bar"] rect')];
    expect(bars).toHaveLength(6);
    // every bar starts at the zero line: nothing sits on top of another bar
    expect(new Set(bars.map((b) => b.getAttribute("x"))).size).toBe(1);
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    for (const r of rows) for (const v of [r.in_movers, r.out_movers]) expect(texts).toContain(v.toLocaleString("da-DK"));
    expect(texts).toContain("Nabokommuner: netto −109");
    expect(texts).toContain("Resten af landet: netto +6");
    expect(texts).toEqual(expect.arrayContaining([...KINDS]));
  });

  it.each([300, 410, 640, 1000])("has x tick labels that never run together at %i px", (width) => {
    const svg = mainSvg(zoneChart(rows, { width }));
    expect(Number(svg.getAttribute("width"))).toBeLessThanOrEqual(Math.max(width, 300));
    const labels = [...svg.querySelectorAll('g[aria-label="x-axis tick label"] text')]
      .map((t) => ({ x: translateX(t), text: t.textContent ?? "" }))
      .sort((a, b) => a.x - b.x);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(labels.map((l) => l.text)).size).toBe(labels.length);
    // Plot's 10 px sans-serif: a digit or a dot is at most ~6 px wide; half of each label either side
    for (let i = 1; i < labels.length; i++) {
      const needed = (labels[i - 1].text.length + labels[i].text.length) * 3 + 6;
      expect(labels[i].x - labels[i - 1].x, `${labels[i - 1].text} → ${labels[i].text} at ${width}px`).toBeGreaterThanOrEqual(needed);
    }
  });

  it("asks for fewer ticks when the column is narrow or the numbers long", () => {
    expect(zoneTickCount(300, 2500)).toBeLessThan(zoneTickCount(1000, 2500));
    expect(zoneTickCount(400, 125_000)).toBeLessThanOrEqual(zoneTickCount(400, 2500));
    expect(zoneTickCount(100, 2500)).toBe(2);
  });

  it("keeps the three zones in order, the neighbours first", () => {
    expect([...ZONES]).toEqual(["Nabokommuner", "Øvrige kommuner i regionen", "Resten af landet"]);
  });

  it("names the neighbour municipalities in a sentence", () => {
    expect(neighbourSentence("Assens", ["Odense", "Middelfart", "Faaborg-Midtfyn", "Nordfyns"])).toBe(
      "Nabokommuner til Assens (fælles grænse): Faaborg-Midtfyn, Middelfart, Nordfyns og Odense.",
    );
    expect(neighbourSentence("Fanø", [])).toBe("Fanø har ingen nabokommuner med fælles landgrænse.");
    expect(neighbourSentence("Læsø", ["Frederikshavn"])).toBe("Nabokommuner til Læsø (fælles grænse): Frederikshavn.");
  });
});

describe("the flow map", () => {
  let geo: Geography;
  let centroids: Map<string, [number, number]>;
  beforeAll(async () => {
    geo = await readGeography(geoDir);
    centroids = new Map(geo.municipalities.map((m) => [m.code, m.centroid]));
  });
  const flows = (codes: [string, number, number][]): CounterpartFlow[] =>
    codes.map(([counterpart, in_movers, out_movers]) => ({ counterpart, in_movers, out_movers, net: in_movers - out_movers }));
  // Assens (420) and its largest partners, near and far
  const real = flows([
    ["461", 740, 815],
    ["430", 188, 213],
    ["410", 172, 203],
    ["480", 91, 69],
    ["479", 53, 56],
    ["607", 48, 64],
    ["101", 46, 74],
    ["630", 45, 49],
    ["440", 37, 32],
    ["751", 34, 74],
    ["851", 30, 20],
    ["400", 12, 9],
  ]);

  const geoPaths = (svg: SVGSVGElement) => [...svg.querySelector('g[aria-label="geo"]')!.querySelectorAll("path")];

  it.each([320, 640, 900, 1400])("shows all of Bornholm inside the map at %i px", (width) => {
    const svg = mainSvg(flowMap(geo.topology as unknown as Topology, real, { area: "420", direction: "ind", width, centroids }));
    const [, , w, h] = svg.getAttribute("viewBox")!.split(" ").map(Number);
    const i = geo.municipalities.findIndex((m) => m.code === "400");
    const points = pathPoints(geoPaths(svg)[i].getAttribute("d")!);
    expect(points.length).toBeGreaterThan(10);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(w);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(h);
    }
  });

  it("is fitted to the whole country, not to the features it is given", () => {
    // only Jutland's municipalities (region 081 Nordjylland, 082 Midtjylland): the map keeps room for the rest
    const topology = structuredClone(geo.topology) as unknown as Topology & { objects: { kommuner: { geometries: { properties: { code: string } }[] } } };
    const jutland = new Set(geo.municipalities.filter((m) => m.regionCode === "081" || m.regionCode === "082").map((m) => m.code));
    topology.objects.kommuner.geometries = topology.objects.kommuner.geometries.filter((g) => jutland.has(g.properties.code));
    const svg = mainSvg(flowMap(topology, [], { area: "751", direction: "ind", width: 900, centroids }));
    const [, , w] = svg.getAttribute("viewBox")!.split(" ").map(Number);
    const xs = geoPaths(svg).flatMap((p) => pathPoints(p.getAttribute("d")!).map(([x]) => x));
    // Bornholm lies far east of Jutland: fitted to Denmark, Jutland fills well under two thirds of the width
    expect(Math.max(...xs)).toBeLessThan(w * 0.66);
  });

  it("gives every flow line a legible arrowhead, with a white halo", () => {
    for (const direction of ["ind", "ud", "netto"] as const) {
      const svg = mainSvg(flowMap(geo.topology as unknown as Topology, real, { area: "420", direction, width: 900, centroids }));
      const groups = [...svg.querySelectorAll('g[aria-label*="arrow"]')];
      const halo = groups.filter((g) => g.getAttribute("stroke") === "white");
      const dark = groups.filter((g) => g.getAttribute("stroke") !== "white");
      const arrows = dark.flatMap((g) => [...g.querySelectorAll("path")]);
      expect(arrows, direction).toHaveLength(10);
      expect(
        halo.flatMap((g) => [...g.querySelectorAll("path")]),
        direction,
      ).toHaveLength(10);
      for (const a of arrows) {
        // the head: M wing L tip L wing, after the line itself
        const d = a.getAttribute("d")!;
        const head = d.slice(d.lastIndexOf("M"));
        const [[x3, y3], [x2, y2]] = pathPoints(head);
        const [[x1, y1]] = pathPoints(d);
        // Plot caps a head at a third of its line: a short arrow between neighbours gets what fits
        const length = Math.hypot(x2 - x1, y2 - y1);
        expect(Math.hypot(x2 - x3, y2 - y3), `${direction}: ${d}`).toBeGreaterThanOrEqual(Math.min(8, length / 3 - 0.5));
      }
    }
  });
});

describe("amounts in kroner", () => {
  it("are whole numbers in Danish format", () => {
    expect(formatKr(164289.04)).toBe("164.289 kr.");
    expect(formatKr(164289.6)).toBe("164.290 kr.");
    expect(formatKr(null)).toBe("–");
    expect(isKrColumn("kr. pr. person")).toBe(true);
    expect(isKrColumn("disponibel_indkomst_kr")).toBe(true);
    expect(isKrColumn("kr")).toBe(true);
    expect(isKrColumn("kreds")).toBe(false);
    expect(isKrColumn("tilflyttede")).toBe(false);
  });

  it("have no decimals in a chart's table, even when group averages have", () => {
    const details = dataTableToggle(
      () => [
        { år: 2024, gruppe: "Assens", "kr. pr. person": 164289 },
        { år: 2024, gruppe: "Nabokommuner", "kr. pr. person": 170123.4567 },
        { år: 2024, gruppe: "Hele landet", "kr. pr. person": null },
      ],
      "Disponibel indkomst",
    );
    (details as HTMLDetailsElement).open = true;
    details.dispatchEvent(new Event("toggle"));
    const cells = [...details.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(cells).toEqual([
      ["2024", "Assens", "164.289"],
      ["2024", "Nabokommuner", "170.123"],
      ["2024", "Hele landet", "–"],
    ]);
    expect(details.textContent).not.toMatch(/,\d/);
  });
});

describe("the income chart", () => {
  const points: GroupPoint[] = [];
  for (let year = 2007; year <= 2024; year++) {
    points.push({ group: "Assens", year, value: 150000 + (year - 2007) * 6000 + 0.4 });
    if (year !== 2015) points.push({ group: "Hele landet", year, value: 170000 + (year - 2007) * 7000 + 0.5 });
  }
  const groups = ["Assens", "Hele landet"];

  it("labels the municipality's baseline and latest value in whole kroner", () => {
    const svg = mainSvg(incomeChart(points, { width: 800, name: "Assens", groups, baselineYear: 2011 }));
    const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent ?? "");
    expect(texts).toContain("252.000 kr.");
    expect(texts).toContain("2011: 174.000 kr.");
    // only the municipality's two values are labelled, none of another group's
    expect(texts.filter((t) => / kr\.$/.test(t))).toHaveLength(2);
    expect(texts.join(" ")).not.toMatch(/,\d+ kr/);
    // the latest label fits inside the chart
    const last = [...svg.querySelectorAll("text")].find((t) => t.textContent === "252.000 kr.")!;
    const x = Number(last.getAttribute("x") ?? translateX(last.closest("[transform]") ?? last));
    expect(Number.isFinite(x) ? x : 0).toBeLessThan(800);
  });

  it("labels only the latest value without a baseline year, and keeps a missing year a gap", () => {
    expect(incomeLabels(points, "Assens", 1990).map((d) => d.year)).toEqual([2024]);
    expect(incomeLabels(points, "Assens", null).map((d) => d.year)).toEqual([2024]);
    expect(incomeLabels(points, "Nowhere", 2011)).toEqual([]);
    const svg = mainSvg(incomeChart(points, { width: 800, name: "Assens", groups, baselineYear: 2011 }));
    const lines = [...svg.querySelectorAll('g[aria-label="line"] path')].map((p) => p.getAttribute("d") ?? "");
    // "Hele landet" lacks 2015: its line is two pieces
    expect(lines.some((d) => (d.match(/M/g) ?? []).length === 2)).toBe(true);
  });
});

describe("signed nets and differences", () => {
  it("are recognised by the column's name", () => {
    for (const name of ["netto", "net", "net_per_1000", "children_net", "netto_pr_1000", "forskel", "ændring", "nettotilflytning"])
      expect(isSignedColumn(name), name).toBe(true);
    for (const name of ["sum_abs_net", "gross", "tilflyttede", "network", "internet_users", "population"]) expect(isSignedColumn(name), name).toBe(false);
  });

  it("are written +22 in the SQL workbench, as on the pages", () => {
    const col = (name: string) => ({ name, kind: "number" as const });
    expect(formatCell(22, col("netto"))).toBe("+22");
    expect(formatCell(-1742, col("net"))).toBe("−1.742");
    expect(formatCell(0, col("netto"))).toBe("±0");
    expect(formatCell(27.6, col("netto_pr_1000"), 1)).toBe("+27,6");
    expect(formatCell(22, col("sum_abs_net"))).toBe("22");
    expect(formatCell(22, col("tilflyttede"))).toBe("22");
    expect(formatCell(164289.333, col("disponibel_indkomst_kr"), 3)).toBe("164.289");
  });

  it("are written +22 in a chart's table", () => {
    const details = dataTableToggle(
      () => [
        { område: "Nabokommuner", tilflyttede: 1196, netto: 22 },
        { område: "Resten af landet", tilflyttede: 419, netto: -109 },
      ],
      "Zoner",
    );
    (details as HTMLDetailsElement).open = true;
    details.dispatchEvent(new Event("toggle"));
    const cells = [...details.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(cells).toEqual([
      ["Nabokommuner", "1.196", "+22"],
      ["Resten af landet", "419", "−109"],
    ]);
  });
});
