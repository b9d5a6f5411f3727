/**
 * /lokalsamfund without every municipality's towns: one municipality's file of the towns dataset
 * (its rows and the other parts of its towns split by a border, townSliceRows) gives the same
 * towns, size classes and shares as the whole dataset, and the region's, the country's and a
 * group's figures from the summaries computed at build time (town_summaries) equal those computed
 * from every row. On a hand-made fixture first (worked out by hand), then on the whole mirror.
 */
import { describe, expect, it } from "vitest";
import { townSliceContext, townSummariesDataset, towns } from "../../loaders/tables/towns.ts";
import { partitionColumns } from "../../loaders/partition.ts";
import { municipalities } from "../../loaders/tables/municipalities.ts";
import {
  COUNTRY_SCOPE,
  localTowns,
  populationShares,
  regionScope,
  sizeClassChanges,
  sizeClassDistribution,
  summaryChanges,
  summaryDistribution,
  summaryShares,
  townSliceRows,
  townSummaries,
  type TownRow,
  type TownSummaryRow,
} from "../../src/lib/towns.ts";
import { mirrorClient, rows } from "../helpers.ts";

// Two regions: A (101, 102) and B (201). Town 10001 lies in 101 (900) and 102 (300): whole 1.200,
// class 1.000–4.999 in both. Town 10002 lies in 102 only (250: 200–499). 201 has town 20001 (600).
const row = (area: string, town_code: string, kind: string, year: number, population: number): TownRow => ({
  area,
  town_code,
  town: town_code,
  kind,
  year,
  population,
});
const fixture: TownRow[] = [
  row("101", "10110001", "by", 2026, 900),
  row("101", "10199999", "landdistrikt", 2026, 100),
  row("102", "10210001", "by", 2026, 300),
  row("102", "10210002", "by", 2026, 250),
  row("102", "10299999", "landdistrikt", 2026, 50),
  row("201", "20120001", "by", 2026, 600),
  row("201", "20199999", "landdistrikt", 2026, 400),
  row("201", "20199997", "uden fast bopæl", 2026, 5),
];
const list = [
  { code: "101", regionCode: "081" },
  { code: "102", regionCode: "081" },
  { code: "201", regionCode: "082" },
];

describe("town slices and summaries on a hand-made fixture", () => {
  const summaries = townSummaries(fixture, list);
  const cls = (scope: string, id: string) => summaries.find((r) => r.scope === scope && r.size_class === id)!;

  it("a municipality's file has its rows and the other part of its split town, no more", () => {
    expect(townSliceRows(fixture, "101")).toEqual([0, 1, 2]);
    expect(townSliceRows(fixture, "102")).toEqual([0, 2, 3, 4]);
    expect(townSliceRows(fixture, "201")).toEqual([5, 6, 7]);
  });

  it("classes a split town by its whole size, and counts it once in its region", () => {
    // 101: 900 in a town of 1.200 → 1.000–4.999
    expect(cls("101", "1000-4999")).toMatchObject({ population: 900, towns: 1 });
    // region 081: 900 + 300 in the one town, 250 in the village
    expect(cls(regionScope("081"), "1000-4999")).toMatchObject({ population: 1200, towns: 1 });
    expect(cls(regionScope("081"), "200-499")).toMatchObject({ population: 250, towns: 1 });
    expect(cls(regionScope("081"), "landdistrikt")).toMatchObject({ population: 150, towns: null });
    expect(cls(COUNTRY_SCOPE, "500-999")).toMatchObject({ population: 600, towns: 1 });
    expect(cls(COUNTRY_SCOPE, "uden fast bopæl")).toMatchObject({ population: 5, towns: null });
  });

  it("shares of a group are sums over its members: (100 + 400) / (1.000 + 1.005) in rural districts for 101 and 201", () => {
    const g = summaryShares(summaries, ["101", "201"], 2026)!;
    expect(g.total).toBe(2005);
    expect(g.rural).toBe(500);
    expect(g.smallTowns).toBe(600);
    expect(g.ruralShare).toBeCloseTo(500 / 2005, 12);
    expect(g).toEqual(populationShares(fixture, new Set(["101", "201"]), 2026));
  });

  it("a scope or a year without figures gives null, never 0", () => {
    expect(summaryShares(summaries, ["101", "999"], 2026)).toBeNull();
    expect(summaryShares(summaries, [], 2026)).toBeNull();
    expect(summaryDistribution(summaries, COUNTRY_SCOPE, 2011)).toBeNull();
    expect(summaryChanges(summaries, COUNTRY_SCOPE, 2011, 2026)).toBeNull();
  });
});

describe("town slices and summaries on the mirror", async () => {
  const client = mirrorClient();
  const [ds, summaryDs, list98] = await Promise.all([towns(client), townSummariesDataset(client), municipalities(client)]);
  const all = rows(ds) as unknown as TownRow[];
  const summaries = rows(summaryDs) as unknown as TownSummaryRow[];
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => a - b);
  const latest = years.at(-1)!;
  const slices = new Map(
    partitionColumns(
      ds.columns,
      ds.meta,
      "area",
      list98.municipalities.map((m) => m.code),
      townSliceContext(ds.columns),
    ).map((s) => [s.value, rows({ columns: s.columns }) as unknown as TownRow[]]),
  );

  it("every municipality's file gives the towns, classes and shares the whole dataset gives", () => {
    expect(slices.size).toBeGreaterThanOrEqual(98);
    let withContext = 0;
    for (const m of list98.municipalities) {
      const slice = slices.get(m.code)!;
      const own = new Set([m.code]);
      if (slice.some((r) => r.area !== m.code)) withContext++;
      expect(localTowns(slice, m.code, latest, null), m.code).toEqual(localTowns(all, m.code, latest, null));
      expect(sizeClassDistribution(slice, own, latest), m.code).toEqual(sizeClassDistribution(all, own, latest));
      expect(populationShares(slice, own, latest), m.code).toEqual(populationShares(all, own, latest));
    }
    // some towns are split by a border (e.g. Hovedstadsområdet's parts), so some files carry context rows
    expect(withContext).toBeGreaterThan(0);
  });

  it("the region's and the country's figures from the summaries equal those from every row, in every year", () => {
    const regions = [...new Set(list98.municipalities.map((m) => m.regionCode))];
    expect(regions.length).toBe(5);
    for (const year of years) {
      expect(summaryDistribution(summaries, COUNTRY_SCOPE, year), `land ${year}`).toEqual(sizeClassDistribution(all, null, year));
      expect(summaryShares(summaries, [COUNTRY_SCOPE], year)).toEqual(populationShares(all, null, year));
      for (const r of regions) {
        const areas = new Set(list98.municipalities.filter((m) => m.regionCode === r).map((m) => m.code));
        expect(summaryDistribution(summaries, regionScope(r), year), `${r} ${year}`).toEqual(sizeClassDistribution(all, areas, year));
        expect(summaryShares(summaries, [regionScope(r)], year), `${r} ${year}`).toEqual(populationShares(all, areas, year));
      }
    }
    if (years.length > 1) expect(summaryChanges(summaries, COUNTRY_SCOPE, years[0], latest)).toEqual(sizeClassChanges(all, null, years[0], latest));
  });

  it("a group's shares (summed over its members' summaries) equal those from every row of its members", () => {
    const codes = list98.municipalities.map((m) => m.code).sort();
    for (let i = 0; i + 5 <= codes.length; i += 7) {
      const group = codes.slice(i, i + 5);
      expect(summaryShares(summaries, group, latest), group.join(",")).toEqual(populationShares(all, new Set(group), latest));
    }
  });

  it("the summaries and the towns carry the same sources and status", () => {
    expect(summaryDs.meta.sources.map((s) => s.table)).toEqual(ds.meta.sources.map((s) => s.table));
    expect(summaryDs.meta.status).toBe(ds.meta.status);
    expect(summaryDs.meta.rows).toBe(summaries.length);
  });
});
