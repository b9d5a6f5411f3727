import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { toArrowIPC, type ColumnSpec } from "../../loaders/arrow.ts";
import { datasetMeta } from "../../loaders/provenance.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../../loaders/duck.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { areaTotals, flowPairs, migrationAges, migrationTotals, pairTotals } from "../../loaders/tables/flows.ts";
import { populationAges, populationTotals } from "../../loaders/tables/population.ts";
import { mirrorDir, projectRoot } from "../paths.ts";

const sql = (name: string) => readFileSync(join(projectRoot, "src/sql", `${name}.sql`), "utf8");

/** Register a hand-made table through the same Arrow writer the loaders use. */
async function table(conn: DuckDBConnection, name: string, columns: Record<string, ColumnSpec>): Promise<void> {
  const rows = Object.values(columns)[0].values.length;
  await registerArrow(conn, name, toArrowIPC(columns, datasetMeta({ dataset: name, title: name, sources: [], rows, columns: {} })));
}

const s = (values: (string | null)[]): ColumnSpec => ({ type: "string", values });
const i16 = (values: number[]): ColumnSpec => ({ type: "int16", values });
const i32 = (values: (number | null)[]): ColumnSpec => ({ type: "int32", values });
const f64 = (values: number[]): ColumnSpec => ({ type: "float64", values });

describe("migration SQL on a hand-made fixture", () => {
  let conn: DuckDBConnection;
  // origin, destination, age_group, sex, moves (all in 2024)
  const F: [string, string, string, string, number][] = [
    ["270", "260", "0-17", "M", 10],
    ["270", "260", "25-44", "K", 20],
    ["101", "260", "25-44", "M", 5],
    ["260", "270", "0-17", "K", 4],
    ["260", "270", "65+", "M", 6],
    ["260", "101", "18-24", "K", 15],
    ["101", "270", "45-64", "M", 7],
    ["270", "101", "25-44", "K", 3],
  ];
  beforeAll(async () => {
    conn = await openDuckDB();
    // The analyses read FLY66 as the loaders hand it over: per pair of municipalities and per
    // municipality (men and women added), built from these flows by the loaders' own functions.
    const moves: [string, number][] = F.map(([o, d, g, , m]) => [`${o}|${d}|${g}|2024`, m]);
    const pairs = pairTotals(moves);
    await table(conn, "flow_pairs", {
      area: s(pairs.map((p) => p.area)),
      counterpart: s(pairs.map((p) => p.counterpart)),
      age_group: s(pairs.map((p) => p.age_group)),
      year: i16(pairs.map((p) => p.year)),
      in_movers: i32(pairs.map((p) => p.in_movers)),
      out_movers: i32(pairs.map((p) => p.out_movers)),
    });
    const totals = areaTotals(moves);
    await table(conn, "migration_totals", {
      area: s(totals.map((t) => t.area)),
      age_group: s(totals.map((t) => t.age_group)),
      year: i16(totals.map((t) => t.year)),
      in_movers: i32(totals.map((t) => t.in_movers)),
      out_movers: i32(totals.map((t) => t.out_movers)),
    });
    await table(conn, "population", {
      area: s(["260", "260", "270", "270", "101"]),
      year: i16([2024, 2025, 2024, 2025, 2024]),
      population: i32([31000, 31200, 40000, 40000, 600000]),
    });
    await table(conn, "population_ages", { area: s([]), sex: s([]), age: i16([]), year: i16([]), population: i32([]) });
    await table(conn, "geography", {
      area: s(["260", "270", "101"]),
      name: s(["Halsnæs", "Gribskov", "København"]),
      region_code: s(["084", "084", "084"]),
      region_name: s(["Region Hovedstaden", "Region Hovedstaden", "Region Hovedstaden"]),
      lon: f64([12, 12.3, 12.5]),
      lat: f64([56, 56, 55.7]),
    });
    await table(conn, "neighbours", { area: s(["260", "270"]), neighbour: s(["270", "260"]) });
    await table(conn, "migration_ages", {
      area: s(["260", "260", "260"]),
      sex: s(["M", "K", "M"]),
      age: i16([0, 0, 2]),
      year: i16([2024, 2024, 2024]),
      in_movers: i32([3, 2, 0]),
      out_movers: i32([1, 0, 4]),
    });
  });

  it("migration_summary: in, out, net, gross and rates per 1,000 of the mean population", async () => {
    // 260: in 30 (from 270) + 5 (from 101) = 35; out 10 (to 270) + 15 (to 101) = 25; mean pop (31000+31200)/2 = 31100
    const [all] = await runAnalysis(conn, sql("migration_summary"), { area: "260", year: 2024, age_group: "i alt" });
    expect(all).toMatchObject({ in_movers: 35, out_movers: 25, net: 10, gross: 60, mean_population: 31100 });
    // 35000/31100 = 1.125 -> 1.13; 25000/31100 = 0.804 -> 0.80; 10000/31100 = 0.322 -> 0.32; 60000/31100 = 1.929 -> 1.93
    expect(all).toMatchObject({ in_per_1000: 1.13, out_per_1000: 0.8, net_per_1000: 0.32, gross_per_1000: 1.93 });
    const [children] = await runAnalysis(conn, sql("migration_summary"), { area: "260", year: 2024, age_group: "0-17" });
    expect(children).toMatchObject({ in_movers: 10, out_movers: 4, net: 6, mean_population: null, net_per_1000: null });
    // 270: in 10 + 7 = 17, out 30 + 3 = 33; 101 has no 2025 population: 1 January 2024 is the denominator
    const [gribskov] = await runAnalysis(conn, sql("migration_summary"), { area: "270", year: 2024, age_group: "i alt" });
    expect(gribskov).toMatchObject({ in_movers: 17, out_movers: 33, net: -16 });
    const [kbh] = await runAnalysis(conn, sql("migration_summary"), { area: "101", year: 2024, age_group: "i alt" });
    expect(kbh).toMatchObject({ in_movers: 18, out_movers: 12, mean_population: 600000, net_per_1000: 0.01 });
  });

  it("top_flows: per counterpart, with ranks, names and neighbour flags", async () => {
    const rows = await runAnalysis(conn, sql("top_flows"), { area: "260", year: 2024, age_group: "i alt" });
    const byCode = Object.fromEntries(rows.map((r) => [r.counterpart, r]));
    expect(byCode["270"]).toMatchObject({
      counterpart_name: "Gribskov",
      in_movers: 30,
      out_movers: 10,
      net: 20,
      gross: 40,
      is_neighbour: true,
      same_region: true,
      rank_in: 1,
      rank_out: 2,
    });
    expect(byCode["101"]).toMatchObject({
      counterpart_name: "København",
      in_movers: 5,
      out_movers: 15,
      net: -10,
      gross: 20,
      is_neighbour: false,
      rank_in: 2,
      rank_out: 1,
    });
    const young = await runAnalysis(conn, sql("top_flows"), { area: "260", year: 2024, age_group: "18-24" });
    expect(young.map((r) => [r.counterpart, r.in_movers, r.out_movers])).toEqual([["101", 0, 15]]);
  });

  it("flows_by_zone: neighbours, the rest of the region, the rest of the country", async () => {
    const rows = await runAnalysis(conn, sql("flows_by_zone"), { area: "260", year: 2024, age_group: "i alt" });
    const zone = Object.fromEntries(rows.map((r) => [r.zone, [r.in_movers, r.out_movers, r.net]]));
    expect(zone).toEqual({ Nabokommuner: [30, 10, 20], "Øvrige kommuner i regionen": [5, 15, -10] });
  });

  it("migration_effectiveness: the municipality's and the country's index", async () => {
    const get = async (area: string) => (await runAnalysis(conn, sql("migration_effectiveness"), { area, year: 2024, age_group: "i alt" }))[0];
    // 260: pair nets |20| + |−10| = 30 over gross 60 -> 50; signed 100·10/60 = 16.67
    expect(await get("260")).toMatchObject({ mei: 50, mei_signed: 16.67 });
    // 270: pairs (10 in, 30 out) and (7 in, 3 out): (20 + 4)/50 -> 48; signed 100·(17−33)/50 = −32
    expect(await get("270")).toMatchObject({ mei: 48, mei_signed: -32 });
    // 101: (15 in, 5 out), (3 in, 7 out): (10 + 4)/30 -> 46.67; signed 100·6/30 = 20
    const kbh = await get("101");
    expect(kbh).toMatchObject({ mei: 46.67, mei_signed: 20 });
    // country: Σ|net_i| = 10 + 16 + 6 = 32 over Σ gross 140 -> 22.86; M = 70, P = 31100 + 40000 + 600000 = 671100
    expect(kbh.country_mei).toBe(22.86);
    expect(kbh.country_cmi).toBeCloseTo((100 * 70) / 671100, 4);
    expect(kbh.country_anmr).toBeCloseTo((100 * 0.5 * 32) / 671100, 4);
  });

  it("families_proxy: children 0–17 and adults 25–44 in and out", async () => {
    const [row] = await runAnalysis(conn, sql("families_proxy"), { area: "260", year: 2024 });
    expect(row).toMatchObject({
      children_in: 10,
      children_out: 4,
      children_net: 6,
      parents_in: 25,
      parents_out: 0,
      parents_net: 25,
      families_in: 35,
      families_out: 4,
    });
  });

  it("age_profile: every age from 0 up, men and women added", async () => {
    const rows = (await runAnalysis(conn, sql("age_profile"), { area: "260", year: 2024 })).sort((a, b) => (a.age as number) - (b.age as number));
    expect(rows.map((r) => [r.age, r.in_movers, r.out_movers, r.net])).toEqual([
      [0, 5, 1, 4],
      [1, 0, 0, 0],
      [2, 0, 4, -4],
    ]);
  });
});

describe("migration SQL on the shared mirror (FLY66 2024): identities", () => {
  let conn: DuckDBConnection;
  const client = new StatbankClient(new MirrorTransport(mirrorDir));
  const raw = readFileSync(join(mirrorDir, "FLY66.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));

  beforeAll(async () => {
    conn = await openDuckDB();
    for (const [name, build] of [
      ["flow_pairs", flowPairs],
      ["migration_totals", migrationTotals],
      ["migration_ages", migrationAges],
      ["population", populationTotals],
      ["population_ages", populationAges],
    ] as const) {
      const ds = await build(client);
      await registerArrow(conn, name, toArrowIPC(ds.columns, ds.meta));
    }
  });

  it("total moves in = total moves out = the file's total, and national net migration is 0", async () => {
    const fileTotal = raw.reduce((sum, r) => sum + Number(r[5]), 0);
    const reader = await conn.runAndReadAll(
      `SELECT sum(in_movers)::BIGINT AS i, sum(out_movers)::BIGINT AS o, sum(net)::BIGINT AS n, count(*)::INTEGER AS areas FROM (${sql("migration_summary")}) WHERE age_group = 'i alt' AND year = 2024`,
    );
    const [t] = reader.getRowObjectsJS();
    expect(Number(t.i)).toBe(fileTotal);
    expect(Number(t.o)).toBe(fileTotal);
    expect(Number(t.n)).toBe(0);
    expect(t.areas).toBe(99); // 98 municipalities + Christiansø
    expect(fileTotal).toBe(321396); // as MANIFEST.json states
  });

  it("every age group adds up to all ages, and the age profile adds up to the summary", async () => {
    const reader = await conn.runAndReadAll(
      `SELECT area, sum(net) FILTER (WHERE age_group <> 'i alt') AS groups, sum(net) FILTER (WHERE age_group = 'i alt') AS total FROM (${sql("migration_summary")}) GROUP BY area HAVING groups <> total`,
    );
    expect(reader.getRowObjectsJS()).toEqual([]);
    const profile = await runAnalysis(conn, sql("age_profile"), { area: "260", year: 2024 });
    const [summary] = await runAnalysis(conn, sql("migration_summary"), { area: "260", year: 2024, age_group: "i alt" });
    expect(profile.reduce((sum, r) => sum + (r.net as number), 0)).toBe(summary.net);
  });

  it("the top origin of Halsnæs's in-movers is the one computed straight from FLY66.csv", async () => {
    const byOrigin = new Map<string, number>();
    for (const r of raw) if (r[0] === "260") byOrigin.set(r[1], (byOrigin.get(r[1]) ?? 0) + Number(r[5]));
    const [top] = [...byOrigin].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    await conn.run(
      "CREATE OR REPLACE TABLE geography AS SELECT * FROM (VALUES ('260', 'Halsnæs', '084', 'x', 0.0, 0.0)) t(area, name, region_code, region_name, lon, lat)",
    );
    await conn.run("CREATE OR REPLACE TABLE neighbours (area VARCHAR, neighbour VARCHAR)");
    const rows = await runAnalysis(conn, sql("top_flows"), { area: "260", year: 2024, age_group: "i alt", rank_in: 1 });
    expect([rows[0].counterpart, rows[0].in_movers]).toEqual(top);
  });

  it("migration effectiveness: ANMR = CMI · MEI / 100 for the country", async () => {
    const [row] = await runAnalysis(conn, sql("migration_effectiveness"), { area: "260", year: 2024, age_group: "i alt" });
    const { country_cmi: cmi, country_mei: mei, country_anmr: anmr } = row as Record<string, number>;
    expect(cmi).toBeGreaterThan(0);
    expect(anmr).toBeCloseTo((cmi * mei) / 100, 3);
    // and the country index from the file directly: Σ|in − out| / Σ(in + out) over areas
    const io = new Map<string, [number, number]>();
    for (const r of raw) {
      const v = Number(r[5]);
      io.set(r[0], [(io.get(r[0])?.[0] ?? 0) + v, io.get(r[0])?.[1] ?? 0]);
      io.set(r[1], [io.get(r[1])?.[0] ?? 0, (io.get(r[1])?.[1] ?? 0) + v]);
    }
    const values = [...io.values()];
    const expected = (100 * values.reduce((s, [i, o]) => s + Math.abs(i - o), 0)) / values.reduce((s, [i, o]) => s + i + o, 0);
    expect(mei).toBeCloseTo(expected, 2);
  });
});
