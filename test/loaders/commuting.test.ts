import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { commuting, commutingDistance } from "../../loaders/tables/commuting.ts";
import { mirrorDir } from "../paths.ts";
import { fixtureClient, mirrorClient, rows } from "../helpers.ts";

const fixture = fixtureClient();
const mirror = mirrorClient();

describe("commuting (PEND100) on a fixture in the BULK format", () => {
  it("adds men and women, keeps municipalities and abroad (950), drops aggregates and Christiansø", async () => {
    const ds = await commuting(fixture);
    const r = rows(ds);
    const get = (residence: string, workplace: string, year: number) =>
      r.find((x) => x.residence === residence && x.workplace === workplace && x.year === year)?.persons;
    // by hand from test/fixtures/mirror/PEND100.csv
    expect(get("260", "260", 2023)).toBe(55 + 45);
    expect(get("260", "270", 2023)).toBe(35 + 25);
    expect(get("260", "101", 2023)).toBe(22 + 18);
    expect(get("260", "950", 2023)).toBe(3 + 2);
    expect(get("270", "101", 2023)).toBe(45 + 45);
    expect(get("101", "950", 2023)).toBe(12 + 8);
    // 2022 has an M row only for 260 -> 950: BULK leaves out zeros, so K counts as 0
    expect(get("260", "950", 2022)).toBe(4);
    expect(get("270", "260", 2022)).toBe(12 + 13);
    // 084 (Region Hovedstaden) as residence and as workplace, 000 and 411 -> 400 are dropped
    expect(r.some((x) => ["000", "084", "411"].includes(x.residence as string))).toBe(false);
    expect(r.some((x) => ["000", "084", "400"].includes(x.workplace as string))).toBe(false);
    // 2022: 101×1, 260×3, 270×2 = 6; 2023: 101×4, 260×4, 270×3 = 11
    expect(ds.meta.rows).toBe(17);
    expect(r.filter((x) => x.year === 2022)).toHaveLength(6);
    expect(new Set(ds.columns.residence.values)).toEqual(new Set(["101", "260", "270"]));
    // employed residents of 260 in 2023: 100 + 60 + 40 + 5 = 205 (the dropped region row, 200, is not added)
    expect(r.filter((x) => x.residence === "260" && x.year === 2023).reduce((s, x) => s + (x.persons as number), 0)).toBe(205);
    expect(ds.meta.status).toBe("partial");
    expect(ds.meta.missing.map((m) => m.what)).toEqual(["95 af 98 kommuner"]);
    // the note names what was left out: residences 000, 084, 411; as workplace of a kept residence only 084 (260 -> 084)
    expect(ds.meta.notes?.join(" ")).toMatch(/Udeladte koder: BOPKOM 000,084,411; ARBEJDSSTED 084\./);
    expect(ds.meta.sources[0].selection).toBe("PEND100 BOPKOM=* ARBEJDSSTED=* KØN=* Tid=*");
    const back = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(back.table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "residence:Dictionary<Int8, Utf8>",
      "workplace:Dictionary<Int8, Utf8>",
      "year:Int16",
      "persons:Int32",
    ]);
  });

  it("on the shared mirror, which has no PEND100: an empty dataset that says the table is missing", async () => {
    const ds = await commuting(mirror);
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.missing).toHaveLength(1);
    expect(ds.meta.missing[0]).toMatchObject({ table: "PEND100", what: "hele tabellen" });
    expect(ds.meta.missing[0].detail).toMatch(/PEND100/);
    const back = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(back.table.numRows).toBe(0);
    expect(back.table.schema.fields.map((f) => f.name)).toEqual(["residence", "workplace", "year", "persons"]);
    expect(back.meta.missing[0].table).toBe("PEND100");
  });
});

describe("commutingDistance (AFSTB4) on the shared mirror", () => {
  const raw = readFileSync(join(mirrorDir, "AFSTB4.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));

  it("98 municipalities × 17 years, values as in the file", async () => {
    const ds = await commutingDistance(mirror);
    expect(ds.meta.rows).toBe(98 * 17);
    expect(new Set(ds.columns.area.values).size).toBe(98);
    expect(new Set(ds.columns.year.values).size).toBe(17);
    expect(ds.meta.status).toBe("ok");
    expect(ds.meta.missing).toEqual([]);
    // Halsnæs 2024, read independently from the file
    const line = raw.find((x) => x[0] === "260" && x[1] === "02" && x[2] === "TOT" && x[3] === "2024")!;
    const r = rows(ds).find((x) => x.area === "260" && x.year === 2024);
    expect(r?.km).toBe(Number(line[4]));
    expect(ds.meta.sources[0].unit).toBe("Km");
    const back = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(String(back.table.schema.fields.find((f) => f.name === "km")!.type)).toBe("Float64");
  });
});
