/**
 * Moves between municipalities from FLY66 (destination TILKOMMUNE × origin FRAKOMMUNE × single
 * age × sex (M/K) × year). FLY66 is BULK-only in practice (≈2.5 million cells a year), so it is
 * fetched one year at a time and aggregated as it arrives; every year the source holds is loaded.
 * BULK leaves out zero cells: an absent combination is 0. Men and women are added: no analysis
 * splits moves by sex, and the browser downloads and scans half as many rows.
 *
 * Datasets:
 *   flows           origin × destination × age group × year: moves
 *   flow_pairs      area × counterpart × age group ('i alt' = all ages) × year: moves in from and
 *                   out to the counterpart, one row per direction of view (A–B and B–A), so that
 *                   an analysis of one municipality reads only its own rows, without aggregating
 *   migration_ages  area × single age × year: in-movers and out-movers (sums over the other
 *                   municipalities), for age profiles
 *   migration_totals area × age group ('i alt' = all ages) × year: in- and out-movers; small, so a
 *                   page's first chart can draw without waiting for DuckDB-wasm
 *
 * FLY66 is read once per client (readFlows keeps it), however many of these datasets one process
 * builds. Codes, ages and years are numbered as they come and every aggregate is summed under an
 * integer key made of those numbers (no key strings: at full scale that is millions of rows). A
 * dataset's rows come out in the order of the string keys the sums were once kept under
 * ("area|group|year" and so on), sorted as before: each part's place among its values, found by
 * sorting the few distinct values, makes the integer key sort as the string would.
 */
import { datasetMeta, missingTable, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { Provenance, StatbankClient } from "../statbank/client.ts";
import { periodYear } from "../statbank/period.ts";
import { fetchOrMissing } from "./fetchTable.ts";
import type { FlowPairRow, MigrationTotalRow } from "../../src/lib/datasets.ts";

/** Age groups of the migration analysis; 0–17 are children, 25–44 their parents' ages. */
export const AGE_GROUPS = [
  { id: "0-17", from: 0, to: 17, label: "0–17 år (børn)" },
  { id: "18-24", from: 18, to: 24, label: "18–24 år" },
  { id: "25-44", from: 25, to: 44, label: "25–44 år (forældrealder)" },
  { id: "45-64", from: 45, to: 64, label: "45–64 år" },
  { id: "65+", from: 65, to: Infinity, label: "65 år og derover" },
] as const;

export function ageGroup(age: number): string {
  const g = AGE_GROUPS.find((x) => age >= x.from && age <= x.to);
  if (!g) throw new Error(`FLY66: age ${age} is outside every age group`);
  return g.id;
}

/** "0", "17", "99" -> number; FLY66 has single ages only (no total), anything else is an error. */
function parseAge(code: string): number {
  if (!/^\d{1,3}$/.test(code)) throw new Error(`FLY66: ALDER code ${JSON.stringify(code)} is not a single age`);
  return Number(code);
}

const GROUP_IDS: readonly string[] = AGE_GROUPS.map((g) => g.id);
/** The age group of all ages together in flow_pairs and migration_totals. */
const ALL_AGES = "i alt";

/**
 * Moves per origin × destination × age group × year (men and women added), one entry per
 * combination with moves. Municipalities, age groups and years are numbers: their index in
 * `codes`, `groups` and `years` (a year as the text it had in the keys, "2024").
 */
export interface FlowTable {
  codes: readonly string[];
  groups: readonly string[];
  years: readonly string[];
  origin: ArrayLike<number>;
  destination: ArrayLike<number>;
  group: ArrayLike<number>;
  year: ArrayLike<number>;
  moves: ArrayLike<number>;
}

/** In- and out-movers per municipality × single age × year (indices into `codes`, `ages`, `years`). */
export interface AgeTable {
  codes: readonly string[];
  ages: readonly number[];
  years: readonly string[];
  area: ArrayLike<number>;
  age: ArrayLike<number>;
  year: ArrayLike<number>;
  inMovers: ArrayLike<number>;
  outMovers: ArrayLike<number>;
}

export interface FlowData {
  flows: FlowTable;
  ages: AgeTable;
  provenance: Provenance[];
}

/** Above this many possible keys, Sums finds a key's slot in a Map instead of an array over every key. */
const DENSE_KEYS = 1 << 23;

/**
 * Two sums per integer key (0 ≤ key < space), one slot per key in the order keys first came.
 * Where the space is small (every use here, at full scale too) a typed array over all keys gives
 * the slot: no hashing, no strings.
 */
class Sums {
  readonly keys: number[] = [];
  readonly a: number[] = [];
  readonly b: number[] = [];
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;

  constructor(readonly space: number) {
    this.dense = space <= DENSE_KEYS ? new Int32Array(space) : null;
    this.sparse = this.dense ? null : new Map();
  }

  get size(): number {
    return this.keys.length;
  }

  add(key: number, a: number, b: number): void {
    let slot = this.dense ? this.dense[key] - 1 : (this.sparse!.get(key) ?? -1);
    if (slot < 0) {
      slot = this.keys.length;
      if (this.dense) this.dense[key] = slot + 1;
      else this.sparse!.set(key, slot);
      this.keys.push(key);
      this.a.push(0);
      this.b.push(0);
    }
    this.a[slot] += a;
    this.b[slot] += b;
  }

  /** The slots by ascending key. */
  sorted(): Int32Array {
    const out = new Int32Array(this.keys.length);
    if (this.dense) {
      let k = 0;
      for (let key = 0; key < this.space; key++) if (this.dense[key] !== 0) out[k++] = this.dense[key] - 1;
    } else {
      const keys = Float64Array.from(this.keys).sort();
      for (let k = 0; k < keys.length; k++) out[k] = this.sparse!.get(keys[k])!;
    }
    return out;
  }
}

type Compare = (a: string, b: string) => number;
const byCodeUnits: Compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byLocale: Compare = (a, b) => a.localeCompare(b);

/** Codes and years of digits only, and the age groups' ids: the parts whose "a|b|c" keys the locale orders part by part. */
const DIGITS = /^\d*$/;
const LABELS = new Set([...GROUP_IDS, ALL_AGES]);

/**
 * The rows of a dataset keyed by parts (an index into each part's list of values) in the order
 * of their string keys, the values joined by "|" and sorted with `compare`, without making those
 * strings. Each value's rank is its place among its list's values compared as they stand in a
 * key: "value|", the last part "value" (followed by the key's end); the integer key packs the ranks,
 * so ascending keys are ascending strings: with code units always (no part holds a "|"), with the
 * locale where every value is digits or an age group's id (one weight per character); otherwise
 * the rows are sorted by their string keys after all.
 */
class Layout {
  private readonly rank: Int32Array[];
  private readonly byRank: string[][];
  readonly sizes: number[];
  readonly space: number;

  constructor(
    readonly lists: readonly (readonly string[])[],
    private readonly compare: Compare,
  ) {
    this.sizes = lists.map((l) => l.length);
    this.space = this.sizes.reduce((s, n) => s * n, 1);
    // a part is followed by "|" in the key, the last by the key's end
    const end = (p: number) => (p < lists.length - 1 ? "|" : "");
    const orders = lists.map((values, p) => values.map((_, i) => i).sort((i, j) => compare(values[i] + end(p), values[j] + end(p))));
    this.byRank = orders.map((order, p) => order.map((i) => lists[p][i]));
    this.rank = orders.map((order) => {
      const rank = new Int32Array(order.length);
      order.forEach((i, r) => (rank[i] = r));
      return rank;
    });
  }

  key3(p0: number, p1: number, p2: number): number {
    return (this.rank[0][p0] * this.sizes[1] + this.rank[1][p1]) * this.sizes[2] + this.rank[2][p2];
  }

  key4(p0: number, p1: number, p2: number, p3: number): number {
    return ((this.rank[0][p0] * this.sizes[1] + this.rank[1][p1]) * this.sizes[2] + this.rank[2][p2]) * this.sizes[3] + this.rank[3][p3];
  }

  /** The rows of `sums` (keyed by key3/key4) in order: per part its values, and the two sums. */
  rows(sums: Sums): { values: string[][]; a: number[]; b: number[] } {
    let order = sums.sorted();
    const n = order.length;
    const values = this.sizes.map(() => new Array<string>(n));
    for (let i = 0; i < n; i++) {
      let k = sums.keys[order[i]];
      for (let p = this.sizes.length - 1; p >= 0; p--) {
        const r = k % this.sizes[p];
        values[p][i] = this.byRank[p][r];
        k = (k - r) / this.sizes[p];
      }
    }
    const exact = this.compare === byCodeUnits || this.lists.every((l) => l.every((v) => DIGITS.test(v) || LABELS.has(v)));
    if (!exact) {
      const keys = Array.from({ length: n }, (_, i) => values.map((v) => v[i]).join("|"));
      const perm = keys.map((_, i) => i).sort((i, j) => this.compare(keys[i], keys[j]));
      for (const v of values) {
        const copy = v.slice();
        perm.forEach((from, to) => (v[to] = copy[from]));
      }
      order = Int32Array.from(perm, (i) => order[i]);
    }
    return { values, a: Array.from(order, (s) => sums.a[s]), b: Array.from(order, (s) => sums.b[s]) };
  }
}

/**
 * Fetch FLY66 year by year into the two aggregates, or what the source lacks (the table, a
 * variable: see fetchOrMissing). Exported for tests and for every dataset of this file.
 *
 * One fetch per client: the aggregates are kept for as long as the client lives, so the datasets
 * built with one client in one process (loaders/analysisResults.ts builds three) read FLY66 once.
 * An answer without moves is not kept (a fetch that failed, FLY66 or a year of it missing, no
 * rows): the next call asks the source again, as every call did before.
 */
export function readFlows(client: StatbankClient): Promise<FlowData | { missing: MissingPart[] }> {
  let read = flowsRead.get(client);
  if (!read) {
    const fetching = fetchFlows(client);
    read = fetching;
    flowsRead.set(client, fetching);
    const forget = () => {
      if (flowsRead.get(client) === fetching) flowsRead.delete(client);
    };
    fetching.then((data) => {
      if ("missing" in data || data.flows.moves.length === 0) forget();
    }, forget);
  }
  return read;
}

const flowsRead = new WeakMap<StatbankClient, Promise<FlowData | { missing: MissingPart[] }>>();

async function fetchFlows(client: StatbankClient): Promise<FlowData | { missing: MissingPart[] }> {
  let info;
  try {
    info = await client.tableInfo("FLY66");
  } catch (e) {
    const missing = missingTable(e);
    if (!missing) throw e;
    return { missing };
  }
  const tid = info.variables.find((v) => v.time);
  if (!tid) throw new Error("FLY66 tableinfo has no time variable");
  const ng = GROUP_IDS.length;
  const ny = tid.values.length;
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const ages: number[] = [];
  const ageIndex = new Map<number, number>();
  const groupOfAge: number[] = [];
  const ageOfCode = new Map<string, number>();
  const years: string[] = [];
  const yearIndex = new Map<number, number>();
  // moves under ((year · cap + origin) · cap + destination) · groups + group, in and out under
  // (year · cap + municipality) · ageCap + age; the capacities double when codes or ages outgrow them
  let cap = 128;
  let ageCap = 128;
  let flowSums = new Sums(ny * cap * cap * ng);
  let ageSums = new Sums(ny * cap * ageCap);
  const regrow = (newCap: number, newAgeCap: number) => {
    const [f, s, c, ac] = [flowSums, ageSums, cap, ageCap];
    [cap, ageCap] = [newCap, newAgeCap];
    flowSums = new Sums(ny * cap * cap * ng);
    ageSums = new Sums(ny * cap * ageCap);
    for (let i = 0; i < f.size; i++) {
      let k = f.keys[i];
      const g = k % ng;
      k = (k - g) / ng;
      const d = k % c;
      k = (k - d) / c;
      const o = k % c;
      const y = (k - o) / c;
      flowSums.add(((y * cap + o) * cap + d) * ng + g, f.a[i], f.b[i]);
    }
    for (let i = 0; i < s.size; i++) {
      let k = s.keys[i];
      const a = k % ac;
      k = (k - a) / ac;
      const m = k % c;
      const y = (k - m) / c;
      ageSums.add((y * cap + m) * ageCap + a, s.a[i], s.b[i]);
    }
  };
  const codeOf = (code: string): number => {
    let i = codeIndex.get(code);
    if (i === undefined) {
      i = codes.length;
      codes.push(`${code}`);
      codeIndex.set(code, i);
      if (codes.length > cap) regrow(cap * 2, ageCap);
    }
    return i;
  };
  const ageOf = (code: string): number => {
    let i = ageOfCode.get(code);
    if (i === undefined) {
      const age = parseAge(code);
      const group = GROUP_IDS.indexOf(ageGroup(age));
      i = ageIndex.get(age);
      if (i === undefined) {
        i = ages.length;
        ages.push(age);
        groupOfAge.push(group);
        ageIndex.set(age, i);
        if (ages.length > ageCap) regrow(cap, ageCap * 2);
      }
      ageOfCode.set(code, i);
    }
    return i;
  };
  const provenance: Provenance[] = [];
  for (const { id: period } of tid.values) {
    const result = await fetchOrMissing(client, {
      table: "FLY66",
      variables: { TILKOMMUNE: ["*"], FRAKOMMUNE: ["*"], ALDER: ["*"], KØN: ["*"], Tid: [period] },
    });
    if ("missing" in result) return result;
    const { extract, provenance: p } = result;
    provenance.push(p);
    const year = periodYear(period);
    let y = yearIndex.get(year);
    if (y === undefined) {
      y = years.length;
      years.push(`${year}`);
      yearIndex.set(year, y);
    }
    // rows come sorted by destination, origin, age: look a code up only when it changes
    let lastTo: string | null = null;
    let lastFrom: string | null = null;
    let lastAge: string | null = null;
    let to = 0;
    let from = 0;
    let age = 0;
    for (const r of extract.rows) {
      const value = r.value;
      if (value === null || value === 0) continue;
      const t = r.codes.TILKOMMUNE;
      const f = r.codes.FRAKOMMUNE;
      if (t === f) continue; // FLY66 has no moves within a municipality; guard anyway
      const a = r.codes.ALDER;
      if (a !== lastAge) {
        age = ageOf(a);
        lastAge = a;
      }
      const sex = r.codes.KØN;
      if (sex !== "M" && sex !== "K") throw new Error(`FLY66: KØN code ${JSON.stringify(sex)} (expected M or K)`);
      if (t !== lastTo) {
        to = codeOf(t);
        lastTo = t;
      }
      if (f !== lastFrom) {
        from = codeOf(f);
        lastFrom = f;
      }
      flowSums.add(((y * cap + from) * cap + to) * ng + groupOfAge[age], value, 0);
      ageSums.add((y * cap + to) * ageCap + age, value, 0);
      ageSums.add((y * cap + from) * ageCap + age, 0, value);
    }
  }
  const n = flowSums.size;
  const flows = {
    codes,
    groups: GROUP_IDS,
    years,
    origin: new Int32Array(n),
    destination: new Int32Array(n),
    group: new Int32Array(n),
    year: new Int32Array(n),
    moves: Float64Array.from(flowSums.a),
  };
  for (let i = 0; i < n; i++) {
    let k = flowSums.keys[i];
    flows.group[i] = k % ng;
    k = (k - flows.group[i]) / ng;
    flows.destination[i] = k % cap;
    k = (k - flows.destination[i]) / cap;
    flows.origin[i] = k % cap;
    flows.year[i] = (k - flows.origin[i]) / cap;
  }
  const m = ageSums.size;
  const ageTable = {
    codes,
    ages,
    years,
    area: new Int32Array(m),
    age: new Int32Array(m),
    year: new Int32Array(m),
    inMovers: Float64Array.from(ageSums.a),
    outMovers: Float64Array.from(ageSums.b),
  };
  for (let i = 0; i < m; i++) {
    let k = ageSums.keys[i];
    ageTable.age[i] = k % ageCap;
    k = (k - ageTable.age[i]) / ageCap;
    ageTable.area[i] = k % cap;
    ageTable.year[i] = (k - ageTable.area[i]) / cap;
  }
  return { flows, ages: ageTable, provenance };
}

/**
 * One combined provenance entry for a table fetched in several requests (one per year); a copy,
 * as the fetch is shared by the datasets built from it.
 */
function combined(provenance: Provenance[]): Provenance[] {
  if (provenance.length <= 1) return structuredClone(provenance);
  const first = provenance[0];
  return structuredClone([
    {
      ...first,
      selection: `${first.selection.replace(/Tid=\S+/, "Tid=*")} (one request per year)`,
      periods: provenance.flatMap((p) => p.periods),
      rows: provenance.reduce((s, p) => s + p.rows, 0),
      fetchedAt: provenance
        .map((p) => p.fetchedAt)
        .sort()
        .at(-1)!,
      requestedCells: null,
      gaps: provenance.flatMap((p) => p.gaps),
    },
  ]);
}

const flowColumns = {
  origin: "Fraflytningskommune (kommunekode)",
  destination: "Tilflytningskommune (kommunekode)",
  age_group: `Aldersgruppe: ${AGE_GROUPS.map((g) => `${g.id} = ${g.label}`).join("; ")}`,
  year: "År",
  moves: "Flytninger i året, personer (mænd og kvinder)",
};

const pairColumns = {
  area: "Kommune (kommunekode)",
  counterpart: "Anden kommune (kommunekode)",
  age_group: "Aldersgruppe ('i alt' = alle aldre)",
  year: "År",
  in_movers: "Tilflyttede fra den anden kommune, personer",
  out_movers: "Fraflyttede til den anden kommune, personer",
};

const ageColumns = {
  area: "Kommune",
  age: "Alder, år",
  year: "År",
  in_movers: "Tilflyttede fra andre kommuner",
  out_movers: "Fraflyttede til andre kommuner",
};

const notes = [
  "Flytninger over kommunegrænsen inden for Danmark (FLY66). Flytninger inden for en kommune og til/fra udlandet er ikke med.",
  "Kombinationer, som Statistikbanken ikke leverer (BULK), er 0 flytninger.",
];

/** Rows of a dataset as columns: per part of the key its values, and the two sums. */
type Rows = ReturnType<Layout["rows"]>;
const noRows = (): Rows => ({ values: [[], [], [], []], a: [], b: [] });

/** The flows sorted as "origin|destination|age group|year" with the locale. */
function flowRows(t: FlowTable): Rows {
  const layout = new Layout([t.codes, t.codes, t.groups, t.years], byLocale);
  const sums = new Sums(layout.space);
  for (let i = 0; i < t.moves.length; i++) sums.add(layout.key4(t.origin[i], t.destination[i], t.group[i], t.year[i]), t.moves[i], 0);
  return layout.rows(sums);
}

export async function flows(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const {
    values: [origin, destination, age_group, year],
    a: moves,
  } = "flows" in data ? flowRows(data.flows) : noRows();
  return {
    columns: {
      origin: { type: "string", values: origin },
      destination: { type: "string", values: destination },
      age_group: { type: "string", values: age_group },
      year: { type: "int16", values: year.map(Number) },
      moves: { type: "int32", values: moves },
    },
    meta: datasetMeta({
      dataset: "flows",
      title: "Flytninger mellem kommuner efter aldersgruppe",
      sources: "flows" in data ? combined(data.provenance) : [],
      rows: moves.length,
      missing: "missing" in data ? data.missing : [],
      columns: flowColumns,
      notes,
    }),
  };
}

/** In- and out-movers sorted as "area|age|year" with the locale. */
function ageRows(t: AgeTable): Rows {
  const layout = new Layout([t.codes, t.ages.map(String), t.years], byLocale);
  const sums = new Sums(layout.space);
  for (let i = 0; i < t.inMovers.length; i++) sums.add(layout.key3(t.area[i], t.age[i], t.year[i]), t.inMovers[i], t.outMovers[i]);
  return layout.rows(sums);
}

export async function migrationAges(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const {
    values: [area, age, year],
    a: inMovers,
    b: outMovers,
  } = "ages" in data ? ageRows(data.ages) : noRows();
  return {
    columns: {
      area: { type: "string", values: area },
      age: { type: "int16", values: age.map(Number) },
      year: { type: "int16", values: year.map(Number) },
      in_movers: { type: "int32", values: inMovers },
      out_movers: { type: "int32", values: outMovers },
    },
    meta: datasetMeta({
      dataset: "migration_ages",
      title: "Til- og fraflyttede efter alder",
      sources: "ages" in data ? combined(data.provenance) : [],
      rows: inMovers.length,
      missing: "missing" in data ? data.missing : [],
      columns: ageColumns,
      notes,
    }),
  };
}

/** The age groups of `t` and 'i alt', and where 'i alt' is among them. */
function withAllAges(t: FlowTable): { groups: readonly string[]; all: number } {
  const groups = t.groups.includes(ALL_AGES) ? t.groups : [...t.groups, ALL_AGES];
  return { groups, all: groups.indexOf(ALL_AGES) };
}

/** Each municipality's in- and out-movers per age group and 'i alt', sorted as "area|age group|year" with the locale. */
function totalRows(t: FlowTable): Rows {
  const { groups, all } = withAllAges(t);
  const layout = new Layout([t.codes, groups, t.years], byLocale);
  const sums = new Sums(layout.space);
  for (let i = 0; i < t.moves.length; i++) {
    const origin = t.origin[i];
    const destination = t.destination[i];
    const year = t.year[i];
    const moves = t.moves[i];
    sums.add(layout.key3(destination, t.group[i], year), moves, 0);
    sums.add(layout.key3(origin, t.group[i], year), 0, moves);
    sums.add(layout.key3(destination, all, year), moves, 0);
    sums.add(layout.key3(origin, all, year), 0, moves);
  }
  return layout.rows(sums);
}

/** The entries "origin|destination|age group|year" → moves (hand-made flows) as a FlowTable. */
function flowTable(flows: Iterable<[string, number]>): FlowTable {
  const lists = { codes: [] as string[], groups: [] as string[], years: [] as string[] };
  const indices = new Map<string[], Map<string, number>>(Object.values(lists).map((l) => [l, new Map()]));
  const indexIn = (list: string[], value: string) => {
    const index = indices.get(list)!;
    let i = index.get(value);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      index.set(value, i);
    }
    return i;
  };
  const t = { ...lists, origin: [] as number[], destination: [] as number[], group: [] as number[], year: [] as number[], moves: [] as number[] };
  for (const [k, moves] of flows) {
    const [origin, destination, group, year] = k.split("|");
    t.origin.push(indexIn(lists.codes, `${origin}`));
    t.destination.push(indexIn(lists.codes, `${destination}`));
    t.group.push(indexIn(lists.groups, `${group}`));
    t.year.push(indexIn(lists.years, `${year}`));
    t.moves.push(moves);
  }
  return t;
}

/**
 * Each municipality's in- and out-movers per age group and year, 'i alt' = all ages, from
 * "origin|destination|age group|year" → moves. Sorted by area, age group, year.
 */
export function areaTotals(flows: Iterable<[string, number]>): MigrationTotalRow[] {
  const {
    values: [area, age_group, year],
    a,
    b,
  } = totalRows(flowTable(flows));
  return a.map((in_movers, i) => ({ area: area[i], age_group: age_group[i], year: Number(year[i]), in_movers, out_movers: b[i] }));
}

export async function migrationTotals(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const {
    values: [area, age_group, year],
    a: inMovers,
    b: outMovers,
  } = "flows" in data ? totalRows(data.flows) : noRows();
  return {
    columns: {
      area: { type: "string", values: area },
      age_group: { type: "string", values: age_group },
      year: { type: "int16", values: year.map(Number) },
      in_movers: { type: "int32", values: inMovers },
      out_movers: { type: "int32", values: outMovers },
    },
    meta: datasetMeta({
      dataset: "migration_totals",
      title: "Til- og fraflyttede efter aldersgruppe",
      sources: "flows" in data ? combined(data.provenance) : [],
      rows: inMovers.length,
      missing: "missing" in data ? data.missing : [],
      columns: {
        area: "Kommune",
        age_group: "Aldersgruppe ('i alt' = alle aldre)",
        year: "År",
        in_movers: "Tilflyttede fra andre kommuner",
        out_movers: "Fraflyttede til andre kommuner",
      },
      notes,
    }),
  };
}

/** A row of flow_pairs (src/lib/datasets.ts). */
export type FlowPair = FlowPairRow;

/**
 * Each flow seen from both ends, per age group and 'i alt', sorted as
 * "area|year|age group|counterpart" by code units.
 */
function pairRows(t: FlowTable): Rows {
  const { groups, all } = withAllAges(t);
  const layout = new Layout([t.codes, t.years, groups, t.codes], byCodeUnits);
  const sums = new Sums(layout.space);
  for (let i = 0; i < t.moves.length; i++) {
    const origin = t.origin[i];
    const destination = t.destination[i];
    const year = t.year[i];
    const moves = t.moves[i];
    sums.add(layout.key4(destination, year, t.group[i], origin), moves, 0);
    sums.add(layout.key4(origin, year, t.group[i], destination), 0, moves);
    sums.add(layout.key4(destination, year, all, origin), moves, 0);
    sums.add(layout.key4(origin, year, all, destination), 0, moves);
  }
  return layout.rows(sums);
}

/**
 * Moves between each municipality and each other one, seen from both ends: for every flow
 * origin → destination, the destination's row for the origin counts it in, the origin's row for
 * the destination counts it out; 'i alt' adds the age groups. A pair appears only where someone
 * moved (in or out) in that year and age group. Sorted by area, year, age group, counterpart.
 * `flows` maps "origin|destination|age group|year" to moves.
 */
export function pairTotals(flows: Iterable<[string, number]>): FlowPair[] {
  const {
    values: [area, year, age_group, counterpart],
    a,
    b,
  } = pairRows(flowTable(flows));
  return a.map((in_movers, i) => ({ area: area[i], counterpart: counterpart[i], age_group: age_group[i], year: Number(year[i]), in_movers, out_movers: b[i] }));
}

export async function flowPairs(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const {
    values: [area, year, age_group, counterpart],
    a: inMovers,
    b: outMovers,
  } = "flows" in data ? pairRows(data.flows) : noRows();
  return {
    columns: {
      area: { type: "string", values: area },
      counterpart: { type: "string", values: counterpart },
      age_group: { type: "string", values: age_group },
      year: { type: "int16", values: year.map(Number) },
      in_movers: { type: "int32", values: inMovers },
      out_movers: { type: "int32", values: outMovers },
    },
    meta: datasetMeta({
      dataset: "flow_pairs",
      title: "Flytninger mellem hver kommune og hver anden kommune efter aldersgruppe",
      sources: "flows" in data ? combined(data.provenance) : [],
      rows: inMovers.length,
      missing: "missing" in data ? data.missing : [],
      columns: pairColumns,
      notes: [...notes, "Hvert kommunepar står to gange, set fra hver af de to kommuner (til = fra den anden, fra = til den anden)."],
    }),
  };
}
