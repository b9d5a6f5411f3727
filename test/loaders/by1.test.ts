/**
 * BY1 (towns, villages and rural districts) as the page /lokalsamfund reads it: the special codes,
 * towns split by a municipal border, every municipality's parts against FOLK1A's 1 January total,
 * and the size classes, shares and ranks of src/lib/towns.ts. Expectations are computed here from
 * the mirror's files (BY1.csv, tableinfo/BY1.json, FOLK1A.csv), never typed in.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyTownCode, towns } from "../../loaders/tables/towns.ts";
import { by1CodeProblem, by1Codes } from "../../loaders/tables/by1Codes.ts";
import {
  localTowns,
  populationShares,
  sizeClassDistribution,
  sizeClassOf,
  sizeClassChanges,
  townsWithoutInhabitants,
  type TownRow,
} from "../../src/lib/towns.ts";
import { townChanges } from "../../src/components/townsTable.ts";
import { fixtureClient, mirrorClient, rows } from "../helpers.ts";
import { mirrorDir } from "../paths.ts";

const lines = (file: string) =>
  readFileSync(join(mirrorDir, file), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));
const by1File = lines("BY1.csv").map(([code, year, value]) => ({ code, year: Number(year), value: Number(value) }));
const info = JSON.parse(readFileSync(join(mirrorDir, "tableinfo", "BY1.json"), "utf8")) as {
  variables: { id: string; values: { id: string; text: string }[] }[];
};
const texts = new Map(info.variables.find((v) => v.id === "BYER")!.values.map((v) => [v.id, v.text]));
const municipalities = [...new Set(by1File.map((f) => f.code.slice(0, 3)))].filter((a) => a !== "000" && a !== "411");
const newest = Math.max(...by1File.map((f) => f.year));
const folk1a = new Map(
  lines("FOLK1A.csv")
    .filter((x) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT" && x[4] === `${newest}K1`)
    .map((x) => [x[0], Number(x[5])]),
);

describe("BY1 on the mirror: special codes and totals", async () => {
  const ds = await towns(mirrorClient());
  const r = rows(ds) as unknown as TownRow[];

  it("has all 98 municipalities, in the newest year (2026 or later)", () => {
    expect(municipalities.length).toBe(98);
    expect(newest).toBeGreaterThanOrEqual(2026);
    expect(new Set(r.filter((x) => x.year === newest).map((x) => x.area)).size).toBeGreaterThanOrEqual(98);
  });

  it("KKK00KKK is the municipality as a whole: not a row, and equal to the sum of the municipality's rows", () => {
    expect(classifyTownCode("42000420")).toEqual({ area: "420", kind: "kommune i alt" });
    for (const area of municipalities) {
      const total = by1File.find((f) => f.code === `${area}00${area}` && f.year === newest);
      expect(total, `BY1.csv has ${area}00${area}`).toBeDefined();
      expect(r.some((x) => x.town_code === `${area}00${area}`)).toBe(false);
      const sum = r.filter((x) => x.area === area && x.year === newest).reduce((s, x) => s + x.population, 0);
      expect(sum, `BY1 ${area}: parts vs ${area}00${area}`).toBe(total!.value);
    }
  });

  it("the parts of every municipality add up to FOLK1A's 1 January total of the same year", () => {
    expect(folk1a.size).toBeGreaterThanOrEqual(98);
    for (const area of municipalities) {
      const sum = r.filter((x) => x.area === area && x.year === newest).reduce((s, x) => s + x.population, 0);
      expect(sum, `BY1 ${area} ${newest} vs FOLK1A ${area} ${newest}K1`).toBe(folk1a.get(area));
    }
    // and the country, where FOLK1A has it for the year: every area's rows together (Christiansø included)
    if (folk1a.has("000")) expect(r.filter((x) => x.year === newest).reduce((s, x) => s + x.population, 0)).toBe(folk1a.get("000"));
  });

  it("KKK01100 is the municipality's part of Hovedstadsområdet: a town of its own, the parts adding up to 00001100", () => {
    const parts = by1File.filter((f) => f.code.slice(3) === "01100" && !f.code.startsWith("000") && f.year === newest);
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.reduce((s, f) => s + f.value, 0)).toBe(by1File.find((f) => f.code === "00001100" && f.year === newest)!.value);
    for (const p of parts) expect(r.find((x) => x.town_code === p.code && x.year === newest)).toMatchObject({ kind: "by", population: p.value });
    // on the page: the capital part, ranked, sized by the whole capital area
    const kbh = localTowns(r, "101", newest, null).find((t) => t.town_code === "10101100")!;
    expect(kbh).toMatchObject({
      capitalPart: true,
      rank: 1,
      sizeClass: "20000+",
      wholePopulation: by1File.find((f) => f.code === "00001100" && f.year === newest)!.value,
    });
  });

  it("KKK99999 (rural districts) and KKK99997 (no fixed address) are rows of their own", () => {
    for (const area of ["420", "260"]) {
      for (const [suffix, kind] of [
        ["99999", "landdistrikt"],
        ["99997", "uden fast bopæl"],
      ] as const) {
        const f = by1File.find((x) => x.code === `${area}${suffix}` && x.year === newest)!;
        expect(r.find((x) => x.town_code === `${area}${suffix}` && x.year === newest)).toMatchObject({ kind, population: f.value });
        const t = localTowns(r, area, newest, null).find((x) => x.town_code === `${area}${suffix}`)!;
        expect(t).toMatchObject({ kind, rank: null, population: f.value });
      }
    }
  });

  it("a town split by a municipal border: one row per municipality, its size class that of the whole town", () => {
    const byNumber = new Map<string, { code: string; value: number }[]>();
    for (const f of by1File) {
      const { kind } = classifyTownCode(f.code);
      if (kind !== "by" || f.year !== newest || f.code.slice(3) === "01100") continue;
      byNumber.set(f.code.slice(3), [...(byNumber.get(f.code.slice(3)) ?? []), f]);
    }
    const split = [...byNumber.entries()].filter(([, parts]) => parts.length > 1);
    expect(split.length).toBeGreaterThan(5);
    for (const [, parts] of split) {
      const whole = parts.reduce((s, p) => s + p.value, 0);
      for (const p of parts) {
        const area = p.code.slice(0, 3);
        const t = localTowns(r, area, newest, null).find((x) => x.town_code === p.code)!;
        expect(t.population).toBe(p.value);
        expect(t.wholePopulation).toBe(whole);
        expect(t.sharedWith).toEqual(
          parts
            .map((q) => q.code.slice(0, 3))
            .filter((a) => a !== area)
            .sort(),
        );
        if (whole > 0) expect(t.sizeClass).toBe(sizeClassOf(whole));
        expect(t.name).not.toMatch(/del af/);
      }
    }
    // Skallebølle in Assens, as the mirror has it
    const skallebolle = split.find(([n]) => n === "10511");
    if (skallebolle) expect(texts.get("42010511")).toMatch(/Skallebølle \(del af flere kommuner\)/);
  });

  it("ranks the towns by population; towns with 0 inhabitants are kept (unranked) and named", () => {
    const assens = localTowns(r, "420", newest, null);
    const towns420 = by1File
      .filter((f) => f.code.startsWith("420") && f.year === newest && classifyTownCode(f.code).kind === "by")
      .sort((a, b) => b.value - a.value);
    const ranked = assens.filter((t) => t.rank !== null);
    expect(ranked.map((t) => t.town_code)).toEqual(towns420.filter((f) => f.value > 0).map((f) => f.code));
    expect(ranked.map((t) => t.rank)).toEqual(ranked.map((_, i) => i + 1));
    expect(
      townsWithoutInhabitants(assens)
        .map((t) => t.town_code)
        .sort(),
    ).toEqual(
      towns420
        .filter((f) => f.value === 0)
        .map((f) => f.code)
        .sort(),
    );
    expect(assens.length).toBe(by1File.filter((f) => f.code.startsWith("420") && f.year === newest && !f.code.endsWith("00420")).length);
  });

  it("urban areas of one municipality with the same name (Melby twice in Halsnæs) get labels that tell every row apart", () => {
    // The repeated names are found here from BY1.csv and the tableinfo's texts, not from the loader.
    const plain = (code: string) =>
      texts
        .get(code)!
        .replace(/^\d{3}-\d{5}\s+/, "")
        .replace(/\s*\(del af [^)]*\)\s*$/, "")
        .trim()
        .toLowerCase();
    const isTown = (code: string) => !code.startsWith("000") && !/^(99999|99997|00\d{3})$/.test(code.slice(3));
    const byName = new Map<string, { code: string; value: number }[]>();
    for (const f of by1File.filter((x) => x.year === newest && isTown(x.code))) {
      const key = `${f.code.slice(0, 3)}|${plain(f.code)}`;
      byName.set(key, [...(byName.get(key) ?? []), f]);
    }
    const repeated = [...byName.values()].filter((places) => places.length > 1);
    expect(repeated.length, "BY1 has a municipality with two urban areas of one name").toBeGreaterThan(0);
    expect(repeated.some((places) => places.some((p) => p.value === 0) && places.some((p) => p.value > 0))).toBe(true);
    for (const places of repeated) {
      const area = places[0].code.slice(0, 3);
      const list = localTowns(r, area, newest, null);
      for (const p of places) {
        const t = list.find((x) => x.town_code === p.code)!;
        expect(t.label, `${p.code} in ${area}`).toContain(`BY1-kode ${p.code}`);
        expect(t.shortLabel).toBe(`${t.name} (BY1-kode ${p.code})`);
        // what a 0 means, in Danish, on the 0-inhabitant one only
        if (p.value === 0) expect(t.label).toMatch(/ – 0 indbyggere: under 200 \(tælles i landdistrikterne\) eller vokset sammen med en anden by$/);
        else expect(t.label).toBe(t.shortLabel);
      }
      // the same on /befolkning's table of towns
      const changes = townChanges(
        r.filter((x) => x.area === area),
        newest,
        newest,
      ).map((c) => c.town);
      expect(new Set(changes).size, `/befolkning rows in ${area}`).toBe(changes.length);
    }
    // every municipality: no two rows share a label; a name that stands once is left as it is
    for (const area of municipalities) {
      const list = localTowns(r, area, newest, null);
      expect(new Set(list.map((t) => t.label)).size, `labels in ${area}`).toBe(list.length);
      expect(new Set(list.map((t) => t.shortLabel)).size, `short labels in ${area}`).toBe(list.length);
      for (const t of list) if (t.kind === "by" && byName.get(`${area}|${plain(t.town_code)}`)!.length === 1) expect(t.label).toBe(t.name);
    }
    expect(localTowns(r, "260", newest, null).find((t) => t.kind === "landdistrikt")!.label).toBe("Landdistrikter");
  });

  it("shares and size classes add up to the population of the municipality, region and country", () => {
    for (const areas of [new Set(["420"]), new Set(["410", "420", "430", "440", "450", "461", "479", "480", "482", "492"]), null]) {
      const total = r.filter((x) => x.year === newest && (!areas || areas.has(x.area))).reduce((s, x) => s + x.population, 0);
      const dist = sizeClassDistribution(r, areas, newest);
      expect(dist.reduce((s, d) => s + d.population, 0)).toBe(total);
      expect(dist.reduce((s, d) => s + (d.share ?? 0), 0)).toBeCloseTo(1, 9);
      const shares = populationShares(r, areas, newest);
      expect(shares.total).toBe(total);
      expect(shares.rural).toBe(
        r.filter((x) => x.year === newest && x.kind === "landdistrikt" && (!areas || areas.has(x.area))).reduce((s, x) => s + x.population, 0),
      );
      expect(shares.smallTowns).toBe(dist.filter((d) => d.sizeClass === "200-499" || d.sizeClass === "500-999").reduce((s, d) => s + d.population, 0));
    }
    // the whole country counts each town once, split or not
    const national = sizeClassDistribution(r, null, newest);
    const numbers = new Set(r.filter((x) => x.year === newest && x.kind === "by" && x.population > 0).map((x) => x.town_code.slice(3)));
    expect(national.reduce((s, d) => s + (d.towns ?? 0), 0)).toBe(numbers.size);
  });
});

describe("size classes and change on the fixture (2011 and 2026)", async () => {
  const r = rows(await towns(fixtureClient())) as unknown as TownRow[];

  it("size class boundaries", () => {
    expect([0, 199, 200, 499, 500, 999, 1000, 4999, 5000, 19999, 20000].map(sizeClassOf)).toEqual([
      "landdistrikt",
      "landdistrikt",
      "200-499",
      "200-499",
      "500-999",
      "500-999",
      "1000-4999",
      "1000-4999",
      "5000-19999",
      "5000-19999",
      "20000+",
    ]);
  });

  it("change since the base year per town, by hand from test/fixtures/mirror/BY1.csv", () => {
    const t = localTowns(r, "260", 2026, 2011);
    const fv = t.find((x) => x.name === "Frederiksværk")!;
    expect(fv).toMatchObject({ base: 30 + 20, population: 33 + 27, change: 10, rank: 1 });
    expect(fv.ratio).toBeCloseTo(10 / 50, 12);
    expect(t.find((x) => x.name === "Hundested")).toMatchObject({ base: 20, population: 19, change: -1, rank: 2 });
    expect(t.find((x) => x.kind === "landdistrikt")).toMatchObject({ base: 30, population: 40, change: 10 });
    // no fixed address has no 2011 row: no change
    expect(t.find((x) => x.kind === "uden fast bopæl")).toMatchObject({ base: null, change: null, population: 1 });
    const changes = sizeClassChanges(r, null, 2011, 2026);
    // the fixture's towns have fewer than 200 inhabitants, so they count with the rural district (30 + 50 + 20, 40 + 60 + 19)
    expect(changes.find((c) => c.sizeClass === "landdistrikt")).toMatchObject({ base: 100, latest: 119, change: 19 });
  });

  it("a town in the base year that is gone from the newest year is kept with 0", () => {
    const gone: TownRow[] = [...r, { area: "260", town_code: "26012345", town: "Lilleby", kind: "by", year: 2011, population: 210 }];
    expect(localTowns(gone, "260", 2026, 2011).find((x) => x.town_code === "26012345")).toMatchObject({ population: 0, base: 210, change: -210, rank: null });
  });
});

describe("BY1 codes in the municipality's own files", async () => {
  const codes = by1Codes(await towns(mirrorClient()));
  it("names unknown codes, another municipality's codes, totals and the rural district", () => {
    expect(by1CodeProblem("42010570", "420", codes)).toBeNull();
    expect(by1CodeProblem("42019998", "420", codes)).toMatch(/^unknown BY1 code 42019998/);
    expect(by1CodeProblem("4201057", "420", codes)).toMatch(/is not a BY1 code \(8 digits/);
    expect(by1CodeProblem("41010519", "420", codes)).toMatch(
      /^BY1 code 41010519 \(Gelsted.*\) belongs to municipality 410, not 420; the town is split by the border: the part in 420 is 42010519/,
    );
    expect(by1CodeProblem("42000420", "420", codes)).toMatch(/is a total/);
    expect(by1CodeProblem("42099999", "420", codes)).toMatch(/Landdistrikter, not an urban area; write landdistrikt/);
    expect(by1CodeProblem("42099999", "420", codes, ["landdistrikt"])).toBeNull();
  });
});
