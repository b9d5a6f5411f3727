import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toArrowIPC } from "../../loaders/arrow.ts";
import { datasetMeta } from "../../loaders/provenance.ts";
import { openDuckDB, registerArrow, runAnalysis } from "../../loaders/duck.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { movements } from "../../loaders/tables/movements.ts";
import { populationTotals } from "../../loaders/tables/population.ts";
import { fixturesDir, mirrorDir, projectRoot } from "../paths.ts";

const sql = readFileSync(join(projectRoot, "src/sql/net_migration_rate.sql"), "utf8");

/** A population dataset written by hand, through the same Arrow writer the loaders use. */
function population(rows: [string, number, number][]): Uint8Array {
  return toArrowIPC(
    {
      area: { type: "string", values: rows.map((r) => r[0]) },
      year: { type: "int16", values: rows.map((r) => r[1]) },
      population: { type: "int32", values: rows.map((r) => r[2]) },
    },
    datasetMeta({ dataset: "population", title: "test", sources: [], rows: rows.length, columns: {} }),
  );
}

describe("src/sql/net_migration_rate.sql in node DuckDB", () => {
  it("gives the rates computed by hand on the fixture", async () => {
    const conn = await openDuckDB();
    const mv = await movements(new StatbankClient(new MirrorTransport(join(fixturesDir, "mirror"))));
    await registerArrow(conn, "movements", toArrowIPC(mv.columns, mv.meta));
    await registerArrow(
      conn,
      "population",
      population([
        ["260", 2010, 31000],
        ["260", 2011, 31056],
        ["260", 2012, 31100],
        ["270", 2011, 41000],
      ]),
    );

    const halsnaes = await runAnalysis(conn, sql, "260");
    // 2010: in 690+705=1395, out 702+688=1390, net 5; immigrants 130, emigrants 85, net 45;
    //       mean population (31000+31056)/2 = 31028; 5000/31028 = 0.161 -> 0.16; 45000/31028 = 1.450 -> 1.45; 50000/31028 = 1.611 -> 1.61
    // 2011: in 1450, out 1290, net 160; immigrants 170, emigrants 85, net 85;
    //       mean (31056+31100)/2 = 31078; 160000/31078 = 5.148 -> 5.15; 85000/31078 = 2.735 -> 2.74; 245000/31078 = 7.883 -> 7.88
    expect(halsnaes).toEqual([
      {
        area: "260",
        year: 2010,
        in_movers: 1395,
        out_movers: 1390,
        net_domestic: 5,
        net_international: 45,
        mean_population: 31028,
        is_mid_year: true,
        net_domestic_per_1000: 0.16,
        net_international_per_1000: 1.45,
        net_total_per_1000: 1.61,
      },
      {
        area: "260",
        year: 2011,
        in_movers: 1450,
        out_movers: 1290,
        net_domestic: 160,
        net_international: 85,
        mean_population: 31078,
        is_mid_year: true,
        net_domestic_per_1000: 5.15,
        net_international_per_1000: 2.74,
        net_total_per_1000: 7.88,
      },
    ]);

    // 270 has no 2012 population: the 1 January figure is the denominator; no immigration data: NULL
    const [gribskov] = await runAnalysis(conn, sql, "270");
    expect(gribskov).toMatchObject({
      year: 2011,
      net_domestic: 250,
      mean_population: 41000,
      is_mid_year: false,
      net_domestic_per_1000: 6.1,
      net_international_per_1000: null,
    });
  });

  it("on the shared mirror: net domestic migration summed over the ten Funen municipalities equals the sum of B05 − B06", async () => {
    const client = new StatbankClient(new MirrorTransport(mirrorDir));
    const conn = await openDuckDB();
    const [mv, pop] = await Promise.all([movements(client), populationTotals(client)]);
    await registerArrow(conn, "movements", toArrowIPC(mv.columns, mv.meta));
    await registerArrow(conn, "population", toArrowIPC(pop.columns, pop.meta));
    const raw = readFileSync(join(mirrorDir, "BEV107.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(";"));
    const yearsWithPopulation = new Set((pop.columns.year.values as number[]).map(String));
    const expected = raw.filter((r) => yearsWithPopulation.has(r[3])).reduce((s, r) => s + (r[1] === "B05" ? 1 : -1) * Number(r[4]), 0);
    let total = 0;
    for (const area of ["410", "420", "430", "440", "450", "461", "479", "480", "482", "492"]) {
      for (const row of await runAnalysis(conn, sql, area)) total += row.net_domestic as number;
    }
    expect(total).toBe(expected);
  });
});
