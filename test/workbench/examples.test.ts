import type { DuckDBConnection } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { toArrowIPC, type ColumnSpec } from "../../loaders/arrow.ts";
import { openDuckDB, registerArrow } from "../../loaders/duck.ts";
import { datasetMeta } from "../../loaders/provenance.ts";
import { analysisStart, DEFAULT_SQL, EXAMPLES } from "../../src/components/workbench/examples.ts";
import { bindKommune, referencedTables } from "../../src/components/workbench/sqlText.ts";

const s = (values: string[]): ColumnSpec => ({ type: "string", values });
const i16 = (values: number[]): ColumnSpec => ({ type: "int16", values });
const i32 = (values: number[]): ColumnSpec => ({ type: "int32", values });
const f64 = (values: number[]): ColumnSpec => ({ type: "float64", values });

async function table(conn: DuckDBConnection, name: string, columns: Record<string, ColumnSpec>): Promise<void> {
  const rows = Object.values(columns)[0].values.length;
  await registerArrow(conn, name, toArrowIPC(columns, datasetMeta({ dataset: name, title: name, sources: [], rows, columns: {} })));
}

/** Each example for Halsnæs (260) on the fixture below, as the page runs it (:kommune replaced). */
async function run(conn: DuckDBConnection, id: string, kommune = "260"): Promise<Record<string, unknown>[]> {
  const example = EXAMPLES.find((e) => e.id === id)!;
  const rows = (await conn.runAndReadAll(bindKommune(example.sql, kommune).text)).getRowObjectsJS();
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}

describe("example queries on a hand-made fixture (native DuckDB)", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openDuckDB();
    await table(conn, "population", {
      area: s(["260", "260", "270", "101"]),
      year: i16([2023, 2024, 2024, 2024]),
      population: i32([31000, 31200, 40000, 600000]),
    });
    // area, age_group, year, in_movers, out_movers
    const M: [string, string, number, number, number][] = [
      ["260", "0-17", 2023, 10, 20],
      ["260", "25-44", 2023, 20, 20],
      ["260", "0-17", 2024, 30, 10],
      ["260", "25-44", 2024, 50, 40],
      ["260", "18-24", 2024, 5, 25],
      ["260", "i alt", 2024, 85, 75],
      ["270", "i alt", 2024, 40, 60],
      ["101", "i alt", 2024, 100, 50],
    ];
    await table(conn, "migration_totals", {
      area: s(M.map((m) => m[0])),
      age_group: s(M.map((m) => m[1])),
      year: i16(M.map((m) => m[2])),
      in_movers: i32(M.map((m) => m[3])),
      out_movers: i32(M.map((m) => m[4])),
    });
    // origin, destination, age_group, sex, year, moves
    const F: [string, string, string, string, number, number][] = [
      ["270", "260", "0-17", "M", 2024, 10],
      ["270", "260", "25-44", "K", 2024, 20],
      ["101", "260", "25-44", "M", 2024, 5],
      ["147", "260", "25-44", "M", 2023, 40],
      ["260", "270", "0-17", "K", 2024, 4],
    ];
    await table(conn, "flows", {
      origin: s(F.map((f) => f[0])),
      destination: s(F.map((f) => f[1])),
      age_group: s(F.map((f) => f[2])),
      sex: s(F.map((f) => f[3])),
      year: i16(F.map((f) => f[4])),
      moves: i32(F.map((f) => f[5])),
    });
    await table(conn, "geography", {
      area: s(["260", "270", "101", "147"]),
      name: s(["Halsnæs", "Gribskov", "København", "Frederiksberg"]),
      region_code: s(["084", "084", "084", "084"]),
      region_name: s(["Region Hovedstaden", "Region Hovedstaden", "Region Hovedstaden", "Region Hovedstaden"]),
      lon: f64([12, 12.2, 12.5, 12.5]),
      lat: f64([56, 56, 55.7, 55.7]),
    });
    await table(conn, "neighbours", { area: s(["260", "270", "270"]), neighbour: s(["270", "260", "250"]) });
    const I: [string, number, string, number][] = [
      ["260", 2024, "disposable", 250000],
      ["270", 2024, "disposable", 270000],
      ["101", 2024, "disposable", 260000],
      ["260", 2023, "disposable", 240000],
      ["260", 2024, "taxable", 300000],
    ];
    await table(conn, "income", {
      area: s(I.map((i) => i[0])),
      year: i16(I.map((i) => i[1])),
      income_type: s(I.map((i) => i[2])),
      kr: f64(I.map((i) => i[3])),
    });
  });

  it("folketal: the municipality's population year by year", async () => {
    expect(await run(conn, "folketal")).toEqual([
      { year: 2023, population: 31000 },
      { year: 2024, population: 31200 },
    ]);
    expect(DEFAULT_SQL).toBe(EXAMPLES[0].sql);
  });

  it("familier: net moves of children 0–17 and adults 25–44 per year", async () => {
    // 2023: (10 − 20) + (20 − 20) = −10; 2024: (30 − 10) + (50 − 40) = 30 (18–24 left out)
    expect(await run(conn, "familier")).toEqual([
      { year: 2023, netto_familier: -10, netto_boern_0_17: -10, netto_voksne_25_44: 0, tilflyttede: 30, fraflyttede: 40 },
      { year: 2024, netto_familier: 30, netto_boern_0_17: 20, netto_voksne_25_44: 10, tilflyttede: 80, fraflyttede: 50 },
    ]);
  });

  it("tilflytning: the largest origins in the newest year, with names", async () => {
    // Gribskov 10 + 20 = 30, København 5; Frederiksberg only in 2023; moves out of 260 not counted
    expect(await run(conn, "tilflytning")).toEqual([
      { kode: "270", fra_kommune: "Gribskov", tilflyttede: 30 },
      { kode: "101", fra_kommune: "København", tilflyttede: 5 },
    ]);
  });

  it("indkomst: disposable income of the municipality and its neighbours, newest year", async () => {
    expect(await run(conn, "indkomst")).toEqual([
      { kode: "270", kommune: "Gribskov", rolle: "nabokommune", disponibel_indkomst_kr: 270000 },
      { kode: "260", kommune: "Halsnæs", rolle: "valgt kommune", disponibel_indkomst_kr: 250000 },
    ]);
  });

  it("kort: net moves per 1,000 residents for every municipality", async () => {
    // 260: 1000 · 10 / 31200 = 0.32; 101: 1000 · 50 / 600000 = 0.08; 270: 1000 · −20 / 40000 = −0.5
    expect(await run(conn, "kort")).toEqual([
      { kode: "260", kommune: "Halsnæs", netto_pr_1000: 0.3, netto: 10 },
      { kode: "101", kommune: "København", netto_pr_1000: 0.1, netto: 50 },
      { kode: "270", kommune: "Gribskov", netto_pr_1000: -0.5, netto: -20 },
    ]);
  });

  it("every example names the datasets it reads, and all but the map use :kommune", () => {
    const names = ["population", "migration_totals", "flows", "geography", "neighbours", "income"];
    expect(Object.fromEntries(EXAMPLES.map((e) => [e.id, referencedTables(e.sql, names)]))).toEqual({
      folketal: ["population"],
      familier: ["migration_totals"],
      tilflytning: ["flows", "geography"],
      indkomst: ["income", "geography", "neighbours"],
      kort: ["migration_totals", "geography", "population"],
    });
    expect(EXAMPLES.filter((e) => bindKommune(e.sql, "260").used).map((e) => e.id)).toEqual(["folketal", "familier", "tilflytning", "indkomst"]);
  });

  it("an analysis opened as a starting point runs, kept to the chosen municipality", async () => {
    const sql = analysisStart("x", "Test", "-- comment\nSELECT area, year, population FROM population\n-- trailing comment\n;");
    const rows = (await conn.runAndReadAll(bindKommune(sql, "260").text)).getRowObjectsJS();
    expect(rows.map((r) => r.year)).toEqual([2023, 2024]);
  });
});
