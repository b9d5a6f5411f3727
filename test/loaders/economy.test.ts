import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import type { TableListing } from "../../loaders/statbank/transport.ts";
import { benefits } from "../../loaders/tables/benefits.ts";
import { business } from "../../loaders/tables/business.ts";
import { childrenOf, families } from "../../loaders/tables/families.ts";
import { income } from "../../loaders/tables/income.ts";
import { newestProjectionTable, newestThirdPartyProjection, projection } from "../../loaders/tables/projection.ts";
import { fixtureClient, mirrorClient, rows } from "../helpers.ts";
import { fixturesDir, mirrorDir, sharedDir } from "../paths.ts";

const fixture = fixtureClient();
const mirror = mirrorClient();

const raw = (file: string) =>
  readFileSync(join(mirrorDir, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));

const tmp: string[] = [];
/** A mirror folder holding only the named files of test/fixtures/mirror. */
function partialMirror(...files: string[]): StatbankClient {
  const dir = mkdtempSync(join(tmpdir(), "mirror-"));
  tmp.push(dir);
  for (const f of files) copyFileSync(join(fixturesDir, "mirror", f), join(dir, f));
  return new StatbankClient(new MirrorTransport(dir));
}
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Schema of a dataset after an Arrow round trip, "name:Type". */
function schemaOf(ds: Awaited<ReturnType<typeof income>>): string[] {
  return readArrow(toArrowIPC(ds.columns, ds.meta)).table.schema.fields.map((f) => `${f.name}:${f.type}`);
}

describe("income (INDKP101)", () => {
  it("on a fixture: average disposable and taxable income, other units/sexes/types left out", async () => {
    const ds = await income(fixture);
    const r = rows(ds);
    const get = (area: string, year: number, type: string) => r.find((x) => x.area === area && x.year === year && x.income_type === type)?.kr;
    // by hand from test/fixtures/mirror/INDKP101.csv (ENHED 116, KOEN MOK only)
    expect(get("260", 2023, "disposable")).toBe(260823);
    expect(get("260", 2023, "taxable")).toBe(330500);
    expect(get("260", 2022, "disposable")).toBe(255000);
    expect(get("260", 2022, "taxable")).toBeUndefined(); // ".."
    expect(get("270", 2023, "disposable")).toBe(290100.5); // decimal comma
    expect(get("000", 2023, "taxable")).toBe(350000);
    expect(get("01", 2023, "disposable")).toBe(300000); // a landsdel is kept
    // 000×2, 01×1, 260×3, 270×2; 411 (Christiansø) is left out and named
    expect(ds.meta.rows).toBe(8);
    expect(r.some((x) => x.area === "411")).toBe(false);
    expect(ds.meta.notes?.join(" ")).toMatch(/INDKP101: udeladte områdekoder 411/);
    expect(ds.meta.notes?.join(" ")).toMatch(/stedfortræder for udskrivningsgrundlaget/);
    expect(ds.meta.missing.map((m) => m.what)).toEqual(["96 af 98 kommuner"]);
    expect(ds.meta.sources[0].selection).toBe("INDKP101 OMRÅDE=* ENHED=116 KOEN=MOK INDKOMSTTYPE=100,290 Tid=*");
    expect(schemaOf(ds)).toEqual(["area:Dictionary<Int8, Utf8>", "year:Int16", "income_type:Dictionary<Int8, Utf8>", "kr:Float64"]);
  });

  it("on the shared mirror: disposable income equals the file; taxable income is reported missing, not a failure", async () => {
    const ds = await income(mirror);
    const line = raw("INDKP101.csv").find((x) => x[0] === "260" && x[1] === "116" && x[2] === "MOK" && x[3] === "100" && x[4] === "2024")!;
    expect(rows(ds).find((x) => x.area === "260" && x.year === 2024 && x.income_type === "disposable")?.kr).toBe(Number(line[5]));
    expect(new Set(ds.columns.income_type.values)).toEqual(new Set(["disposable"]));
    // 000 + 11 landsdele + 98 municipalities, 1987–2024
    expect(ds.meta.rows).toBe(110 * 38);
    expect(ds.meta.status).toBe("partial");
    expect(ds.meta.missing).toHaveLength(1);
    expect(ds.meta.missing[0]).toMatchObject({
      table: "INDKP101",
      what: "skattepligtig indkomst (INDKOMSTTYPE 290)",
      variable: "INDKOMSTTYPE",
      codes: ["290"],
    });
    expect(ds.meta.missing[0].detail).toMatch(/INDKOMSTTYPE=290 \(not in mirror\)/);
  });
});

describe("benefits (AUK01)", () => {
  it("on a fixture: the mean of four quarters, only complete years, unknown municipality left out", async () => {
    const ds = await benefits(fixture);
    const r = rows(ds);
    const get = (area: string, year: number) => r.find((x) => x.area === area && x.year === year)?.fte;
    // by hand from test/fixtures/mirror/AUK01.csv (YDELSESTYPE, KØN and ALDER TOT)
    expect(get("260", 2023)).toBe((3010 + 3105 + 2895 + 3002) / 4); // 3003
    expect(get("270", 2022)).toBe((990 + 995 + 1000 + 1005) / 4); // 997.5
    expect(get("000", 2023)).toBe((600000 + 601000 + 602000 + 603000) / 4);
    expect(get("260", 2024)).toBeUndefined(); // two quarters only
    expect(get("270", 2023)).toBeUndefined(); // 2023K4 is ".."
    expect(r.some((x) => x.area === "997")).toBe(false);
    expect(ds.meta.rows).toBe(3);
    const notes = ds.meta.notes?.join(" ") ?? "";
    expect(notes).toMatch(/Ufuldstændige år udeladt \(for mindst ét område\): 2023, 2024\./);
    expect(notes).toMatch(/AUK01: udeladte områdekoder 997/);
    expect(ds.meta.sources[0].selection).toBe("AUK01 OMRÅDE=* YDELSESTYPE=TOT KØN=TOT ALDER=TOT Tid=*");
    expect(schemaOf(ds)).toEqual(["area:Dictionary<Int8, Utf8>", "year:Int16", "fte:Float64"]);
  });

  it("on the shared mirror, which has no AUK01: an empty dataset that names the table", async () => {
    const ds = await benefits(mirror);
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.missing).toEqual([expect.objectContaining({ table: "AUK01", what: "hele tabellen" })]);
    const back = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(back.table.numRows).toBe(0);
    expect(back.table.schema.fields.map((f) => f.name)).toEqual(["area", "year", "fte"]);
  });
});

// FAM44N is the fallback of FAM55N (households); test/loaders/families.test.ts has FAM55N and the choice between them.
describe("families (FAM44N, where the source lacks FAM55N)", () => {
  it("reads ANTBØRN codes", () => {
    expect(childrenOf("0")).toBe(0);
    expect(childrenOf("3")).toBe(3);
    expect(childrenOf("5-")).toBe(5);
    expect(() => childrenOf("TOT")).toThrow(/ANTBØRN code "TOT"/);
  });

  it("on a fixture: couples and all families with children, summed over size and number of children", async () => {
    const ds = await families(fixture);
    const r = rows(ds);
    const get = (area: string, year: number) => r.find((x) => x.area === area && x.year === year);
    // by hand from test/fixtures/mirror/FAM44N.csv:
    // couples 2024 = PARF 400 + 500 + PARS 5 + RP 2 + SL 150 + SB 40 + 3 = 1100 (PARF without children, 3000, not counted)
    // families 2024 = 1100 + M 60 + K 250 = 1410 (K without children 4000 and IHB 7 not counted)
    expect(get("260", 2024)).toMatchObject({ couples_with_children: 1100, families_with_children: 1410 });
    // 2025: K with children is "..", so the families sum is missing; the couples sum is not
    expect(get("260", 2025)).toMatchObject({ couples_with_children: 390, families_with_children: null });
    expect(get("270", 2025)).toMatchObject({ couples_with_children: 100, families_with_children: 120 });
    expect(get("000", 2025)).toMatchObject({ couples_with_children: 100000, families_with_children: 150000 });
    expect(ds.meta.rows).toBe(4);
    expect(ds.meta.missing.map((m) => m.what)).toEqual(["96 af 98 kommuner"]);
    expect(ds.meta.sources[0].selection).toBe("FAM44N OMRÅDE=* FAMTYP=* FAMSTOR=* ANTBØRN=* Tid=*");
    expect(schemaOf(ds)).toEqual(["area:Dictionary<Int8, Utf8>", "year:Int16", "couples_with_children:Int32", "families_with_children:Int32"]);
  });

  it("on the shared mirror, which has neither FAM55N nor FAM44N: an empty dataset that names both tables", async () => {
    const ds = await families(mirror);
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.missing).toEqual([
      expect.objectContaining({ table: "FAM55N", what: "hele tabellen" }),
      expect.objectContaining({ table: "FAM44N", what: "hele tabellen" }),
    ]);
    expect(readArrow(toArrowIPC(ds.columns, ds.meta)).table.numRows).toBe(0);
  });
});

describe("business (GF12 firms, RAS305 private jobs)", () => {
  it("on a fixture: firms from GF12's total, private-sector employees summed over working time, age and sex", async () => {
    const ds = await business(fixture);
    const r = rows(ds);
    const get = (area: string, year: number) => r.find((x) => x.area === area && x.year === year);
    // by hand from test/fixtures/mirror/GF12.csv and RAS305.csv
    // RAS305 260 2023 sector 1040: 100 + 80 + 30 + 120 + 5 = 335 (1025 public and 1045 non-profit left out)
    expect(get("260", 2023)).toEqual({ area: "260", year: 2023, firms: 1980, private_jobs: 335 });
    expect(get("260", 2022)).toEqual({ area: "260", year: 2022, firms: 1950, private_jobs: null }); // K is ".."
    expect(get("260", 2021)).toEqual({ area: "260", year: 2021, firms: 1900, private_jobs: null }); // no RAS305 rows
    expect(get("000", 2023)).toEqual({ area: "000", year: 2023, firms: 325000, private_jobs: 900 + 800 });
    expect(get("000", 2022)).toEqual({ area: "000", year: 2022, firms: 320000, private_jobs: null });
    expect(get("101", 2024)).toEqual({ area: "101", year: 2024, firms: null, private_jobs: 40 });
    expect(get("270", 2023)).toEqual({ area: "270", year: 2023, firms: 1500, private_jobs: null });
    // the region 084 (GF12) and 950 (RAS305) are not kept
    expect(r.some((x) => x.area === "084" || x.area === "950")).toBe(false);
    expect(ds.meta.rows).toBe(7);
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["GF12", "RAS305"]);
    expect(ds.meta.sources[1].selection).toBe("RAS305 ARBEJDSSTED=* SEKTOR=* ARBOMFANG=* ALDER=* KØN=* Tid=*");
    const notes = ds.meta.notes?.join(" ") ?? "";
    expect(notes).toMatch(/GF12 branche i alt \(BRANCHEDB0710TIL127=TOT\)/);
    expect(notes).toMatch(/summeret over ARBOMFANG, ALDER, KØN/);
    expect(schemaOf(ds)).toEqual(["area:Dictionary<Int8, Utf8>", "year:Int16", "firms:Int32", "private_jobs:Int32"]);
  });

  it("each table may be missing on its own: the dataset says which, and its column is null", async () => {
    const ds = await business(partialMirror("GF12.csv"));
    expect(ds.meta.status).toBe("partial");
    expect(ds.meta.missing).toEqual(expect.arrayContaining([expect.objectContaining({ table: "RAS305", what: "hele tabellen" })]));
    expect(ds.meta.missing.some((m) => m.table === "GF12" && m.what === "hele tabellen")).toBe(false);
    expect(ds.columns.private_jobs.values.every((v) => v === null)).toBe(true);
    expect(rows(ds).find((x) => x.area === "260" && x.year === 2023)?.firms).toBe(1980);

    const jobsOnly = await business(partialMirror("RAS305.csv"));
    expect(jobsOnly.meta.missing).toEqual(expect.arrayContaining([expect.objectContaining({ table: "GF12", what: "hele tabellen" })]));
    expect(jobsOnly.columns.firms.values.every((v) => v === null)).toBe(true);
    expect(rows(jobsOnly).find((x) => x.area === "260" && x.year === 2023)?.private_jobs).toBe(335);
  });

  it("on the shared mirror, which has neither table: an empty dataset that names both", async () => {
    const ds = await business(mirror);
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.missing.map((m) => [m.table, m.what])).toEqual([
      ["GF12", "hele tabellen"],
      ["RAS305", "hele tabellen"],
    ]);
    expect(readArrow(toArrowIPC(ds.columns, ds.meta)).table.schema.fields.map((f) => f.name)).toEqual(["area", "year", "firms", "private_jobs"]);
  });
});

describe("projection (FRKM1yy, newest vintage)", () => {
  it("resolves the newest FRKM1yy from the real /v1/tables listing (FRKM225, FRDK125 do not count)", () => {
    const listing = JSON.parse(readFileSync(join(sharedDir, "statbank-api", "tables_all.body"), "utf8")) as TableListing[];
    expect(newestProjectionTable(listing)).toEqual({ id: "FRKM125", vintage: "FRKM125", year: 2025 });
    const ids = (...xs: string[]) => xs.map((id) => ({ id }));
    expect(newestProjectionTable(ids("FRKM124", "FRKM126", "FRKM125", "FRKM226", "FRKM126_AGEGROUPS"))).toEqual({
      id: "FRKM126",
      vintage: "FRKM126",
      year: 2026,
    });
    expect(newestProjectionTable(ids("FOLK1A", "FRKM126_AGEGROUPS"))).toBeNull();
    expect(newestThirdPartyProjection(ids("FOLK1A_AGEGROUPS", "FRKM126_AGEGROUPS"))).toEqual({ id: "FRKM126_AGEGROUPS", vintage: "FRKM126", year: 2026 });
  });

  it("on a fixture mirror with FRKM126 and FRKM127: uses FRKM127, adds M and K, sums complete age groups", async () => {
    const ds = await projection(fixture);
    const r = rows(ds);
    const get = (year: number, group: string) => r.find((x) => x.area === "260" && x.year === year && x.age_group === group);
    // by hand from test/fixtures/mirror/FRKM127.csv
    expect(get(2027, "total")).toEqual({ area: "260", year: 2027, age_group: "total", population: 15800 + 16100, vintage: "FRKM127", source: "FRKM127" });
    // ages 0–5: M 130+131+132+133+134+135 = 795, K 120+…+125 = 735
    expect(get(2027, "0-5")?.population).toBe(795 + 735);
    expect(get(2028, "total")?.population).toBe(15850 + 16150);
    // 6–16 has age 6 only: left out, and said so; FRKM126 (older) is not read; 411 is not a municipality
    expect(get(2027, "6-16")).toBeUndefined();
    expect(r.some((x) => x.year === 2026 || x.area === "411")).toBe(false);
    expect(ds.meta.rows).toBe(3);
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["FRKM127"]);
    expect(ds.meta.missing).toEqual([expect.objectContaining({ table: "FRKM127", what: "1 aldersgruppe (enkeltår mangler)" })]);
    expect(ds.meta.notes?.join(" ")).toMatch(/Mænd og kvinder er lagt sammen/);
    expect(ds.meta.notes?.join(" ")).toMatch(/Udeladt: KOMMUNEDK 411/);
    expect(schemaOf(ds)).toEqual([
      "area:Dictionary<Int8, Utf8>",
      "year:Int16",
      "age_group:Dictionary<Int8, Utf8>",
      "population:Int32",
      "vintage:Dictionary<Int8, Utf8>",
      "source:Dictionary<Int8, Utf8>",
    ]);
  });

  it("on the shared mirror (no FRKM126, only FRKM126_agegroups.csv): uses the third party's sums for 2026–2040, labelled as such", async () => {
    const ds = await projection(mirror);
    const file = raw("FRKM126_agegroups.csv");
    expect(ds.meta.rows).toBe(file.length); // 98 municipalities × 15 years × 8 groups
    expect([...new Set(ds.columns.year.values as number[])].sort()).toEqual(Array.from({ length: 15 }, (_, i) => 2026 + i));
    expect(new Set(ds.columns.source.values)).toEqual(new Set(["FRKM126_agegroups"]));
    expect(new Set(ds.columns.vintage.values)).toEqual(new Set(["FRKM126"]));
    // every value equals the file
    const byKey = new Map(rows(ds).map((x) => [`${x.area}|${x.age_group === "total" ? "TOT" : x.age_group}|${x.year}`, x.population]));
    for (const [area, group, year, value] of file) expect(byKey.get(`${area}|${group}|${year}`)).toBe(Number(value));
    expect(rows(ds).find((x) => x.area === "260" && x.year === 2035 && x.age_group === "total")?.population).toBe(31978);
    // never presented as FRKM126 itself
    expect(ds.meta.sources).toHaveLength(1);
    expect(ds.meta.sources[0].table).toBe("FRKM126_AGEGROUPS");
    expect(ds.meta.sources[0].title).toMatch(/tredjepart \(ikke en Statistikbank-tabel\)/);
    expect(ds.meta.sources[0].attribution).toMatch(/summeret af tredjepart/);
    expect(ds.meta.notes?.join(" ")).toMatch(/FRKM126_agegroups: en tredjeparts summer af FRKM126/);
    // FRKM126 runs to 2050 (stored tableinfo); the file stops at 2040
    expect(ds.meta.missing).toEqual([expect.objectContaining({ table: "FRKM126", what: "år 2041–2050", variable: "Tid" })]);
    expect(ds.meta.status).toBe("partial");
  });

  it("without any projection table: an empty dataset that says so", async () => {
    const ds = await projection(partialMirror("GF12.csv"));
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.missing).toEqual([expect.objectContaining({ table: "FRKM1xx", what: "hele tabellen" })]);
  });
});
