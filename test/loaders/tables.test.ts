import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { movements } from "../../loaders/tables/movements.ts";
import { municipalities } from "../../loaders/tables/municipalities.ts";
import { populationAges, populationMonthly, populationTotals } from "../../loaders/tables/population.ts";
import { classifyTownCode, towns } from "../../loaders/tables/towns.ts";
import { yearRuns } from "../../loaders/tables/codes.ts";
import { mirrorDir } from "../paths.ts";
import { fixtureClient, mirrorClient, rows } from "../helpers.ts";

const fixture = fixtureClient();
const mirror = mirrorClient();


describe("movements (BEV107) on a fixture in the BULK format", () => {
  it("adds men and women per component; a '..' makes the sum missing", async () => {
    const ds = await movements(fixture);
    const r = rows(ds);
    const get = (area: string, year: number, component: string) => r.find((x) => x.area === area && x.year === year && x.component === component)?.value;
    // by hand from test/fixtures/mirror/BEV107.csv
    expect(get("260", 2011, "inMovers")).toBe(700 + 750);
    expect(get("260", 2011, "outMovers")).toBe(650 + 640);
    expect(get("260", 2011, "births")).toBe(150 + 140);
    expect(get("260", 2011, "immigrants")).toBe(80 + 90);
    expect(get("260", 2010, "emigrants")).toBe(50 + 35);
    expect(get("260", 2010, "births")).toBeUndefined(); // M is ".."
    expect(get("270", 2011, "inMovers")).toBe(2100);
    expect(ds.meta.status).toBe("partial");
    expect(ds.meta.missing.map((m) => m.what)).toEqual(
      expect.arrayContaining(["folketal primo (B01A)", "korrektioner (B12)", "befolkningstilvækst (B11)"]),
    );
  });

  it("on the shared mirror: only in/out-movers for the ten Funen municipalities, and it says so", async () => {
    const ds = await movements(mirror);
    const areas = [...new Set(ds.columns.area.values)].sort();
    expect(areas).toEqual(["410", "420", "430", "440", "450", "461", "479", "480", "482", "492"]);
    expect(new Set(ds.columns.component.values)).toEqual(new Set(["inMovers", "outMovers"]));
    // Odense 2019 in-movers = B05 M + B05 K in BEV107.csv, read independently
    const raw = readFileSync(join(mirrorDir, "BEV107.csv"), "utf8").trim().split("\n").map((l) => l.split(";"));
    const expected = raw.filter((x) => x[0] === "461" && x[1] === "B05" && x[3] === "2019").reduce((s, x) => s + Number(x[4]), 0);
    const r = rows(ds).find((x) => x.area === "461" && x.year === 2019 && x.component === "inMovers");
    expect(r?.value).toBe(expected);
    expect(ds.meta.missing.map((m) => m.what)).toEqual(expect.arrayContaining(["levendefødte (B02)", "døde (B03)", "88 af 98 kommuner"]));
  });
});

describe("towns (BY1)", () => {
  it("classifies BY1 codes", () => {
    expect(classifyTownCode("26010077")).toEqual({ area: "260", kind: "by" });
    expect(classifyTownCode("26099999")).toEqual({ area: "260", kind: "landdistrikt" });
    expect(classifyTownCode("26099997")).toEqual({ area: "260", kind: "uden fast bopæl" });
    expect(classifyTownCode("26000260")).toEqual({ area: "260", kind: "kommune i alt" });
    expect(classifyTownCode("00001100")).toEqual({ area: "000", kind: "sum af kommuner" });
    expect(() => classifyTownCode("2601")).toThrow(/BYER code "2601" is not 8 digits/);
  });

  it("eliminates age and sex, names the towns from tableinfo and leaves out aggregates", async () => {
    const ds = await towns(fixture);
    const r = rows(ds);
    expect(r.find((x) => x.town === "Frederiksværk" && x.year === 2011)?.population).toBe(30 + 20);
    expect(r.find((x) => x.town === "Frederiksværk" && x.year === 2026)?.population).toBe(33 + 27);
    expect(r.find((x) => x.kind === "landdistrikt" && x.year === 2026)?.population).toBe(26 + 14);
    expect(r.some((x) => x.town_code === "26000260" || x.town_code === "00001100")).toBe(false);
    // the parts add up to the municipality row (100 in 2011, 120 in 2026), so nothing is flagged
    expect(ds.meta.missing).toEqual([]);
    expect(ds.meta.status).toBe("ok");
  });

  it("on the shared mirror, which has no BY1: an empty dataset that says the table is missing", async () => {
    const ds = await towns(mirror);
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.missing[0]).toMatchObject({ table: "BY1", what: "hele tabellen" });
    const back = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(back.table.numRows).toBe(0);
    expect(back.meta.missing[0].table).toBe("BY1");
  });
});

describe("population (FOLK1A, FOLK1AM) on the shared mirror", () => {
  const raw = (file: string) => readFileSync(join(mirrorDir, file), "utf8").trim().split("\n").slice(1).map((l) => l.split(";"));

  it("totals per area and 1 January equal the file's TOT/IALT/TOT rows, and missing years are named", async () => {
    const ds = await populationTotals(mirror);
    const expected = raw("FOLK1A.csv").filter((x) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT");
    expect(ds.meta.rows).toBe(expected.length);
    const halsnaes2011 = expected.find((x) => x[0] === "260" && x[4] === "2011K1")!;
    expect(rows(ds).find((x) => x.area === "260" && x.year === 2011)?.population).toBe(Number(halsnaes2011[5]));
    expect(ds.meta.missing.map((m) => m.what)).toEqual(["1. januar 2009, 2010, 2012–2014"]);
  });

  it("single ages by sex come only for the areas that have them, and age 38 is reported missing", async () => {
    const ds = await populationAges(mirror);
    expect(new Set(ds.columns.sex.values)).toEqual(new Set(["M", "K"]));
    expect(ds.columns.age.values).not.toContain(38);
    expect(ds.meta.missing.map((m) => m.what)).toEqual(expect.arrayContaining(["alder 38 år", "93 områder"]));
    expect(ds.meta.missing.find((m) => m.variable === "OMRÅDE")?.codes).toContain("260");
    const r = rows(ds).find((x) => x.area === "461" && x.sex === "K" && x.age === 20 && x.year === 2011);
    const e = raw("FOLK1A.csv").find((x) => x[0] === "461" && x[1] === "2" && x[2] === "20" && x[4] === "2011K1")!;
    expect(r?.population).toBe(Number(e[5]));
  });

  it("monthly counts are the newest 13 months", async () => {
    const ds = await populationMonthly(mirror);
    const months = [...new Set(ds.columns.month.values as string[])].sort();
    const all = [...new Set(raw("FOLK1AM.csv").map((x) => x[3]))].sort();
    expect(months).toEqual(all.slice(-13));
  });
});

describe("municipalities from FOLK1A's tableinfo", () => {
  it("98 municipalities in five regions, without Christiansø", async () => {
    const list = await municipalities(mirror);
    expect(list.municipalities).toHaveLength(98);
    expect(list.regions.map((r) => r.code)).toEqual(["081", "082", "083", "084", "085"]);
    expect(list.municipalities.find((m) => m.code === "260")).toEqual({ code: "260", name: "Halsnæs", regionCode: "084", regionName: "Region Hovedstaden" });
    expect(list.municipalities.some((m) => m.code === "411")).toBe(false);
    const perRegion = Object.fromEntries(list.regions.map((r) => [r.code, list.municipalities.filter((m) => m.regionCode === r.code).length]));
    expect(perRegion).toEqual({ "081": 11, "082": 19, "083": 22, "084": 29, "085": 17 });
  });
});

describe("helpers", () => {
  it("yearRuns", () => {
    expect(yearRuns([2014, 2009, 2010, 2012, 2013])).toBe("2009, 2010, 2012–2014");
    expect(yearRuns([2020])).toBe("2020");
  });
});
