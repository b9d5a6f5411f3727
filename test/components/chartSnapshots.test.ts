/**
 * Every chart of src/components rendered in jsdom and compared with its file snapshot in
 * test/components/snapshots/ (see snapshot.ts): small hand-written data in the datasets' real
 * shapes, a fixed width, and a gap in the data wherever the chart handles gaps. A chart that
 * renders differently fails with a <name>-changed file to compare.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Topology } from "topojson-specification";
import { matchSnapshot, normalize, roundNumbers, jsdomDocument } from "./snapshot.ts";
import { populationChart, type PopulationPoint } from "../../src/components/populationChart.ts";
import { moversChart, type MoverPoint } from "../../src/components/moversChart.ts";
import { rateChart, type RatePoint } from "../../src/components/rateChart.ts";
import { changeChart, type ChangePoint, type ChangePart } from "../../src/components/changeChart.ts";
import { ageProfileChart, type AgeProfileRow } from "../../src/components/ageProfileChart.ts";
import { familiesChart, type FamilyRow } from "../../src/components/familiesChart.ts";
import { incomeChart } from "../../src/components/incomeChart.ts";
import type { GroupPoint } from "../../src/components/economy.ts";
import { pyramid, type AgePoint } from "../../src/components/pyramid.ts";
import { zoneChart, type ZoneRow } from "../../src/components/zoneChart.ts";
import { ageGroupBars } from "../../src/components/ageGroupBars.ts";
import { originZoneChart, type OriginZoneCount } from "../../src/components/originZoneChart.ts";
import { flowMap, type CounterpartFlow } from "../../src/components/flowMap.ts";
import { likertChart, quadrantChart, reasonsChart, representationChart, shareChart } from "../../src/components/survey/charts.ts";
import { resultChart } from "../../src/components/workbench/chart.ts";
import { columnRoles, type ResultColumn, type Row } from "../../src/components/workbench/infer.ts";
import { sparkline } from "../../src/components/goals/goalCard.ts";
import { townChangeChart, type TownChangePoint } from "../../src/components/townChangeChart.ts";
import { sizeClassChart, type SizeClassPoint } from "../../src/components/sizeClassChart.ts";
import { ambassadorChart, type ContactCell } from "../../src/components/ambassadorChart.ts";

const width = 640;

describe("the snapshot harness", () => {
  it("rounds long decimals in geometry to two places and leaves the rest as written", () => {
    expect(roundNumbers("M10.123456,-3.0049L2,0.5")).toBe("M10.12,-3L2,0.5");
    expect(roundNumbers("translate(0.000001,3.5e-15)")).toBe("translate(0,0)");
    expect(roundNumbers("#1f4e99 #14e567 plot-clip-3")).toBe("#1f4e99 #14e567 plot-clip-3");
  });

  it("sorts attributes, renumbers Plot's clip ids and keeps labels and Danish numbers intact", () => {
    const document = jsdomDocument();
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.innerHTML =
      '<g clip-path="url(#plot-clip-7)" aria-label="x 1.234567"><text y="1.23456" x="2">164.289 kr.</text></g><clipPath id="plot-clip-7"></clipPath>';
    expect(normalize(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg">\n  <g aria-label="x 1.234567" clip-path="url(#plot-clip-1)">\n    <text x="2" y="1.23">164.289 kr.</text>\n  </g>\n  <clipPath id="plot-clip-1"/>\n</svg>\n',
    );
  });

  it("writes a missing snapshot, fails with a -changed file on a difference, and clears it on a match", () => {
    const dir = mkdtempSync(join(tmpdir(), "snapshots-"));
    try {
      const circle = (r: number) => (document: Document) => {
        const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
        svg.innerHTML = `<circle r="${r}"></circle>`;
        return svg;
      };
      matchSnapshot("dot", circle(3), { dir });
      expect(readFileSync(join(dir, "dot.svg"), "utf8")).toContain('<circle r="3"/>');
      expect(() => matchSnapshot("dot", circle(4), { dir })).toThrow(/dot\.svg.*dot-changed\.svg/);
      expect(readFileSync(join(dir, "dot-changed.svg"), "utf8")).toContain('<circle r="4"/>');
      expect(readFileSync(join(dir, "dot.svg"), "utf8")).toContain('<circle r="3"/>');
      matchSnapshot("dot", circle(3), { dir });
      expect(existsSync(join(dir, "dot-changed.svg"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- /befolkning ----------------------------------------------------------------------------

describe("population", () => {
  // FOLK1A for one municipality, 2012 missing: the line breaks there
  const points: PopulationPoint[] = [2008, 2009, 2010, 2011, 2013, 2014, 2015, 2016].map((year, i) => ({ year, population: 41200 - i * 130 + (i % 3) * 40 }));

  it("populationChart with a missing year", () => {
    matchSnapshot("populationChart-gap", (document) => populationChart(points, { width, baselineYear: 2011, document }));
  });
});

describe("in- and out-movers", () => {
  const series = (s: MoverPoint["series"], values: [number, number][]): MoverPoint[] => values.map(([year, value]) => ({ year, series: s, value }));
  // in-movers lack 2012: their line breaks, the out-movers' does not
  const lines = [
    ...series("Tilflyttede", [
      [2009, 2210],
      [2010, 2305],
      [2011, 2290],
      [2013, 2480],
      [2014, 2525],
    ]),
    ...series("Fraflyttede", [
      [2009, 2350],
      [2010, 2298],
      [2011, 2310],
      [2012, 2270],
      [2013, 2260],
      [2014, 2301],
    ]),
  ];

  it("moversChart with a missing year", () => {
    matchSnapshot("moversChart-gap", (document) => moversChart(lines, { width, baselineYear: 2011, document }));
  });

  it("moversChart as bars when there are only two years", () => {
    const two = lines.filter((d) => d.year >= 2013);
    matchSnapshot("moversChart-bars", (document) => moversChart(two, { width, baselineYear: 2011, document }));
  });
});

describe("net domestic migration per 1,000", () => {
  // 2010 absent and 2012 null: both are "mangler", never an empty slot that reads as zero
  const points: RatePoint[] = [
    { year: 2008, net_domestic: -102, net_domestic_per_1000: -2.5 },
    { year: 2009, net_domestic: 41, net_domestic_per_1000: 1.0 },
    { year: 2011, net_domestic: 168, net_domestic_per_1000: 4.1 },
    { year: 2012, net_domestic: null, net_domestic_per_1000: null },
    { year: 2013, net_domestic: 0, net_domestic_per_1000: 0 },
    { year: 2014, net_domestic: 213, net_domestic_per_1000: 5.2 },
  ];

  it("rateChart with missing years", () => {
    matchSnapshot("rateChart-gap", (document) => rateChart(points, { width, document }));
  });
});

describe("the parts of population change", () => {
  const parts: [ChangePart, number[]][] = [
    ["Naturlig tilvækst", [-61, -75, -90, -84]],
    ["Indenlandsk nettotilflytning", [120, 310, 42, -15]],
    ["Nettoindvandring", [88, 150, 64, 97]],
  ];
  // 2018 is missing from the table: its slot stays empty on the band axis
  const years = [2016, 2017, 2019, 2020];
  const points: ChangePoint[] = parts.flatMap(([part, values]) => values.map((value, i) => ({ year: years[i], part, value })));

  it("changeChart with a missing year", () => {
    matchSnapshot("changeChart-gap", (document) => changeChart(points, { width, document }));
  });
});

describe("the age pyramid", () => {
  const rows: AgePoint[] = [];
  for (const sex of ["M", "K"] as const) {
    for (let age = 0; age <= 6; age++) {
      rows.push({ sex, age, year: 2024, population: 200 + age * 10 + (sex === "K" ? 5 : 0) });
      // the baseline lacks men aged 3: its outline breaks there
      if (!(sex === "M" && age === 3)) rows.push({ sex, age, year: 2011, population: 230 - age * 5 });
    }
  }

  it("pyramid with a gap in the baseline year", () => {
    matchSnapshot("pyramid-gap", (document) => pyramid(rows, { width, year: 2024, baselineYear: 2011, document }));
  });
});

// ---- /flytninger ----------------------------------------------------------------------------

describe("net migration by age", () => {
  const rows: AgeProfileRow[] = [18, 19, 20, 21, 22, 23, 24, 25].map((age, i) => {
    const in_movers = [40, 55, 70, 82, 90, 86, 75, 68][i];
    const out_movers = [60, 95, 120, 101, 80, 66, 58, 50][i];
    return { age, in_movers, out_movers, net: in_movers - out_movers };
  });

  it("ageProfileChart", () => {
    matchSnapshot("ageProfileChart", (document) => ageProfileChart(rows, { width, document }));
  });
});

describe("neighbours, region and the rest of the country", () => {
  const rows: ZoneRow[] = [
    { zone: "Nabokommuner", in_movers: 1196, out_movers: 1305, net: -109 },
    { zone: "Øvrige kommuner i regionen", in_movers: 372, out_movers: 390, net: -18 },
    { zone: "Resten af landet", in_movers: 419, out_movers: 413, net: 6 },
  ];

  it("zoneChart", () => {
    matchSnapshot("zoneChart", (document) => zoneChart(rows, { width, document }));
  });
});

/**
 * A tiny map: five municipalities as boxes in roughly their places (lon/lat, clockwise rings
 * as d3-geo wants them), one arc each, no quantisation.
 */
const boxes: [code: string, name: string, box: [number, number, number, number]][] = [
  ["420", "Assens", [9.8, 55.15, 10.2, 55.35]],
  ["461", "Odense", [10.2, 55.3, 10.6, 55.5]],
  ["410", "Middelfart", [9.65, 55.36, 10.0, 55.56]],
  ["101", "København", [12.45, 55.6, 12.7, 55.73]],
  ["400", "Bornholm", [14.7, 55.0, 15.15, 55.3]],
];
const topology = {
  type: "Topology",
  objects: {
    kommuner: {
      type: "GeometryCollection",
      geometries: boxes.map(([code, name], i) => ({ type: "MultiPolygon", arcs: [[[i]]], properties: { code, name } })),
    },
  },
  arcs: boxes.map(([, , [x0, y0, x1, y1]]) => [
    [x0, y0],
    [x0, y1],
    [x1, y1],
    [x1, y0],
    [x0, y0],
  ]),
} as unknown as Topology;
const centroids = new Map(boxes.map(([code, , [x0, y0, x1, y1]]) => [code, [(x0 + x1) / 2, (y0 + y1) / 2] as [number, number]]));
const names = new Map(boxes.map(([code, name]) => [code, name]));

describe("the flow map", () => {
  // Assens' moves with three of the four others; Bornholm has none (it is drawn, with no arrow)
  const flows: CounterpartFlow[] = [
    { counterpart: "461", in_movers: 740, out_movers: 815, net: -75 },
    { counterpart: "410", in_movers: 172, out_movers: 150, net: 22 },
    { counterpart: "101", in_movers: 46, out_movers: 74, net: -28 },
  ];

  it("flowMap of in-movers", () => {
    matchSnapshot("flowMap-ind", (document) => flowMap(topology, flows, { area: "420", direction: "ind", width, centroids, document }));
  });

  it("flowMap of the net (diverging colours)", () => {
    matchSnapshot("flowMap-netto", (document) => flowMap(topology, flows, { area: "420", direction: "netto", width, centroids, document }));
  });
});

// ---- /tilflyttere ---------------------------------------------------------------------------

describe("families with children", () => {
  const row = (year: number, children_in: number, children_out: number, parents_in: number, parents_out: number): FamilyRow => ({
    year,
    children_in,
    children_out,
    parents_in,
    parents_out,
    families_in: children_in + parents_in,
    families_out: children_out + parents_out,
  });
  const rows = [row(2010, 310, 290, 420, 405), row(2011, 298, 301, 433, 398), row(2012, 325, 287, 450, 410), row(2013, 340, 280, 462, 401)];

  it("familiesChart as lines", () => {
    matchSnapshot("familiesChart", (document) => familiesChart(rows, { width, baselineYear: 2011, document }));
  });

  it("familiesChart as bars when there are only two years", () => {
    matchSnapshot("familiesChart-bars", (document) => familiesChart(rows.slice(2), { width, baselineYear: 2011, document }));
  });
});

describe("in-movers by age group and by origin", () => {
  it("ageGroupBars", () => {
    const groups = [
      { label: "0–17 år", in_movers: 412, out_movers: 365 },
      { label: "18–24 år", in_movers: 388, out_movers: 602 },
      { label: "25–44 år", in_movers: 731, out_movers: 690 },
      { label: "45+ år", in_movers: 356, out_movers: 297 },
    ];
    matchSnapshot("ageGroupBars", (document) => ageGroupBars(groups, { width, document }));
  });

  it("originZoneChart", () => {
    const counts: [string, number[]][] = [
      ["Børn 0–17 år", [210, 98, 104]],
      ["25–44-årige", [380, 160, 191]],
      ["Alle tilflyttede", [1196, 372, 419]],
    ];
    const zones = ["Nabokommuner", "Øvrige kommuner i regionen", "Resten af landet"];
    const rows: OriginZoneCount[] = counts.flatMap(([group, values]) => values.map((value, i) => ({ group, zone: zones[i], value })));
    matchSnapshot("originZoneChart", (document) => originZoneChart(rows, { width, document }));
  });
});

// ---- /oekonomi ------------------------------------------------------------------------------

describe("income", () => {
  const points: GroupPoint[] = [];
  for (let year = 2009; year <= 2014; year++) {
    points.push({ group: "Assens", year, value: 150000 + (year - 2009) * 6000 + 0.4 });
    points.push({ group: "Nabokommuner", year, value: 158000 + (year - 2009) * 6500 + 0.25 });
    // the country lacks 2012: its line is two pieces
    if (year !== 2012) points.push({ group: "Hele landet", year, value: 170000 + (year - 2009) * 7000 + 0.5 });
  }

  it("incomeChart with a missing year", () => {
    matchSnapshot("incomeChart-gap", (document) =>
      incomeChart(points, { width, name: "Assens", groups: ["Assens", "Nabokommuner", "Hele landet"], baselineYear: 2011, document }),
    );
  });
});

// ---- /praeferencer --------------------------------------------------------------------------

describe("the preference survey", () => {
  it("shareChart, an item under 30 answers hollow", () => {
    const rows = [
      { label: "Gode skoler", share: 0.72, lower: 0.66, upper: 0.78, n: 212, flagged: false },
      { label: "Kort til arbejde", share: 0.41, lower: 0.35, upper: 0.47, n: 198, flagged: false },
      { label: "Naturen tæt på", share: 0.85, lower: 0.69, upper: 0.94, n: 24, flagged: true },
    ];
    matchSnapshot("shareChart", (document) => shareChart(rows, { width, document }));
  });

  it("likertChart, one item without neutral answers", () => {
    const scaleLabels = ["Meget uenig", "Uenig", "Hverken/eller", "Enig", "Meget enig"];
    const shares: [string, number[]][] = [
      ["Gode skoler", [0.05, 0.1, 0.2, 0.4, 0.25]],
      ["Kort til arbejde", [0.15, 0.25, 0, 0.35, 0.25]],
    ];
    const rows = shares.flatMap(([label, values]) => values.map((share, i) => ({ label, category: i + 1, share })));
    matchSnapshot("likertChart", (document) => likertChart(rows, { width, scaleLabels, document }));
  });

  it("quadrantChart", () => {
    const rows = [
      { topic: "Skoler", importance: 4.5, satisfaction: 3.1, n: 210 },
      { topic: "Trafik", importance: 3.8, satisfaction: 3.9, n: 205 },
      { topic: "Natur", importance: 4.1, satisfaction: 4.4, n: 208 },
      { topic: "Kultur", importance: 3.0, satisfaction: 3.4, n: 199 },
    ];
    matchSnapshot("quadrantChart", (document) => quadrantChart(rows, { width, document }));
  });

  it("reasonsChart", () => {
    const rows = [
      { label: "Arbejde", share: 0.34 },
      { label: "Familie og venner", share: 0.27 },
      { label: "Billigere bolig", share: 0.39 },
    ];
    matchSnapshot("reasonsChart", (document) => reasonsChart(rows, { width, document }));
  });

  it("representationChart with two groupings", () => {
    const rows = [
      { group: "Alder", category: "18–39 år", series: "Besvarelser" as const, share: 0.22 },
      { group: "Alder", category: "18–39 år", series: "Befolkningen" as const, share: 0.31 },
      { group: "Alder", category: "40+ år", series: "Besvarelser" as const, share: 0.78 },
      { group: "Alder", category: "40+ år", series: "Befolkningen" as const, share: 0.69 },
      { group: "Køn", category: "Kvinde", series: "Besvarelser" as const, share: 0.57 },
      { group: "Køn", category: "Kvinde", series: "Befolkningen" as const, share: 0.5 },
    ];
    matchSnapshot("representationChart", (document) => representationChart(rows, { width, document }));
  });
});

// ---- /arbejdsbord ---------------------------------------------------------------------------

describe("the SQL workbench's quick charts", () => {
  const known = new Set(names.keys());
  const chart = (type: "line" | "bar" | "map", columns: ResultColumn[], rows: Row[], value: string) => (document: Document) => {
    const roles = columnRoles(columns, rows, known);
    return resultChart({ type, value, roles, rows, width, kommune: "420", names, topology, document }).node;
  };
  const num = (name: string): ResultColumn => ({ name, kind: "number" });
  const str = (name: string): ResultColumn => ({ name, kind: "string" });

  it("a line per municipality over the years", () => {
    const rows = [2020, 2021, 2022, 2023].flatMap((year, i) => [
      { area: "420", year, population: 41000 + i * 120 },
      { area: "461", year, population: 205000 + i * 1500 },
    ]);
    matchSnapshot("workbench-line", chart("line", [str("area"), num("year"), num("population")], rows, "population"));
  });

  it("bars per municipality, the chosen one darker, the latest period only", () => {
    const rows = [2022, 2023].flatMap((year) => [
      { area: "420", year, netto: year === 2023 ? 22 : 10 },
      { area: "461", year, netto: 812 },
      { area: "410", year, netto: -35 },
    ]);
    matchSnapshot("workbench-bar", chart("bar", [str("area"), num("year"), num("netto")], rows, "netto"));
  });

  it("a map, one municipality without a value", () => {
    const rows = [
      { area: "420", net_per_1000: -2.6 },
      { area: "461", net_per_1000: 4.1 },
      { area: "410", net_per_1000: 1.25 },
      { area: "101", net_per_1000: 7.9 },
    ];
    matchSnapshot("workbench-map", chart("map", [str("area"), num("net_per_1000")], rows, "net_per_1000"));
  });
});

// ---- / (the scorecard) ----------------------------------------------------------------------

describe("the goal card's sparkline", () => {
  it("sparkline with the baseline year marked", () => {
    const series = [2011, 2012, 2013, 2014, 2015].map((year, i) => ({ year, value: [41234, 41102, 40987, 41050, 41190][i] }));
    matchSnapshot("sparkline", (document) => sparkline(series, 2011, { document }));
  });
});

describe("towns, villages and the ambassador scheme (/lokalsamfund)", () => {
  const change = (name: string, base: number, latest: number): TownChangePoint => ({
    name,
    base,
    latest,
    change: latest - base,
    ratio: (latest - base) / base,
  });
  const towns = [change("Assens", 5899, 5639), change("Grønnemose", 290, 261), change("Vissenbjerg", 3030, 3449), change("Landdistrikter", 15001, 14836)];

  it("townChangeChart: growth and decline, the longest bar's label inside the chart", () => {
    matchSnapshot("townChangeChart", (document) => townChangeChart(towns, { width, baseYear: 2011, latestYear: 2026, document }));
    const svg = townChangeChart(towns, { width, baseYear: 2011, latestYear: 2026, document: jsdomDocument() }) as SVGSVGElement;
    const x = svg.ownerDocument.createElement("div");
    x.append(svg);
    // the x domain reaches beyond the longest bars, so their labels do not run into the town names
    const ticks = [...svg.querySelectorAll('[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks[0]).toMatch(/^−1[02] %$/);
  });

  it("sizeClassChart: the municipality against region and country", () => {
    const places = ["Assens", "Region Syddanmark", "Hele landet"];
    const classes = ["Byer med 20.000+", "Landdistrikter"];
    const points: SizeClassPoint[] = [
      { place: "Assens", label: classes[0], share: 0, population: 0 },
      { place: "Region Syddanmark", label: classes[0], share: 0.41, population: 505000 },
      { place: "Hele landet", label: classes[0], share: 0.52, population: 3130000 },
      { place: "Assens", label: classes[1], share: 0.367, population: 14836 },
      { place: "Region Syddanmark", label: classes[1], share: 0.19, population: 234000 },
      { place: "Hele landet", label: classes[1], share: 0.12, population: 722000 },
    ];
    matchSnapshot("sizeClassChart", (document) => sizeClassChart(points, { width, places, classes, document }));
  });

  it("ambassadorChart: contacts per community and year, one year not reported", () => {
    const cells: ContactCell[] = [
      { community: "Aarup", year: 2014, contacts: 3 },
      { community: "Aarup", year: 2015, contacts: null },
      { community: "Haarby", year: 2014, contacts: 0 },
      { community: "Haarby", year: 2015, contacts: 5 },
    ];
    matchSnapshot("ambassadorChart", (document) => ambassadorChart(cells, { width, communities: ["Aarup", "Haarby"], document }));
  });
});
