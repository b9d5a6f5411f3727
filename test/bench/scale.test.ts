/**
 * The synthetic full-shape mirror of scripts/bench/scale.ts, at a small scale (the most recent
 * tenth of every table's periods), read back from its files independently of the generator, and
 * then through the project's own mirror client and loaders.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFromEnv } from "../../loaders/statbank/client.ts";
import { flowPairs } from "../../loaders/tables/flows.ts";
import { movements } from "../../loaders/tables/movements.ts";
import { populationAges } from "../../loaders/tables/population.ts";
import { generateScaledMirror, type ScaleSummary } from "../../scripts/bench/scale.ts";
import { mirrorDir, projectRoot } from "../paths.ts";

/** A BULK/CSV file as header and rows of fields, read here without the generator or the loaders. */
function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8").split("\n");
  expect(lines.at(-1)).toBe(""); // ends with a newline
  lines.pop();
  return { header: lines[0].split(";"), rows: lines.slice(1).map((l) => l.split(";")) };
}

function column(t: { header: string[]; rows: string[][] }, name: string): (r: string[]) => string {
  const i = t.header.indexOf(name);
  expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
  return (r) => r[i];
}

/** The real FOLK1A tableinfo's OMRÅDE codes: 000, the regions, the 98 municipalities and 411. */
const realAreas: string[] = (
  JSON.parse(readFileSync(join(mirrorDir, "tableinfo/FOLK1A.json"), "utf8")) as { variables: { id: string; values: { id: string }[] }[] }
).variables
  .find((v) => v.id === "OMRÅDE")!
  .values.map((v) => v.id);
const municipalities = realAreas.filter((a) => Number(a) >= 101 && a !== "411");

let out: string;
let outOneYear: string;
let summary: ScaleSummary;
let manifest: {
  synthetic?: boolean;
  synthetic_note?: string;
  format?: { zero_rows?: string };
  tables: { id: string; title: string; file: string; sha256: string; rows: number; periods: string[] }[];
};

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "synthetic-mirror-"));
  outOneYear = mkdtempSync(join(tmpdir(), "synthetic-mirror-"));
  summary = await generateScaledMirror({ source: mirrorDir, out, scale: 0.1, seed: 7 });
  manifest = JSON.parse(readFileSync(join(out, "MANIFEST.json"), "utf8"));
}, 30_000);

afterAll(() => {
  for (const dir of [out, outOneYear]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("synthetic mirror (scripts/bench/scale.ts) at scale 0.1", () => {
  it("says it is synthetic: MANIFEST, every title, the tableinfo titles and the README", () => {
    expect(manifest.synthetic).toBe(true);
    expect(manifest.synthetic_note).toContain("Syntetiske data til ydelsesmåling – ikke Danmarks Statistiks tal");
    expect(manifest.synthetic_note).toContain("not Statistics Denmark's figures");
    expect(manifest.tables.length).toBeGreaterThanOrEqual(8);
    for (const t of manifest.tables) expect(t.title, t.id).toMatch(/^SYNTETISK: /);
    const info = JSON.parse(readFileSync(join(out, "tableinfo/FOLK1A.json"), "utf8")) as { text: string };
    expect(info.text).toMatch(/^SYNTETISK: /);
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme).toContain("Syntetiske data til ydelsesmåling – ikke Danmarks Statistiks tal");
    expect(readme).toContain("not Statistics Denmark's figures");
  });

  it("MANIFEST's rows and sha256 match every file, and the summary matches MANIFEST", () => {
    for (const t of manifest.tables) {
      const bytes = readFileSync(join(out, t.file));
      expect(createHash("sha256").update(bytes).digest("hex"), t.file).toBe(t.sha256);
      const lines = bytes
        .toString("utf8")
        .split("\n")
        .filter((l) => l !== "");
      expect(lines.length - 1, t.file).toBe(t.rows);
      const s = summary.tables.find((x) => x.id === t.id)!;
      expect(s.generated).toEqual({ rows: t.rows, bytes: bytes.length });
    }
    expect(summary.total.rows).toBe(manifest.tables.reduce((sum, t) => sum + t.rows, 0));
  });

  it("keeps the most recent tenth of the periods: FOLK1A 2025K1–2026K1, FLY66 2023–2024", () => {
    const periods = (id: string) => manifest.tables.find((t) => t.id === id)!.periods;
    expect(periods("FOLK1A")).toEqual(["2025K1", "2026K1"]);
    expect(periods("FLY66")).toEqual(["2023", "2024"]);
  });

  it("FOLK1A has every area of the real code list with single ages 0–125 by sex in every year, adding up to the totals", () => {
    const t = readCsv(join(out, "FOLK1A.csv"));
    const [area, sex, age, civil, tid, value] = ["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"].map((c) => column(t, c));
    const years = [...new Set(t.rows.map(tid))];
    expect(years.length).toBeGreaterThan(0);
    const cells = new Map<string, number>();
    for (const r of t.rows) {
      expect(civil(r)).toBe("TOT");
      cells.set(`${area(r)}|${sex(r)}|${age(r)}|${tid(r)}`, Number(value(r)));
    }
    for (const y of years) {
      const absent: string[] = [];
      const wrongSum: string[] = [];
      for (const a of realAreas) {
        let sum = 0;
        for (const s of ["1", "2"]) {
          for (let x = 0; x <= 125; x++) {
            const v = cells.get(`${a}|${s}|${x}|${y}`);
            if (v === undefined) absent.push(`${a} KØN ${s} ALDER ${x} ${y}`);
            else sum += v;
          }
        }
        if (sum !== cells.get(`${a}|TOT|IALT|${y}`)) wrongSum.push(`${a} ${y}`);
      }
      expect(absent.slice(0, 5)).toEqual([]);
      expect(wrongSum).toEqual([]);
      const kommuner = realAreas.filter((a) => Number(a) >= 101);
      expect(kommuner.reduce((s, a) => s + cells.get(`${a}|TOT|IALT|${y}`)!, 0)).toBe(cells.get(`000|TOT|IALT|${y}`));
    }
  });

  it("FLY66: in-movers add up to out-movers in every year, no zero rows, no move within a municipality", () => {
    const t = readCsv(join(out, "FLY66.csv"));
    const [to, from, age, sex, tid, value] = ["TILKOMMUNE", "FRAKOMMUNE", "ALDER", "KØN", "TID", "INDHOLD"].map((c) => column(t, c));
    const byTo = new Map<string, number>();
    const byFrom = new Map<string, number>();
    const bad: string[] = []; // checked without an expect per row: there are some 280,000
    for (const r of t.rows) {
      const v = Number(value(r));
      if (!(v > 0) || to(r) === from(r) || !/^\d{1,3}$/.test(age(r)) || (sex(r) !== "M" && sex(r) !== "K")) bad.push(r.join(";"));
      byTo.set(`${tid(r)}|${to(r)}`, (byTo.get(`${tid(r)}|${to(r)}`) ?? 0) + v);
      byFrom.set(`${tid(r)}|${from(r)}`, (byFrom.get(`${tid(r)}|${from(r)}`) ?? 0) + v);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    const years = [...new Set(t.rows.map(tid))];
    expect(years).toEqual(["2023", "2024"]);
    for (const y of years) {
      const sumOf = (m: Map<string, number>) => [...m].filter(([k]) => k.startsWith(`${y}|`)).reduce((s, [, v]) => s + v, 0);
      expect(sumOf(byTo)).toBe(sumOf(byFrom));
      expect(sumOf(byTo)).toBeGreaterThan(250_000); // the real 2024 has 321,396 moves
      for (const m of municipalities) {
        expect(byTo.get(`${y}|${m}`), `${m} in ${y}`).toBeGreaterThan(0);
        expect(byFrom.get(`${y}|${m}`), `${m} out ${y}`).toBeGreaterThan(0);
      }
    }
  });

  it("BEV107 adds up (B11 = B02 − B03 + B05 − B06 + B08AA − B09BA + B12), and B05 is FLY66's in-movers", () => {
    const t = readCsv(join(out, "BEV107.csv"));
    const [area, bev, sex, tid, value] = ["OMRÅDE", "BEVÆGELSE", "KØN", "TID", "INDHOLD"].map((c) => column(t, c));
    const v = new Map(t.rows.map((r) => [`${area(r)}|${bev(r)}|${sex(r)}|${tid(r)}`, Number(value(r))]));
    const years = [...new Set(t.rows.map(tid))];
    for (const y of years) {
      for (const a of realAreas) {
        for (const s of ["M", "K"]) {
          const g = (c: string) => v.get(`${a}|${c}|${s}|${y}`)!;
          expect(g("B11"), `${a} ${s} ${y}`).toBe(g("B02") - g("B03") + g("B05") - g("B06") + g("B08AA") - g("B09BA") + g("B12"));
        }
      }
    }
    const fly = readCsv(join(out, "FLY66.csv"));
    const into = new Map<string, number>();
    for (const r of fly.rows) into.set(`${r[0]}|${r[3]}|${r[4]}`, (into.get(`${r[0]}|${r[3]}|${r[4]}`) ?? 0) + Number(r[5]));
    for (const m of municipalities) expect(v.get(`${m}|B05|K|2024`)).toBe(into.get(`${m}|K|2024`));
  });

  it("a cell does not depend on the scale: FLY66 2024 is the same at scale 0.05 (one year)", async () => {
    await generateScaledMirror({ source: mirrorDir, out: outOneYear, scale: 0.05, seed: 7 });
    const one = readFileSync(join(outOneYear, "FLY66.csv"), "utf8");
    const both = readFileSync(join(out, "FLY66.csv"), "utf8");
    const rows2024 = (text: string) => text.split("\n").filter((l) => l.includes(";2024;"));
    expect(rows2024(one).length).toBeGreaterThan(100_000);
    expect(rows2024(one)).toEqual(rows2024(both));
  });

  it("refuses scale 1 (the real mirror) and a folder inside the repository", async () => {
    await expect(generateScaledMirror({ source: mirrorDir, out: join(tmpdir(), "never-written"), scale: 1 })).rejects.toThrow(/scale/);
    await expect(generateScaledMirror({ source: mirrorDir, out: join(projectRoot, "synthetic-mirror"), scale: 0.1 })).rejects.toThrow(/inside the repository/);
  });

  it("the project's mirror client reads it, and real loaders give rows for all 98 municipalities", async () => {
    const client = clientFromEnv({ STATBANK_MIRROR: out });
    expect(client.source.kind).toBe("mirror");
    const pairs = await flowPairs(client);
    expect(pairs.meta.status).toBe("ok");
    expect(pairs.meta.sources[0].title).toMatch(/^SYNTETISK: /);
    const pairAreas = new Set(pairs.columns.area.values as string[]);
    for (const m of municipalities) expect(pairAreas.has(m), `flow_pairs ${m}`).toBe(true);
    expect(new Set(pairs.columns.year.values)).toEqual(new Set([2023, 2024]));

    const ages = await populationAges(client);
    expect(ages.meta.status).toBe("ok");
    expect(ages.meta.missing).toEqual([]);
    const ageAreas = new Set(ages.columns.area.values as string[]);
    for (const m of municipalities) expect(ageAreas.has(m), `population_ages ${m}`).toBe(true);
    expect(new Set(ages.columns.table.values)).toEqual(new Set(["FOLK1A"]));

    const moves = await movements(client);
    expect(moves.meta.status).toBe("ok");
    expect(moves.meta.missing).toEqual([]);
  }, 30_000);
});
