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

interface FlowData {
  flows: Map<string, number>; // origin|destination|group|year -> moves
  ages: Map<string, [number, number]>; // area|age|year -> [in, out]
  provenance: Provenance[];
}

/**
 * Fetch FLY66 year by year into the two aggregates, or what the source lacks (the table, a
 * variable: see fetchOrMissing). Exported for tests and for both datasets.
 */
export async function readFlows(client: StatbankClient): Promise<FlowData | { missing: MissingPart[] }> {
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
  const flows = new Map<string, number>();
  const ages = new Map<string, [number, number]>();
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
    for (const r of extract.rows) {
      if (r.value === null || r.value === 0) continue;
      const to = r.codes.TILKOMMUNE;
      const from = r.codes.FRAKOMMUNE;
      if (to === from) continue; // FLY66 has no moves within a municipality; guard anyway
      const age = parseAge(r.codes.ALDER);
      const sex = r.codes.KØN;
      if (sex !== "M" && sex !== "K") throw new Error(`FLY66: KØN code ${JSON.stringify(sex)} (expected M or K)`);
      const fk = `${from}|${to}|${ageGroup(age)}|${year}`;
      flows.set(fk, (flows.get(fk) ?? 0) + r.value);
      const inKey = `${to}|${age}|${year}`;
      const outKey = `${from}|${age}|${year}`;
      const i = ages.get(inKey) ?? [0, 0];
      i[0] += r.value;
      ages.set(inKey, i);
      const o = ages.get(outKey) ?? [0, 0];
      o[1] += r.value;
      ages.set(outKey, o);
    }
  }
  return { flows, ages, provenance };
}

/** One combined provenance entry for a table fetched in several requests (one per year). */
function combined(provenance: Provenance[]): Provenance[] {
  if (provenance.length <= 1) return provenance;
  const first = provenance[0];
  return [
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
  ];
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

export async function flows(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const entries = "flows" in data ? [...data.flows].sort(([a], [b]) => a.localeCompare(b)) : [];
  const parts = entries.map(([k, moves]) => {
    const [origin, destination, age_group, year] = k.split("|");
    return { origin, destination, age_group, year: Number(year), moves };
  });
  return {
    columns: {
      origin: { type: "string", values: parts.map((p) => p.origin) },
      destination: { type: "string", values: parts.map((p) => p.destination) },
      age_group: { type: "string", values: parts.map((p) => p.age_group) },
      year: { type: "int16", values: parts.map((p) => p.year) },
      moves: { type: "int32", values: parts.map((p) => p.moves) },
    },
    meta: datasetMeta({
      dataset: "flows",
      title: "Flytninger mellem kommuner efter aldersgruppe",
      sources: "flows" in data ? combined(data.provenance) : [],
      rows: parts.length,
      missing: "missing" in data ? data.missing : [],
      columns: flowColumns,
      notes,
    }),
  };
}

export async function migrationAges(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const entries = "ages" in data ? [...data.ages].sort(([a], [b]) => a.localeCompare(b)) : [];
  const parts = entries.map(([k, [inMovers, outMovers]]) => {
    const [area, age, year] = k.split("|");
    return { area, age: Number(age), year: Number(year), inMovers, outMovers };
  });
  return {
    columns: {
      area: { type: "string", values: parts.map((p) => p.area) },
      age: { type: "int16", values: parts.map((p) => p.age) },
      year: { type: "int16", values: parts.map((p) => p.year) },
      in_movers: { type: "int32", values: parts.map((p) => p.inMovers) },
      out_movers: { type: "int32", values: parts.map((p) => p.outMovers) },
    },
    meta: datasetMeta({
      dataset: "migration_ages",
      title: "Til- og fraflyttede efter alder",
      sources: "ages" in data ? combined(data.provenance) : [],
      rows: parts.length,
      missing: "missing" in data ? data.missing : [],
      columns: ageColumns,
      notes,
    }),
  };
}

/**
 * Each municipality's in- and out-movers per age group and year, 'i alt' = all ages, from
 * "origin|destination|age group|year" → moves. Sorted by area, age group, year.
 */
export function areaTotals(flows: Iterable<[string, number]>): MigrationTotalRow[] {
  const sums = new Map<string, [number, number]>();
  for (const [k, moves] of flows) {
    const [origin, destination, group, year] = k.split("|");
    for (const g of [group, "i alt"]) {
      const inKey = `${destination}|${g}|${year}`;
      const outKey = `${origin}|${g}|${year}`;
      sums.set(inKey, [(sums.get(inKey)?.[0] ?? 0) + moves, sums.get(inKey)?.[1] ?? 0]);
      sums.set(outKey, [sums.get(outKey)?.[0] ?? 0, (sums.get(outKey)?.[1] ?? 0) + moves]);
    }
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, [i, o]]) => {
      const [area, age_group, year] = k.split("|");
      return { area, age_group, year: Number(year), in_movers: i, out_movers: o };
    });
}

export async function migrationTotals(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const parts = "flows" in data ? areaTotals(data.flows) : [];
  return {
    columns: {
      area: { type: "string", values: parts.map((p) => p.area) },
      age_group: { type: "string", values: parts.map((p) => p.age_group) },
      year: { type: "int16", values: parts.map((p) => p.year) },
      in_movers: { type: "int32", values: parts.map((p) => p.in_movers) },
      out_movers: { type: "int32", values: parts.map((p) => p.out_movers) },
    },
    meta: datasetMeta({
      dataset: "migration_totals",
      title: "Til- og fraflyttede efter aldersgruppe",
      sources: "flows" in data ? combined(data.provenance) : [],
      rows: parts.length,
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
 * Moves between each municipality and each other one, seen from both ends: for every flow
 * origin → destination, the destination's row for the origin counts it in, the origin's row for
 * the destination counts it out; 'i alt' adds the age groups. A pair appears only where someone
 * moved (in or out) in that year and age group. Sorted by area, year, age group, counterpart.
 * `flows` maps "origin|destination|age group|year" to moves (as readFlows gives them).
 */
export function pairTotals(flows: Iterable<[string, number]>): FlowPair[] {
  const sums = new Map<string, [number, number]>();
  const add = (key: string, i: number, o: number) => {
    const s = sums.get(key);
    if (s) {
      s[0] += i;
      s[1] += o;
    } else sums.set(key, [i, o]);
  };
  for (const [k, moves] of flows) {
    const [origin, destination, group, year] = k.split("|");
    for (const g of [group, "i alt"]) {
      add(`${destination}|${year}|${g}|${origin}`, moves, 0);
      add(`${origin}|${year}|${g}|${destination}`, 0, moves);
    }
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, [i, o]]) => {
      const [area, year, age_group, counterpart] = k.split("|");
      return { area, counterpart, age_group, year: Number(year), in_movers: i, out_movers: o };
    });
}

export async function flowPairs(client: StatbankClient): Promise<Dataset> {
  const data = await readFlows(client);
  const parts = "flows" in data ? pairTotals(data.flows) : [];
  return {
    columns: {
      area: { type: "string", values: parts.map((p) => p.area) },
      counterpart: { type: "string", values: parts.map((p) => p.counterpart) },
      age_group: { type: "string", values: parts.map((p) => p.age_group) },
      year: { type: "int16", values: parts.map((p) => p.year) },
      in_movers: { type: "int32", values: parts.map((p) => p.in_movers) },
      out_movers: { type: "int32", values: parts.map((p) => p.out_movers) },
    },
    meta: datasetMeta({
      dataset: "flow_pairs",
      title: "Flytninger mellem hver kommune og hver anden kommune efter aldersgruppe",
      sources: "flows" in data ? combined(data.provenance) : [],
      rows: parts.length,
      missing: "missing" in data ? data.missing : [],
      columns: pairColumns,
      notes: [...notes, "Hvert kommunepar står to gange, set fra hver af de to kommuner (til = fra den anden, fra = til den anden)."],
    }),
  };
}
