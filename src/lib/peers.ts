/**
 * Lignende kommuner ("kommuner som os"): for each of the 98 municipalities, the k municipalities
 * most like it on a set of indicators the site already has. Pure: no DOM, no node; the loader
 * (loaders/peers.ts) computes the groups at build time with these functions, and a page can
 * explain them ("Hvorfor ligner de?") with the same code from the `peer_indicators` dataset.
 *
 * The method (`PEER_METHOD_DA` says it in Danish for "Om data"):
 *
 * 1. Indicators and weights come from data/lignende-kommuner.yaml (`PeerConfig`), chosen from
 *    `PEER_INDICATORS`. Each indicator takes one year (`chooseYears`): with `reference_year:
 *    latest`, the latest year in which every indicator has figures for at least `min_coverage` of
 *    the municipalities; when there is no such common year (a partial source), each indicator's
 *    own latest such year, and the notes say so. With a fixed year Y, each indicator's latest such
 *    year up to Y (an indicator without one is left out).
 * 2. Each indicator is standardised over the municipalities that have it: z = (x − mean) / sd, with
 *    the population standard deviation (divided by n, not n − 1). Population size is standardised
 *    on its natural logarithm (`transform: "log"`), so 10,000 against 20,000 counts as much as
 *    50,000 against 100,000. Areas are read in code order, so the result does not depend on the
 *    order of the input. An indicator with fewer than 2 values or no spread is left out.
 * 3. The distance between municipalities a and b is the weighted Euclidean distance over the
 *    indicators both have:
 *        d(a, b) = sqrt( W / W_ab × Σ_i w_i (z_ai − z_bi)² )
 *    where the sum runs over the indicators i that both a and b have, W_ab is the sum of their
 *    weights and W the sum of all weights. A missing indicator is never read as 0: it is left out
 *    of that pair's distance, and the rest is scaled up by W / W_ab, so a pair that shares fewer
 *    indicators is not made closer by the gap. The number of indicators used is kept with every
 *    distance. Pairs that share less than `min_shared_weight` of W are not compared at all.
 *    With every indicator present d is the plain weighted Euclidean distance; d(a, b) = d(b, a).
 * 4. A municipality's peers are the k others with the smallest distance (never itself); equal
 *    distances (to 12 significant digits) are ordered by municipality code. A municipality with
 *    fewer than k comparable others gets those it has, and a reason (`PeerGroup.reason`).
 * 5. Each indicator's contribution to d(a, b)² is w_i (z_ai − z_bi)² × W / W_ab; its share of d²
 *    says which indicators make two municipalities alike or apart (`explainPeers`).
 */
import { formatNumber } from "./format.js";
import { numberWord } from "./sentences.js";

// ---------------------------------------------------------------------------------------------
// Rows of the two datasets (registered in src/lib/datasets.ts)

/** One peer of a municipality (dataset `peers`). */
export interface PeerRow {
  area: string;
  peer: string;
  /** 1 = the most similar. */
  rank: number;
  distance: number;
  /** How many indicators both municipalities have (the distance is over these). */
  indicators_used: number;
}

/** One municipality's value of one indicator in the year used (dataset `peer_indicators`). */
export interface PeerIndicatorRow {
  area: string;
  indicator: string;
  label: string;
  unit: string;
  year: number;
  value: number;
  /** The standardised value (of the logarithm for population size). */
  z: number;
  weight: number;
}

// ---------------------------------------------------------------------------------------------
// The indicators the site can compute

export interface PeerIndicatorDef {
  id: string;
  /** Danish label for tables and "Om data". */
  label: string;
  /** Danish unit of the value: "personer", "%", "pr. 1.000 indb.", "kr.", "km". */
  unit: string;
  /** Standardise the value as it is, or its natural logarithm. */
  transform: "none" | "log";
  /** Decimals a page shows. */
  decimals: number;
  /** StatBank tables the value is computed from. */
  tables: string[];
  /** How the value is computed, in Danish. */
  description: string;
}

const AGE_SHARE =
  "Andel af folketallet 1. januar, talt fra enkeltaldre efter køn (FOLK1A, BY2 hvor FOLK1A mangler enkeltaldre); alle aldre 0–99 skal findes for begge køn.";
const NET_RATE =
  "Tilflyttede minus fraflyttede over kommunegrænsen i året (FLY66) pr. 1.000 indbyggere i alt (gennemsnit af folketallet 1. januar i året og året efter, ellers 1. januar i året; FOLK1A).";

function ageShareDef(id: string, ages: string): PeerIndicatorDef {
  return { id, label: `Andel ${ages}-årige`, unit: "%", transform: "none", decimals: 1, tables: ["FOLK1A", "BY2"], description: AGE_SHARE };
}

function netRateDef(id: string, ages: string | null): PeerIndicatorDef {
  return {
    id,
    label: ages ? `Nettotilflytning af ${ages}-årige` : "Nettotilflytning i alt",
    unit: "pr. 1.000 indb.",
    transform: "none",
    decimals: 1,
    tables: ["FLY66", "FOLK1A"],
    description: NET_RATE,
  };
}

/** Every indicator data/lignende-kommuner.yaml may name. */
export const PEER_INDICATORS: readonly PeerIndicatorDef[] = [
  {
    id: "folketal",
    label: "Folketal",
    unit: "personer",
    transform: "log",
    decimals: 0,
    tables: ["FOLK1A"],
    description: "Folketal 1. januar (FOLK1A). Sammenlignes på logaritmen: 10.000 mod 20.000 tæller lige så meget som 50.000 mod 100.000.",
  },
  ageShareDef("andel_0_17", "0–17"),
  ageShareDef("andel_18_29", "18–29"),
  ageShareDef("andel_20_29", "20–29"),
  ageShareDef("andel_25_44", "25–44"),
  ageShareDef("andel_30_44", "30–44"),
  { ...ageShareDef("andel_65plus", "65+"), label: "Andel 65 år og derover" },
  netRateDef("netto_0_17", "0–17"),
  netRateDef("netto_18_24", "18–24"),
  netRateDef("netto_25_44", "25–44"),
  netRateDef("netto_45_64", "45–64"),
  { ...netRateDef("netto_65plus", null), label: "Nettotilflytning af 65+-årige" },
  netRateDef("netto_i_alt", null),
  {
    id: "disponibel_indkomst",
    label: "Disponibel indkomst pr. person",
    unit: "kr.",
    transform: "none",
    decimals: 0,
    tables: ["INDKP101"],
    description: "Gennemsnitlig disponibel indkomst for alle personer, løbende priser (INDKP101, indkomsttype 100).",
  },
  {
    id: "andel_landdistrikter",
    label: "Andel i landdistrikter",
    unit: "%",
    transform: "none",
    decimals: 1,
    tables: ["BY1"],
    description: "Andel af folketallet 1. januar, der bor i landdistrikter (steder under 200 indbyggere; BY1).",
  },
  {
    id: "andel_smaabyer",
    label: "Andel i byer under 1.000 indb.",
    unit: "%",
    transform: "none",
    decimals: 1,
    tables: ["BY1"],
    description: "Andel af folketallet 1. januar, der bor i byer med 200–999 indbyggere (hele byens størrelse, også over kommunegrænsen; BY1).",
  },
  {
    id: "pendlingsafstand",
    label: "Gennemsnitlig pendlingsafstand",
    unit: "km",
    transform: "none",
    decimals: 1,
    tables: ["AFSTB4"],
    description: "Gennemsnitlig afstand mellem bopæl og arbejdssted for beskæftigede, ultimo november (AFSTB4).",
  },
];

export function peerIndicatorDef(id: string): PeerIndicatorDef | undefined {
  return PEER_INDICATORS.find((d) => d.id === id);
}

/** "8,1 %", "31.738 personer", "245.312 kr.", "−2,4 pr. 1.000 indb."; null → "–". */
export function formatIndicatorValue(value: number | null | undefined, unit: string, decimals?: number): string {
  const d = decimals ?? (unit === "personer" || unit === "kr." ? 0 : 1);
  const n = formatNumber(value, d);
  return n === "–" ? n : `${n} ${unit}`;
}

// ---------------------------------------------------------------------------------------------
// Configuration (data/lignende-kommuner.yaml)

export interface PeerConfig {
  /** How many peers each municipality gets. */
  k: number;
  /** "latest" or a fixed year (see chooseYears). */
  referenceYear: "latest" | number;
  /** A year counts for an indicator when it has figures for at least this share of the municipalities (0–1). */
  minCoverage: number;
  /** Two municipalities are compared only when the indicators they share carry at least this share of the total weight (0–1). */
  minSharedWeight: number;
  indicators: { id: string; weight: number }[];
}

export const DEFAULT_PEER_CONFIG: PeerConfig = {
  k: 5,
  referenceYear: "latest",
  minCoverage: 0.9,
  minSharedWeight: 0.5,
  indicators: [
    { id: "folketal", weight: 1 },
    { id: "andel_0_17", weight: 0.5 },
    { id: "andel_20_29", weight: 0.5 },
    { id: "andel_30_44", weight: 0.5 },
    { id: "andel_65plus", weight: 0.5 },
    { id: "netto_0_17", weight: 0.5 },
    { id: "netto_18_24", weight: 0.5 },
    { id: "netto_25_44", weight: 0.5 },
    { id: "disponibel_indkomst", weight: 1 },
    { id: "andel_landdistrikter", weight: 1 },
    { id: "andel_smaabyer", weight: 1 },
    { id: "pendlingsafstand", weight: 1 },
  ],
};

// ---------------------------------------------------------------------------------------------
// Step 1: one year per indicator

export interface IndicatorValue {
  indicator: string;
  area: string;
  year: number;
  value: number;
}

export interface YearChoice {
  indicator: string;
  /** The year used; null: no year qualifies (the indicator is left out). */
  year: number | null;
  /** Share of the municipalities with a figure in that year (0–1). */
  coverage: number;
  /** The years that qualify (coverage ≥ minCoverage), ascending. */
  usable: number[];
}

export interface YearChoices {
  /** The common year when `latest` found one; null otherwise (each indicator its own year) and for a fixed year. */
  common: number | null;
  choices: YearChoice[];
}

/**
 * The year each indicator uses (step 1 of the method). `municipalities` is the set coverage is
 * counted against (the 98); a value for another area is ignored.
 */
export function chooseYears(
  values: readonly IndicatorValue[],
  indicators: readonly string[],
  municipalities: readonly string[],
  rule: "latest" | number,
  minCoverage: number,
): YearChoices {
  const universe = new Set(municipalities);
  const counts = new Map<string, Map<number, Set<string>>>();
  for (const v of values) {
    if (!universe.has(v.area) || !Number.isFinite(v.value)) continue;
    const byYear = counts.get(v.indicator) ?? new Map<number, Set<string>>();
    byYear.set(v.year, (byYear.get(v.year) ?? new Set()).add(v.area));
    counts.set(v.indicator, byYear);
  }
  const coverage = (id: string, year: number) => (universe.size ? (counts.get(id)?.get(year)?.size ?? 0) / universe.size : 0);
  const usable = new Map(indicators.map((id) => [id, [...(counts.get(id)?.keys() ?? [])].filter((y) => coverage(id, y) >= minCoverage).sort((a, b) => a - b)]));
  let common: number | null = null;
  if (rule === "latest") {
    const lists = indicators.map((id) => usable.get(id)!).filter((l) => l.length > 0);
    if (lists.length > 0) {
      const shared = lists[0].filter((y) => lists.every((l) => l.includes(y)));
      common = shared.length > 0 ? shared[shared.length - 1] : null;
    }
  }
  const choices = indicators.map((id): YearChoice => {
    const years = usable.get(id)!;
    const year = rule === "latest" ? (common ?? years.at(-1) ?? null) : ([...years].reverse().find((y) => y <= rule) ?? null);
    return { indicator: id, year, coverage: year === null ? 0 : coverage(id, year), usable: years };
  });
  return { common, choices };
}

// ---------------------------------------------------------------------------------------------
// Step 2: standardise

export interface IndicatorSpec {
  id: string;
  label: string;
  unit: string;
  weight: number;
  transform: "none" | "log";
  /** The year the values are from (for display). */
  year: number;
}

export interface PeerTableIndicator extends IndicatorSpec {
  /** Mean and population standard deviation of the (transformed) values; null when read back from rows. */
  mean: number | null;
  sd: number | null;
  /** Municipalities with a value. */
  n: number;
}

export interface PeerTable {
  indicators: PeerTableIndicator[];
  /** Every municipality, in code order. */
  areas: string[];
  /** Per area, per indicator (in the order of `indicators`): the value and its z-score; null where missing. */
  values: Map<string, (number | null)[]>;
  z: Map<string, (number | null)[]>;
  /** Indicators left out, with the reason in Danish. */
  dropped: { id: string; label: string; reason: string }[];
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Standardise each indicator over `areas` (step 2). `values` holds one value per indicator and
 * area (the indicator's chosen year); a second value for the same indicator and area is an error.
 * A value of an area outside `areas` is ignored; a non-positive value of a log indicator counts as
 * missing.
 */
export function buildPeerTable(
  specs: readonly IndicatorSpec[],
  values: readonly { indicator: string; area: string; value: number }[],
  areas: readonly string[],
): PeerTable {
  const sortedAreas = [...new Set(areas)].sort(byCode);
  const index = new Map(specs.map((s, i) => [s.id, i]));
  const raw = new Map(sortedAreas.map((a) => [a, specs.map((): number | null => null)]));
  for (const v of values) {
    const i = index.get(v.indicator);
    const row = raw.get(v.area);
    if (i === undefined || !row || !Number.isFinite(v.value)) continue;
    if (row[i] !== null) throw new Error(`peers: two values for indicator ${v.indicator} in area ${v.area}`);
    row[i] = v.value;
  }
  const kept: PeerTableIndicator[] = [];
  const keptIndex: number[] = [];
  const dropped: PeerTable["dropped"] = [];
  const stats: { mean: number; sd: number }[] = [];
  specs.forEach((s, i) => {
    const xs: number[] = [];
    for (const a of sortedAreas) {
      const x = transformed(raw.get(a)![i], s.transform);
      if (x !== null) xs.push(x);
    }
    if (xs.length < 2) {
      dropped.push({ id: s.id, label: s.label, reason: xs.length === 0 ? "ingen kommuner har tal" : "kun én kommune har tal" });
      return;
    }
    const mean = xs.reduce((t, x) => t + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((t, x) => t + (x - mean) ** 2, 0) / xs.length);
    if (!(sd > 0)) {
      dropped.push({ id: s.id, label: s.label, reason: "alle kommuner har samme værdi" });
      return;
    }
    kept.push({ ...s, mean, sd, n: xs.length });
    keptIndex.push(i);
    stats.push({ mean, sd });
  });
  const valuesOut = new Map<string, (number | null)[]>();
  const z = new Map<string, (number | null)[]>();
  for (const a of sortedAreas) {
    const row = raw.get(a)!;
    valuesOut.set(
      a,
      keptIndex.map((i, j) => (transformed(row[i], kept[j].transform) === null ? null : row[i])),
    );
    z.set(
      a,
      keptIndex.map((i, j) => {
        const x = transformed(row[i], kept[j].transform);
        return x === null ? null : (x - stats[j].mean) / stats[j].sd;
      }),
    );
  }
  return { indicators: kept, areas: sortedAreas, values: valuesOut, z, dropped };
}

function transformed(x: number | null, transform: "none" | "log"): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  if (transform === "log") return x > 0 ? Math.log(x) : null;
  return x;
}

/**
 * The table as the `peer_indicators` dataset holds it (values, z-scores and weights as computed at
 * build time), for explaining the peers in the browser without computing anything again.
 */
export function peerTableFromRows(rows: readonly PeerIndicatorRow[]): PeerTable {
  const specs = new Map<string, PeerTableIndicator>();
  for (const r of rows) {
    if (!specs.has(r.indicator)) {
      const def = peerIndicatorDef(r.indicator);
      specs.set(r.indicator, {
        id: r.indicator,
        label: r.label,
        unit: r.unit,
        weight: r.weight,
        transform: def?.transform ?? "none",
        year: r.year,
        mean: null,
        sd: null,
        n: 0,
      });
    }
    specs.get(r.indicator)!.n++;
  }
  // in the order the rows first name them: the loader writes each area's indicators in the configuration's order
  const indicators = [...specs.values()];
  const index = new Map(indicators.map((s, i) => [s.id, i]));
  const areas = [...new Set(rows.map((r) => r.area))].sort(byCode);
  const values = new Map(areas.map((a) => [a, indicators.map((): number | null => null)]));
  const z = new Map(areas.map((a) => [a, indicators.map((): number | null => null)]));
  for (const r of rows) {
    values.get(r.area)![index.get(r.indicator)!] = r.value;
    z.get(r.area)![index.get(r.indicator)!] = r.z;
  }
  return { indicators, areas, values, z, dropped: [] };
}

// ---------------------------------------------------------------------------------------------
// Step 3: distance

export interface PairDistance {
  /** null: the pair shares too little of the weight to be compared. */
  distance: number | null;
  /** Indicators both have. */
  used: number;
  /** Their share of the total weight (0–1). */
  sharedWeight: number;
}

function totalWeight(table: PeerTable): number {
  return table.indicators.reduce((t, s) => t + s.weight, 0);
}

/** d(a, b) of step 3: over the indicators both have, rescaled to the total weight. */
export function pairDistance(table: PeerTable, a: string, b: string, minSharedWeight = 0): PairDistance {
  const za = table.z.get(a);
  const zb = table.z.get(b);
  const total = totalWeight(table);
  if (!za || !zb || total <= 0) return { distance: null, used: 0, sharedWeight: 0 };
  let sum = 0;
  let weight = 0;
  let used = 0;
  table.indicators.forEach((s, i) => {
    const x = za[i];
    const y = zb[i];
    if (x === null || y === null) return;
    sum += s.weight * (x - y) ** 2;
    weight += s.weight;
    used++;
  });
  const sharedWeight = weight / total;
  if (used === 0 || sharedWeight < minSharedWeight) return { distance: null, used, sharedWeight };
  return { distance: Math.sqrt((sum * total) / weight), used, sharedWeight };
}

// ---------------------------------------------------------------------------------------------
// Step 4: the k nearest

export interface Peer {
  peer: string;
  rank: number;
  distance: number;
  used: number;
}

export interface PeerGroup {
  area: string;
  peers: Peer[];
  /** Why the municipality has fewer than k peers (Danish); null when it has k. */
  reason: string | null;
}

/** Distances equal to 12 significant digits count as equal (floating-point noise), then the code decides. */
function tieKey(d: number): number {
  return Number(d.toPrecision(12));
}

/** The k nearest of every municipality (step 4), in code order of the municipalities. */
export function nearestPeers(table: PeerTable, options: { k: number; minSharedWeight: number }): PeerGroup[] {
  const { k, minSharedWeight } = options;
  const areas = table.areas;
  // every pair once: d(a, b) = d(b, a) by construction, and the same number is used for both
  const d = new Map<string, PairDistance>();
  for (let i = 0; i < areas.length; i++) {
    for (let j = i + 1; j < areas.length; j++) d.set(`${areas[i]}|${areas[j]}`, pairDistance(table, areas[i], areas[j], minSharedWeight));
  }
  const get = (a: string, b: string) => d.get(a < b ? `${a}|${b}` : `${b}|${a}`)!;
  return areas.map((area): PeerGroup => {
    const own = table.z.get(area)!;
    if (own.every((v) => v === null)) return { area, peers: [], reason: "ingen af indikatorerne har tal for kommunen" };
    const candidates = areas
      .filter((b) => b !== area)
      .map((b) => ({ b, p: get(area, b) }))
      .filter((c): c is { b: string; p: PairDistance & { distance: number } } => c.p.distance !== null)
      .map((c) => ({ peer: c.b, distance: c.p.distance, used: c.p.used, key: tieKey(c.p.distance) }))
      .sort((x, y) => x.key - y.key || byCode(x.peer, y.peer));
    const peers = candidates.slice(0, k).map((c, i) => ({ peer: c.peer, rank: i + 1, distance: c.distance, used: c.used }));
    const reason =
      peers.length >= k
        ? null
        : `kun ${peers.length} ${peers.length === 1 ? "kommune" : "kommuner"} har tal for mindst ${formatNumber(minSharedWeight * 100)} % af indikatorernes vægt sammen med kommunen (der skal være ${k})`;
    return { area, peers, reason };
  });
}

// A municipality's peers from the `peers` dataset, most similar first: kept in src/lib/compareGroup.ts,
// so a page that only reads the groups does not load the method.
export { peersOf } from "./compareGroup.js";

// ---------------------------------------------------------------------------------------------
// Step 5: why are they alike?

export interface IndicatorComparison {
  peer: string;
  value: number | null;
  z: number | null;
  /** w (z_a − z_peer)² × W / W_ab: the indicator's part of d²; null when either lacks the indicator. */
  term: number | null;
  /** term / d² (0–1); null when either lacks the indicator or d = 0. */
  share: number | null;
}

export interface PeerExplanation {
  area: string;
  peers: { peer: string; distance: number | null; used: number }[];
  indicators: {
    id: string;
    label: string;
    unit: string;
    year: number;
    weight: number;
    value: number | null;
    z: number | null;
    peers: IndicatorComparison[];
  }[];
}

/**
 * For "Hvorfor ligner de?": each indicator's value and z-score for the municipality and for each
 * peer side by side, and each indicator's contribution to the distance to each peer.
 */
export function explainPeers(table: PeerTable, area: string, peers: readonly string[]): PeerExplanation {
  const total = totalWeight(table);
  const za = table.z.get(area);
  const pairs = peers.map((peer) => {
    const p = pairDistance(table, area, peer);
    const zb = table.z.get(peer);
    const shared = table.indicators.reduce((t, s, i) => (za && zb && za[i] !== null && zb[i] !== null ? t + s.weight : t), 0);
    const scale = shared > 0 ? total / shared : 0;
    const terms = table.indicators.map((s, i) => {
      const x = za?.[i] ?? null;
      const y = zb?.[i] ?? null;
      return x === null || y === null ? null : s.weight * (x - y) ** 2 * scale;
    });
    // d² as the sum of the terms (not distance², which has been through a square root)
    const d2 = terms.reduce((t: number, v) => t + (v ?? 0), 0);
    return { peer, p, zb, terms, d2 };
  });
  return {
    area,
    peers: pairs.map(({ peer, p }) => ({ peer, distance: p.distance, used: p.used })),
    indicators: table.indicators.map((s, i) => ({
      id: s.id,
      label: s.label,
      unit: s.unit,
      year: s.year,
      weight: s.weight,
      value: table.values.get(area)?.[i] ?? null,
      z: za?.[i] ?? null,
      peers: pairs.map(({ peer, zb, terms, d2 }): IndicatorComparison => {
        const term = terms[i];
        return { peer, value: table.values.get(peer)?.[i] ?? null, z: zb?.[i] ?? null, term, share: term === null || d2 === 0 ? null : term / d2 };
      }),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The method in Danish, for "Om data"

export const PEER_METHOD_DA: readonly string[] = [
  "Lignende kommuner er beregnet ud fra tallene, ikke valgt i hånden. Indikatorerne og deres vægte står i data/lignende-kommuner.yaml.",
  "Hver indikator standardiseres over de 98 kommuner: kommunens afstand til gennemsnittet målt i standardafvigelser (z-score, populationsstandardafvigelse). Folketallet sammenlignes på logaritmen, så forskellen mellem 10.000 og 20.000 indbyggere tæller som mellem 50.000 og 100.000.",
  "Afstanden mellem to kommuner er den vægtede euklidiske afstand mellem deres z-scores: kvadratroden af summen af vægt × (forskel i z-score)² over indikatorerne.",
  "Mangler en indikator for en af de to kommuner, regnes den ikke som 0: den udelades for det par, og resten skaleres op med forholdet mellem den samlede vægt og vægten af de indikatorer, begge har. Antallet af indikatorer, der er brugt, gemmes ved hver afstand. To kommuner, der har for lidt til fælles (under den mindste fælles vægt), sammenlignes ikke.",
  "Hver kommunes lignende kommuner er de k kommuner med mindst afstand; en kommune er aldrig sin egen. Er to afstande ens, kommer den laveste kommunekode først.",
  "Hver indikator bruger ét år: det seneste år, hvor alle indikatorer har tal for mindst den krævede andel af kommunerne. Findes intet fælles år, bruger hver indikator sit eget seneste år, og årene står ved indikatorerne.",
];

/** 1 → "1", 0.5 → "0,5", 0.25 → "0,25". */
export function formatWeight(w: number): string {
  for (let d = 0; d < 4; d++) if (Math.abs(Math.round(w * 10 ** d) - w * 10 ** d) < 1e-9) return formatNumber(w, d);
  return formatNumber(w, 4);
}

/**
 * The method for a concrete configuration and choice of years, in Danish: the paragraphs of
 * PEER_METHOD_DA, then k, the indicators with weight and year, and those left out.
 */
export function describePeerMethod(config: PeerConfig, table: Pick<PeerTable, "indicators" | "dropped">, years?: YearChoices): string[] {
  const k = config.k === 1 ? "den ene mest lignende kommune" : `de ${numberWord(config.k)} mest lignende kommuner`;
  const yearRule =
    config.referenceYear === "latest"
      ? years?.common != null
        ? `Alle indikatorer bruger ${years.common}, det seneste år hvor alle har tal for mindst ${formatNumber(config.minCoverage * 100)} % af kommunerne.`
        : `Der er intet år, hvor alle indikatorer har tal for mindst ${formatNumber(config.minCoverage * 100)} % af kommunerne; hver indikator bruger sit eget seneste år.`
      : `Referenceåret er ${config.referenceYear}; hver indikator bruger det seneste år til og med ${config.referenceYear}, hvor den har tal for mindst ${formatNumber(config.minCoverage * 100)} % af kommunerne.`;
  const list = table.indicators.map((s) => `${s.label} (${s.unit}, ${s.year}): vægt ${formatWeight(s.weight)}`).join("; ");
  const out = [
    ...PEER_METHOD_DA,
    `Hver kommune får ${k}. Mindste fælles vægt: ${formatNumber(config.minSharedWeight * 100)} % af den samlede vægt.`,
    yearRule,
    `Indikatorer: ${list}.`,
  ];
  if (table.dropped.length > 0) out.push(`Udeladt: ${table.dropped.map((d) => `${d.label} (${d.reason})`).join("; ")}.`);
  return out;
}
