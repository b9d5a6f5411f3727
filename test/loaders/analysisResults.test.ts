/**
 * The pages' analyses computed at build time (loaders/analysisResults.ts): a municipality's rows of
 * a result, filtered as a page filters them (src/components/data.ts loadAreaResult: exact match on
 * every filter column), are the rows the same SQL gives with the same filters in DuckDB, and the
 * results keep the identities of the data (moves in = moves out across all municipalities).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { analysisResults, PAGE_ANALYSES } from "../../loaders/analysisResults.ts";
import { toArrowIPC } from "../../loaders/arrow.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../../loaders/duck.ts";
import { partitionColumns } from "../../loaders/partition.ts";
import type { Dataset } from "../../loaders/run.ts";
import { flowPairs, migrationTotals } from "../../loaders/tables/flows.ts";
import { populationAges, populationTotals } from "../../loaders/tables/population.ts";
import { geographyDataset, neighboursDataset, readGeography } from "../../loaders/geo.ts";
import { compareGroups } from "../../loaders/compareGroups.ts";
import { commutingDistance } from "../../loaders/tables/commuting.ts";
import { municipalities } from "../../loaders/tables/municipalities.ts";
import { peers as peersDataset } from "../../loaders/peers.ts";
import { COMPARE_KINDS, compareGroup } from "../../src/lib/compareGroup.ts";
import type { NeighbourRow, PeerRow } from "../../src/lib/datasets.ts";
import { ANALYSES, type AnalysisName } from "../../src/lib/analyses.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mirrorClient } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

/** A dataset's columns as row objects. */
const rowsOf = (ds: Dataset) => {
  const names = Object.keys(ds.columns);
  return Array.from({ length: ds.meta.rows }, (_, i) => Object.fromEntries(names.map((n) => [n, ds.columns[n].values[i]])));
};
/** The page's filter: every filter column equal. */
const pageFilter = (rows: Record<string, unknown>[], f: Record<string, string | number>) => rows.filter((r) => Object.keys(f).every((k) => r[k] === f[k]));
const key = (r: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(r)
      .sort()
      .map((k) => [k, typeof r[k] === "number" ? Math.round((r[k] as number) * 1e6) / 1e6 : r[k]]),
  );

const NAMES: AnalysisName[] = [
  "top_flows",
  "flows_by_zone",
  "migration_summary",
  "migration_effectiveness",
  "families_proxy",
  "group_migration_rates",
  "group_migration_effectiveness",
  "group_families",
  "group_commuting_distance",
];
let results: Map<AnalysisName, Dataset>;
let conn: Awaited<ReturnType<typeof openDuckDB>>;
let year: number;

beforeAll(async () => {
  const client = mirrorClient();
  results = await analysisResults(client, NAMES);
  // the inputs again, registered on their own, for the SQL with filters
  conn = await openDuckDB();
  const geo = await readGeography();
  const inputs: [string, Dataset][] = [
    ["flow_pairs", await flowPairs(client)],
    ["migration_totals", await migrationTotals(client)],
    ["population", await populationTotals(client)],
    ["population_ages", await populationAges(client)],
    ["geography", geographyDataset(geo)],
    ["neighbours", neighboursDataset(geo)],
    ["compare_groups", await compareGroups(client)],
    ["commuting_distance", await commutingDistance(client)],
  ];
  for (const [name, ds] of inputs) await registerArrow(conn, name, toArrowIPC(ds.columns, ds.meta));
  year = Math.max(...(inputs[1][1].columns.year.values as number[]));
}, 120_000);

describe("analysis results computed at build time", () => {
  it("covers every analysis the workbench offers (the survey's run on the uploaded file)", () => {
    expect([...PAGE_ANALYSES].sort()).toEqual(
      Object.entries(ANALYSES)
        .filter(([, a]) => a.workbench)
        .map(([n]) => n)
        .sort(),
    );
  });

  it.each(["260", "420", "101", "751"])("kommune %s: a slice filtered as the page filters it = the SQL with the same filters", async (area) => {
    for (const name of NAMES) {
      const slice = partitionColumns(results.get(name)!.columns, results.get(name)!.meta, "area").find((s) => s.value === area);
      const sliceRows = slice ? rowsOf({ columns: slice.columns, meta: slice.meta }) : [];
      const sql = readFileSync(join(projectRoot, "src/sql", `${name}.sql`), "utf8");
      const filterSets: Record<string, string | number>[] =
        name === "families_proxy"
          ? [{ area }]
          : name === "group_families" || name === "group_commuting_distance"
            ? COMPARE_KINDS.map((kind) => ({ area, kind }))
            : name === "group_migration_rates" || name === "group_migration_effectiveness"
              ? COMPARE_KINDS.flatMap((kind) => ["i alt", "25-44"].map((age_group) => ({ area, kind, age_group })))
              : ["i alt", "0-17", "25-44", "65+"].map((age_group) => ({ area, year, age_group }));
      for (const f of filterSets) {
        const expected = await runAnalysis(conn, sql, f);
        const got = pageFilter(sliceRows, f);
        expect(got.length, `${name} ${JSON.stringify(f)}`).toBe(expected.length);
        expect(got.map(key).sort(), `${name} ${JSON.stringify(f)}`).toEqual(expected.map(key).sort());
      }
    }
  });

  it("moves in = moves out across all municipalities, in the flows by zone of every age group", () => {
    const rows = rowsOf(results.get("flows_by_zone")!).filter((r) => r.year === year && r.area !== "000");
    for (const group of ["i alt", "0-17", "18-24", "25-44", "45-64", "65+"]) {
      const g = rows.filter((r) => r.age_group === group);
      expect(g.length, group).toBeGreaterThan(0);
      const sum = (k: string) => g.reduce((a, r) => a + (r[k] as number), 0);
      expect(sum("in_movers"), group).toBe(sum("out_movers"));
    }
  });

  it("the comparison groups' rates on the mirror: Σ movers / Σ mean population over the members compareGroup() names", async () => {
    const client = mirrorClient();
    const [list, geo, peerSet, totals, pop] = await Promise.all([
      municipalities(client),
      readGeography(),
      peersDataset(client),
      migrationTotals(client),
      populationTotals(client),
    ]);
    const neighbours = rowsOf(neighboursDataset(geo)) as unknown as NeighbourRow[];
    const peers = rowsOf(peerSet) as unknown as PeerRow[];
    const moves = new Map(rowsOf(totals).map((r) => [`${r.area}|${r.year}|${r.age_group}`, r]));
    const jan1 = new Map(rowsOf(pop).map((r) => [`${r.area}|${r.year}`, r.population as number]));
    const meanPop = (a: string, y: number) => {
      const p0 = jan1.get(`${a}|${y}`);
      const p1 = jan1.get(`${a}|${y + 1}`);
      return p0 === undefined ? null : p1 === undefined ? p0 : (p0 + p1) / 2;
    };
    const rates = rowsOf(results.get("group_migration_rates")!).filter((r) => r.year === year && r.age_group === "i alt");
    for (const area of ["260", "420", "400", "101"]) {
      for (const kind of COMPARE_KINDS) {
        const g = compareGroup({ area, kind, municipalities: list.municipalities, neighbours, peers });
        const row = rates.find((r) => r.area === area && r.kind === kind)!;
        expect(row.group_members, `${area} ${kind}`).toBe(g.members.length);
        if (!g.members.length) {
          expect(row.group_net_per_1000, `${area} ${kind}: no members, no figure`).toBeNull();
          continue;
        }
        expect(g.members.includes(area), `${area} ${kind}`).toBe(kind === "region" || kind === "land");
        let inn = 0;
        let out = 0;
        let p = 0;
        for (const m of g.members) {
          const r = moves.get(`${m}|${year}|i alt`);
          inn += (r?.in_movers as number) ?? 0;
          out += (r?.out_movers as number) ?? 0;
          p += meanPop(m, year)!;
        }
        expect(row.group_in_movers, `${area} ${kind}`).toBe(inn);
        expect(row.group_out_movers, `${area} ${kind}`).toBe(out);
        expect(row.group_in_per_1000 as number, `${area} ${kind}`).toBeCloseTo((1000 * inn) / p, 9);
        expect(row.group_net_per_1000 as number, `${area} ${kind}`).toBeCloseTo((1000 * (inn - out)) / p, 9);
      }
    }
    // Bornholm (400) has no neighbour; the country's in and out differ only by the moves to and from Christiansø (411)
    expect(rates.find((r) => r.area === "400" && r.kind === "naboer")).toMatchObject({ group_members: 0, group_in_per_1000: null });
    const land = rates.find((r) => r.area === "260" && r.kind === "land")!;
    const christiansoe = moves.get(`411|${year}|i alt`);
    expect((land.group_in_movers as number) - (land.group_out_movers as number)).toBe(
      ((christiansoe?.out_movers as number) ?? 0) - ((christiansoe?.in_movers as number) ?? 0),
    );
  }, 60_000);

  it("the comparison groups' migration effectiveness on the mirror: Σ|net| / Σ gross over every exchange of the members compareGroup() names", async () => {
    const client = mirrorClient();
    const [list, geo, peerSet, pairs] = await Promise.all([municipalities(client), readGeography(), peersDataset(client), flowPairs(client)]);
    const neighbours = rowsOf(neighboursDataset(geo)) as unknown as NeighbourRow[];
    const peers = rowsOf(peerSet) as unknown as PeerRow[];
    // each municipality's Σ|net| and Σ gross over its exchanges, all ages, in the newest year
    const sums = new Map<string, { absNet: number; gross: number }>();
    for (const r of rowsOf(pairs)) {
      if (r.year !== year || r.age_group !== "i alt") continue;
      const s = sums.get(r.area as string) ?? { absNet: 0, gross: 0 };
      s.absNet += Math.abs((r.in_movers as number) - (r.out_movers as number));
      s.gross += (r.in_movers as number) + (r.out_movers as number);
      sums.set(r.area as string, s);
    }
    const rows = rowsOf(results.get("group_migration_effectiveness")!).filter((r) => r.year === year && r.age_group === "i alt");
    for (const area of ["260", "420", "400", "101"]) {
      for (const kind of COMPARE_KINDS) {
        const g = compareGroup({ area, kind, municipalities: list.municipalities, neighbours, peers });
        const row = rows.find((r) => r.area === area && r.kind === kind)!;
        expect(row.mei as number, `${area}`).toBeCloseTo((100 * sums.get(area)!.absNet) / sums.get(area)!.gross, 9);
        expect(row.group_members, `${area} ${kind}`).toBe(g.members.length);
        if (!g.members.length) {
          expect(row.group_mei, `${area} ${kind}: no members, no figure`).toBeNull();
          continue;
        }
        const absNet = g.members.reduce((a, m) => a + (sums.get(m)?.absNet ?? 0), 0);
        const gross = g.members.reduce((a, m) => a + (sums.get(m)?.gross ?? 0), 0);
        expect(row.group_mei as number, `${area} ${kind}`).toBeCloseTo((100 * absNet) / gross, 9);
      }
    }
    // the whole country: every move counted once as an in and once as an out
    const totals = rowsOf(results.get("group_migration_rates")!).find(
      (r) => r.area === "260" && r.kind === "land" && r.year === year && r.age_group === "i alt",
    )!;
    const land = rows.find((r) => r.area === "260" && r.kind === "land")!;
    expect(land.group_gross).toBe((totals.group_in_movers as number) + (totals.group_out_movers as number));
  }, 60_000);

  it("each result's provenance is its inputs': their tables and their worst status", () => {
    const top = results.get("top_flows")!.meta;
    expect(top.dataset).toBe("top_flows");
    expect(top.sources.map((s) => s.table)).toContain("FLY66");
    const summary = results.get("migration_summary")!.meta;
    expect(new Set(summary.sources.map((s) => s.table))).toEqual(
      new Set(["FLY66", "FOLK1A", ...(summary.sources.some((s) => s.table === "BY2") ? ["BY2"] : [])]),
    );
    expect(["ok", "partial", "missing"]).toContain(summary.status);
  });
});
