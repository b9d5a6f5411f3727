/**
 * Lignende kommuner: the k most similar municipalities of each municipality, computed at build
 * time from datasets the site already has, with the method of src/lib/peers.ts and the indicators
 * and weights of data/lignende-kommuner.yaml.
 *
 * Datasets:
 *   peers            area × peer: rank (1 = most similar), distance, indicators used
 *   peer_indicators  area × indicator: label, unit, year, value, z-score and weight (for "Hvorfor
 *                    ligner de?" and "Om data")
 *
 * The inputs are the datasets' own builders, run with the client passed in (no table is read a
 * second way): population (FOLK1A), population_ages (FOLK1A, BY2), migration_totals (FLY66),
 * income (INDKP101), towns (BY1) and commuting_distance (AFSTB4); only those the configured
 * indicators need. The indicator values (`indicatorValues`):
 *   folketal             population 1 January
 *   andel_<a>_<b>        share (%) of the age group in the population 1 January, from single ages
 *                        by sex; an area-year counts only when every age 0–99 is there for both
 *                        sexes (the denominator is the sum of all its single ages)
 *   netto_<group>        (in-movers − out-movers) of the age group per 1,000 inhabitants of all
 *                        ages: the mean of the population 1 January of the year and the next, or
 *                        the year's own when the next is not there (as migration_summary.sql's
 *                        'i alt'). All ages, not the age group, in the denominator: the mirror has
 *                        single ages for 2020 only and FLY66 for 2024 only, and one definition for
 *                        every municipality beats a rate that exists for twelve. An age group
 *                        without a row in a year FLY66 has for the municipality moved 0 (BULK
 *                        leaves out zeros).
 *   disponibel_indkomst  INDKP101 disposable income per person
 *   andel_landdistrikter, andel_smaabyer  src/lib/towns.ts populationShares (rural districts;
 *                        towns of 200–999 by the whole town's size), in %
 *   pendlingsafstand     AFSTB4 km
 *
 * What the source lacks gives "Data mangler", never a failed build: an input dataset without rows
 * leaves its indicators out (named in `missing`), an indicator without figures for some
 * municipalities leaves them out of those pairs (the rule in src/lib/peers.ts), and a
 * municipality with fewer than k comparable others is named with the reason. A configuration
 * file with errors fails the build with every problem and its line, as data/goals.yaml does.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { deserialize, serialize } from "node:v8";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { datasetMeta, type MissingPart } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import type { Provenance, StatbankClient } from "./statbank/client.ts";
import { commutingDistance } from "./tables/commuting.ts";
import { isMunicipality } from "./tables/codes.ts";
import { migrationTotals } from "./tables/flows.ts";
import { income } from "./tables/income.ts";
import { populationAges, populationTotals } from "./tables/population.ts";
import { towns } from "./tables/towns.ts";
import { listProblems } from "../src/lib/text.ts";
import { populationShares, type TownRow } from "../src/lib/towns.ts";
import {
  buildPeerTable,
  chooseYears,
  DEFAULT_PEER_CONFIG,
  describePeerMethod,
  nearestPeers,
  PEER_INDICATORS,
  peerIndicatorDef,
  type IndicatorSpec,
  type IndicatorValue,
  type PeerConfig,
  type PeerGroup,
  type PeerTable,
  type YearChoices,
} from "../src/lib/peers.ts";
import type { AgeRow, CommutingDistanceRow, IncomeRow, MigrationTotalRow, PopulationRow } from "../src/lib/datasets.ts";

export const CONFIG_FILE = "data/lignende-kommuner.yaml";

// ---------------------------------------------------------------------------------------------
// The configuration file

export class PeerConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(listProblems(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the peer configuration`, problems));
    this.name = "PeerConfigError";
  }
}

const CONFIG_KEYS = ["k", "reference_year", "min_coverage", "min_shared_weight", "indicators"];

/** Parse and check data/lignende-kommuner.yaml; every problem is named with its line. Absent keys take DEFAULT_PEER_CONFIG's value. */
export function parsePeerConfig(text: string, file = CONFIG_FILE): PeerConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const problems: string[] = [];
  const at = (node: YamlNode | null | undefined) => (node?.range ? `line ${lineCounter.linePos(node.range[0]).line}: ` : "");
  for (const e of doc.errors) problems.push(`line ${e.linePos?.[0]?.line ?? "?"}: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`);
  if (problems.length > 0) throw new PeerConfigError(file, problems);
  const root = doc.contents;
  if (!isMap(root)) throw new PeerConfigError(file, ["the file must be a mapping with k, reference_year, min_coverage, min_shared_weight and indicators"]);

  const config: PeerConfig = { ...DEFAULT_PEER_CONFIG, indicators: [] };
  let indicatorsGiven = false;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const node = pair.value as YamlNode | null;
    const value = isScalar(node) ? node.value : undefined;
    const where = at((pair.key as YamlNode) ?? node);
    switch (key) {
      case "k":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 20)
          problems.push(`${where}k must be a whole number from 1 to 20, got ${JSON.stringify(value ?? null)}`);
        else config.k = value;
        break;
      case "reference_year":
        if (value === "latest" || value === "seneste") config.referenceYear = "latest";
        else if (typeof value === "number" && Number.isInteger(value) && value >= 1980 && value <= 2100) config.referenceYear = value;
        else problems.push(`${where}reference_year must be "latest" or a year such as 2024, got ${JSON.stringify(value ?? null)}`);
        break;
      case "min_coverage":
      case "min_shared_weight":
        if (typeof value !== "number" || !(value > 0 && value <= 1))
          problems.push(`${where}${key} must be a number above 0 and at most 1, got ${JSON.stringify(value ?? null)}`);
        else if (key === "min_coverage") config.minCoverage = value;
        else config.minSharedWeight = value;
        break;
      case "indicators":
        indicatorsGiven = true;
        if (!isSeq(node)) {
          problems.push(`${where}indicators must be a list of "- id: …, weight: …"`);
          break;
        }
        for (const item of node.items as YamlNode[]) {
          const w = at(item);
          if (!isMap(item)) {
            problems.push(`${w}each indicator must be a mapping with id and weight`);
            continue;
          }
          const json = item.toJSON() as Record<string, unknown>;
          for (const k of Object.keys(json))
            if (k !== "id" && k !== "weight") problems.push(`${w}unknown field ${JSON.stringify(k)} (an indicator has id and weight)`);
          const id = typeof json.id === "string" ? json.id : String(json.id ?? "");
          const weight = json.weight === undefined ? 1 : json.weight;
          if (!peerIndicatorDef(id)) {
            problems.push(`${w}unknown indicator ${JSON.stringify(id)}; known: ${PEER_INDICATORS.map((d) => d.id).join(", ")}`);
            continue;
          }
          if (typeof weight !== "number" || !(weight > 0) || !Number.isFinite(weight)) {
            problems.push(`${w}indicator ${id}: weight must be a number above 0, got ${JSON.stringify(weight)} (leave the indicator out to not use it)`);
            continue;
          }
          if (config.indicators.some((x) => x.id === id)) {
            problems.push(`${w}indicator ${id} is listed twice`);
            continue;
          }
          config.indicators.push({ id, weight });
        }
        break;
      default:
        problems.push(`${where}unknown key ${JSON.stringify(key)}; the file has ${CONFIG_KEYS.join(", ")}`);
    }
  }
  if (!indicatorsGiven) config.indicators = [...DEFAULT_PEER_CONFIG.indicators];
  else if (config.indicators.length === 0 && problems.length === 0) problems.push("indicators lists no indicator");
  if (problems.length > 0) throw new PeerConfigError(file, problems);
  return config;
}

export async function readPeerConfig(path = CONFIG_FILE): Promise<PeerConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  return parsePeerConfig(text, path);
}

// ---------------------------------------------------------------------------------------------
// Indicator values from the datasets' rows

/** The input datasets, by the name the site gives them. */
type InputName = "population" | "population_ages" | "migration_totals" | "income" | "towns" | "commuting_distance";

const BUILDERS: Record<InputName, (client: StatbankClient) => Promise<Dataset>> = {
  population: populationTotals,
  population_ages: populationAges,
  migration_totals: migrationTotals,
  income,
  towns,
  commuting_distance: commutingDistance,
};

/** Which datasets an indicator is computed from. */
export function inputsOf(id: string): InputName[] {
  if (id === "folketal") return ["population"];
  if (id === "andel_landdistrikter" || id === "andel_smaabyer") return ["towns"];
  if (id.startsWith("andel_")) return ["population_ages"];
  if (id.startsWith("netto_")) return ["migration_totals", "population"];
  if (id === "disponibel_indkomst") return ["income"];
  if (id === "pendlingsafstand") return ["commuting_distance"];
  throw new Error(`peers: no input for indicator ${id}`);
}

/** Age groups of the share indicators: [from, to] (to = Infinity: and over). */
export const SHARE_AGES: Record<string, [number, number]> = {
  andel_0_17: [0, 17],
  andel_18_29: [18, 29],
  andel_20_29: [20, 29],
  andel_25_44: [25, 44],
  andel_30_44: [30, 44],
  andel_65plus: [65, Infinity],
};

/** FLY66 age groups (migration_totals.age_group) of the net rate indicators. */
export const NET_GROUPS: Record<string, string> = {
  netto_0_17: "0-17",
  netto_18_24: "18-24",
  netto_25_44: "25-44",
  netto_45_64: "45-64",
  netto_65plus: "65+",
  netto_i_alt: "i alt",
};

export interface InputRows {
  population?: PopulationRow[];
  population_ages?: AgeRow[];
  migration_totals?: MigrationTotalRow[];
  income?: IncomeRow[];
  towns?: TownRow[];
  commuting_distance?: CommutingDistanceRow[];
}

/** Every value of the indicators `ids` in every year the rows allow, for the municipalities (not 411, not regions). */
export function indicatorValues(ids: readonly string[], input: InputRows): IndicatorValue[] {
  const out: IndicatorValue[] = [];
  const want = new Set(ids);
  const population = new Map((input.population ?? []).map((r) => [`${r.area}|${r.year}`, r.population]));

  if (want.has("folketal")) {
    for (const r of input.population ?? []) if (isMunicipality(r.area)) out.push({ indicator: "folketal", area: r.area, year: r.year, value: r.population });
  }

  const shares = ids.filter((id) => id in SHARE_AGES);
  if (shares.length > 0) {
    const cells = new Map<string, { ages: Set<string>; byAge: Map<number, number>; total: number }>();
    for (const r of input.population_ages ?? []) {
      if (!isMunicipality(r.area)) continue;
      const key = `${r.area}|${r.year}`;
      const c = cells.get(key) ?? { ages: new Set<string>(), byAge: new Map<number, number>(), total: 0 };
      c.ages.add(`${r.sex}|${r.age}`);
      c.byAge.set(r.age, (c.byAge.get(r.age) ?? 0) + r.population);
      c.total += r.population;
      cells.set(key, c);
    }
    for (const [key, c] of cells) {
      let complete = c.total > 0;
      for (let a = 0; a <= 99 && complete; a++) complete = c.ages.has(`M|${a}`) && c.ages.has(`K|${a}`);
      if (!complete) continue;
      const [area, year] = key.split("|");
      for (const id of shares) {
        const [from, to] = SHARE_AGES[id];
        let sum = 0;
        for (const [age, n] of c.byAge) if (age >= from && age <= to) sum += n;
        out.push({ indicator: id, area, year: Number(year), value: (100 * sum) / c.total });
      }
    }
  }

  const nets = ids.filter((id) => id in NET_GROUPS);
  if (nets.length > 0) {
    const moves = new Map<string, number>(); // area|year|group -> net
    const present = new Set<string>(); // area|year with any row
    for (const r of input.migration_totals ?? []) {
      if (!isMunicipality(r.area)) continue;
      moves.set(`${r.area}|${r.year}|${r.age_group}`, r.in_movers - r.out_movers);
      present.add(`${r.area}|${r.year}`);
    }
    for (const key of present) {
      const [area, y] = key.split("|");
      const year = Number(y);
      const p0 = population.get(`${area}|${year}`);
      const p1 = population.get(`${area}|${year + 1}`);
      if (p0 === undefined || p0 <= 0) continue;
      const mean = p1 === undefined ? p0 : (p0 + p1) / 2;
      for (const id of nets) out.push({ indicator: id, area, year, value: (1000 * (moves.get(`${key}|${NET_GROUPS[id]}`) ?? 0)) / mean });
    }
  }

  if (want.has("disponibel_indkomst")) {
    for (const r of input.income ?? []) {
      if (r.income_type === "disposable" && isMunicipality(r.area)) out.push({ indicator: "disponibel_indkomst", area: r.area, year: r.year, value: r.kr });
    }
  }

  if (want.has("andel_landdistrikter") || want.has("andel_smaabyer")) {
    const rows = input.towns ?? [];
    const areaYears = new Set(rows.filter((r) => isMunicipality(r.area)).map((r) => `${r.area}|${r.year}`));
    for (const key of areaYears) {
      const [area, y] = key.split("|");
      const year = Number(y);
      const s = populationShares(rows, new Set([area]), year);
      if (want.has("andel_landdistrikter") && s.ruralShare !== null) out.push({ indicator: "andel_landdistrikter", area, year, value: 100 * s.ruralShare });
      if (want.has("andel_smaabyer") && s.smallTownShare !== null) out.push({ indicator: "andel_smaabyer", area, year, value: 100 * s.smallTownShare });
    }
  }

  if (want.has("pendlingsafstand")) {
    for (const r of input.commuting_distance ?? [])
      if (isMunicipality(r.area)) out.push({ indicator: "pendlingsafstand", area: r.area, year: r.year, value: r.km });
  }
  return out;
}

/** A builder's columns as row objects. */
function rowsOf<T>(ds: Dataset): T[] {
  const names = Object.keys(ds.columns);
  const n = names.length ? ds.columns[names[0]].values.length : 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, ds.columns[k].values[i]])) as T);
}

// ---------------------------------------------------------------------------------------------
// The computation, shared by both datasets

export interface PeerComputation {
  config: PeerConfig;
  municipalities: string[];
  years: YearChoices;
  table: PeerTable;
  groups: PeerGroup[];
  sources: Provenance[];
  missing: MissingPart[];
  notes: string[];
}

const computations = new WeakMap<StatbankClient, Map<string, Promise<PeerComputation>>>();

/**
 * Where a build's loaders share the peers: npm run build runs each loader in its own process
 * (loaders/cli/runLoaders.ts), and four of them need the peers (peers, peer_indicators,
 * compare_groups, and the analyses through compare_groups). The build gives them a folder of its
 * own, LOADER_SHARE_DIR, made empty for the build and removed after it, all reading the same
 * source; the first to compute the peers leaves them there for the others, in node's own
 * serialization (the same values, Maps, -0 and NaN included). Without it each computes its own.
 */
function sharedPeersFile(env: NodeJS.ProcessEnv, configPath: string): string | null {
  const dir = env.LOADER_SHARE_DIR?.trim();
  if (!dir) return null;
  const key = createHash("sha256")
    .update(JSON.stringify([resolve(configPath), env.STATBANK_MIRROR ?? "", env.STATBANK_API ?? ""]))
    .digest("hex")
    .slice(0, 16);
  return join(dir, `peers-${key}.v8`);
}

function readShared(file: string | null): PeerComputation | null {
  if (!file) return null;
  try {
    return deserialize(readFileSync(file)) as PeerComputation;
  } catch {
    return null;
  }
}

function writeShared(file: string | null, c: PeerComputation): void {
  if (!file) return;
  try {
    writeFileSync(`${file}.${process.pid}`, serialize(c));
    renameSync(`${file}.${process.pid}`, file);
  } catch {
    // the others compute their own
  }
}

/**
 * The peers and their indicators, computed once per client and configuration file (both datasets
 * use it), and once per build when the build shares them (LOADER_SHARE_DIR, see sharedPeersFile).
 */
export function computePeers(client: StatbankClient, configPath = CONFIG_FILE, env: NodeJS.ProcessEnv = process.env): Promise<PeerComputation> {
  const byPath = computations.get(client) ?? new Map<string, Promise<PeerComputation>>();
  computations.set(client, byPath);
  if (!byPath.has(configPath)) {
    const file = sharedPeersFile(env, configPath);
    const shared = readShared(file);
    const pending = shared
      ? Promise.resolve(shared)
      : readPeerConfig(configPath)
          .then((config) => computeWith(client, config))
          .then((c) => (writeShared(file, c), c));
    pending.catch(() => byPath.delete(configPath));
    byPath.set(configPath, pending);
  }
  return byPath.get(configPath)!;
}

export async function computeWith(client: StatbankClient, config: PeerConfig): Promise<PeerComputation> {
  const ids = config.indicators.map((i) => i.id);
  const needed = [...new Set(ids.flatMap(inputsOf))];
  const built = new Map<InputName, Dataset>();
  for (const name of needed) built.set(name, await BUILDERS[name](client));
  const input: InputRows = {};
  for (const [name, ds] of built) (input as Record<string, unknown>)[name] = rowsOf(ds);

  const values = indicatorValues(ids, input);
  const municipalities = [...new Set((input.population?.length ? input.population : values).map((r) => r.area).filter(isMunicipality))].sort();
  const years = chooseYears(values, ids, municipalities, config.referenceYear, config.minCoverage);
  const yearOf = new Map(years.choices.map((c) => [c.indicator, c.year]));
  const specs: IndicatorSpec[] = [];
  for (const { id, weight } of config.indicators) {
    const year = yearOf.get(id);
    const def = peerIndicatorDef(id)!;
    if (year !== null && year !== undefined) specs.push({ id, label: def.label, unit: def.unit, weight, transform: def.transform, year });
  }
  const table = buildPeerTable(
    specs,
    values.filter((v) => v.year === yearOf.get(v.indicator)),
    municipalities,
  );
  const groups = nearestPeers(table, { k: config.k, minSharedWeight: config.minSharedWeight });

  // what is missing, in the terms of the peers
  const missing: MissingPart[] = [];
  const wholeMissing = (id: string) =>
    inputsOf(id)
      .map((n) => built.get(n)!)
      .filter((ds) => ds.meta.rows === 0);
  for (const c of years.choices) {
    const def = peerIndicatorDef(c.indicator)!;
    if (c.year === null) {
      const lacking = wholeMissing(c.indicator);
      const why = lacking.length
        ? lacking.flatMap((ds) => ds.meta.missing.map((m) => `${m.table}: ${m.what}`)).join("; ") ||
          `${lacking.map((ds) => ds.meta.dataset).join(", ")} har ingen rækker`
        : `intet år med tal for mindst ${Math.round(config.minCoverage * 100)} % af kommunerne`;
      missing.push({
        table: lacking.flatMap((ds) => ds.meta.missing.map((m) => m.table))[0] ?? def.tables[0],
        what: `indikatoren «${def.label}» er udeladt (${why})`,
        detail: `peers: indicator ${c.indicator} has no year with figures for ${Math.round(config.minCoverage * 100)} % of the municipalities${lacking.length ? ` (${lacking.map((ds) => `${ds.meta.dataset} has no rows`).join(", ")})` : ""}`,
        indicator: c.indicator,
        extent: "all",
      });
      continue;
    }
    const have = new Set(values.filter((v) => v.indicator === c.indicator && v.year === c.year).map((v) => v.area));
    const lack = municipalities.filter((m) => !have.has(m));
    if (lack.length > 0) {
      missing.push({
        table: def.tables[0],
        what: `«${def.label}» ${c.year} for ${lack.length} af ${municipalities.length} kommuner (udeladt af deres afstande)`,
        detail: `peers: indicator ${c.indicator} in ${c.year} lacks ${lack.join(", ")}`,
        areas: lack,
        indicator: c.indicator,
        extent: "some",
      });
    }
  }
  for (const d of table.dropped) {
    missing.push({
      table: peerIndicatorDef(d.id)!.tables[0],
      what: `indikatoren «${d.label}» er udeladt (${d.reason})`,
      detail: `peers: indicator ${d.id} dropped: ${d.reason}`,
      indicator: d.id,
      extent: "all",
    });
  }
  for (const g of groups) {
    if (g.reason === null) continue;
    const zs = table.z.get(g.area)!;
    const lackingTables = [...new Set(table.indicators.filter((_, i) => zs[i] === null).flatMap((s) => peerIndicatorDef(s.id)!.tables.slice(0, 1)))];
    missing.push({
      table: lackingTables.join(", ") || "lignende kommuner",
      what: `lignende kommuner for ${g.area}: ${g.reason}`,
      detail: `peers: ${g.area} has ${g.peers.length} of ${config.k} peers`,
      areas: [g.area],
    });
  }

  // the tables behind the indicators used (their own gaps are the input datasets' business)
  const used = new Set(table.indicators.flatMap((s) => inputsOf(s.id)));
  const seen = new Set<string>();
  const sources: Provenance[] = [];
  for (const name of needed) {
    if (!used.has(name)) continue;
    for (const s of built.get(name)!.meta.sources) {
      const key = `${s.table}|${s.selection}`;
      if (seen.has(key)) continue;
      seen.add(key);
      sources.push({ ...s, gaps: [] });
    }
  }

  // how each indicator is computed; indicators computed the same way (the age shares) share a note
  const byDescription = new Map<string, string[]>();
  for (const s of table.indicators) {
    const d = peerIndicatorDef(s.id)!.description;
    byDescription.set(d, [...(byDescription.get(d) ?? []), `${s.label} (${s.year})`]);
  }
  // and what the loaders adapted to a table (a variable found under a new id), as every dataset says it
  const adaptations = [...new Set(sources.flatMap((s) => s.adaptations ?? []))];
  const notes = [...describePeerMethod(config, table, years), ...[...byDescription].map(([d, labels]) => `${labels.join(", ")}: ${d}`), ...adaptations];
  return { config, municipalities, years, table, groups, sources, missing, notes };
}

// ---------------------------------------------------------------------------------------------
// The datasets

const PEERS_TITLE = "Lignende kommuner (beregnet fra tallene)";
const PEERS_COLUMNS = {
  area: "Kommune (kommunekode)",
  peer: "Lignende kommune (kommunekode)",
  rank: "Rang: 1 = mest lignende",
  distance: "Afstand (vægtet euklidisk afstand mellem standardiserede indikatorer; 0 = ens)",
  indicators_used: "Antal indikatorer, begge kommuner har tal for (afstanden er regnet over dem)",
};

export async function peers(client: StatbankClient, configPath = CONFIG_FILE): Promise<Dataset> {
  const c = await computePeers(client, configPath);
  const rows = c.groups.flatMap((g) => g.peers.map((p) => ({ area: g.area, ...p })));
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      peer: { type: "string", values: rows.map((r) => r.peer) },
      rank: { type: "int16", values: rows.map((r) => r.rank) },
      distance: { type: "float64", values: rows.map((r) => r.distance) },
      indicators_used: { type: "int16", values: rows.map((r) => r.used) },
    },
    meta: datasetMeta({
      dataset: "peers",
      title: PEERS_TITLE,
      sources: c.sources,
      rows: rows.length,
      missing: c.missing,
      columns: PEERS_COLUMNS,
      notes: c.notes,
    }),
  };
}

const INDICATORS_TITLE = "Indikatorer bag lignende kommuner: værdi og z-score";
const INDICATORS_COLUMNS = {
  area: "Kommune (kommunekode)",
  indicator: "Indikatorens id (data/lignende-kommuner.yaml)",
  label: "Indikator",
  unit: "Enhed for værdien (%, kr., km, personer, pr. 1.000 indb.)",
  year: "År, værdien er fra",
  value: "Værdi i enheden",
  z: "Standardiseret værdi (z-score over kommunerne; for folketal af logaritmen)",
  weight: "Indikatorens vægt i afstanden",
};

export async function peerIndicators(client: StatbankClient, configPath = CONFIG_FILE): Promise<Dataset> {
  const c = await computePeers(client, configPath);
  const rows: { area: string; indicator: string; label: string; unit: string; year: number; value: number; z: number; weight: number }[] = [];
  for (const area of c.table.areas) {
    const vs = c.table.values.get(area)!;
    const zs = c.table.z.get(area)!;
    c.table.indicators.forEach((s, i) => {
      if (vs[i] === null || zs[i] === null) return;
      rows.push({ area, indicator: s.id, label: s.label, unit: s.unit, year: s.year, value: vs[i]!, z: zs[i]!, weight: s.weight });
    });
  }
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  return {
    columns: {
      area: { type: "string", values: col("area") },
      indicator: { type: "string", values: col("indicator") },
      label: { type: "string", values: col("label") },
      unit: { type: "string", values: col("unit") },
      year: { type: "int16", values: col("year") },
      value: { type: "float64", values: col("value") },
      z: { type: "float64", values: col("z") },
      weight: { type: "float64", values: col("weight") },
    },
    meta: datasetMeta({
      dataset: "peer_indicators",
      title: INDICATORS_TITLE,
      sources: c.sources,
      rows: rows.length,
      missing: c.missing.filter((m) => m.indicator !== undefined),
      columns: INDICATORS_COLUMNS,
      notes: c.notes,
    }),
  };
}
