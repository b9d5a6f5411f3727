import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
import { singleAgesFromMirror } from "./singleAges.ts";
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
    expect(ds.meta.missing.map((m) => m.what)).toEqual(expect.arrayContaining(["folketal primo (B01A)", "korrektioner (B12)", "befolkningstilvækst (B11)"]));
  });

  it("on the shared mirror: only in/out-movers for the ten Funen municipalities, and it says so", async () => {
    const ds = await movements(mirror);
    const areas = [...new Set(ds.columns.area.values)].sort();
    expect(areas).toEqual(["410", "420", "430", "440", "450", "461", "479", "480", "482", "492"]);
    expect(new Set(ds.columns.component.values)).toEqual(new Set(["inMovers", "outMovers"]));
    // Odense 2019 in-movers = B05 M + B05 K in BEV107.csv, read independently
    const raw = readFileSync(join(mirrorDir, "BEV107.csv"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(";"));
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

  it("still writes an empty dataset that names BY1 when a mirror lacks the table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mirror-"));
    const ds = await towns(new StatbankClient(new MirrorTransport(dir)));
    expect(ds.meta.status).toBe("missing");
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.missing[0]).toMatchObject({ table: "BY1", what: "hele tabellen" });
    const back = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(back.table.numRows).toBe(0);
    expect(back.meta.missing[0].table).toBe("BY1");
  });
});

describe("towns (BY1) on the shared mirror", async () => {
  const ds = await towns(mirror);
  const r = rows(ds);
  // BY1.csv (BYER;TID;INDHOLD) and the town texts in tableinfo/BY1.json, read by hand
  const [header, ...lines] = readFileSync(join(mirrorDir, "BY1.csv"), "utf8").trim().split("\n");
  const file = lines.map((l) => l.split(";")).map(([code, tid, value]) => ({ code, year: Number(tid), value: Number(value) }));
  const info = JSON.parse(readFileSync(join(mirrorDir, "tableinfo", "BY1.json"), "utf8")) as {
    variables: { id: string; values: { id: string; text: string }[] }[];
  };
  const texts = new Map(info.variables.find((v) => v.id === "BYER")!.values.map((v) => [v.id, v.text]));
  const isTotal = (code: string) => code.slice(3) === `00${code.slice(0, 3)}`;
  const folkTotal = new Map(
    readFileSync(join(mirrorDir, "FOLK1A.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(";"))
      .filter((x) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT" && x[4].endsWith("K1"))
      .map((x) => [`${x[0]}|${x[4].slice(0, 4)}`, Number(x[5])]),
  );

  it("reads the real answer's shape: BYER and TID, age and sex eliminated", () => {
    expect(header).toBe("BYER;TID;INDHOLD");
    expect(ds.meta.status).toBe("ok");
  });

  it("classifies the capital area's part in a municipality (KKK01100) as a town of that municipality", () => {
    expect(classifyTownCode("10101100")).toEqual({ area: "101", kind: "by" });
    expect(texts.get("10101100")).toMatch(/^101-01100 .*del af Hovedstadsområdet/);
    // 00001100 is the sum of the KKK01100 parts, not of whole municipalities
    for (const year of new Set(file.map((f) => f.year))) {
      const capital = file.find((f) => f.code === "00001100" && f.year === year);
      const parts = file.filter((f) => f.code.slice(3) === "01100" && f.code !== "00001100" && f.year === year);
      if (capital) expect(parts.reduce((s, f) => s + f.value, 0)).toBe(capital.value);
    }
  });

  // Assens and Halsnæs have towns, a rural district and residents without a fixed address;
  // København is all Hovedstadsområdet (its 01100 part) and has no 'no fixed address' row.
  const chosen = ["420", "260"];
  for (const area of [...chosen, "101"]) {
    it(`${area}: the towns, the rural district and 'no fixed address' are the file's rows, named from tableinfo`, () => {
      const own = file.filter((f) => f.code.startsWith(area) && !isTotal(f.code));
      expect(own.length).toBeGreaterThan(0);
      const kindOf = (code: string) => (code.endsWith("99999") ? "landdistrikt" : code.endsWith("99997") ? "uden fast bopæl" : "by");
      const expected = own.map((f) => [f.code, texts.get(f.code)!.replace(/^\d{3}-\d{5}\s+/, ""), kindOf(f.code), f.year, f.value].join("|")).sort();
      const got = r
        .filter((x) => x.area === area)
        .map((x) => [x.town_code, x.town, x.kind, x.year, x.population].join("|"))
        .sort();
      expect(got).toEqual(expected);
      for (const [suffix, kind] of [
        ["99999", "landdistrikt"],
        ["99997", "uden fast bopæl"],
      ]) {
        const inFile = own.some((f) => f.code.endsWith(suffix));
        if (chosen.includes(area)) expect(inFile, `BY1.csv has ${area}${suffix}`).toBe(true);
        expect(r.some((x) => x.area === area && x.kind === kind)).toBe(inFile);
      }
    });
  }

  it("leaves out the municipality rows and Hovedstadsområdet", () => {
    expect(r.some((x) => isTotal(x.town_code as string) || (x.town_code as string).startsWith("000"))).toBe(false);
    expect(ds.meta.rows).toBe(file.filter((f) => !isTotal(f.code) && !f.code.startsWith("000")).length);
  });

  it("the parts of every municipality add up to its BY1 total, and to FOLK1A's 1 January total", () => {
    const sums = new Map<string, number>();
    for (const x of r) sums.set(`${x.area}|${x.year}`, (sums.get(`${x.area}|${x.year}`) ?? 0) + (x.population as number));
    const totals = file.filter((f) => isTotal(f.code));
    expect(totals.length).toBeGreaterThan(0);
    for (const t of totals) {
      const key = `${t.code.slice(0, 3)}|${t.year}`;
      expect(sums.get(key), `BY1 ${key}: parts vs the municipality row`).toBe(t.value);
      if (folkTotal.has(key)) expect(t.value, `BY1 ${key} vs FOLK1A ${t.year}K1`).toBe(folkTotal.get(key));
    }
    // the chosen municipalities: compared with FOLK1A in at least one year
    for (const area of chosen) {
      const years = totals.filter((t) => t.code.startsWith(area) && folkTotal.has(`${area}|${t.year}`)).map((t) => t.year);
      expect(years.length, `FOLK1A.csv has a 1 January total for ${area} in a BY1 year`).toBeGreaterThan(0);
      for (const y of years) expect(sums.get(`${area}|${y}`)).toBe(folkTotal.get(`${area}|${y}`));
    }
    expect(ds.meta.missing).toEqual([]);
  });
});

describe("population (FOLK1A, FOLK1AM) on the shared mirror", () => {
  const raw = (file: string) =>
    readFileSync(join(mirrorDir, file), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(";"));

  it("totals per area and 1 January equal the file's TOT/IALT/TOT rows, and missing years are named", async () => {
    const ds = await populationTotals(mirror);
    const folk = raw("FOLK1A.csv");
    const expected = folk.filter((x) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT" && x[4].endsWith("K1"));
    expect(ds.meta.rows).toBe(expected.length);
    expect(
      rows(ds)
        .map((x) => `${x.area}|${x.year}|${x.population}`)
        .sort(),
    ).toEqual(expected.map((x) => `${x[0]}|${x[4].slice(0, 4)}|${Number(x[5])}`).sort());
    // 1 January years the file holds for some rows, but not one total for
    const withTotal = new Set(expected.map((x) => x[4]));
    const lacking = [...new Set(folk.map((x) => x[4]).filter((t) => t.endsWith("K1") && !withTotal.has(t)))].map((t) => Number(t.slice(0, 4)));
    expect(ds.meta.missing.map((m) => m.what)).toEqual(lacking.length ? [`1. januar ${yearRuns(lacking)}`] : []);
  });

  it("single ages by sex: FOLK1A, and BY2 where FOLK1A lacks an area-year that BY2 has whole; absent ages reported per area and year", async () => {
    const ds = await populationAges(mirror);
    const { folk, by2, chosen: expectedCells, maxAge, asked } = singleAgesFromMirror();
    const k1Year = (t: string) => Number(t.slice(0, 4));
    const line = (c: { area: unknown; sex: unknown; age: unknown; year: unknown; value: unknown; table: unknown }) =>
      `${c.area}|${c.sex}|${c.age}|${c.year}|${c.value}|${c.table}`;
    const got = rows(ds)
      .map((x) => line({ area: x.area, sex: x.sex, age: x.age, year: x.year, value: x.population, table: x.table }))
      .sort();
    const want = expectedCells.map(line).sort();
    expect(got.length).toBe(want.length);
    const firstDiff = got.findIndex((g, i) => g !== want[i]);
    expect(firstDiff, `first differing row: got ${got[firstDiff]}, want ${want[firstDiff]}`).toBe(-1);
    expect(new Set(ds.columns.sex.values)).toEqual(new Set(["M", "K"]));
    // BY2 equals FOLK1A cell for cell on 1 January where both have the cell (the mirror's README says so; checked here)
    const folkValue = new Map(folk.map((c) => [`${c.area}|${c.year}|${c.sex}|${c.age}`, c.value]));
    const both = by2.filter((c) => folkValue.has(`${c.area}|${c.year}|${c.sex}|${c.age}`));
    expect(both.every((c) => folkValue.get(`${c.area}|${c.year}|${c.sex}|${c.age}`) === c.value)).toBe(true);

    // What is absent after BY2, computed from the files: in every area of FOLK1A's answer (IALT rows
    // count) × every year of either table, an age in 0…the highest age counts as absent when either
    // sex lacks it; area-years lacking the same ages in the same years make one part.
    const areas = [...new Set(asked.map((x) => x[0]))];
    const years = [...new Set([...asked.map((x) => k1Year(x[4])), ...by2.map((c) => c.year)])];
    const have = new Set(expectedCells.map((c) => `${c.area}|${c.year}|${c.sex}|${c.age}`));
    const lack = new Map<string, Map<string, number[]>>(); // absent ages ("" = all) -> area -> years
    for (const a of areas)
      for (const y of years) {
        const ages: number[] = [];
        for (let age = 0; age <= maxAge; age++) if (!have.has(`${a}|${y}|M|${age}`) || !have.has(`${a}|${y}|K|${age}`)) ages.push(age);
        if (ages.length === 0) continue;
        const key = ages.length === maxAge + 1 ? "" : ages.join(",");
        const byArea = lack.get(key) ?? new Map<string, number[]>();
        byArea.set(a, [...(byArea.get(a) ?? []), y]);
        lack.set(key, byArea);
      }
    const expected: string[] = [];
    for (const [key, byArea] of lack) {
      const byYears = new Map<string, string[]>();
      for (const [a, ys] of byArea) byYears.set(yearRuns(ys.sort((x, y) => x - y)), [...(byYears.get(yearRuns(ys)) ?? []), a]);
      for (const [yearText, as] of byYears) {
        as.sort((x, y) => Number(x) - Number(y));
        const where = `${as.length > 8 ? `${as.length} områder` : `OMRÅDE=${as.join(", ")}`}, 1. januar ${yearText}`;
        expected.push(
          key === ""
            ? JSON.stringify({ what: `enkeltår og køn for ${where}`, variable: "OMRÅDE", codes: as })
            : JSON.stringify({ what: `alder ${yearRuns(key.split(",").map(Number))} år for ${where}`, variable: "ALDER", codes: key.split(",") }),
        );
      }
    }
    // 1 January codes FOLK1A's file holds, but not for a single row of this request
    const answered = new Set(asked.map((x) => x[4]));
    const noRow = [
      ...new Set(
        raw("FOLK1A.csv")
          .map((x) => x[4])
          .filter((t) => t.endsWith("K1") && !answered.has(t)),
      ),
    ].sort();
    if (noRow.length) expected.push(JSON.stringify({ what: `1. januar ${yearRuns(noRow.map(k1Year))}`, variable: "TID", codes: noRow }));
    const gotMissing = ds.meta.missing.map((m) =>
      JSON.stringify({ what: m.what, variable: m.variable, codes: m.variable === "TID" ? [...m.codes!].sort() : m.codes }),
    );
    expect(gotMissing.sort()).toEqual(expected.sort());
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
