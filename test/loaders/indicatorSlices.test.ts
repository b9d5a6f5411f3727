/**
 * The indicators dataset cut per municipality (src/data/by-area/indicators.zip.ts): the scorecard
 * (/) fetches one municipality's file, which also holds its neighbours' rows (the `neighbours`
 * dataset, loaders/geo.ts), so a goal compared with the neighbours gives the same series as from
 * the whole dataset. On a hand-made fixture first, then on the whole mirror.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CSV_FILE, neighboursDataset, parseKommunerCsv, readGeography } from "../../loaders/geo.ts";
import { partitionColumns } from "../../loaders/partition.ts";
import { indicatorSliceContext, indicators, neighbourSliceRows } from "../../loaders/tables/indicators.ts";
import type { IndicatorRow } from "../../src/lib/datasets.ts";
import { annualSeries } from "../../src/lib/goals/series.ts";
import { AGGREGATES } from "../../src/lib/goals/vocabulary.ts";
import { STATBANK_INDICATOR_IDS } from "../../src/lib/indicators.ts";
import { mirrorClient, rows } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

describe("neighbourSliceRows", () => {
  // 101 borders 102 and 103; 104 is an island
  const pairs = [
    { area: "101", neighbour: "102" },
    { area: "101", neighbour: "103" },
    { area: "102", neighbour: "101" },
    { area: "103", neighbour: "101" },
  ];
  const areas = ["101", "102", "103", "104", "101", "102", "104"];

  it("gives the municipality's rows and its neighbours', in row order", () => {
    expect(neighbourSliceRows(areas, pairs, "101")).toEqual([0, 1, 2, 4, 5]);
    expect(neighbourSliceRows(areas, pairs, "102")).toEqual([0, 1, 4, 5]);
    expect(neighbourSliceRows(areas, pairs, "103")).toEqual([0, 2, 4]);
  });

  it("gives an island only its own rows, and a municipality without rows its neighbours' only", () => {
    expect(neighbourSliceRows(areas, pairs, "104")).toEqual([3, 6]);
    expect(neighbourSliceRows(["102", "103"], pairs, "101")).toEqual([0, 1]);
    expect(neighbourSliceRows(areas, [], "999")).toEqual([]);
  });
});

describe("indicator slices on the mirror", async () => {
  const [ds, geo] = await Promise.all([indicators(mirrorClient()), readGeography(join(projectRoot, "snapshot/geo"))]);
  const neighbours = neighboursDataset(geo);
  const pairs = rows(neighbours) as { area: string; neighbour: string }[];
  const codes = parseKommunerCsv(readFileSync(join(projectRoot, "snapshot/geo", CSV_FILE), "utf8"), CSV_FILE).map((m) => m.code);
  const all = rows(ds) as unknown as IndicatorRow[];
  const slices = partitionColumns(ds.columns, ds.meta, "area", codes, indicatorSliceContext(ds.columns, neighbours));
  const byCode = new Map(slices.map((s) => [s.value, s]));

  it("every municipality's file holds exactly its own and its neighbours' rows, the whole dataset's rows for those areas", () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(codes.length).toBe(98);
    let withNeighbours = 0;
    for (const code of codes) {
      const slice = byCode.get(code)!;
      expect(slice, code).toBeDefined();
      const areas = new Set([code, ...pairs.filter((p) => p.area === code).map((p) => p.neighbour)]);
      if (areas.size > 1) withNeighbours++;
      const got = rows({ columns: slice.columns }) as unknown as IndicatorRow[];
      expect(got, code).toEqual(all.filter((r) => areas.has(r.area)));
      expect(slice.meta.rows, code).toBe(got.length);
      expect(slice.meta.slice).toEqual({ column: "area", value: code, datasetRows: ds.meta.rows });
    }
    // every municipality but the islands has neighbours (Bornholm, Ærø, Samsø, Læsø, Fanø, …)
    expect(withNeighbours).toBeGreaterThan(85);
  });

  it("every slice has the whole dataset's provenance: sources, fetch times, what is missing", () => {
    for (const s of slices) {
      expect(s.meta.sources, s.value).toEqual(ds.meta.sources);
      expect(s.meta.missing, s.value).toEqual(ds.meta.missing);
      expect(s.meta.builtAt, s.value).toBe(ds.meta.builtAt);
      expect(s.meta.status, s.value).toBe(ds.meta.status);
    }
  });

  it("a goal's series and its neighbours' series are the same from the municipality's file as from the whole dataset", () => {
    for (const code of ["260", "751", "400", "101"]) {
      const slice = rows({ columns: byCode.get(code)!.columns }) as unknown as IndicatorRow[];
      const near = pairs.filter((p) => p.area === code).map((p) => p.neighbour);
      for (const indicator of STATBANK_INDICATOR_IDS)
        for (const area of [code, ...near])
          for (const aggregate of AGGREGATES)
            expect(annualSeries(slice, indicator, area, aggregate), `${code}: ${indicator} ${area} ${aggregate}`).toEqual(
              annualSeries(all, indicator, area, aggregate),
            );
    }
  });
});
