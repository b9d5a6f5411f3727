/**
 * Lignende kommuner on the mirror (loaders/peers.ts). The indicator values are worked out here
 * from the mirror's CSV files directly (FOLK1A.csv, INDKP101.csv, AFSTB4.csv, BY1.csv, FLY66.csv,
 * and the single ages of FOLK1A/BY2 through test/loaders/singleAges.ts), never through the
 * loader, and the loader's values, z-scores and distances are checked against them. Also: the
 * configuration file and its errors, every municipality has k peers or a stated reason, and a
 * source that lacks tables gives "Data mangler", not a failed build.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toArrowIPC } from "../../loaders/arrow.ts";
import { computePeers, parsePeerConfig, peerIndicators, peers, PeerConfigError } from "../../loaders/peers.ts";
import { StatbankClient } from "../../loaders/statbank/client.ts";
import { MirrorTransport } from "../../loaders/statbank/mirror.ts";
import { DEFAULT_PEER_CONFIG, type PeerIndicatorRow, type PeerRow } from "../../src/lib/peers.ts";
import { mirrorClient, rows } from "../helpers.ts";
import { mirrorDir, projectRoot } from "../paths.ts";
import { singleAgesFromMirror } from "./singleAges.ts";

const CONFIG = join(projectRoot, "data/lignende-kommuner.yaml");

const lines = (file: string) =>
  readFileSync(join(mirrorDir, file), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));
const num = (s: string) => Number(s.replace(",", "."));
const isMuni = (c: string) => /^\d{3}$/.test(c) && Number(c) >= 101 && c !== "411";

// ---------------------------------------------------------------------------------------------
// The mirror's figures, read by hand

/** FOLK1A totals (KØN TOT, ALDER IALT, CIVILSTAND TOT) on 1 January: area|year -> population. */
const folkTotals = new Map(
  lines("FOLK1A.csv")
    .filter((x) => x[1] === "TOT" && x[2] === "IALT" && x[3] === "TOT" && x[4].endsWith("K1"))
    .map((x) => [`${x[0]}|${x[4].slice(0, 4)}`, num(x[5])]),
);
const municipalities = [...new Set([...folkTotals.keys()].map((k) => k.split("|")[0]).filter(isMuni))].sort();

/** The latest year in which at least 90 % of the municipalities have a figure. */
function latestCovered(entries: Iterable<[string, number]>): number {
  const byYear = new Map<number, Set<string>>();
  for (const [area, year] of entries) if (isMuni(area)) byYear.set(year, (byYear.get(year) ?? new Set()).add(area));
  return Math.max(...[...byYear].filter(([, s]) => s.size >= 0.9 * municipalities.length).map(([y]) => y));
}

const income = lines("INDKP101.csv")
  .filter((x) => x[1] === "116" && x[2] === "MOK" && x[3] === "100")
  .map((x) => ({ area: x[0], year: Number(x[4]), value: num(x[5]) }));
const distance = lines("AFSTB4.csv")
  .filter((x) => x[1] === "02" && x[2] === "TOT")
  .map((x) => ({ area: x[0], year: Number(x[3]), value: num(x[4]) }));
const by1 = lines("BY1.csv").map((x) => ({ code: x[0], year: Number(x[1]), value: num(x[2]) }));
const fly66 = lines("FLY66.csv").map((x) => ({ to: x[0], from: x[1], age: Number(x[2]), year: Number(x[4]), value: num(x[5]) }));

describe("the configuration file data/lignende-kommuner.yaml", () => {
  it("is the default configuration: k 5, the latest year, the indicators and weights", () => {
    expect(parsePeerConfig(readFileSync(CONFIG, "utf8"), CONFIG)).toEqual(DEFAULT_PEER_CONFIG);
  });

  it("takes a fixed year and other weights", () => {
    const c = parsePeerConfig("k: 3\nreference_year: 2024\nindicators:\n  - id: folketal\n    weight: 2\n  - id: pendlingsafstand\n");
    expect(c).toEqual({
      ...DEFAULT_PEER_CONFIG,
      k: 3,
      referenceYear: 2024,
      indicators: [
        { id: "folketal", weight: 2 },
        { id: "pendlingsafstand", weight: 1 },
      ],
    });
  });

  it("names every problem with its line", () => {
    const text = [
      "k: 0",
      "reference_year: sidste",
      "farve: blå",
      "indicators:",
      "  - id: folketal",
      "    weight: 0",
      "  - id: andel_katte",
      "  - id: folketal",
      "    weight: 1",
      "  - id: folketal",
    ].join("\n");
    let error: PeerConfigError | undefined;
    try {
      parsePeerConfig(text, "lk.yaml");
    } catch (e) {
      error = e as PeerConfigError;
    }
    expect(error).toBeInstanceOf(PeerConfigError);
    expect(error!.problems).toEqual([
      "line 1: k must be a whole number from 1 to 20, got 0",
      'line 2: reference_year must be "latest" or a year such as 2024, got "sidste"',
      'line 3: unknown key "farve"; the file has k, reference_year, min_coverage, min_shared_weight, indicators',
      "line 5: indicator folketal: weight must be a number above 0, got 0 (leave the indicator out to not use it)",
      expect.stringMatching(/^line 7: unknown indicator "andel_katte"; known: folketal, andel_0_17, /),
      "line 10: indicator folketal is listed twice",
    ]);
    expect(error!.message).toMatch(/^lk\.yaml: 6 problems in the peer configuration\n {2}line 1: k must be/);
  });

  it("names a YAML syntax error with its line", () => {
    expect(() => parsePeerConfig("k: 5\nindicators: [\n", "lk.yaml")).toThrow(/lk\.yaml: 1 problem in the peer configuration\n {2}line \d/);
  });
});

describe("peers on the mirror", async () => {
  const client = mirrorClient();
  const c = await computePeers(client, CONFIG);
  const peerDs = await peers(client, CONFIG);
  const indDs = await peerIndicators(client, CONFIG);
  const peerRows = rows(peerDs) as unknown as PeerRow[];
  const indRows = rows(indDs) as unknown as PeerIndicatorRow[];
  const value = (area: string, id: string) => indRows.find((r) => r.area === area && r.indicator === id);

  it("has the 98 municipalities", () => {
    expect(municipalities).toHaveLength(98);
    expect(c.municipalities).toEqual(municipalities);
  });

  it("folketal: FOLK1A's total on 1 January of the latest year, for Halsnæs", () => {
    const year = latestCovered([...folkTotals.keys()].map((k) => [k.split("|")[0], Number(k.split("|")[1])]));
    expect(value("260", "folketal")).toMatchObject({ year, value: folkTotals.get(`260|${year}`), unit: "personer" });
  });

  it("disponibel_indkomst: INDKP101 (ENHED 116, KOEN MOK, INDKOMSTTYPE 100), and its z-score over the 98", () => {
    const year = latestCovered(income.map((r) => [r.area, r.year]));
    const xs = income.filter((r) => r.year === year && isMuni(r.area));
    expect(xs).toHaveLength(98);
    const mean = xs.reduce((t, r) => t + r.value, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((t, r) => t + (r.value - mean) ** 2, 0) / xs.length);
    for (const area of ["260", "420", "101"]) {
      const own = xs.find((r) => r.area === area)!.value;
      const row = value(area, "disponibel_indkomst")!;
      expect(row).toMatchObject({ year, value: own, unit: "kr." });
      expect(row.z).toBeCloseTo((own - mean) / sd, 10);
    }
  });

  it("pendlingsafstand: AFSTB4 (SOCIO 02, KØN TOT) in km", () => {
    const year = latestCovered(distance.map((r) => [r.area, r.year]));
    for (const area of ["260", "420"]) {
      expect(value(area, "pendlingsafstand")).toMatchObject({ year, value: distance.find((r) => r.area === area && r.year === year)!.value });
    }
  });

  it("andel_landdistrikter: BY1's KKK99999 over the municipality as a whole (KKK00KKK), in %", () => {
    const year = by1.reduce((m, r) => Math.max(m, r.year), 0);
    for (const area of ["260", "420", "101"]) {
      const rural = by1.find((r) => r.code === `${area}99999` && r.year === year)?.value ?? 0;
      const total = by1.find((r) => r.code === `${area}00${area}` && r.year === year)!.value;
      const row = value(area, "andel_landdistrikter")!;
      expect(row.year).toBe(year);
      expect(row.value).toBeCloseTo((100 * rural) / total, 10);
    }
  });

  it("netto_25_44: FLY66 in-movers minus out-movers aged 25–44 per 1,000 inhabitants (mean of 1 January this year and next)", () => {
    const year = fly66.reduce((m, r) => Math.max(m, r.year), 0);
    for (const area of ["260", "420"]) {
      const inn = fly66.filter((r) => r.to === area && r.from !== area && r.age >= 25 && r.age <= 44 && r.year === year).reduce((t, r) => t + r.value, 0);
      const out = fly66.filter((r) => r.from === area && r.to !== area && r.age >= 25 && r.age <= 44 && r.year === year).reduce((t, r) => t + r.value, 0);
      const p0 = folkTotals.get(`${area}|${year}`)!;
      const p1 = folkTotals.get(`${area}|${year + 1}`);
      const mean = p1 === undefined ? p0 : (p0 + p1) / 2;
      const row = value(area, "netto_25_44")!;
      expect(row.year).toBe(year);
      expect(row.value).toBeCloseTo((1000 * (inn - out)) / mean, 10);
    }
  });

  it("andel_20_29 and andel_65plus: single ages 20–29 and 65+ over all single ages, in the latest year every municipality has them whole", () => {
    const { chosen } = singleAgesFromMirror();
    const complete = new Map<string, Set<string>>();
    for (const cell of chosen)
      complete.set(`${cell.area}|${cell.year}`, (complete.get(`${cell.area}|${cell.year}`) ?? new Set()).add(`${cell.sex}|${cell.age}`));
    const whole = [...complete].filter(([, s]) => Array.from({ length: 100 }, (_, a) => s.has(`M|${a}`) && s.has(`K|${a}`)).every(Boolean));
    const year = latestCovered(whole.map(([k]) => [k.split("|")[0], Number(k.split("|")[1])]));
    for (const area of ["260", "420"]) {
      const cells = chosen.filter((x) => x.area === area && x.year === year);
      const total = cells.reduce((t, x) => t + x.value, 0);
      const young = cells.filter((x) => x.age >= 20 && x.age <= 29).reduce((t, x) => t + x.value, 0);
      const old = cells.filter((x) => x.age >= 65).reduce((t, x) => t + x.value, 0);
      expect(value(area, "andel_20_29")!.year).toBe(year);
      expect(value(area, "andel_20_29")!.value).toBeCloseTo((100 * young) / total, 10);
      expect(value(area, "andel_65plus")!.value).toBeCloseTo((100 * old) / total, 10);
    }
  });

  it("every municipality has k peers, or a reason named in the dataset's missing parts", () => {
    const k = DEFAULT_PEER_CONFIG.k;
    const explained = new Set(peerDs.meta.missing.flatMap((m) => (m.what.startsWith("lignende kommuner for ") ? (m.areas ?? []) : [])));
    for (const area of municipalities) {
      const own = peerRows.filter((r) => r.area === area);
      if (own.length !== k) expect(explained.has(area), `${area} has ${own.length} peers and no reason`).toBe(true);
      expect(own.map((r) => r.peer)).not.toContain(area);
      expect(own.map((r) => r.rank)).toEqual(own.map((_, i) => i + 1));
      for (let i = 1; i < own.length; i++) expect(own[i].distance).toBeGreaterThanOrEqual(own[i - 1].distance);
    }
  });

  it("a distance is the weighted Euclidean distance of the z-scores in peer_indicators", () => {
    for (const area of ["260", "420", "101"]) {
      for (const p of peerRows.filter((r) => r.area === area)) {
        const a = indRows.filter((r) => r.area === area);
        const b = new Map(indRows.filter((r) => r.area === p.peer).map((r) => [r.indicator, r]));
        const both = a.filter((r) => b.has(r.indicator));
        const total = new Set(indRows.map((r) => `${r.indicator}|${r.weight}`));
        const W = [...total].reduce((t, k) => t + Number(k.split("|")[1]), 0);
        const Wab = both.reduce((t, r) => t + r.weight, 0);
        const sum = both.reduce((t, r) => t + r.weight * (r.z - b.get(r.indicator)!.z) ** 2, 0);
        expect(p.indicators_used).toBe(both.length);
        expect(p.distance).toBeCloseTo(Math.sqrt((sum * W) / Wab), 10);
      }
    }
  });

  it("says where its numbers come from, and how they are computed", () => {
    expect(peerDs.meta).toMatchObject({ dataset: "peers", rows: peerRows.length });
    expect(indDs.meta).toMatchObject({ dataset: "peer_indicators", rows: indRows.length });
    // every indicator has figures for every municipality in this mirror; a partial one must say what is missing
    for (const meta of [peerDs.meta, indDs.meta]) expect(meta.status === "ok" ? meta.missing : ["partial"]).toEqual(meta.status === "ok" ? [] : [meta.status]);
    // the tables behind the indicators (BY2 only where FOLK1A lacks single ages)
    const tables = new Set(peerDs.meta.sources.map((s) => s.table));
    for (const t of ["AFSTB4", "BY1", "FLY66", "FOLK1A", "INDKP101"]) expect(tables.has(t), t).toBe(true);
    expect([...tables].every((t) => ["AFSTB4", "BY1", "BY2", "FLY66", "FOLK1A", "INDKP101"].includes(t))).toBe(true);
    expect(peerDs.meta.notes!.join("\n")).toMatch(/Hver kommune får de fem mest lignende kommuner/);
    expect(Object.keys(peerDs.meta.columns)).toEqual(["area", "peer", "rank", "distance", "indicators_used"]);
    expect(Object.keys(indDs.meta.columns)).toEqual(["area", "indicator", "label", "unit", "year", "value", "z", "weight"]);
    // both write as Arrow
    expect(toArrowIPC(peerDs.columns, peerDs.meta).byteLength).toBeGreaterThan(0);
    expect(toArrowIPC(indDs.columns, indDs.meta).byteLength).toBeGreaterThan(0);
  });
});

describe("a source that lacks tables: Data mangler, not a failed build", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  /** A mirror folder with the mirror's entries except `leaveOut` (symbolic links, nothing copied). */
  function mirrorWithout(leaveOut: string[]): StatbankClient {
    const dir = mkdtempSync(join(tmpdir(), "peers-mirror-"));
    dirs.push(dir);
    for (const f of readdirSync(mirrorDir)) if (!leaveOut.includes(f)) symlinkSync(join(mirrorDir, f), join(dir, f));
    return new StatbankClient(new MirrorTransport(dir));
  }

  it("without BY1: the two town indicators are left out and named; every municipality still has its peers over the rest", async () => {
    const client = mirrorWithout(["BY1.csv"]);
    const ds = await peers(client, CONFIG);
    expect(ds.meta.status).toBe("partial");
    const what = ds.meta.missing.map((m) => `${m.table}: ${m.what}`);
    expect(what).toEqual(expect.arrayContaining([expect.stringMatching(/^BY1: indikatoren «Andel i landdistrikter» er udeladt \(BY1: hele tabellen\)$/)]));
    expect(what).toEqual(expect.arrayContaining([expect.stringMatching(/^BY1: indikatoren «Andel i byer under 1\.000 indb\.» er udeladt/)]));
    const r = rows(ds) as unknown as PeerRow[];
    expect(new Set(r.map((x) => x.area)).size).toBe(98);
    expect(new Set(r.map((x) => x.indicators_used))).toEqual(new Set([DEFAULT_PEER_CONFIG.indicators.length - 2]));
    expect(ds.meta.sources.map((s) => s.table)).not.toContain("BY1");
  });

  it("without any table: an empty dataset with status missing that names the tables", async () => {
    const client = mirrorWithout(readdirSync(mirrorDir));
    for (const build of [peers, peerIndicators]) {
      const ds = await build(client, CONFIG);
      expect(ds.meta.rows).toBe(0);
      expect(ds.meta.status).toBe("missing");
      const tables = new Set(ds.meta.missing.map((m) => m.table));
      for (const t of ["FOLK1A", "FLY66", "INDKP101", "BY1", "AFSTB4"]) expect(tables.has(t), `${t} in ${[...tables].join(", ")}`).toBe(true);
    }
  });
});

describe("the loaders of one build share the peers (LOADER_SHARE_DIR, set by npm run build)", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = (prefix: string) => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  it("the first loader leaves its computation, the next reads it back equal instead of computing again; another source does not", async () => {
    const share = tmp("peers-share-");
    const env = { LOADER_SHARE_DIR: share, STATBANK_MIRROR: mirrorDir };
    const first = await computePeers(mirrorClient(), CONFIG, env);
    expect(readdirSync(share)).toEqual([expect.stringMatching(/^peers-[0-9a-f]{16}\.v8$/)]);
    expect(first.groups).toHaveLength(98);

    // a client on an empty mirror computes peers of nothing: what it returns comes from the share
    const empty = () => new StatbankClient(new MirrorTransport(tmp("peers-empty-")));
    const second = await computePeers(empty(), CONFIG, env);
    expect(second).toEqual(first);
    expect(second.table.z).toBeInstanceOf(Map);

    // another source, or no share: computed anew
    const other = await computePeers(empty(), CONFIG, { LOADER_SHARE_DIR: share, STATBANK_MIRROR: "/another/mirror" });
    expect(other.groups.every((g) => g.peers.length === 0)).toBe(true);
    expect((await computePeers(empty(), CONFIG, {})).groups.every((g) => g.peers.length === 0)).toBe(true);
    expect(readdirSync(share)).toHaveLength(2);
  });
});
