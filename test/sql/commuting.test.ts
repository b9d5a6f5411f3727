import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toArrowIPC } from "../../loaders/arrow.ts";
import { datasetMeta } from "../../loaders/provenance.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../../loaders/duck.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { commuting, commutingDistance } from "../../loaders/tables/commuting.ts";
import { municipalities } from "../../loaders/tables/municipalities.ts";
import { fixturesDir, mirrorDir, projectRoot } from "../paths.ts";

const sqlFile = (name: string) => readFileSync(join(projectRoot, "src/sql", name), "utf8");
const destinationsSql = sqlFile("commuting_destinations.sql");
const summarySql = sqlFile("commuting_summary.sql");
const distanceSql = sqlFile("commuting_distance_compare.sql");

const meta = (dataset: string, rows: number) => datasetMeta({ dataset, title: "test", sources: [], rows, columns: {} });

/** A commuting dataset written by hand, through the same Arrow writer the loaders use. */
function commutingRows(rows: [string, string, number, number][]): Uint8Array {
  return toArrowIPC(
    {
      residence: { type: "string", values: rows.map((r) => r[0]) },
      workplace: { type: "string", values: rows.map((r) => r[1]) },
      year: { type: "int16", values: rows.map((r) => r[2]) },
      persons: { type: "int32", values: rows.map((r) => r[3]) },
    },
    meta("commuting", rows.length),
  );
}

function distanceRows(rows: [string, number, number][]): Uint8Array {
  return toArrowIPC(
    {
      area: { type: "string", values: rows.map((r) => r[0]) },
      year: { type: "int16", values: rows.map((r) => r[1]) },
      km: { type: "float64", values: rows.map((r) => r[2]) },
    },
    meta("commuting_distance", rows.length),
  );
}

/** The geography dataset (written by another loader) with the columns the SQL needs. */
function geographyRows(rows: { area: string; name: string; region_code: string; region_name: string }[]): Uint8Array {
  return toArrowIPC(
    {
      area: { type: "string", values: rows.map((r) => r.area) },
      name: { type: "string", values: rows.map((r) => r.name) },
      region_code: { type: "string", values: rows.map((r) => r.region_code) },
      region_name: { type: "string", values: rows.map((r) => r.region_name) },
      lon: { type: "float64", values: rows.map(() => null) },
      lat: { type: "float64", values: rows.map(() => null) },
    },
    meta("geography", rows.length),
  );
}

// Hand-made flows (residence, workplace, year, persons):
//   2023  260: 100 at home, 60 -> 270, 40 -> 101               E_res 200
//         270: 150 at home, 30 -> 260, 10 -> 101, 10 abroad    E_res 200
//         101: 800 at home, 20 -> 260, 30 -> 270, 150 abroad   E_res 1000
//   2022  260: 90 at home, 50 -> 270, 50 -> 101, 10 -> 250      E_res 200 (250 has jobs, no residents here)
const handMade = commutingRows([
  ["260", "260", 2023, 100],
  ["260", "270", 2023, 60],
  ["260", "101", 2023, 40],
  ["270", "270", 2023, 150],
  ["270", "260", 2023, 30],
  ["270", "101", 2023, 10],
  ["270", "950", 2023, 10],
  ["101", "101", 2023, 800],
  ["101", "260", 2023, 20],
  ["101", "270", 2023, 30],
  ["101", "950", 2023, 150],
  ["260", "260", 2022, 90],
  ["260", "270", 2022, 50],
  ["260", "101", 2022, 50],
  ["260", "250", 2022, 10],
]);

describe("src/sql/commuting_destinations.sql in node DuckDB", () => {
  it("shares of the employed residents and ranks, computed by hand", async () => {
    const conn = await openDuckDB();
    await registerArrow(conn, "commuting", handMade);
    const halsnaes = await runAnalysis(conn, destinationsSql, "260");
    // 2022: 90/200 = 0.45, 50/200 = 0.25 (101 and 270 tie: 101 first by code), 10/200 = 0.05
    // 2023: 100/200 = 0.5, 60/200 = 0.3, 40/200 = 0.2
    expect(halsnaes).toEqual([
      { area: "260", year: 2022, workplace: "260", persons: 90, share: 0.45, is_home: true, rank: 1 },
      { area: "260", year: 2022, workplace: "101", persons: 50, share: 0.25, is_home: false, rank: 2 },
      { area: "260", year: 2022, workplace: "270", persons: 50, share: 0.25, is_home: false, rank: 3 },
      { area: "260", year: 2022, workplace: "250", persons: 10, share: 0.05, is_home: false, rank: 4 },
      { area: "260", year: 2023, workplace: "260", persons: 100, share: 0.5, is_home: true, rank: 1 },
      { area: "260", year: 2023, workplace: "270", persons: 60, share: 0.3, is_home: false, rank: 2 },
      { area: "260", year: 2023, workplace: "101", persons: 40, share: 0.2, is_home: false, rank: 3 },
    ]);
    // 270 in 2023: 150/200 = 0.75, 30/200 = 0.15, then 101 and abroad tie at 10/200 = 0.05: "101" < "950"
    const gribskov = await runAnalysis(conn, destinationsSql, "270");
    expect(gribskov.map((r) => [r.workplace, r.share, r.rank])).toEqual([
      ["270", 0.75, 1],
      ["260", 0.15, 2],
      ["101", 0.05, 3],
      ["950", 0.05, 4],
    ]);
    // shares of an area and year add up to 1 (abroad included)
    const kbh = await runAnalysis(conn, destinationsSql, "101");
    expect(kbh.reduce((s, r) => s + (r.share as number), 0)).toBeCloseTo(1, 12);
    expect(kbh.find((r) => r.workplace === "950")).toMatchObject({ persons: 150, share: 0.15, rank: 2 });
    // 250 is a workplace only: it is no residence area
    expect(await runAnalysis(conn, destinationsSql, "250")).toEqual([]);
  });
});

describe("src/sql/commuting_summary.sql in node DuckDB", () => {
  it("E_res, E_work, W_kk and the derived figures, computed by hand", async () => {
    const conn = await openDuckDB();
    await registerArrow(conn, "commuting", handMade);
    // 260, 2022: E_res = 90+50+50+10 = 200; E_work = 90 (nobody else works in 260 in 2022); W = 90
    //            out = 110, in = 0, net = −110, self-containment 90/200 = 0.45, job ratio 90/200 = 0.45
    // 260, 2023: E_res = 200; E_work = 100 (260) + 30 (from 270) + 20 (from 101) = 150; W = 100
    //            out = 100, in = 50, net = −50, self-containment 0.5, job ratio 150/200 = 0.75
    expect(await runAnalysis(conn, summarySql, "260")).toEqual([
      {
        area: "260",
        year: 2022,
        employed_residents: 200,
        jobs: 90,
        live_and_work: 90,
        out_commuters: 110,
        in_commuters: 0,
        net_in_commuting: -110,
        self_containment: 0.45,
        job_ratio: 0.45,
      },
      {
        area: "260",
        year: 2023,
        employed_residents: 200,
        jobs: 150,
        live_and_work: 100,
        out_commuters: 100,
        in_commuters: 50,
        net_in_commuting: -50,
        self_containment: 0.5,
        job_ratio: 0.75,
      },
    ]);
    // 270, 2023: E_res = 150+30+10+10 = 200; E_work = 60 + 150 + 30 = 240; W = 150
    //            out = 50, in = 90, net = +40, self-containment 0.75, job ratio 1.2
    // (270 has jobs in 2022 too: 50 from 260, no residents in the data: E_res 0, ratios NULL)
    expect(await runAnalysis(conn, summarySql, "270")).toEqual([
      {
        area: "270",
        year: 2022,
        employed_residents: 0,
        jobs: 50,
        live_and_work: 0,
        out_commuters: 0,
        in_commuters: 50,
        net_in_commuting: 50,
        self_containment: null,
        job_ratio: null,
      },
      {
        area: "270",
        year: 2023,
        employed_residents: 200,
        jobs: 240,
        live_and_work: 150,
        out_commuters: 50,
        in_commuters: 90,
        net_in_commuting: 40,
        self_containment: 0.75,
        job_ratio: 1.2,
      },
    ]);
    // 101, 2023: E_res = 800+20+30+150 = 1000; E_work = 40 + 10 + 800 = 850; W = 800
    //            out = 200, in = 50, net = −150, self-containment 0.8, job ratio 0.85
    const [kbh2022, kbh2023] = await runAnalysis(conn, summarySql, "101");
    expect(kbh2022).toMatchObject({ year: 2022, employed_residents: 0, jobs: 50 });
    expect(kbh2023).toEqual({
      area: "101",
      year: 2023,
      employed_residents: 1000,
      jobs: 850,
      live_and_work: 800,
      out_commuters: 200,
      in_commuters: 50,
      net_in_commuting: -150,
      self_containment: 0.8,
      job_ratio: 0.85,
    });
    // abroad is never an area
    expect(await runAnalysis(conn, summarySql, "950")).toEqual([]);
    // Σ out − Σ in over the areas, 2023: (100 + 50 + 200) − (50 + 90 + 50) = 160 = 10 + 150 working abroad
    let balance = 0;
    for (const area of ["101", "250", "260", "270"]) {
      for (const row of await runAnalysis(conn, summarySql, area)) {
        if (row.year === 2023) balance += (row.out_commuters as number) - (row.in_commuters as number);
      }
    }
    expect(balance).toBe(160);
  });

  it("on the PEND100 fixture: Σ out-commuters − Σ in-commuters = persons working abroad (950), per year", async () => {
    const conn = await openDuckDB();
    const ds = await commuting(new StatbankClient(new MirrorTransport(join(fixturesDir, "mirror"))));
    await registerArrow(conn, "commuting", toArrowIPC(ds.columns, ds.meta));
    const residences = ds.columns.residence.values as string[];
    const workplaces = ds.columns.workplace.values as string[];
    const areas = [...new Set([...residences, ...workplaces])].filter((a) => a !== "950").sort();
    expect(areas).toEqual(["101", "260", "270"]);
    const balance = new Map<number, number>();
    for (const area of areas) {
      for (const row of await runAnalysis(conn, summarySql, area)) {
        const year = row.year as number;
        balance.set(year, (balance.get(year) ?? 0) + (row.out_commuters as number) - (row.in_commuters as number));
      }
    }
    // abroad in test/fixtures/mirror/PEND100.csv: 2022 260 M 4; 2023 260 3+2, 101 12+8
    expect(Object.fromEntries(balance)).toEqual({ 2022: 4, 2023: 5 + 20 });
    // and the same from the dataset's own 950 rows
    const abroad2023 = residences.reduce(
      (s, _, i) => s + (workplaces[i] === "950" && ds.columns.year.values[i] === 2023 ? (ds.columns.persons.values[i] as number) : 0),
      0,
    );
    expect(balance.get(2023)).toBe(abroad2023);
    // 260 in 2023 from the fixture: E_res 100+60+40+5 = 205, E_work 100 + 30 (270) + 10 (101) = 140, W 100
    const [, halsnaes2023] = await runAnalysis(conn, summarySql, "260");
    expect(halsnaes2023).toMatchObject({
      year: 2023,
      employed_residents: 205,
      jobs: 140,
      live_and_work: 100,
      out_commuters: 105,
      in_commuters: 40,
      net_in_commuting: -65,
    });
    expect(halsnaes2023.self_containment).toBeCloseTo(100 / 205, 12);
    expect(halsnaes2023.job_ratio).toBeCloseTo(140 / 205, 12);
  });
});

describe("src/sql/commuting_distance_compare.sql in node DuckDB", () => {
  it("region and country means and the rank, computed by hand", async () => {
    const conn = await openDuckDB();
    await registerArrow(
      conn,
      "commuting_distance",
      distanceRows([
        ["101", 2024, 10],
        ["260", 2024, 30],
        ["270", 2024, 26],
        ["461", 2024, 14],
        ["479", 2024, 20],
        ["330", 2024, 20],
        ["101", 2023, 14],
        ["260", 2023, 26],
        ["270", 2023, 26],
        ["461", 2023, 16],
      ]),
    );
    const hovedstaden = { region_code: "084", region_name: "Region Hovedstaden" };
    const syddanmark = { region_code: "083", region_name: "Region Syddanmark" };
    await registerArrow(
      conn,
      "geography",
      geographyRows([
        { area: "101", name: "København", ...hovedstaden },
        { area: "260", name: "Halsnæs", ...hovedstaden },
        { area: "270", name: "Gribskov", ...hovedstaden },
        { area: "461", name: "Odense", ...syddanmark },
        { area: "479", name: "Svendborg", ...syddanmark },
      ]),
    );
    // 2023: region 084 (14+26+26)/3 = 22; country (14+26+26+16)/4 = 20.5; ranks 101 1, 461 2, 260 and 270 share 3
    // 2024: region 084 (10+30+26)/3 = 22; country (10+30+26+14+20+20)/6 = 20; 260 is the longest: rank 6
    expect(await runAnalysis(conn, distanceSql, "260")).toEqual([
      { area: "260", year: 2023, km: 26, region_avg_km: 22, country_avg_km: 20.5, rank_in_country: 3 },
      { area: "260", year: 2024, km: 30, region_avg_km: 22, country_avg_km: 20, rank_in_country: 6 },
    ]);
    // 461, 2024: region 083 (14+20)/2 = 17, rank 2; 2023: alone in its region: 16
    expect(await runAnalysis(conn, distanceSql, "461")).toEqual([
      { area: "461", year: 2023, km: 16, region_avg_km: 16, country_avg_km: 20.5, rank_in_country: 2 },
      { area: "461", year: 2024, km: 14, region_avg_km: 17, country_avg_km: 20, rank_in_country: 2 },
    ]);
    // 330 has no geography row: no region mean, but it counts for the country; 479 and 330 tie at 20 km (rank 3)
    expect(await runAnalysis(conn, distanceSql, "330")).toEqual([
      { area: "330", year: 2024, km: 20, region_avg_km: null, country_avg_km: 20, rank_in_country: 3 },
    ]);
    expect((await runAnalysis(conn, distanceSql, "270"))[1].rank_in_country).toBe(5);
  });

  it("on AFSTB4 from the shared mirror: the country and region means of 2024 equal the file's", async () => {
    const client = new StatbankClient(new MirrorTransport(mirrorDir));
    const conn = await openDuckDB();
    const [ds, list] = await Promise.all([commutingDistance(client), municipalities(client)]);
    await registerArrow(conn, "commuting_distance", toArrowIPC(ds.columns, ds.meta));
    await registerArrow(
      conn,
      "geography",
      geographyRows(list.municipalities.map((m) => ({ area: m.code, name: m.name, region_code: m.regionCode, region_name: m.regionName }))),
    );
    // read independently from AFSTB4.csv: the 98 values of 2024
    const raw = readFileSync(join(mirrorDir, "AFSTB4.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(";"));
    const y2024 = raw.filter((x) => x[3] === "2024").map((x) => ({ area: x[0], km: Number(x[4]) }));
    expect(y2024).toHaveLength(98);
    const countryMean = y2024.reduce((s, x) => s + x.km, 0) / 98;
    const hovedstaden = new Set(list.municipalities.filter((m) => m.regionCode === "084").map((m) => m.code));
    const inRegion = y2024.filter((x) => hovedstaden.has(x.area));
    expect(inRegion).toHaveLength(29);
    const regionMean = inRegion.reduce((s, x) => s + x.km, 0) / 29;
    const halsnaes = y2024.find((x) => x.area === "260")!;
    const shorter = y2024.filter((x) => x.km < halsnaes.km).length;

    const row = (await runAnalysis(conn, distanceSql, "260")).find((r) => r.year === 2024)!;
    expect(row.km).toBe(halsnaes.km);
    expect(row.country_avg_km).toBeCloseTo(countryMean, 10);
    expect(row.region_avg_km).toBeCloseTo(regionMean, 10);
    expect(row.rank_in_country).toBe(shorter + 1);
    // every municipality and year has a row
    const all = await conn.runAndReadAll(`SELECT count(*) AS n FROM (${distanceSql.trim()})`);
    expect(Number(all.getRowObjectsJS()[0].n)).toBe(98 * 17);
  });
});
