/**
 * The comparison groups' figures (issue 19): loaders/compareGroups.ts (who is in each group, with
 * compareGroup() of src/lib/compareGroup.ts) and src/sql/group_migration_rates.sql,
 * group_families.sql and group_commuting_distance.sql in native DuckDB, on the hand-written
 * fixture test/fixtures/groups (four municipalities, README there). Every expected number is
 * worked out by hand below from the fixture's lines: a group's rate is Σ movers / Σ mean
 * population of its members, never a mean of rates.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { toArrowIPC, type ColumnSpec } from "../../loaders/arrow.ts";
import { compareGroupRows, compareGroupsDataset } from "../../loaders/compareGroups.ts";
import { datasetMeta } from "../../loaders/provenance.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../../loaders/duck.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { ageGroup, areaTotals, pairTotals } from "../../loaders/tables/flows.ts";
import { populationTotals } from "../../loaders/tables/population.ts";
import type { Municipality } from "../../src/lib/types.ts";
import { fixturesDir, projectRoot } from "../paths.ts";

const dir = join(fixturesDir, "groups");
const sql = (name: string) => readFileSync(join(projectRoot, "src/sql", `${name}.sql`), "utf8");

const MUNICIPALITIES: Municipality[] = [
  { code: "101", name: "København", regionCode: "084", regionName: "Region Hovedstaden" },
  { code: "260", name: "Halsnæs", regionCode: "084", regionName: "Region Hovedstaden" },
  { code: "270", name: "Gribskov", regionCode: "084", regionName: "Region Hovedstaden" },
  { code: "420", name: "Assens", regionCode: "083", regionName: "Region Syddanmark" },
];
// Halsnæs borders Gribskov, Gribskov København; Assens has no neighbour here (as an island)
const NEIGHBOURS = [
  { area: "260", neighbour: "270" },
  { area: "270", neighbour: "260" },
  { area: "270", neighbour: "101" },
  { area: "101", neighbour: "270" },
];
// Halsnæs' similar municipalities: Assens, then København; Gribskov's: Halsnæs; none for the others
const PEERS = [
  { area: "260", peer: "420", rank: 1, distance: 1, indicators_used: 5 },
  { area: "260", peer: "101", rank: 2, distance: 2, indicators_used: 5 },
  { area: "270", peer: "260", rank: 1, distance: 1, indicators_used: 5 },
];

const s = (values: (string | null)[]): ColumnSpec => ({ type: "string", values });
const i16 = (values: number[]): ColumnSpec => ({ type: "int16", values });
const i32 = (values: (number | null)[]): ColumnSpec => ({ type: "int32", values });
const f64 = (values: (number | null)[]): ColumnSpec => ({ type: "float64", values });

async function table(conn: DuckDBConnection, name: string, columns: Record<string, ColumnSpec>): Promise<void> {
  const rows = Object.values(columns)[0].values.length;
  await registerArrow(conn, name, toArrowIPC(columns, datasetMeta({ dataset: name, title: name, sources: [], rows, columns: {} })));
}

/** FLY66.csv of the fixture as the loaders aggregate it ("origin|destination|age group|year" → moves). */
function fixtureFlows(): [string, number][] {
  const lines = readFileSync(join(dir, "FLY66.csv"), "utf8").trim().split("\n").slice(1);
  return lines.map((l) => {
    const [to, from, age, , year, n] = l.split(";");
    return [`${from}|${to}|${ageGroup(Number(age))}|${year}`, Number(n)];
  });
}

let conn: DuckDBConnection;
const groups = compareGroupRows({ municipalities: MUNICIPALITIES, neighbours: NEIGHBOURS, peers: PEERS });

beforeAll(async () => {
  conn = await openDuckDB();
  const cg = compareGroupsDataset(groups);
  await registerArrow(conn, "compare_groups", toArrowIPC(cg.columns, cg.meta));
  const totals = areaTotals(fixtureFlows());
  await table(conn, "migration_totals", {
    area: s(totals.map((t) => t.area)),
    age_group: s(totals.map((t) => t.age_group)),
    year: i16(totals.map((t) => t.year)),
    in_movers: i32(totals.map((t) => t.in_movers)),
    out_movers: i32(totals.map((t) => t.out_movers)),
  });
  const pairs = pairTotals(fixtureFlows());
  await table(conn, "flow_pairs", {
    area: s(pairs.map((p) => p.area)),
    counterpart: s(pairs.map((p) => p.counterpart)),
    age_group: s(pairs.map((p) => p.age_group)),
    year: i16(pairs.map((p) => p.year)),
    in_movers: i32(pairs.map((p) => p.in_movers)),
    out_movers: i32(pairs.map((p) => p.out_movers)),
  });
  const pop = await populationTotals(new StatbankClient(new MirrorTransport(dir)));
  await registerArrow(conn, "population", toArrowIPC(pop.columns, pop.meta));
  // single ages 1 January 2024 and 2025: Halsnæs and Gribskov 10 men and 10 women of every age
  // 0–17 and 25–44 (760 persons); København only 25–43 (one age short: no 25–44 population)
  const ages: { area: string; sex: string; age: number; year: number; population: number }[] = [];
  for (const year of [2024, 2025]) {
    for (const area of ["260", "270"])
      for (const age of [...Array(18).keys(), ...Array.from({ length: 20 }, (_, i) => 25 + i)])
        for (const sex of ["M", "K"]) ages.push({ area, sex, age, year, population: 10 });
    for (let age = 25; age <= 43; age++) ages.push({ area: "101", sex: "M", age, year, population: 1000 });
  }
  await table(conn, "population_ages", {
    area: s(ages.map((a) => a.area)),
    sex: s(ages.map((a) => a.sex)),
    age: i16(ages.map((a) => a.age)),
    year: i16(ages.map((a) => a.year)),
    population: i32(ages.map((a) => a.population)),
    table: s(ages.map(() => "FOLK1A")),
  });
  // AFSTB4 km, 2023 and 2024
  const km: [string, number, number][] = [
    ["101", 2023, 9],
    ["101", 2024, 10],
    ["260", 2023, 24],
    ["260", 2024, 25],
    ["270", 2023, 19],
    ["270", 2024, 20],
    ["420", 2023, 29],
    ["420", 2024, 30],
  ];
  await table(conn, "commuting_distance", { area: s(km.map((k) => k[0])), year: i16(km.map((k) => k[1])), km: f64(km.map((k) => k[2])) });
}, 60_000);

const members = (area: string, kind: string) =>
  groups
    .filter((g) => g.area === area && g.kind === kind)
    .sort((a, b) => a.rank - b.rank)
    .map((g) => g.member);

describe("compare_groups (loaders/compareGroups.ts)", () => {
  it("naboer and lignende leave the municipality out, region and land count it", () => {
    expect(members("260", "naboer")).toEqual(["270"]);
    expect(members("270", "naboer")).toEqual(["260", "101"]); // by name: Gribskov's neighbours Halsnæs, København
    expect(members("260", "lignende")).toEqual(["420", "101"]); // most similar first
    expect(members("260", "region")).toEqual(["101", "260", "270"]);
    expect(members("260", "land")).toEqual(["101", "260", "270", "420"]);
    expect(members("420", "region")).toEqual(["420"]);
    for (const g of groups) {
      expect(g.includes_self, `${g.area} ${g.kind}`).toBe(g.kind === "region" || g.kind === "land");
      if (g.kind === "naboer" || g.kind === "lignende") expect(g.member, `${g.area} ${g.kind}`).not.toBe(g.area);
    }
  });

  it("a group without members has no rows (Assens has no neighbour, København no peers)", () => {
    expect(members("420", "naboer")).toEqual([]);
    expect(members("101", "lignende")).toEqual([]);
  });
});

describe("src/sql/group_migration_rates.sql on the fixture", () => {
  const rate = async (area: string, kind: string, year: number, age_group = "i alt") => {
    const rows = await runAnalysis(conn, sql("group_migration_rates"), { area, kind, year, age_group });
    expect(rows, `${area} ${kind} ${year} ${age_group}`).toHaveLength(1);
    return rows[0] as Record<string, number | null>;
  };

  it("the group's rate is Σ movers / Σ mean population of its members, worked out by hand", async () => {
    // 2024, all ages. In and out per municipality from FLY66.csv:
    //   260 in 12+8+20+5 = 45, out 10+25+3 = 38;  270 in 10+30 = 40, out 12+8+15 = 35
    //   101 in 25+15+40 = 80, out 20+30+6 = 56;   420 in 3+6 = 9,    out 5+40 = 45
    // mean population 2024 = (1 January 2024 + 2025) / 2:
    //   260 (31200+31400)/2 = 31300; 270 (40200+40600)/2 = 40400; 101 615000; 420 (40800+40600)/2 = 40700
    const own = await rate("260", "naboer", 2024);
    expect(own).toMatchObject({ in_movers: 45, out_movers: 38, net: 7, mean_population: 31300 });
    expect(own.in_per_1000).toBeCloseTo((1000 * 45) / 31300, 10);
    expect(own.net_per_1000).toBeCloseTo((1000 * 7) / 31300, 10);

    // naboer of 260 = 270 alone: 40 in, 35 out over 40400
    expect(own).toMatchObject({ group_members: 1, group_members_with_data: 1, group_in_movers: 40, group_out_movers: 35, group_mean_population: 40400 });
    expect(own.group_in_per_1000).toBeCloseTo(1000 * (40 / 40400), 10);
    expect(own.group_out_per_1000).toBeCloseTo(1000 * (35 / 40400), 10);
    expect(own.group_net_per_1000).toBeCloseTo(1000 * (5 / 40400), 10);

    // lignende of 260 = 420 and 101: (9 + 80) / (40700 + 615000) — not the mean of 9/40700 and 80/615000
    const peers = await rate("260", "lignende", 2024);
    expect(peers).toMatchObject({ group_members: 2, group_in_movers: 89, group_out_movers: 101, group_net: -12, group_mean_population: 655700 });
    expect(peers.group_in_per_1000).toBeCloseTo((1000 * 89) / 655700, 10);
    expect(peers.group_net_per_1000).toBeCloseTo((1000 * -12) / 655700, 10);
    const meanOfRates = ((1000 * 9) / 40700 + (1000 * 80) / 615000) / 2;
    expect(Math.abs(peers.group_in_per_1000! - meanOfRates)).toBeGreaterThan(0.03);

    // region of 260 (084) = 101, 260, 270, Halsnæs counted: (80+45+40) / (615000+31300+40400)
    const region = await rate("260", "region", 2024);
    expect(region).toMatchObject({ group_members: 3, group_in_movers: 165, group_out_movers: 129, group_mean_population: 686700 });
    expect(region.group_in_per_1000).toBeCloseTo((1000 * 165) / 686700, 10);
  });

  it("at national level Σ in = Σ out: the country's net rate is 0 in every year and age group", async () => {
    const rows = await runAnalysis(conn, sql("group_migration_rates"), { area: "260", kind: "land" });
    expect(rows.length).toBe(2 * 6); // 2023, 2024 × 'i alt' and five age groups
    for (const r of rows) {
      expect(r.group_members, `${r.year} ${r.age_group}`).toBe(4);
      expect(r.group_in_movers, `${r.year} ${r.age_group}`).toBe(r.group_out_movers);
      if (r.group_net_per_1000 !== null) expect(r.group_net_per_1000).toBe(0);
    }
    const all = rows.find((r) => r.year === 2024 && r.age_group === "i alt")!;
    expect(all).toMatchObject({ group_in_movers: 174, group_out_movers: 174, group_mean_population: 727400 });
  });

  it("a group without members and a member without a population give no figure, never 0", async () => {
    // Assens has no neighbours: a row with group_members 0 and NULL figures
    const island = await rate("420", "naboer", 2024);
    expect(island).toMatchObject({ group_members: 0, group_in_movers: null, group_in_per_1000: null, group_net_per_1000: null });
    expect(island.in_per_1000).toBeCloseTo((1000 * 9) / 40700, 10);
    // 2023: Assens has no 1 January 2023, so Halsnæs' peers (Assens, København) have no rate that year …
    const peers2023 = await rate("260", "lignende", 2023);
    expect(peers2023).toMatchObject({ group_members: 2, group_members_with_data: 1, group_mean_population: null, group_net_per_1000: null });
    // … while its neighbour Gribskov has one: in 4 (from Halsnæs), out 9 (to Halsnæs) over (40000+40200)/2 = 40100
    const nb2023 = await rate("260", "naboer", 2023);
    expect(nb2023).toMatchObject({ group_in_movers: 4, group_out_movers: 9, group_mean_population: 40100 });
    expect(nb2023.group_net_per_1000).toBeCloseTo((1000 * -5) / 40100, 10);
    // an age group without a whole population (København lacks age 44) leaves its groups without a rate
    const region2544 = await rate("260", "region", 2024, "25-44");
    expect(region2544).toMatchObject({ group_members: 3, group_members_with_data: 2, group_net_per_1000: null });
    // Gribskov 25–44: in 10 (age 30) + 30 (age 35) = 40, out 12 (age 30) over 2 × 20 × 10 = 400
    const nb2544 = await rate("260", "naboer", 2024, "25-44");
    expect(nb2544).toMatchObject({ group_in_movers: 40, group_out_movers: 12, group_mean_population: 400, group_in_per_1000: 100, group_out_per_1000: 30 });
    // FLY66 leaves out zeros: nobody aged 0–17 moved in 2023, which is 0 moves (not missing)
    const children2023 = await rate("260", "naboer", 2023, "0-17");
    expect(children2023).toMatchObject({ in_movers: 0, out_movers: 0, group_in_movers: 0 });
  });

  it("the municipality's own rates are those of migration_summary.sql", async () => {
    for (const [area, age_group] of [
      ["260", "i alt"],
      ["270", "25-44"],
      ["101", "i alt"],
    ]) {
      const [summary] = await runAnalysis(conn, sql("migration_summary"), { area, year: 2024, age_group });
      const own = await rate(area, "region", 2024, age_group);
      for (const k of ["in_per_1000", "out_per_1000", "net_per_1000"]) expect(own[k], `${area} ${age_group} ${k}`).toBeCloseTo(summary[k] as number, 2);
    }
  });
});

describe("src/sql/group_migration_effectiveness.sql on the fixture", () => {
  const mei = async (area: string, kind: string, year: number, age_group = "i alt") => {
    const rows = await runAnalysis(conn, sql("group_migration_effectiveness"), { area, kind, year, age_group });
    expect(rows, `${area} ${kind} ${year} ${age_group}`).toHaveLength(1);
    return rows[0] as Record<string, number | null>;
  };

  it("the group's index is Σ|net| / Σ gross over every exchange of its members, worked out by hand", async () => {
    // 2024, all ages, each municipality's exchange with each other one from FLY66.csv (in, out → |net|, gross):
    //   260: 270 (12+8, 10) → 10, 30; 101 (20, 25) → 5, 45; 420 (5, 3) → 2, 8      Σ 17 / 83
    //   270: 260 (10, 20) → 10, 30; 101 (30, 15) → 15, 45                          Σ 25 / 75
    //   101: 260 (25, 20) → 5, 45; 270 (15, 30) → 15, 45; 420 (40, 6) → 34, 46     Σ 54 / 136
    //   420: 260 (3, 5) → 2, 8; 101 (6, 40) → 34, 46                               Σ 36 / 54
    const own = await mei("260", "naboer", 2024);
    expect(own).toMatchObject({ abs_net: 17, gross: 83, group_members: 1, group_abs_net: 25, group_gross: 75 });
    expect(own.mei).toBeCloseTo((100 * 17) / 83, 10);
    expect(own.group_mei).toBeCloseTo((100 * 25) / 75, 10);
    // lignende of 260 = 420 and 101: (36 + 54) / (54 + 136), not the mean of their indices
    const peers = await mei("260", "lignende", 2024);
    expect(peers).toMatchObject({ group_members: 2, group_abs_net: 90, group_gross: 190 });
    expect(peers.group_mei).toBeCloseTo((100 * 90) / 190, 10);
    expect(Math.abs(peers.group_mei! - ((100 * 36) / 54 + (100 * 54) / 136) / 2)).toBeGreaterThan(5);
    // region 084 = 101, 260, 270, Halsnæs counted
    const region = await mei("260", "region", 2024);
    expect(region.group_mei).toBeCloseTo((100 * (54 + 17 + 25)) / (136 + 83 + 75), 10);
    // 2023: Halsnæs' only exchange is with Gribskov, in 9, out 4
    expect((await mei("260", "naboer", 2023)).mei).toBeCloseTo((100 * 5) / 13, 10);
  });

  it("for the whole country it is the index over every pair, each counted from both sides; never below Bell's system index", async () => {
    // pairs 260–270 (10, 30), 260–101 (5, 45), 260–420 (2, 8), 270–101 (15, 45), 101–420 (34, 46): Σ 66 / 174
    const land = await mei("420", "land", 2024);
    expect(land).toMatchObject({ group_members: 4, group_abs_net: 132, group_gross: 348 });
    expect(land.group_mei).toBeCloseTo((100 * 66) / 174, 10);
    // every move is one municipality's in and another's out: the gross is twice the moves (174, as the rates say)
    const rates = (await runAnalysis(conn, sql("group_migration_rates"), { area: "420", kind: "land", year: 2024, age_group: "i alt" }))[0];
    expect(land.group_gross).toBe(2 * (rates.group_in_movers as number));
    // Bell's index nets each municipality first: |45−38| + |40−35| + |80−56| + |9−45| = 72 over 348
    const [bell] = await runAnalysis(conn, sql("migration_effectiveness"), { area: "420", year: 2024, age_group: "i alt" });
    expect(bell.country_mei).toBeCloseTo((100 * 72) / 348, 2);
    expect(land.group_mei!).toBeGreaterThanOrEqual(bell.country_mei as number);
    // the municipality's own index is migration_effectiveness.sql's
    expect(land.mei).toBeCloseTo(bell.mei as number, 2);
  });

  it("a group without members gives no figure, never 0", async () => {
    const island = await mei("420", "naboer", 2024);
    expect(island).toMatchObject({ group_members: 0, group_abs_net: null, group_mei: null });
    expect(island.mei).toBeCloseTo((100 * 36) / 54, 10);
  });
});

describe("src/sql/group_families.sql on the fixture", () => {
  it("children 0–17 and 25–44-year-olds per 1,000 of those ages (and of all ages), for the municipality and its group", async () => {
    const [own] = await runAnalysis(conn, sql("group_families"), { area: "260", kind: "naboer", year: 2024 });
    // Halsnæs 2024: in 8 (age 5) + 12 (age 30) + 5 (age 40) = 25, out 10 (age 30); 760 inhabitants of those ages
    expect(own).toMatchObject({ families_in: 25, families_out: 10, families_net: 15, population_ages: 760, population: 31300 });
    expect(own.in_per_1000).toBeCloseTo((1000 * 25) / 760, 10);
    expect(own.net_per_1000_all).toBeCloseTo((1000 * 15) / 31300, 10);
    // its neighbour Gribskov: in 10 + 30 = 40, out 8 (age 5) + 12 (age 30) = 20, over 760 and 40400
    expect(own).toMatchObject({ group_members: 1, group_families_in: 40, group_families_out: 20, group_population_ages: 760, group_population: 40400 });
    expect(own.group_in_per_1000).toBeCloseTo((1000 * 40) / 760, 10);
    expect(own.group_net_per_1000).toBeCloseTo((1000 * 20) / 760, 10);
    expect(own.group_out_per_1000_all).toBeCloseTo((1000 * 20) / 40400, 10);
    // region: København lacks single ages, so no rate per 1,000 of the ages; per 1,000 inhabitants it has one:
    // 260 25 + 270 40 + 101 (age 25: 40; age 10 out) 40 in; out 10 + 20 + (30 at 35, 6 at 10) 36
    const [region] = await runAnalysis(conn, sql("group_families"), { area: "260", kind: "region", year: 2024 });
    expect(region).toMatchObject({ group_members: 3, group_families_in: 105, group_families_out: 66, group_population_ages: null, group_net_per_1000: null });
    expect(region.group_net_per_1000_all).toBeCloseTo((1000 * 39) / 686700, 10);
    // Assens' neighbours: none
    const [island] = await runAnalysis(conn, sql("group_families"), { area: "420", kind: "naboer", year: 2024 });
    expect(island).toMatchObject({ group_members: 0, group_families_in: null, group_net_per_1000_all: null });
  });
});

describe("src/sql/group_commuting_distance.sql on the fixture", () => {
  it("the group's distance is the members' km weighted by their population on 1 January", async () => {
    const [region] = await runAnalysis(conn, sql("group_commuting_distance"), { area: "260", kind: "region", year: 2024 });
    // (10 × 610000 + 25 × 31200 + 20 × 40200) / (610000 + 31200 + 40200)
    expect(region).toMatchObject({ km: 25, group_members: 3, group_members_with_data: 3, group_population: 681400 });
    expect(region.group_km).toBeCloseTo((10 * 610000 + 25 * 31200 + 20 * 40200) / 681400, 10);
    const [peers] = await runAnalysis(conn, sql("group_commuting_distance"), { area: "260", kind: "lignende", year: 2024 });
    expect(peers.group_km).toBeCloseTo((30 * 40800 + 10 * 610000) / (40800 + 610000), 10);
    // 2023: Assens has no population, so the peers have no figure (never a mean over part of the group)
    const [peers2023] = await runAnalysis(conn, sql("group_commuting_distance"), { area: "260", kind: "lignende", year: 2023 });
    expect(peers2023).toMatchObject({ km: 24, group_members: 2, group_members_with_data: 1, group_km: null });
    const [island] = await runAnalysis(conn, sql("group_commuting_distance"), { area: "420", kind: "naboer", year: 2024 });
    expect(island).toMatchObject({ km: 30, group_members: 0, group_km: null });
  });
});
