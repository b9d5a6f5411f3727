import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STATBANK_INDICATORS } from "../../loaders/goals.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { COUPLES, indicators } from "../../loaders/tables/indicators.ts";
import { yearRuns } from "../../loaders/tables/codes.ts";
import { fixturesDir, mirrorDir } from "../paths.ts";
import { singleAgesFromMirror } from "./singleAges.ts";
import { fixtureClient, mirrorClient, rows } from "../helpers.ts";

const raw = (file: string) =>
  readFileSync(join(mirrorDir, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));

describe("goal indicators on the shared mirror", async () => {
  const ds = await indicators(mirrorClient());
  const r = rows(ds);
  const get = (indicator: string, area: string, year: number) => r.find((x) => x.indicator === indicator && x.area === area && x.year === year)?.value;

  it("total population 1 January is FOLK1A's total", () => {
    const cell = raw("FOLK1A.csv").find((x) => x[0] === "260" && x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT" && x[4] === "2011K1")!;
    expect(get("population_total", "260", 2011)).toBe(Number(cell[5]));
  });

  it("families in and out: children 0–17 and adults 25–44 moving, summed from FLY66.csv", () => {
    const fly = raw("FLY66.csv").filter((x) => {
      const a = Number(x[2]);
      return a <= 17 || (a >= 25 && a <= 44);
    });
    const into = fly.filter((x) => x[0] === "260").reduce((s, x) => s + Number(x[5]), 0);
    const out = fly.filter((x) => x[1] === "260").reduce((s, x) => s + Number(x[5]), 0);
    expect(get("families_in", "260", 2024)).toBe(into);
    expect(get("families_out", "260", 2024)).toBe(out);
  });

  // The catalogue's age bands, by hand: 26–64, and 65 and over (to the oldest age the files have).
  it.each([
    ["population_26_64", 26, 64],
    ["population_65_plus", 65, null],
  ] as const)(
    "%s: computed where FOLK1A.csv (or BY2.csv in its place) has every single age of the band for both sexes, named missing elsewhere",
    (id, from, upTo) => {
      // by hand: single ages by sex on 1 January per municipality and year, FOLK1A or BY2 (test/loaders/singleAges.ts)
      const isMunicipality = (a: string) => /^\d{3}$/.test(a) && Number(a) >= 101 && a !== "411";
      const { chosen } = singleAgesFromMirror();
      const to = upTo ?? chosen.reduce((m: number, c) => Math.max(m, c.age), 0);
      const years = [...new Set(chosen.map((c) => c.year))];
      const areas = [...new Set(chosen.map((c) => c.area))].filter(isMunicipality);
      const cells = new Map<string, { sum: number; n: number }>();
      for (const c of chosen) {
        if (c.age < from || c.age > to) continue;
        const key = `${c.area}|${c.year}`;
        const prev = cells.get(key) ?? { sum: 0, n: 0 };
        cells.set(key, { sum: prev.sum + c.value, n: prev.n + 1 });
      }
      const complete: string[] = [];
      const incomplete = new Map<string, number[]>(); // area -> years
      for (const a of areas)
        for (const y of years) {
          const c = cells.get(`${a}|${y}`);
          if (c?.n === 2 * (to - from + 1)) complete.push(`${a}|${y}|${c.sum}`);
          else incomplete.set(a, [...(incomplete.get(a) ?? []), y]);
        }

      const computed = r.filter((x) => x.indicator === id).map((x) => `${x.area}|${x.year}|${x.value}`);
      expect(computed.sort()).toEqual(complete.sort());

      const parts = ds.meta.missing.filter((m) => m.indicator === id);
      if (complete.length === 0) {
        expect(parts.map((m) => [m.what, m.extent])).toEqual([[`indikatoren ${id}`, "all"]]);
        return;
      }
      if (incomplete.size === 0) {
        expect(parts).toEqual([]);
        return;
      }
      // one part names the others: its areas, and per area the years (detail "2008–2019 [ALDER=38]: 147, 400; …")
      expect(parts).toHaveLength(1);
      const [part] = parts;
      expect(part.what).toMatch(new RegExp(`^indikatoren ${id} for .+, 1\\. januar `));
      expect(part.extent).toBe("some");
      expect(part.what.endsWith(`1. januar ${yearRuns([...incomplete.values()].flat())}`)).toBe(true);
      expect(part.codes).toEqual([...incomplete.keys()].sort((a, b) => Number(a) - Number(b)));
      const stated = new Map<string, number[]>();
      for (const m of part.detail.matchAll(/([\d–, ]+) \[[^\]]+\]: ([\d, ]+)/g)) {
        const ys = m[1]
          .trim()
          .split(", ")
          .flatMap((run) => {
            const [from, to] = run.split("–").map(Number);
            return Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);
          });
        for (const a of m[2].split(", ")) stated.set(a, [...(stated.get(a) ?? []), ...ys].sort());
      }
      expect(Object.fromEntries(stated)).toEqual(Object.fromEntries([...incomplete].map(([a, ys]) => [a, ys.sort()])));
    },
  );
});

describe("couples_with_children: households with a couple and children (FAM55N), families (FAM44N) only without FAM55N", () => {
  it("from FAM55N: PAR + PA with at least one child, each value naming FAM55N", async () => {
    // by hand in test/loaders/families.test.ts (test/fixtures/fam55n/FAM55N.csv)
    const ds = await indicators(new StatbankClient(new MirrorTransport(join(fixturesDir, "fam55n"))), [COUPLES]);
    expect(rows(ds)).toEqual([
      { indicator: "couples_with_children", area: "101", year: 2025, value: 27310, source: "FAM55N" },
      { indicator: "couples_with_children", area: "260", year: 2011, value: 1651, source: "FAM55N" },
      { indicator: "couples_with_children", area: "260", year: 2025, value: 1670, source: "FAM55N" },
    ]);
    expect(ds.meta.sources.map((s) => s.table)).toEqual(["FAM55N"]);
  });

  it("from FAM44N where the source lacks FAM55N, each value naming FAM44N", async () => {
    // by hand in test/loaders/economy.test.ts (test/fixtures/mirror/FAM44N.csv)
    const ds = await indicators(fixtureClient(), [COUPLES]);
    expect(rows(ds)).toEqual([
      { indicator: "couples_with_children", area: "260", year: 2024, value: 1100, source: "FAM44N" },
      { indicator: "couples_with_children", area: "260", year: 2025, value: 390, source: "FAM44N" },
      { indicator: "couples_with_children", area: "270", year: 2025, value: 100, source: "FAM44N" },
    ]);
  });

  const mirrorHasNeither = !existsSync(join(mirrorDir, "FAM55N.csv")) && !existsSync(join(mirrorDir, "FAM44N.csv"));
  it.skipIf(!mirrorHasNeither)("on the shared mirror: no values, Data mangler under FAM55N naming both tables", async () => {
    const ds = await indicators(mirrorClient(), [COUPLES]);
    expect(ds.meta.rows).toBe(0);
    expect(ds.meta.missing).toHaveLength(1);
    expect(ds.meta.missing[0]).toMatchObject({ table: "FAM55N", what: "indikatoren couples_with_children" });
    expect(ds.meta.missing[0].detail).toMatch(/FAM55N.*FAM44N/);
  });

  it("the goal's label and source say households with a couple and children, FAM55N", () => {
    expect(STATBANK_INDICATORS.couples_with_children.label).toMatch(/^Husstande med et par og hjemmeboende børn/);
    expect(STATBANK_INDICATORS.couples_with_children.source).toBe("Danmarks Statistik, FAM55N");
  });
});

describe("disposable income against the whole country", () => {
  it("is 100 × the municipality's INDKP101 average / the country's (000) in the same year, by hand from the mirror", async () => {
    const { incomeIndex } = await import("../../loaders/tables/indicators.ts");
    // a hand-made check first: 250.000 kr. against 200.000 kr. in the country = 125,0
    const rowsByHand = [
      { area: "000", year: 2011, income_type: "disposable", kr: 200000 },
      { area: "260", year: 2011, income_type: "disposable", kr: 250000 },
      { area: "260", year: 2012, income_type: "disposable", kr: 1 }, // no country figure that year: no index
    ];
    expect(incomeIndex(rowsByHand).map((r) => [r.area, r.year, r.value])).toEqual([["260", 2011, 125]]);
    // then the mirror: Halsnæs 2011 from INDKP101.csv read by hand
    const lines = readFileSync(join(mirrorDir, "INDKP101.csv"), "utf8").trim().split("\n");
    const header = lines[0].split(";");
    const col = (name: string) => header.indexOf(name);
    const value = (area: string, year: string) => {
      const r = lines
        .slice(1)
        .map((l) => l.split(";"))
        .find((x) => x[col("OMRÅDE")] === area && x[col("TID")] === year && x[col("INDKOMSTTYPE")] === "100");
      return r ? Number(r[col("INDHOLD")]) : null;
    };
    const [k, c] = [value("260", "2011"), value("000", "2011")];
    if (k === null || c === null) return; // the mirror lacks one of them: nothing to compare
    const ds = await indicators(mirrorClient());
    const got = rows(ds).find((x) => x.indicator === "income_disposable_index" && x.area === "260" && x.year === 2011);
    expect(got?.value).toBe(Math.round((1000 * k) / c) / 10);
  });
});
