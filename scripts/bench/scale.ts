/**
 * A synthetic StatBank mirror at the full shape a live build fetches, for the benchmark ONLY.
 *
 * The project's real mirror (../shared/statbank, copied to snapshot/statbank) is partial: FLY66 has
 * one year, FOLK1A has single ages for few areas and years, BY1 only 2026, BEV107 ten
 * municipalities. A live build fetches far more, so a build on the real mirror says little about
 * how the loaders, the Arrow files and the pages behave at full size. This script writes, into a
 * temporary folder outside the repository, a mirror in exactly the real format (BULK/Code CSV
 * files, MANIFEST.json with rows and sha256, tableinfo/) in which every table the loaders read
 * from the real mirror has every area, period and age the live table has, with values derived
 * from the real data's shapes (a real municipality's single-age profile scaled to its real total,
 * the real year of flows perturbed for every year, …) by a seeded, counter-based PRNG, so the same
 * seed always gives the same bytes and a cell does not depend on which years are written.
 *
 * The numbers are NOT Statistics Denmark's: MANIFEST.json says `"synthetic": true`, its README says
 * so in Danish and English, and every title starts with "SYNTETISK: ". The output is never shown
 * as data, never published and never committed; it is written to a temporary folder only (the
 * script refuses a folder inside the repository).
 *
 *   npx tsx scripts/bench/scale.ts --scale full --out /tmp/statbank-full [--source ../shared/statbank] [--seed 1] [--json]
 *   npx tsx scripts/bench/scale.ts --scale 0.5 --out /tmp/statbank-half
 *
 * `--scale full` is the full shape; a number 0 < s < 1 keeps, of every table with a time
 * dimension, the most recent ceil(s × n) of its n periods (all areas), so the bench can measure
 * growth at several points. Scale 1 is the real mirror itself and is not generated.
 *
 * Longer than 400 lines because it is one generator with one model: the tables share the
 * population model (FOLK1A → BY2, BY1, BEV107, PEND100, FRKM126) and the flows (FLY66 → BEV107,
 * PEND100), and each table's derivation is short.
 */
import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, type WriteStream } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface ScaleOptions {
  /** The real mirror folder to derive from (default ../shared/statbank, else snapshot/statbank). */
  source: string;
  /** The folder to write; must be outside the repository; an earlier synthetic mirror there is replaced. */
  out: string;
  /** "full", or 0 < s < 1: the most recent fraction s of every table's periods. */
  scale: "full" | number;
  seed?: number;
}

export interface TableScale {
  id: string;
  file: string;
  periods: { first: string; last: string; count: number };
  /** The same table in the real mirror (null when the real mirror lacks it). */
  source: { rows: number; bytes: number } | null;
  generated: { rows: number; bytes: number };
  seconds: number;
  method: string;
}

export interface ScaleSummary {
  scale: "full" | number;
  seed: number;
  source: string;
  out: string;
  tables: TableScale[];
  total: { sourceRows: number; sourceBytes: number; rows: number; bytes: number };
  seconds: number;
}

export const SYNTHETIC_NOTE =
  "Syntetiske data til ydelsesmåling – ikke Danmarks Statistiks tal. / Synthetic data for performance measurement – not Statistics Denmark's figures.";
export const TITLE_PREFIX = "SYNTETISK: ";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The default source: ../shared/statbank beside the project, else the project's own snapshot of it. */
export function defaultSource(): string {
  const shared = resolve(projectRoot, "../shared/statbank");
  return existsSync(join(shared, "MANIFEST.json")) ? shared : resolve(projectRoot, "snapshot/statbank");
}

// Periods of the live tables ------------------------------------------------------------------
// From the tableinfo in the source where there is one (FOLK1A, INDKP101, FRKM126); otherwise from
// ../shared/research/statbank-api-notes.md §2 (FLY66 2006–2024, BEV107 2006–2024, PEND100
// 2008–2023, BY1 2010–2025) and the real files (BY1 2026, AFSTB4 2008–2024). BY2 is assumed to
// have BY1's years (same urban-area statistics; the real BY2.csv's 2010–2019 is a part of them).
const FLY66_YEARS = range(2006, 2024);
const BEV107_YEARS = range(2006, 2024);
const PEND100_YEARS = range(2008, 2023);
const BY_YEARS = range(2010, 2026);

// Counter-based PRNG ---------------------------------------------------------------------------
// murmur3's mixing over the seed and a cell's key: a cell's number depends only on (seed, key).

const TABLE_KEY = { FOLK1A: 1, FLY66: 2, BEV107: 3, PEND100: 4, BY1: 5, INDKP101: 6, AFSTB4: 7, FRKM126: 8 } as const;

function mix(h: number, k: number): number {
  k = Math.imul(k | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** A uniform number in [0, 1) for the seed and up to six integer keys. */
function rand(seed: number, a: number, b = 0, c = 0, d = 0, e = 0, f = 0): number {
  let h = mix(mix(mix(mix(mix(mix(mix(seed, a), b), c), d), e), f), 0x5bd1e995);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** x rounded up or down at random, with mean x (small counts keep their expected value). */
function sround(x: number, u: number): number {
  return x <= 0 ? 0 : Math.floor(x + u);
}

/** Whole numbers proportional to `weights` that add up to `total` exactly (largest remainder). */
export function allocate(weights: ArrayLike<number>, total: number): Int32Array {
  const n = weights.length;
  const out = new Int32Array(n);
  if (total <= 0 || n === 0) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  const rem = new Float64Array(n);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const x = sum > 0 ? (weights[i] * total) / sum : total / n;
    const f = Math.floor(x);
    out[i] = f;
    rem[i] = x - f;
    assigned += f;
  }
  let left = total - assigned;
  if (left > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rem[b] - rem[a] || a - b);
    for (let j = 0; left > 0; j = (j + 1) % n, left--) out[order[j]]++;
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

// Reading the real mirror ----------------------------------------------------------------------

/** Calls `row` with the fields of every data line of a BULK/CSV file (header by name via `col`). */
function eachRow(path: string, row: (fields: string[], col: (name: string) => number) => void): void {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(";");
  const col = (name: string) => {
    const i = header.findIndex((h) => h.toUpperCase() === name.toUpperCase());
    if (i < 0) throw new Error(`${path}: no column ${name} (header ${header.join(";")})`);
    return i;
  };
  for (let i = 1; i < lines.length; i++) if (lines[i] !== "") row(lines[i].split(";"), col);
}

interface SourceManifestTable {
  id: string;
  title?: string;
  unit?: string;
  file?: string;
  rows?: number;
  [key: string]: unknown;
}

interface SourceManifest {
  generated?: string;
  format?: Record<string, unknown> & { zero_rows?: string };
  tables?: SourceManifestTable[];
}

interface TableInfoJson {
  id: string;
  text: string;
  unit?: string;
  variables: { id: string; time?: boolean; values: { id: string; text: string }[] }[];
}

// Writing --------------------------------------------------------------------------------------

/** A table file written in chunks: rows, bytes and sha256 as it goes; never the whole text in memory. */
class TableWriter {
  rows = 0;
  bytes = 0;
  private readonly hash: Hash = createHash("sha256");
  private readonly stream: WriteStream;
  private chunk: string[] = [];
  private chunkChars = 0;
  private readonly periods = new Set<string>();

  constructor(
    readonly path: string,
    readonly header: string[],
  ) {
    this.stream = createWriteStream(path);
    this.push(`${header.join(";")}\n`);
  }

  private push(text: string): boolean {
    this.chunk.push(text);
    this.chunkChars += text.length;
    return this.chunkChars >= 1 << 20;
  }

  /** One data row (fields without INDHOLD's newline). True when the caller should `await flush()`. */
  row(line: string, period: string): boolean {
    this.rows++;
    this.periods.add(period);
    return this.push(`${line}\n`);
  }

  async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const buf = Buffer.from(this.chunk.join(""), "utf8");
    this.chunk = [];
    this.chunkChars = 0;
    this.hash.update(buf);
    this.bytes += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, "drain");
  }

  async close(): Promise<{ rows: number; bytes: number; sha256: string; periods: string[] }> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    return { rows: this.rows, bytes: this.bytes, sha256: this.hash.digest("hex"), periods: [...this.periods] };
  }
}

// The population model -------------------------------------------------------------------------

const AGES = 126; // 0 … 125
const CELLS = 2 * AGES; // sex 1, 2 × ages

interface Areas {
  /** FOLK1A's OMRÅDE codes in tableinfo order: 000, each region before its municipalities (105). */
  all: string[];
  /** The 98 municipalities and Christiansø 411 (tableinfo order). */
  kommuner: string[];
  /** The 98 municipalities (no 411). */
  municipalities: string[];
  regionOf: Map<string, string>;
  text: Map<string, string>;
}

function areasFromTableInfo(info: TableInfoJson): Areas {
  const omr = info.variables.find((v) => v.id.toUpperCase() === "OMRÅDE");
  if (!omr) throw new Error("tableinfo/FOLK1A.json has no OMRÅDE");
  const all: string[] = [];
  const kommuner: string[] = [];
  const regionOf = new Map<string, string>();
  let region = "";
  for (const v of omr.values) {
    all.push(v.id);
    if (/^08[1-5]$/.test(v.id)) region = v.id;
    else if (/^\d{3}$/.test(v.id) && Number(v.id) >= 101) {
      kommuner.push(v.id);
      regionOf.set(v.id, region);
    }
  }
  return { all, kommuner, municipalities: kommuner.filter((k) => k !== "411"), regionOf, text: new Map(omr.values.map((v) => [v.id, v.text])) };
}

/** Population 1 January by area, year, sex (1, 2) and single age 0–125 (FOLK1A's K1). */
class PopulationModel {
  readonly cells: Int32Array;
  private readonly areaIndex: Map<string, number>;

  constructor(
    readonly areas: Areas,
    readonly years: number[],
  ) {
    this.areaIndex = new Map(areas.all.map((a, i) => [a, i]));
    this.cells = new Int32Array(areas.all.length * years.length * CELLS);
  }

  offset(area: string, year: number): number {
    const a = this.areaIndex.get(area);
    const y = year - this.years[0];
    if (a === undefined || y < 0 || y >= this.years.length) throw new Error(`population model: no ${area} ${year}`);
    return (a * this.years.length + y) * CELLS;
  }

  /** Persons of `sex` (1, 2; 0 = both) aged from…to on 1 January `year`; years before the model are extrapolated backwards. */
  sum(area: string, year: number, sex: 0 | 1 | 2, from = 0, to = AGES - 1): number {
    const first = this.years[0];
    if (year < first) {
      const a = this.sum(area, first, sex, from, to);
      const b = this.sum(area, first + 1, sex, from, to);
      return b > 0 ? Math.round(a * (a / b) ** (first - year)) : a;
    }
    const o = this.offset(area, year);
    let s = 0;
    for (const x of sex === 0 ? [1, 2] : [sex]) for (let age = from; age <= to; age++) s += this.cells[o + (x - 1) * AGES + age];
    return s;
  }
}

/**
 * Per municipality and year: the real single-age profile of the nearest year that has one (BY2
 * 2010–2019, FOLK1A 2020K1: both real), each cell perturbed by ±3 %, scaled to the real total
 * population of that year (FOLK1A TOT/IALT/TOT, K1) in whole persons. Regions and the country are
 * the sums of their municipalities, so every total adds up.
 */
function buildPopulation(source: string, areas: Areas, years: number[], seed: number): PopulationModel {
  const totals = new Map<string, Map<number, number>>();
  const profiles = new Map<string, Map<number, { v: Float64Array; seen: Uint8Array; n: number }>>();
  const kommuner = new Set(areas.kommuner);
  const setCell = (area: string, year: number, sex: string, age: string, value: string) => {
    if (!kommuner.has(area) || (sex !== "1" && sex !== "2") || !/^\d{1,3}$/.test(age) || Number(age) >= AGES) return;
    let byYear = profiles.get(area);
    if (!byYear) profiles.set(area, (byYear = new Map()));
    let p = byYear.get(year);
    if (!p) byYear.set(year, (p = { v: new Float64Array(CELLS), seen: new Uint8Array(CELLS), n: 0 }));
    const i = (Number(sex) - 1) * AGES + Number(age);
    if (p.seen[i]) return;
    p.seen[i] = 1;
    p.n++;
    p.v[i] = Number(value);
  };
  eachRow(join(source, "FOLK1A.csv"), (f, col) => {
    const [area, sex, age, civil, tid, value] = ["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"].map((c) => f[col(c)]);
    if (civil !== "TOT" || !tid.endsWith("K1")) return;
    const year = Number(tid.slice(0, 4));
    if (sex === "TOT" && age === "IALT") {
      if (!totals.has(area)) totals.set(area, new Map());
      totals.get(area)!.set(year, Number(value));
    } else setCell(area, year, sex, age, value);
  });
  if (existsSync(join(source, "BY2.csv"))) {
    eachRow(join(source, "BY2.csv"), (f, col) => setCell(f[col("KOMK")], Number(f[col("TID")]), f[col("KØN")], f[col("ALDER")], f[col("INDHOLD")]));
  }
  const model = new PopulationModel(areas, years);
  for (const k of areas.kommuner) {
    const complete = [...(profiles.get(k)?.entries() ?? [])].filter(([, p]) => p.n === CELLS).sort((a, b) => a[0] - b[0]);
    if (complete.length === 0) throw new Error(`${source}: no complete single-age profile for ${k} (FOLK1A 2020K1 or BY2)`);
    const known = [...(totals.get(k) ?? new Map<number, number>()).entries()].sort((a, b) => a[0] - b[0]);
    for (const year of years) {
      const [py, profile] = complete.reduce((best, c) => (Math.abs(c[0] - year) <= Math.abs(best[0] - year) ? c : best));
      const total = interpolate(known, year) ?? Math.round(profile.v.reduce((s, x) => s + x, 0));
      const w = new Float64Array(CELLS);
      for (let i = 0; i < CELLS; i++) w[i] = profile.v[i] * (1 + 0.06 * (rand(seed, TABLE_KEY.FOLK1A, Number(k), year, i, py) - 0.5));
      model.cells.set(allocate(w, total), model.offset(k, year));
    }
  }
  // Regions and the whole country: sums of their municipalities (Christiansø is in 084 and 000).
  for (const year of years) {
    for (const k of areas.kommuner) {
      const from = model.offset(k, year);
      for (const agg of [areas.regionOf.get(k)!, "000"]) {
        if (!agg || !areas.all.includes(agg)) continue;
        const to = model.offset(agg, year);
        for (let i = 0; i < CELLS; i++) model.cells[to + i] += model.cells[from + i];
      }
    }
  }
  return model;
}

/** A known value of the year, else linear between the nearest known years, else the nearest; null when none is known. */
function interpolate(known: [number, number][], year: number): number | null {
  if (known.length === 0) return null;
  const exact = known.find(([y]) => y === year);
  if (exact) return exact[1];
  const before = known.filter(([y]) => y < year).at(-1);
  const after = known.find(([y]) => y > year);
  if (before && after) return Math.round(before[1] + ((after[1] - before[1]) * (year - before[0])) / (after[0] - before[0]));
  return (before ?? after)![1];
}

// FLY66 ----------------------------------------------------------------------------------------

interface Flows {
  to: Int16Array;
  from: Int16Array;
  age: Uint8Array;
  sex: Uint8Array; // 0 = M, 1 = K
  value: Int32Array;
  n: number;
}

function readFlows(source: string): Flows {
  const rows: number[][] = [];
  eachRow(join(source, "FLY66.csv"), (f, col) => {
    const v = Number(f[col("INDHOLD")]);
    if (v > 0) rows.push([Number(f[col("TILKOMMUNE")]), Number(f[col("FRAKOMMUNE")]), Number(f[col("ALDER")]), f[col("KØN")] === "M" ? 0 : 1, v]);
  });
  const n = rows.length;
  const flows: Flows = { to: new Int16Array(n), from: new Int16Array(n), age: new Uint8Array(n), sex: new Uint8Array(n), value: new Int32Array(n), n };
  rows.forEach(([t, fr, a, s, v], i) => {
    flows.to[i] = t;
    flows.from[i] = fr;
    flows.age[i] = a;
    flows.sex[i] = s;
    flows.value[i] = v;
  });
  return flows;
}

/** The level of all moves in a year relative to the real year: a gentle rise with a wobble. */
function flowYearFactor(year: number): number {
  return 0.92 + (0.08 * (year - 2006)) / 18 + 0.02 * Math.sin(year * 1.7);
}

/**
 * The moves of one year: every non-zero real row (TILKOMMUNE, FRAKOMMUNE, ALDER, KØN) × the year's
 * level × a factor per municipality pair and year (±8 %) × a factor per cell (±10 %), rounded at
 * random to whole moves; zero cells are left out, as BULK does. Each row is a move out of
 * FRAKOMMUNE and into TILKOMMUNE, so the in-movers of all municipalities add up to the out-movers.
 */
function forEachFlow(flows: Flows, year: number, seed: number, cb: (i: number, moves: number) => void, start = 0, end = flows.n): void {
  const level = flowYearFactor(year);
  for (let i = start; i < end; i++) {
    const pair = 1 + 0.16 * (rand(seed, TABLE_KEY.FLY66, year, flows.to[i], flows.from[i]) - 0.5);
    const cell = 1 + 0.2 * (rand(seed, TABLE_KEY.FLY66, year, i, 1) - 0.5);
    const moves = sround(flows.value[i] * level * pair * cell, rand(seed, TABLE_KEY.FLY66, year, i, 2));
    if (moves > 0) cb(i, moves);
  }
}

// The generator --------------------------------------------------------------------------------

interface Written {
  id: string;
  file: string;
  title: string;
  unit: string;
  header: string[];
  rows: number;
  bytes: number;
  sha256: string;
  periods: string[];
  method: string;
  seconds: number;
}

export async function generateScaledMirror(options: ScaleOptions): Promise<ScaleSummary> {
  const started = performance.now();
  const seed = (options.seed ?? 1) | 0;
  const scale = options.scale;
  if (scale !== "full" && !(typeof scale === "number" && scale > 0 && scale < 1)) {
    throw new Error(`scale must be "full" or a number between 0 and 1 (got ${JSON.stringify(scale)}); scale 1 is the real mirror itself`);
  }
  const source = resolve(options.source);
  const out = resolve(options.out);
  prepareOut(out, source);
  const manifest = JSON.parse(readFileSync(join(source, "MANIFEST.json"), "utf8")) as SourceManifest;
  const entry = (id: string) => manifest.tables?.find((t) => t.id.toUpperCase() === id.toUpperCase());
  const info = (id: string): TableInfoJson | null => {
    const p = join(source, "tableinfo", `${id}.json`);
    return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as TableInfoJson) : null;
  };
  const has = (file: string) => existsSync(join(source, file));
  /** The periods of a table kept at this scale: all, or the most recent ceil(s × n). */
  const keep = <T>(list: T[]): T[] => (scale === "full" ? list : list.slice(-Math.max(1, Math.ceil(scale * list.length - 1e-9))));

  const folk1aInfo = info("FOLK1A");
  if (!folk1aInfo) throw new Error(`${source}: tableinfo/FOLK1A.json is needed for the area codes`);
  const areas = areasFromTableInfo(folk1aInfo);
  // FOLK1A's 1 January (K1) from the tableinfo's first period to the newest K1 in the real file.
  const folkYears = folk1aYears(source, folk1aInfo);
  const pop = buildPopulation(source, areas, folkYears, seed);
  const flows = readFlows(source);

  const written: Written[] = [];
  const write = async (
    id: string,
    header: string[],
    meta: { title?: string; unit?: string; method: string },
    body: (w: TableWriter) => Promise<void>,
  ): Promise<void> => {
    const t0 = performance.now();
    const file = `${id}.csv`;
    const w = new TableWriter(join(out, file), header);
    await body(w);
    const done = await w.close();
    const src = entry(id);
    written.push({
      id,
      file,
      title: TITLE_PREFIX + (meta.title ?? src?.title ?? id),
      unit: meta.unit ?? src?.unit ?? "Antal",
      header,
      rows: done.rows,
      bytes: done.bytes,
      sha256: done.sha256,
      periods: done.periods,
      method: meta.method,
      seconds: (performance.now() - t0) / 1000,
    });
  };

  // FOLK1A: what the loaders fetch (Tid=*K1; KØN TOT with ALDER IALT, KØN 1 and 2 with ALDER *; CIVILSTAND TOT).
  await write(
    "FOLK1A",
    ["OMRÅDE", "KØN", "ALDER", "CIVILSTAND", "TID", "INDHOLD"],
    {
      method:
        "1 January (K1) of every year, all 105 areas, KØN TOT/ALDER IALT and KØN 1, 2 × ALDER IALT, 0–125, CIVILSTAND TOT (what the loaders request). Totals are the real totals; single ages: the municipality's real profile of the nearest year (BY2 2010–2019, FOLK1A 2020K1), ±3 % per cell, scaled to the total; regions and 000 are sums.",
    },
    async (w) => {
      for (const year of keep(folkYears)) {
        const tid = `${year}K1`;
        for (const area of areas.all) {
          const o = pop.offset(area, year);
          let flush = w.row(`${area};TOT;IALT;TOT;${tid};${pop.sum(area, year, 0)}`, tid);
          for (const sex of [1, 2] as const) {
            flush = w.row(`${area};${sex};IALT;TOT;${tid};${pop.sum(area, year, sex)}`, tid) || flush;
            for (let age = 0; age < AGES; age++) flush = w.row(`${area};${sex};${age};TOT;${tid};${pop.cells[o + (sex - 1) * AGES + age]}`, tid) || flush;
          }
          if (flush) await w.flush();
        }
      }
    },
  );

  // BY2: equal to FOLK1A's first quarter cell for cell, as the real one is.
  const by2Years = BY_YEARS.filter((y) => folkYears.includes(y));
  await write(
    "BY2",
    ["KOMK", "KØN", "ALDER", "TID", "INDHOLD"],
    { method: "the synthetic FOLK1A single ages by sex on 1 January (BY2 equals FOLK1A K1 cell for cell, as in the real mirror), 98 municipalities + 411" },
    async (w) => {
      for (const year of keep(by2Years)) {
        for (const k of areas.kommuner) {
          const o = pop.offset(k, year);
          let flush = false;
          for (const sex of [1, 2]) {
            for (let age = 0; age < AGES; age++) flush = w.row(`${k};${sex};${age};${year};${pop.cells[o + (sex - 1) * AGES + age]}`, String(year)) || flush;
          }
          if (flush) await w.flush();
        }
      }
    },
  );

  // FLY66, and the in- and out-movers per municipality, sex and year that BEV107 needs.
  const bevYears = keep(BEV107_YEARS);
  const flyYears = keep(FLY66_YEARS);
  const movers = new Map<number, { into: Int32Array; out: Int32Array }>(); // year -> [code * 2 + sex]
  for (const year of bevYears) {
    if (flyYears.includes(year)) continue;
    const m = { into: new Int32Array(2000), out: new Int32Array(2000) };
    forEachFlow(flows, year, seed, (i, moves) => {
      m.into[flows.to[i] * 2 + flows.sex[i]] += moves;
      m.out[flows.from[i] * 2 + flows.sex[i]] += moves;
    });
    movers.set(year, m);
  }
  await write(
    "FLY66",
    ["TILKOMMUNE", "FRAKOMMUNE", "ALDER", "KØN", "TID", "INDHOLD"],
    {
      method:
        "every year 2006–2024: each non-zero real 2024 row × a level per year × ±8 % per municipality pair and year × ±10 % per cell, rounded at random; zero rows left out as BULK does. Σ in-movers = Σ out-movers by construction.",
    },
    async (w) => {
      for (const year of flyYears) {
        const m = { into: new Int32Array(2000), out: new Int32Array(2000) };
        const tid = String(year);
        for (let start = 0; start < flows.n; start += 20000) {
          let flush = false;
          forEachFlow(
            flows,
            year,
            seed,
            (i, moves) => {
              m.into[flows.to[i] * 2 + flows.sex[i]] += moves;
              m.out[flows.from[i] * 2 + flows.sex[i]] += moves;
              flush = w.row(`${flows.to[i]};${flows.from[i]};${flows.age[i]};${flows.sex[i] === 0 ? "M" : "K"};${tid};${moves}`, tid) || flush;
            },
            start,
            Math.min(flows.n, start + 20000),
          );
          if (flush) await w.flush();
        }
        movers.set(year, m);
      }
    },
  );

  // BEV107: population movements that add up (B11 = B02 − B03 + B05 − B06 + B08AA − B09BA + B12).
  const deaths = readDeaths(source);
  await write(
    "BEV107",
    ["OMRÅDE", "BEVÆGELSE", "KØN", "TID", "INDHOLD"],
    {
      title: entry("BEV107")?.title ?? "Befolkningens udvikling efter område, bevægelsesart, køn og tid",
      method:
        "all 105 areas 2006–2024, the BEVÆGELSE codes the movements loader reads (B01A, B02, B03, B05, B06, B08AA, B09BA, B12, B11) by sex M/K: B01A and B11 from the synthetic FOLK1A (extrapolated before 2008), B02 from next year's age 0, B03 from the real FOD207 deaths (±2 %; after 2019 the 2019 level), B05/B06 the synthetic FLY66 sums, B09BA 0.6–1.2 % of the population, B08AA and B12 so that the identity holds; regions and 000 are sums",
    },
    async (w) => {
      const codes = ["B01A", "B02", "B03", "B05", "B06", "B08AA", "B09BA", "B12", "B11"] as const;
      for (const year of bevYears) {
        const tid = String(year);
        const values = new Map<string, Record<string, number>>(); // area|sex -> code -> persons
        for (const area of areas.all) for (const s of ["M", "K"]) values.set(`${area}|${s}`, Object.fromEntries(codes.map((c) => [c, 0])));
        for (const k of areas.kommuner) {
          for (const [sx, s] of [
            [1, "M"],
            [2, "K"],
          ] as const) {
            const r = (key: number, extra = 0) => rand(seed, TABLE_KEY.BEV107, Number(k), year, sx, key, extra);
            const start = pop.sum(k, year, sx);
            const next = pop.sum(k, year + 1, sx);
            const births = Math.round(pop.sum(k, year + 1, sx, 0, 0) * (1.01 + 0.02 * (r(1) - 0.5)));
            const real = deaths.get(`${k}|${s}`);
            const d = real ? (real.get(year) ?? Math.round((real.get(2019) ?? 0) * (1 + 0.01 * (year - 2019)))) : Math.round(start * 0.01);
            const died = Math.round(d * (1 + 0.04 * (r(2) - 0.5)));
            const m = movers.get(year)!;
            const inMovers = m.into[Number(k) * 2 + sx - 1];
            const outMovers = m.out[Number(k) * 2 + sx - 1];
            const emigrants = Math.round(start * (0.006 + 0.006 * rand(seed, TABLE_KEY.BEV107, Number(k), 0, sx, 3)) * (1 + 0.1 * (r(4) - 0.5)));
            let corrections = Math.round((r(5) - 0.5) * 0.0004 * start);
            const growth = next - start;
            let immigrants = emigrants + growth - (births - died) - (inMovers - outMovers) - corrections;
            if (immigrants < 0) {
              immigrants = 0;
              corrections = growth - (births - died) - (inMovers - outMovers) - (immigrants - emigrants);
            }
            const cell: Record<string, number> = {
              B01A: start,
              B02: births,
              B03: died,
              B05: inMovers,
              B06: outMovers,
              B08AA: immigrants,
              B09BA: emigrants,
              B12: corrections,
              B11: growth,
            };
            for (const area of [k, areas.regionOf.get(k)!, "000"]) {
              const target = values.get(`${area}|${s}`);
              if (target) for (const c of codes) target[c] += cell[c];
            }
          }
        }
        for (const area of areas.all)
          for (const c of codes) for (const s of ["M", "K"]) w.row(`${area};${c};${s};${tid};${values.get(`${area}|${s}`)![c]}`, tid);
        await w.flush();
      }
    },
  );

  // PEND100: commuting, from the population 16–64 and the real flows' geography.
  const pendYears = keep(PEND100_YEARS).filter((y) => y + 1 <= folkYears.at(-1)!);
  await write(
    "PEND100",
    ["BOPKOM", "ARBEJDSSTED", "KØN", "TID", "INDHOLD"],
    {
      title: "Beskæftigede (ultimo november) efter bopælskommune, arbejdssted, køn og tid",
      unit: "Antal",
      method:
        "98 municipalities as residence × the 98 municipalities and 950 (abroad) as workplace × KØN M/K × 2008–2023 (codes the commuting loader reads; no aggregates): employed = the synthetic population 16–64 on the following 1 January × 69–79 %; 35–70 % work in their own municipality, 0.2–0.8 % abroad, the rest spread over the other municipalities in proportion to the real 2024 moves between the two (FLY66, both directions) ±15 %; zero rows left out as BULK does",
    },
    async (w) => {
      const pairs = new Float64Array(1000 * 1000);
      for (let i = 0; i < flows.n; i++) {
        pairs[flows.from[i] * 1000 + flows.to[i]] += flows.value[i];
        pairs[flows.to[i] * 1000 + flows.from[i]] += flows.value[i];
      }
      const munis = areas.municipalities.map(Number);
      for (const year of pendYears) {
        const tid = String(year);
        for (const m of munis) {
          const code = String(m).padStart(3, "0");
          const cells = new Map<number, [number, number]>(); // workplace -> [M, K]
          for (const [sx, si] of [
            [1, 0],
            [2, 1],
          ] as const) {
            const r = (key: number, y = year) => rand(seed, TABLE_KEY.PEND100, m, y, sx, key);
            const employed = pop.sum(code, year + 1, sx, 16, 64) * ((sx === 1 ? 0.75 : 0.7) + 0.08 * (r(1, 0) - 0.5) + 0.02 * (r(2) - 0.5));
            const own = 0.35 + 0.35 * rand(seed, TABLE_KEY.PEND100, m, 0, 0, 3) + 0.02 * (r(4) - 0.5);
            const abroad = 0.002 + 0.006 * rand(seed, TABLE_KEY.PEND100, m, 0, 0, 5);
            const set = (n: number, v: number) => {
              if (v <= 0) return;
              const c = cells.get(n) ?? [0, 0];
              c[si] = v;
              cells.set(n, c);
            };
            set(m, sround(employed * own, r(6)));
            set(950, sround(employed * abroad, r(7)));
            const weights = munis.map((n) => (n === m ? 0 : pairs[m * 1000 + n] * (1 + 0.3 * (rand(seed, TABLE_KEY.PEND100, m, year, sx, 8, n) - 0.5))));
            const wsum = weights.reduce((s, x) => s + x, 0);
            const rest = employed * (1 - own - abroad);
            munis.forEach((n, j) => set(n, wsum > 0 ? sround((rest * weights[j]) / wsum, rand(seed, TABLE_KEY.PEND100, m, year, sx, 9, n)) : 0));
          }
          let flush = false;
          for (const n of [...cells.keys()].sort((a, b) => a - b)) {
            const [men, women] = cells.get(n)!;
            const place = String(n).padStart(3, "0");
            if (men > 0) flush = w.row(`${code};${place};M;${tid};${men}`, tid) || flush;
            if (women > 0) flush = w.row(`${code};${place};K;${tid};${women}`, tid) || flush;
          }
          if (flush) await w.flush();
        }
      }
    },
  );

  // BY1: every urban area of the real 2026 answer, every year, adding up to the municipality.
  if (has("BY1.csv")) {
    const by1 = readBy1(source);
    await write(
      "BY1",
      ["BYER", "TID", "INDHOLD"],
      {
        method:
          "every BYER code of the real 2026 answer, 2010–2026: the real 2026 population of each area × its own trend (±1 % a year) ±1 % per year, scaled to the municipality's FOLK1A total in whole persons; KKK00KKK is that total, 00001100 the sum of the KKK01100 rows (ALDER and KØN eliminated, as in the real CSV answer)",
      },
      async (w) => {
        for (const year of keep(BY_YEARS.filter((y) => folkYears.includes(y)))) {
          const tid = String(year);
          const values = new Map<string, number>();
          for (const [k, parts] of by1.parts) {
            if (!areas.kommuner.includes(k)) continue;
            const weights = parts.map(
              ([code, v]) =>
                v *
                (1 + 0.02 * (rand(seed, TABLE_KEY.BY1, Number(code), 0) - 0.5)) ** (year - 2026) *
                (1 + 0.02 * (rand(seed, TABLE_KEY.BY1, Number(code), year) - 0.5)),
            );
            const total = pop.sum(k, year, 0);
            const alloc = allocate(weights, total);
            parts.forEach(([code], i) => values.set(code, alloc[i]));
            values.set(`${k}00${k}`, total);
          }
          let capital = 0;
          for (const [code, v] of values) if (code.endsWith("01100") && code !== "00001100") capital += v;
          values.set("00001100", capital);
          for (const code of by1.order) if (values.has(code)) w.row(`${code};${tid};${values.get(code)}`, tid);
          await w.flush();
        }
      },
    );
  }

  // INDKP101: the real rows (±1 %), and taxable income (INDKOMSTTYPE 290), which the income loader asks for.
  if (has("INDKP101.csv")) {
    await write(
      "INDKP101",
      ["OMRÅDE", "ENHED", "KOEN", "INDKOMSTTYPE", "TID", "INDHOLD"],
      {
        method:
          "every real row (ENHED 116, KOEN MOK, INDKOMSTTYPE 100; 000, landsdele, 98 municipalities, 1987–2024) ±1 %, and INDKOMSTTYPE 290 (taxable income, which the income loader reads) = that × 1.25–1.35 per area ±1 % per year",
      },
      async (w) => {
        const rows: string[][] = [];
        eachRow(join(source, "INDKP101.csv"), (f, col) => rows.push(["OMRÅDE", "ENHED", "KOEN", "INDKOMSTTYPE", "TID", "INDHOLD"].map((c) => f[col(c)])));
        const years = keep([...new Set(rows.map((r) => r[4]))].sort());
        for (const [area, enhed, koen, type, tid, value] of rows) {
          if (!years.includes(tid) || type !== "100") continue;
          const a = Number(area) + 1000 * area.length;
          const disposable = Math.round(Number(value) * (1 + 0.02 * (rand(seed, TABLE_KEY.INDKP101, a, Number(tid), 1) - 0.5)));
          const ratio = 1.25 + 0.1 * rand(seed, TABLE_KEY.INDKP101, a, 0, 2);
          const taxable = Math.round(disposable * ratio * (1 + 0.02 * (rand(seed, TABLE_KEY.INDKP101, a, Number(tid), 3) - 0.5)));
          w.row(`${area};${enhed};${koen};100;${tid};${disposable}`, tid);
          w.row(`${area};${enhed};${koen};290;${tid};${taxable}`, tid);
        }
      },
    );
  }

  // AFSTB4: the real rows ±2 % (one decimal, '.' as in the real file).
  if (has("AFSTB4.csv")) {
    await write(
      "AFSTB4",
      ["BOPOMR", "SOCIO", "KØN", "TID", "INDHOLD"],
      { method: "every real row (98 municipalities, SOCIO 02, KØN TOT, 2008–2024) ±2 %, one decimal" },
      async (w) => {
        const rows: string[][] = [];
        eachRow(join(source, "AFSTB4.csv"), (f, col) => rows.push(["BOPOMR", "SOCIO", "KØN", "TID", "INDHOLD"].map((c) => f[col(c)])));
        const years = keep([...new Set(rows.map((r) => r[3]))].sort());
        for (const [area, socio, sex, tid, value] of rows) {
          if (!years.includes(tid)) continue;
          const km = Number(value) * (1 + 0.04 * (rand(seed, TABLE_KEY.AFSTB4, Number(area), Number(tid)) - 0.5));
          w.row(`${area};${socio};${sex};${tid};${km.toFixed(1)}`, tid);
        }
      },
    );
  }

  // FOLK1AM: the loader reads the newest 13 months only, which the real file has for every area: copied unchanged.
  if (has("FOLK1AM.csv")) {
    await write(
      "FOLK1AM",
      ["OMRÅDE", "KØN", "ALDER", "TID", "INDHOLD"],
      {
        method:
          "copied unchanged from the real mirror (real DST figures): the loader reads the newest 13 months, which the real file already has for all 105 areas; not scaled",
      },
      async (w) => {
        eachRow(join(source, "FOLK1AM.csv"), (f) => {
          w.row(f.join(";"), f[3]);
        });
      },
    );
  }

  // FRKM126: DST's projection by single age and sex, from the third party's age groups of the real one.
  const frkmInfo = info("FRKM126");
  if (frkmInfo && has("FRKM126_agegroups.csv") && folkYears.includes(2026)) {
    await write(
      "FRKM126",
      ["KOMMUNEDK", "ALDER", "KØN", "TID", "INDHOLD"],
      {
        title: "Befolkningsfremskrivning 2026 for kommunerne efter kommune, alder, køn og tid",
        unit: frkmInfo.unit ?? "Number",
        method:
          "KOMMUNEDK, ALDER (TOT, 0–99, 100-), KØN M/K and Tid 2026–2050 of the real FRKM126 tableinfo: each age group's projected total from the real FRKM126_agegroups (2026–2040; after 2040 its 2035–2040 trend; 411 the 2026 level) spread over single ages and sexes as the synthetic FOLK1A 2026K1 ±2 %",
      },
      async (w) => frkm126(w, frkmInfo, readAgeGroups(source), pop, keep, seed),
    );
  }

  // tableinfo: the real responses with their title marked synthetic.
  const tableinfo = copyTableInfo(source, out, entry);
  writeManifest(out, manifest, written, tableinfo, { scale, seed, source });
  writeFileSync(join(out, "README.md"), readme(scale, seed, written));

  const tables: TableScale[] = written.map((t) => {
    const src = entry(t.id);
    const srcFile = src?.file ? join(source, src.file) : null;
    return {
      id: t.id,
      file: t.file,
      periods: { first: t.periods[0] ?? "", last: t.periods.at(-1) ?? "", count: t.periods.length },
      source: src && srcFile && existsSync(srcFile) ? { rows: src.rows ?? 0, bytes: statSync(srcFile).size } : null,
      generated: { rows: t.rows, bytes: t.bytes },
      seconds: round(t.seconds, 2),
      method: t.method,
    };
  });
  const sum = (f: (t: TableScale) => number) => tables.reduce((s, t) => s + f(t), 0);
  return {
    scale,
    seed,
    source,
    out,
    tables,
    total: {
      sourceRows: sum((t) => t.source?.rows ?? 0),
      sourceBytes: sum((t) => t.source?.bytes ?? 0),
      rows: sum((t) => t.generated.rows),
      bytes: sum((t) => t.generated.bytes),
    },
    seconds: round((performance.now() - started) / 1000, 2),
  };
}

function round(x: number, d: number): number {
  return Math.round(x * 10 ** d) / 10 ** d;
}

/** The out folder: outside the repository and the source; empty, or an earlier synthetic mirror (replaced). */
function prepareOut(out: string, source: string): void {
  const inside = (dir: string, parent: string) => {
    const rel = relative(parent, dir);
    return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
  };
  if (inside(out, resolve(projectRoot)))
    throw new Error(`${out} is inside the repository; write the synthetic mirror to a temporary folder (e.g. /tmp/statbank-full)`);
  if (inside(out, source) || inside(source, out)) throw new Error(`${out} overlaps the source mirror ${source}`);
  if (existsSync(out) && readdirSync(out).length > 0) {
    const m = join(out, "MANIFEST.json");
    let synthetic = false;
    try {
      synthetic = (JSON.parse(readFileSync(m, "utf8")) as { synthetic?: unknown }).synthetic === true;
    } catch {
      synthetic = false;
    }
    if (!synthetic) throw new Error(`${out} is not empty and is not an earlier synthetic mirror; choose an empty folder`);
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

/** FOLK1A's K1 years: from the tableinfo's first period to the newest K1 of the real file. */
function folk1aYears(source: string, info: TableInfoJson): number[] {
  const tid = info.variables.find((v) => v.time || v.id.toUpperCase() === "TID");
  let first = Number(tid?.values[0]?.id.slice(0, 4) ?? 2008);
  let last = Number(tid?.values.at(-1)?.id.slice(0, 4) ?? first);
  eachRow(join(source, "FOLK1A.csv"), (f, col) => {
    const t = f[col("TID")];
    if (t.endsWith("K1")) {
      last = Math.max(last, Number(t.slice(0, 4)));
      first = Math.min(first, Number(t.slice(0, 4)));
    }
  });
  return range(first, last);
}

/** Real deaths (FOD207, ALDER TOT) by area|sex -> year. */
function readDeaths(source: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  if (!existsSync(join(source, "FOD207.csv"))) return out;
  eachRow(join(source, "FOD207.csv"), (f, col) => {
    if (f[col("ALDER")] !== "TOT") return;
    const key = `${f[col("OMRÅDE")]}|${f[col("KØN")]}`;
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(Number(f[col("TID")]), Number(f[col("INDHOLD")]));
  });
  return out;
}

/** The real BY1 answer: codes in file order, and per municipality its parts (everything but KKK00KKK) with their value. */
function readBy1(source: string): { order: string[]; parts: Map<string, [string, number][]> } {
  const order: string[] = [];
  const parts = new Map<string, [string, number][]>();
  eachRow(join(source, "BY1.csv"), (f, col) => {
    const code = f[col("BYER")];
    if (order.includes(code)) return; // one year in the real file; any further year repeats the codes
    order.push(code);
    const k = code.slice(0, 3);
    if (k === "000" || code === `${k}00${k}`) return;
    if (!parts.has(k)) parts.set(k, []);
    parts.get(k)!.push([code, Number(f[col("INDHOLD")])]);
  });
  return { order, parts };
}

/** FRKM126_agegroups: municipality|group -> year -> persons. */
function readAgeGroups(source: string): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  eachRow(join(source, "FRKM126_agegroups.csv"), (f, col) => {
    const key = `${f[col("KOMMUNEDK")]}|${f[col("ALDERGRP")]}`;
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(Number(f[col("TID")]), Number(f[col("INDHOLD")]));
  });
  return out;
}

const GROUPS = [
  ["0-5", 0, 5],
  ["6-16", 6, 16],
  ["17-19", 17, 19],
  ["20-34", 20, 34],
  ["35-64", 35, 64],
  ["65-79", 65, 79],
  ["80-", 80, 100],
] as const;

async function frkm126(
  w: TableWriter,
  info: TableInfoJson,
  groups: Map<string, Map<number, number>>,
  pop: PopulationModel,
  keep: <T>(list: T[]) => T[],
  seed: number,
): Promise<void> {
  const areasVar = info.variables.find((v) => v.id.toUpperCase() === "KOMMUNEDK");
  const tid = info.variables.find((v) => v.time || v.id.toUpperCase() === "TID");
  if (!areasVar || !tid) throw new Error("tableinfo/FRKM126.json lacks KOMMUNEDK or Tid");
  const years = keep(tid.values.map((v) => Number(v.id)));
  const ageCode = (a: number) => (a === 100 ? "100-" : String(a));
  for (const year of years) {
    for (const { id: k } of areasVar.values) {
      // The base: 2026 single ages by sex, 0–99 and 100- (100 and over).
      const o = pop.offset(k, 2026);
      const base = new Float64Array(2 * 101);
      for (let s = 0; s < 2; s++) for (let age = 0; age < AGES; age++) base[s * 101 + Math.min(age, 100)] += pop.cells[o + s * AGES + age];
      const cells = new Int32Array(2 * 101);
      for (const [g, from, to] of GROUPS) {
        const known = groups.get(`${k}|${g}`);
        let target: number;
        const baseSum = () => {
          let s = 0;
          for (let sx = 0; sx < 2; sx++) for (let a = from; a <= to; a++) s += base[sx * 101 + a];
          return s;
        };
        if (!known || known.size === 0) target = baseSum();
        else {
          const last = Math.max(...known.keys());
          const prior = known.get(last - 5) ?? known.get(last)!;
          target =
            year <= last ? (known.get(year) ?? known.get(last)!) : known.get(last)! * (prior > 0 ? (known.get(last)! / prior) ** ((year - last) / 5) : 1);
        }
        const idx: number[] = [];
        const weights: number[] = [];
        for (let sx = 0; sx < 2; sx++) {
          for (let a = from; a <= to; a++) {
            idx.push(sx * 101 + a);
            weights.push(base[sx * 101 + a] * (1 + 0.04 * (rand(seed, TABLE_KEY.FRKM126, Number(k), year, sx, a) - 0.5)) + 1e-9);
          }
        }
        const alloc = allocate(weights, Math.round(target));
        idx.forEach((c, i) => (cells[c] = alloc[i]));
      }
      for (const [sx, s] of [
        [0, "M"],
        [1, "K"],
      ] as const) {
        let tot = 0;
        for (let a = 0; a <= 100; a++) tot += cells[sx * 101 + a];
        w.row(`${k};TOT;${s};${year};${tot}`, String(year));
      }
      for (let a = 0; a <= 100; a++) {
        w.row(`${k};${ageCode(a)};M;${year};${cells[a]}`, String(year));
        w.row(`${k};${ageCode(a)};K;${year};${cells[101 + a]}`, String(year));
      }
    }
    await w.flush();
  }
}

interface TableInfoEntry {
  file: string;
  sha256: string;
  note: string;
}

/** The source's tableinfo files with "SYNTETISK: " before their title (text); variables and codes unchanged. */
function copyTableInfo(source: string, out: string, entry: (id: string) => SourceManifestTable | undefined): TableInfoEntry[] {
  const dir = join(source, "tableinfo");
  if (!existsSync(dir)) return [];
  mkdirSync(join(out, "tableinfo"), { recursive: true });
  const entries: TableInfoEntry[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".json"))
    .sort()) {
    const json = JSON.parse(readFileSync(join(dir, f), "utf8")) as TableInfoJson & Record<string, unknown>;
    const id = f.slice(0, -5);
    json.text = TITLE_PREFIX + (json.text || entry(id)?.title || id);
    const text = `${JSON.stringify(json, null, 2)}\n`;
    writeFileSync(join(out, "tableinfo", f), text);
    entries.push({
      file: `tableinfo/${f}`,
      sha256: createHash("sha256").update(text).digest("hex"),
      note: 'the source mirror\'s tableinfo with the text (title) prefixed "SYNTETISK: "; variables and codes unchanged',
    });
  }
  return entries;
}

const NOT_GENERATED = [
  { id: "AUK01, FAM55N, FAM44N, GF12, RAS305, VAN1AAR/VAN2AAR", why: 'no data in the real mirror to derive them from; the loaders say "Data mangler"' },
  { id: "FOD207", why: "no loader reads it (used here only for BEV107's deaths)" },
  {
    id: "FOLK1A_agegroups, FRKM126_agegroups",
    why: "a third party's sums that a live build never has; FOLK1A (every single age) and FRKM126 are generated at full shape instead",
  },
];

function writeManifest(
  out: string,
  source: SourceManifest,
  written: Written[],
  tableinfo: TableInfoEntry[],
  run: { scale: "full" | number; seed: number; source: string },
): void {
  const zero = source.format?.zero_rows ?? "FLY66 omits zero-valued combinations, as BULK does";
  const manifest = {
    synthetic: true,
    synthetic_note: SYNTHETIC_NOTE,
    generated: source.generated,
    generator: {
      script: "scripts/bench/scale.ts",
      scale: run.scale,
      seed: run.seed,
      derived_from: `${run.source} (MANIFEST generated ${source.generated ?? "?"}): shapes of real StatBank extracts (Kilde: Danmarks Statistik), values synthetic`,
      purpose: "benchmark only: never shown as data, never published, never committed",
    },
    format: { ...source.format, zero_rows: `${zero}; synthetic PEND100 omits zero-valued combinations too, as BULK does` },
    tables: written.map((t) => ({
      id: t.id,
      title: t.title,
      unit: t.unit,
      file: t.file,
      sha256: t.sha256,
      header: t.header,
      rows: t.rows,
      periods: t.periods,
      synthetic: true,
      synthetic_method: t.method,
    })),
    tableinfo,
    not_generated: NOT_GENERATED,
  };
  writeFileSync(join(out, "MANIFEST.json"), `${JSON.stringify(manifest, null, 1)}\n`);
}

function readme(scale: "full" | number, seed: number, written: Written[]): string {
  const rows = written.map((t) => `| ${t.file} | ${t.rows.toLocaleString("en")} | ${t.periods[0] ?? ""}–${t.periods.at(-1) ?? ""} |`).join("\n");
  return `# SYNTETISK StatBank-spejl / SYNTHETIC StatBank mirror

**Syntetiske data til ydelsesmåling – ikke Danmarks Statistiks tal.**
Tallene er konstrueret af \`scripts/bench/scale.ts\` ud fra formen på rigtige udtræk og må ikke
vises, offentliggøres eller bruges som data. Mappen er midlertidig og lægges aldrig i git.

**Synthetic data for performance measurement – not Statistics Denmark's figures.**
The numbers were made by \`scripts/bench/scale.ts\` from the shapes of real extracts (scale
${JSON.stringify(scale)}, seed ${seed}); they must never be shown, published or used as data. This folder is
temporary and never committed. The format is the real mirror's (BULK/Code CSV, MANIFEST.json with
rows and sha256, tableinfo/), so the project's loaders read it as they read the real mirror.
How each table was made: \`synthetic_method\` in MANIFEST.json.

| file | rows | periods |
|---|---|---|
${rows}
`;
}

// CLI ------------------------------------------------------------------------------------------

function parseArgs(argv: string[]): ScaleOptions & { json: boolean } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scaleArg = get("scale");
  const out = get("out");
  if (!scaleArg || !out) {
    throw new Error("usage: npx tsx scripts/bench/scale.ts --scale full|0.5 --out /tmp/statbank-full [--source ../shared/statbank] [--seed 1] [--json]");
  }
  const scale = scaleArg === "full" ? "full" : Number(scaleArg);
  return {
    scale,
    out,
    source: get("source") ?? defaultSource(),
    seed: get("seed") === undefined ? undefined : Number(get("seed")),
    json: argv.includes("--json"),
  };
}

function printSummary(s: ScaleSummary): void {
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const pad = (x: string, n: number) => x.padStart(n);
  const lines = [
    `synthetic mirror (scale ${s.scale}, seed ${s.seed}) -> ${s.out}`,
    `${"table".padEnd(10)}${pad("source rows", 13)}${pad("source", 10)}${pad("rows", 12)}${pad("size", 11)}${pad("periods", 22)}${pad("s", 7)}`,
    ...s.tables.map(
      (t) =>
        `${t.id.padEnd(10)}${pad(t.source ? t.source.rows.toLocaleString("en") : "–", 13)}${pad(t.source ? mb(t.source.bytes) : "–", 10)}${pad(
          t.generated.rows.toLocaleString("en"),
          12,
        )}${pad(mb(t.generated.bytes), 11)}${pad(`${t.periods.first}–${t.periods.last} (${t.periods.count})`, 22)}${pad(t.seconds.toFixed(2), 7)}`,
    ),
    `${"total".padEnd(10)}${pad(s.total.sourceRows.toLocaleString("en"), 13)}${pad(mb(s.total.sourceBytes), 10)}${pad(s.total.rows.toLocaleString("en"), 12)}${pad(
      mb(s.total.bytes),
      11,
    )}${pad("", 22)}${pad(s.seconds.toFixed(2), 7)}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const { json, ...options } = parseArgs(process.argv.slice(2));
    const summary = await generateScaledMirror(options);
    if (json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else printSummary(summary);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
