/**
 * Towns, villages and rural districts from BY1 (the `towns` dataset): size classes, ranks, towns
 * split by a municipal border, the shares of the population in rural districts and in small towns,
 * and the distribution by size class for a municipality, a region or the whole country. Pure: no
 * DOM, no node; used by the page /lokalsamfund and by the tests.
 *
 * BY1 counts an urban area (byområde) only from 200 inhabitants; a smaller place is part of
 * "Landdistrikter" (KKK99999). An urban area that fell below 200, or grew together with a
 * neighbouring one, keeps its code in BY1 with 0 inhabitants. An urban area split by a municipal
 * border has one row per municipality under the same 5-digit number ("420-10511 Skallebølle (del
 * af flere kommuner)" and "461-10511 …"); its size class is that of the whole town. Two urban areas
 * of one municipality may have the same name (Halsnæs: "Melby" 26018953 with 783 inhabitants and
 * "Melby" 26070015 with 0); townLabels tells them apart by their BY1 code.
 */
import { townLabels } from "./townLabels.js";

/** One row of the `towns` dataset. */
export interface TownRow {
  area: string;
  town_code: string;
  town: string;
  kind: string;
  year: number;
  population: number;
}

export type SizeClassId = "20000+" | "5000-19999" | "1000-4999" | "500-999" | "200-499" | "landdistrikt" | "uden fast bopæl";

/** The classes from the largest towns to the rural districts, with their Danish labels. */
export const SIZE_CLASSES: readonly { id: SizeClassId; label: string; min: number }[] = [
  { id: "20000+", label: "Byer med 20.000+ indb.", min: 20000 },
  { id: "5000-19999", label: "Byer med 5.000–19.999 indb.", min: 5000 },
  { id: "1000-4999", label: "Byer med 1.000–4.999 indb.", min: 1000 },
  { id: "500-999", label: "Byer med 500–999 indb.", min: 500 },
  { id: "200-499", label: "Landsbyer med 200–499 indb.", min: 200 },
  { id: "landdistrikt", label: "Landdistrikter (under 200 indb.)", min: 0 },
  { id: "uden fast bopæl", label: "Uden fast bopæl", min: 0 },
];

/** Short label of a size class, for table cells ("1.000–4.999"). */
export const SIZE_CLASS_SHORT: Record<SizeClassId, string> = {
  "20000+": "20.000+",
  "5000-19999": "5.000–19.999",
  "1000-4999": "1.000–4.999",
  "500-999": "500–999",
  "200-499": "200–499",
  landdistrikt: "under 200",
  "uden fast bopæl": "–",
};

/** The size class of an urban area with `population` inhabitants (the whole town); under 200 counts as rural district. */
export function sizeClassOf(population: number): SizeClassId {
  for (const c of SIZE_CLASSES) if (c.id !== "landdistrikt" && c.id !== "uden fast bopæl" && population >= c.min) return c.id;
  return "landdistrikt";
}

/** The 5-digit number of a BY1 code: the same for every part of a town split by a municipal border. */
export function townNumber(code: string): string {
  return code.slice(3);
}

const SPLIT_SUFFIX = /\s*\(del af (flere kommuner|Hovedstadsområdet)\)\s*$/;

/** "Skallebølle (del af flere kommuner)" → "Skallebølle". */
export function plainTownName(name: string): string {
  return name.replace(SPLIT_SUFFIX, "");
}

/** Per 5-digit town number in `year`: the whole town's population and the municipalities that have a part of it. */
export function wholeTowns(rows: readonly TownRow[], year: number): Map<string, { population: number; areas: string[] }> {
  const out = new Map<string, { population: number; areas: string[] }>();
  for (const r of rows) {
    if (r.kind !== "by" || r.year !== year) continue;
    const key = townNumber(r.town_code);
    const t = out.get(key) ?? { population: 0, areas: [] };
    t.population += r.population;
    if (!t.areas.includes(r.area)) t.areas.push(r.area);
    out.set(key, t);
  }
  return out;
}

/** The years the rows have, ascending. */
export function townYears(rows: readonly TownRow[]): number[] {
  return [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
}

export interface LocalTown {
  town_code: string;
  /** The name without "(del af flere kommuner)". */
  name: string;
  /**
   * What a reader sees for the row, different for every row of the list: the name ("Landdistrikter"
   * for the rural district), with the BY1 code where another row has the same name, and for such a
   * town with 0 inhabitants what the 0 means (townLabels).
   */
  label: string;
  /** The name with the BY1 code where another row has the same name, without the explanation of a 0: for a chart or a list. */
  shortLabel: string;
  kind: "by" | "landdistrikt" | "uden fast bopæl";
  /** Inhabitants in the municipality in the latest year. */
  population: number;
  /** The whole urban area, all municipalities together (equal to population unless split). */
  wholePopulation: number;
  sizeClass: SizeClassId;
  /** 1 = the municipality's largest town; null for rural districts, no fixed address and towns with 0. */
  rank: number | null;
  /** Other municipalities with a part of the same urban area (empty unless split by a border). */
  sharedWith: string[];
  /** True for the municipality's part of Hovedstadsområdet (KKK01100). */
  capitalPart: boolean;
  /** Population in the base year (null: no base year, or the town has no row then). */
  base: number | null;
  change: number | null;
  ratio: number | null;
}

/**
 * The municipality's towns in `latestYear`, ranked by their population in the municipality, with
 * size class (of the whole town), the municipalities a split town shares, and the change since
 * `baseYear` (null: no comparison). Rural districts and "no fixed address" are rows of their own;
 * towns with 0 inhabitants are kept (rank null) so the page can explain them.
 */
export function localTowns(rows: readonly TownRow[], area: string, latestYear: number, baseYear: number | null): LocalTown[] {
  const whole = wholeTowns(rows, latestYear);
  const own = rows.filter((r) => r.area === area);
  const base = new Map(baseYear === null ? [] : own.filter((r) => r.year === baseYear).map((r) => [r.town_code, r.population]));
  const towns: LocalTown[] = own
    .filter((r) => r.year === latestYear)
    .map((r) => {
      const kind = (r.kind === "landdistrikt" || r.kind === "uden fast bopæl" ? r.kind : "by") as LocalTown["kind"];
      const w = kind === "by" ? whole.get(townNumber(r.town_code)) : undefined;
      const wholePopulation = w?.population ?? r.population;
      const b = baseYear === null ? null : (base.get(r.town_code) ?? null);
      return {
        town_code: r.town_code,
        name: plainTownName(r.town),
        label: "",
        shortLabel: "",
        kind,
        population: r.population,
        wholePopulation,
        sizeClass: kind === "by" ? sizeClassOf(wholePopulation) : kind,
        rank: null,
        sharedWith: (w?.areas ?? []).filter((a) => a !== area).sort(),
        capitalPart: townNumber(r.town_code) === "01100",
        base: b,
        change: b === null ? null : r.population - b,
        ratio: b ? (r.population - b) / b : null,
      };
    });
  // A town in the base year without a row in the latest year: gone from BY1 (kept, with 0, so the page can say so).
  const latestCodes = new Set(towns.map((t) => t.town_code));
  for (const r of own) {
    if (r.year !== baseYear || r.kind !== "by" || latestCodes.has(r.town_code)) continue;
    towns.push({
      town_code: r.town_code,
      name: plainTownName(r.town),
      label: "",
      shortLabel: "",
      kind: "by",
      population: 0,
      wholePopulation: 0,
      sizeClass: "landdistrikt",
      rank: null,
      sharedWith: [],
      capitalPart: townNumber(r.town_code) === "01100",
      base: r.population,
      change: -r.population,
      ratio: r.population ? -1 : null,
    });
  }
  const order = (t: LocalTown) => (t.kind === "by" ? (t.population > 0 ? 0 : 3) : t.kind === "landdistrikt" ? 1 : 2);
  towns.sort((a, b) => order(a) - order(b) || b.population - a.population || a.name.localeCompare(b.name, "da"));
  let rank = 0;
  for (const t of towns) if (t.kind === "by" && t.population > 0) t.rank = ++rank;
  const named = towns.map((t) => ({ name: t.kind === "landdistrikt" ? "Landdistrikter" : t.name, code: t.town_code, kind: t.kind, population: t.population }));
  const long = townLabels(named);
  const short = townLabels(named, { explainZero: false });
  towns.forEach((t, i) => Object.assign(t, { label: long[i], shortLabel: short[i] }));
  return towns;
}

// Labels that tell towns of the same name apart: their own module, so a page that only shows a
// municipality's towns (src/components/townsTable.ts) does not load the size-class statistics.
export { townLabels, ZERO_INHABITANTS } from "./townLabels.js";

/** The classes of the towns under 1,000 inhabitants (200–999: a smaller area is a rural district). */
const SMALL_TOWN_CLASSES: ReadonlySet<SizeClassId> = new Set<SizeClassId>(["500-999", "200-499"]);

export interface PopulationShares {
  total: number;
  rural: number;
  /** Inhabitants of towns whose whole population is 200–999. */
  smallTowns: number;
  ruralShare: number | null;
  smallTownShare: number | null;
}

/**
 * The population in rural districts and in towns under 1,000 (the whole town's size) in `year`,
 * and their shares of everyone (no fixed address included), for the municipalities `areas`
 * (null: the whole country).
 */
export function populationShares(rows: readonly TownRow[], areas: ReadonlySet<string> | null, year: number): PopulationShares {
  const whole = wholeTowns(rows, year);
  let total = 0;
  let rural = 0;
  let smallTowns = 0;
  for (const r of rows) {
    if (r.year !== year || (areas && !areas.has(r.area))) continue;
    total += r.population;
    if (r.kind === "landdistrikt") rural += r.population;
    else if (r.kind === "by" && r.population > 0 && SMALL_TOWN_CLASSES.has(sizeClassOf(whole.get(townNumber(r.town_code))?.population ?? 0)))
      smallTowns += r.population;
  }
  return { total, rural, smallTowns, ruralShare: total ? rural / total : null, smallTownShare: total ? smallTowns / total : null };
}

export interface SizeClassShare {
  sizeClass: SizeClassId;
  label: string;
  /** Towns with a part in the areas (rural districts and no fixed address: null). */
  towns: number | null;
  population: number;
  share: number | null;
}

/**
 * Inhabitants by size class of their town in `year` for the municipalities `areas` (null: the
 * whole country), every class listed (0 where there is none). A town is counted once, with its
 * part in the areas; its class is the whole town's.
 */
export function sizeClassDistribution(rows: readonly TownRow[], areas: ReadonlySet<string> | null, year: number): SizeClassShare[] {
  const whole = wholeTowns(rows, year);
  const population = new Map<SizeClassId, number>();
  const towns = new Map<SizeClassId, Set<string>>();
  let total = 0;
  for (const r of rows) {
    if (r.year !== year || (areas && !areas.has(r.area))) continue;
    total += r.population;
    const cls: SizeClassId =
      r.kind === "landdistrikt" || r.kind === "uden fast bopæl"
        ? (r.kind as SizeClassId)
        : sizeClassOf(whole.get(townNumber(r.town_code))?.population ?? r.population);
    if (r.kind === "by" && r.population === 0) continue;
    population.set(cls, (population.get(cls) ?? 0) + r.population);
    if (r.kind === "by") towns.set(cls, (towns.get(cls) ?? new Set()).add(townNumber(r.town_code)));
  }
  return SIZE_CLASSES.map((c) => ({
    sizeClass: c.id,
    label: c.label,
    towns: c.id === "landdistrikt" || c.id === "uden fast bopæl" ? null : (towns.get(c.id)?.size ?? 0),
    population: population.get(c.id) ?? 0,
    share: total ? (population.get(c.id) ?? 0) / total : null,
  }));
}

export interface SizeClassChange {
  sizeClass: SizeClassId;
  label: string;
  base: number;
  latest: number;
  change: number;
  ratio: number | null;
}

/**
 * Inhabitants by size class in `baseYear` and `latestYear` (each year's towns classed by their
 * size that year), for `areas` (null: the whole country): tells a local trend from a national one.
 */
export function sizeClassChanges(rows: readonly TownRow[], areas: ReadonlySet<string> | null, baseYear: number, latestYear: number): SizeClassChange[] {
  return classChanges(sizeClassDistribution(rows, areas, baseYear), sizeClassDistribution(rows, areas, latestYear));
}

/** The change per size class between two distributions (in SIZE_CLASSES order). */
function classChanges(base: readonly SizeClassShare[], latest: readonly SizeClassShare[]): SizeClassChange[] {
  return SIZE_CLASSES.map((c, i) => {
    const b = base[i].population;
    const l = latest[i].population;
    return { sizeClass: c.id, label: c.label, base: b, latest: l, change: l - b, ratio: b ? (l - b) / b : null };
  });
}

/** The towns of a municipality with 0 inhabitants in the latest year: under 200 (now rural district) or grown together with another town. */
export function townsWithoutInhabitants(towns: readonly LocalTown[]): LocalTown[] {
  return towns.filter((t) => t.kind === "by" && t.population === 0);
}

// ---------------------------------------------------------------------------------------------
// Summaries for the region and the whole country, computed at build time (loaders/townSummaries.ts,
// dataset `town_summaries`): a page gets the chosen municipality's towns (data/by-area/towns/<code>.arrow)
// and these few rows, never every municipality's towns.

/** A scope's inhabitants and towns in one size class and year. */
export interface TownSummaryRow {
  /** A municipality's code, `regionScope(code)` or COUNTRY_SCOPE. */
  scope: string;
  year: number;
  size_class: SizeClassId;
  population: number;
  /** Towns with a part in the scope (a town split by a border counts once); null for rural districts and no fixed address. */
  towns: number | null;
}

export const COUNTRY_SCOPE = "land";

/** The scope of a region ("region 084"). */
export function regionScope(regionCode: string): string {
  return `region ${regionCode}`;
}

/** Every municipality, every region and the whole country, by size class, for each year of `rows`. */
export function townSummaries(rows: readonly TownRow[], municipalities: readonly { code: string; regionCode: string }[]): TownSummaryRow[] {
  const scopes: [string, ReadonlySet<string> | null][] = [
    ...municipalities.map((m): [string, ReadonlySet<string>] => [m.code, new Set([m.code])]),
    ...[...new Set(municipalities.map((m) => m.regionCode))]
      .sort()
      .map((r): [string, ReadonlySet<string>] => [regionScope(r), new Set(municipalities.filter((m) => m.regionCode === r).map((m) => m.code))]),
    [COUNTRY_SCOPE, null],
  ];
  const out: TownSummaryRow[] = [];
  for (const year of townYears(rows)) {
    const ofYear = rows.filter((r) => r.year === year);
    for (const [scope, areas] of scopes) {
      if (areas && !ofYear.some((r) => areas.has(r.area))) continue;
      for (const c of sizeClassDistribution(ofYear, areas, year)) out.push({ scope, year, size_class: c.sizeClass, population: c.population, towns: c.towns });
    }
  }
  return out;
}

/** A scope's distribution by size class in `year` from the summaries (as sizeClassDistribution); null when the scope has no rows that year. */
export function summaryDistribution(summaries: readonly TownSummaryRow[], scope: string, year: number): SizeClassShare[] | null {
  const mine = new Map(summaries.filter((r) => r.scope === scope && r.year === year).map((r) => [r.size_class, r]));
  if (!mine.size) return null;
  const total = [...mine.values()].reduce((a, r) => a + r.population, 0);
  return SIZE_CLASSES.map((c) => {
    const r = mine.get(c.id);
    const population = r?.population ?? 0;
    return {
      sizeClass: c.id,
      label: c.label,
      towns: c.id === "landdistrikt" || c.id === "uden fast bopæl" ? null : (r?.towns ?? 0),
      population,
      share: total ? population / total : null,
    };
  });
}

/** A scope's change by size class between two years from the summaries (as sizeClassChanges); null when either year is missing. */
export function summaryChanges(summaries: readonly TownSummaryRow[], scope: string, baseYear: number, latestYear: number): SizeClassChange[] | null {
  const base = summaryDistribution(summaries, scope, baseYear);
  const latest = summaryDistribution(summaries, scope, latestYear);
  return base && latest ? classChanges(base, latest) : null;
}

/**
 * The rural and small-town shares (as populationShares) of the scopes taken together: a region or
 * the country, or a group of municipalities (summed, so population-weighted). Null when any of the
 * scopes has no rows that year: a group is compared whole or not at all.
 */
export function summaryShares(summaries: readonly TownSummaryRow[], scopes: readonly string[], year: number): PopulationShares | null {
  if (!scopes.length) return null;
  let total = 0;
  let rural = 0;
  let smallTowns = 0;
  for (const scope of scopes) {
    const rows = summaries.filter((r) => r.scope === scope && r.year === year);
    if (!rows.length) return null;
    for (const r of rows) {
      total += r.population;
      if (r.size_class === "landdistrikt") rural += r.population;
      else if (SMALL_TOWN_CLASSES.has(r.size_class)) smallTowns += r.population;
    }
  }
  return { total, rural, smallTowns, ruralShare: total ? rural / total : null, smallTownShare: total ? smallTowns / total : null };
}

/**
 * The row numbers of one municipality's file of the towns dataset: its own rows and, for each of
 * its towns that a municipal border splits, the other municipalities' parts of it (every year), so
 * the town's whole size (its class, `sharedWith`) is known from the file alone. In row order.
 */
export function townSliceRows(rows: readonly Pick<TownRow, "area" | "kind" | "town_code">[], area: string): number[] {
  const numbers = new Set(rows.filter((r) => r.area === area && r.kind === "by").map((r) => townNumber(r.town_code)));
  const out: number[] = [];
  rows.forEach((r, i) => {
    if (r.area === area || (r.kind === "by" && numbers.has(townNumber(r.town_code)))) out.push(i);
  });
  return out;
}
