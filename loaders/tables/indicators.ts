/**
 * The goal indicators, computed at build time into one tidy dataset
 * `indicators(indicator, area, year, value, source)` that the scorecard reads. Each indicator
 * comes from one loader; an indicator whose source is missing has no rows, and its table is
 * named in `missing` so the goal card can say "data mangler" instead of failing.
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { SliceContext } from "../partition.ts";
import type { Provenance, StatbankClient } from "../statbank/client.ts";
import { compareCodes, isMunicipality, yearRuns } from "./codes.ts";
import { benefits } from "./benefits.ts";
import { business } from "./business.ts";
import { families } from "./families.ts";
import { flows } from "./flows.ts";
import { adoptedForecast } from "./forecast.ts";
import { income } from "./income.ts";
import { populationAges, populationTotals } from "./population.ts";
import { ageBands } from "../../src/lib/indicators.ts";
import type { IndicatorRow } from "../../src/lib/datasets.ts";

export type { IndicatorRow };

/** Column values of a dataset as row objects. */
export function datasetRows(ds: Dataset): Record<string, unknown>[] {
  const names = Object.keys(ds.columns);
  const n = ds.columns[names[0]]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, ds.columns[k].values[i]])));
}

/** An area and year a source has some data for, but too little to compute an indicator from. */
export interface IncompleteCell {
  indicator: string;
  area: string;
  year: number;
  /** What the source lacks there, for the log: "no single ages", "ALDER=38". */
  lacking: string;
}

/** One indicator source: a dataset and how to read indicator rows out of it. */
export interface IndicatorSource {
  indicators: string[];
  table: string;
  build: (client: StatbankClient) => Promise<Dataset>;
  extract: (rows: Record<string, unknown>[]) => IndicatorRow[];
  /** Area-years the dataset covers where the indicator cannot be computed; they are named in `missing`. */
  incomplete?: (rows: Record<string, unknown>[]) => IncompleteCell[];
}

export const POPULATION: IndicatorSource = {
  indicators: ["population_total"],
  table: "FOLK1A",
  build: populationTotals,
  extract: (rows) =>
    rows.map((r) => ({ indicator: "population_total", area: r.area as string, year: r.year as number, value: r.population as number, source: "FOLK1A" })),
};

/** One age band of the catalogue, with its upper age resolved ("and older": the oldest age the rows have). */
interface Band {
  id: string;
  from: number;
  to: number;
}

/** Per area and year of the single-age rows: the band's sum and which of its (sex, age) cells are present. */
function bandCells(rows: Record<string, unknown>[], band: Band) {
  const cells = new Map<string, { value: number; present: Set<string>; table: string }>();
  for (const r of rows) {
    const key = `${r.area}|${r.year}`;
    const c = cells.get(key) ?? { value: 0, present: new Set<string>(), table: (r.table as string | undefined) ?? "FOLK1A" };
    cells.set(key, c);
    const age = r.age as number;
    if (age < band.from || age > band.to) continue;
    c.value += r.population as number;
    c.present.add(`${r.sex}|${age}`);
  }
  return cells;
}

/** The catalogue's age bands (src/lib/indicators.ts), "and older" ending at the oldest age in the rows. */
function bands(rows: Record<string, unknown>[]): Band[] {
  let oldest = 0;
  for (const r of rows) oldest = Math.max(oldest, r.age as number);
  return ageBands().map((b) => ({ id: b.id, from: b.from, to: b.to ?? oldest }));
}

/**
 * Population age bands (26–64, 65 and over, … as the indicator catalogue lists them), all from one
 * read of the single ages (population_ages: FOLK1A, or BY2 where FOLK1A lacks them): a band's value
 * is the sum of its single ages, only for an area and year where every age of the band is present
 * for both sexes; `source` names the table. Every area × year of the single-age rows is checked: a
 * complete one gives a value, any other is named as missing (one with no single ages at all too).
 */
export const AGE_BANDS: IndicatorSource = {
  indicators: ageBands().map((b) => b.id),
  table: "FOLK1A",
  build: populationAges,
  extract: (rows) =>
    bands(rows).flatMap((band) =>
      [...bandCells(rows, band)]
        .filter(([, c]) => c.present.size === 2 * (band.to - band.from + 1))
        .map(([key, c]) => {
          const [area, year] = key.split("|");
          return { indicator: band.id, area, year: Number(year), value: c.value, source: c.table };
        }),
    ),
  incomplete: (rows) => {
    const areas = new Set(rows.map((r) => r.area as string));
    const years = new Set(rows.map((r) => r.year as number));
    const out: IncompleteCell[] = [];
    for (const band of bands(rows)) {
      const cells = bandCells(rows, band);
      for (const area of areas) {
        for (const year of years) {
          const c = cells.get(`${area}|${year}`);
          if (c && c.present.size === 2 * (band.to - band.from + 1)) continue;
          const absent: number[] = [];
          for (let a = band.from; a <= band.to; a++) if (!c?.present.has(`M|${a}`) || !c?.present.has(`K|${a}`)) absent.push(a);
          const lacking = !c ? "no single ages" : `ALDER=${yearRuns(absent)}`;
          out.push({ indicator: band.id, area, year, lacking });
        }
      }
    }
    return out;
  },
};

/**
 * The missing part for an indicator that has values for some area-years only: what names the
 * areas and years, detail says per group of areas which years and what the source lacks there
 * ("2008–2019 [ALDER=38]: 147, 400"), codes lists the areas.
 */
export function incompleteAsMissing(table: string, indicator: string, cells: IncompleteCell[]): MissingPart {
  const areas = [...new Set(cells.map((c) => c.area))].sort(compareCodes);
  const years = cells.map((c) => c.year);
  const byArea = new Map<string, IncompleteCell[]>();
  for (const c of cells) byArea.set(c.area, [...(byArea.get(c.area) ?? []), c]);
  // areas with the same years and the same lack share one group
  const groups = new Map<string, string[]>();
  for (const [area, list] of byArea) {
    const byLack = new Map<string, number[]>();
    for (const c of list) byLack.set(c.lacking, [...(byLack.get(c.lacking) ?? []), c.year]);
    for (const [lacking, ys] of byLack) {
      const key = `${yearRuns(ys)} [${lacking}]`;
      groups.set(key, [...(groups.get(key) ?? []), area]);
    }
  }
  const where = areas.length > 8 ? `${areas.length} kommuner` : areas.join(", ");
  return {
    table,
    what: `indikatoren ${indicator} for ${where}, 1. januar ${yearRuns(years)}`,
    detail: `${indicator} not computed (${table} lacks the data) for: ${[...groups].map(([key, as]) => `${key}: ${as.sort(compareCodes).join(", ")}`).join("; ")}`,
    variable: "OMRÅDE",
    codes: areas,
    indicator,
    extent: "some",
  };
}

/** Families with children by proxy: children 0–17 and adults 25–44 moving in and out (FLY66). */
export const FAMILIES: IndicatorSource = {
  indicators: ["families_in", "families_out"],
  table: "FLY66",
  build: flows,
  extract: (rows) => {
    const sums = new Map<string, number>();
    for (const r of rows) {
      if (r.age_group !== "0-17" && r.age_group !== "25-44") continue;
      for (const [indicator, area] of [
        ["families_in", r.destination],
        ["families_out", r.origin],
      ] as const) {
        const key = `${indicator}|${area}|${r.year}`;
        sums.set(key, (sums.get(key) ?? 0) + (r.moves as number));
      }
    }
    return [...sums].map(([key, value]) => {
      const [indicator, area, year] = key.split("|");
      return { indicator, area, year: Number(year), value, source: "FLY66" };
    });
  },
};

/** Read one numeric column of a dataset as an indicator (null values skipped). */
function column(indicator: string, table: string, field: string, filter: (r: Record<string, unknown>) => boolean = () => true) {
  return (rows: Record<string, unknown>[]): IndicatorRow[] =>
    rows
      .filter((r) => filter(r) && r[field] !== null && r[field] !== undefined)
      .map((r) => ({ indicator, area: r.area as string, year: r.year as number, value: r[field] as number, source: table }));
}

/**
 * Disposable income against the whole country: 100 × the municipality's average / the country's
 * (INDKP101's own 000 row) in the same year. In current prices an income goal is met almost by
 * inflation alone; relative to the country it says whether the municipality kept pace.
 */
export function incomeIndex(rows: Record<string, unknown>[]): IndicatorRow[] {
  const disposable = rows.filter((r) => r.income_type === "disposable" && typeof r.kr === "number");
  const country = new Map(disposable.filter((r) => r.area === "000").map((r) => [r.year as number, r.kr as number]));
  return disposable
    .filter((r) => r.area !== "000" && (country.get(r.year as number) ?? 0) > 0)
    .map((r) => ({
      indicator: "income_disposable_index",
      area: r.area as string,
      year: r.year as number,
      value: Math.round((1000 * (r.kr as number)) / country.get(r.year as number)!) / 10,
      source: "INDKP101",
    }));
}

export const INCOME: IndicatorSource = {
  indicators: ["income_disposable", "income_disposable_index", "taxable_income_per_resident"],
  table: "INDKP101",
  build: income,
  extract: (rows) => [
    ...column("income_disposable", "INDKP101", "kr", (r) => r.income_type === "disposable")(rows),
    ...incomeIndex(rows),
    ...column("taxable_income_per_resident", "INDKP101", "kr", (r) => r.income_type === "taxable")(rows),
  ],
};

export const BENEFITS: IndicatorSource = {
  indicators: ["benefit_recipients_fte"],
  table: "AUK01",
  build: benefits,
  extract: column("benefit_recipients_fte", "AUK01", "fte"),
};

/**
 * Couples with children living at home: households with a married or other couple and at least
 * one child (FAM55N), or, when the source lacks FAM55N, families with a couple and children
 * (FAM44N). `source` names the table each value comes from (the families dataset uses one of them).
 */
export const COUPLES: IndicatorSource = {
  indicators: ["couples_with_children"],
  table: "FAM55N",
  build: async (client) => {
    const ds = await families(client);
    const table = ds.meta.sources[0]?.table ?? "FAM55N";
    return { ...ds, columns: { ...ds.columns, table: { type: "string", values: ds.columns.area.values.map(() => table) } } };
  },
  extract: (rows) =>
    rows
      .filter((r) => r.couples_with_children !== null && r.couples_with_children !== undefined)
      .map((r) => ({
        indicator: "couples_with_children",
        area: r.area as string,
        year: r.year as number,
        value: r.couples_with_children as number,
        source: r.table as string,
      })),
};

export const BUSINESS: IndicatorSource = {
  indicators: ["firms", "private_jobs"],
  table: "GF12, RAS305",
  build: business,
  extract: (rows) => [...column("firms", "GF12", "firms")(rows), ...column("private_jobs", "RAS305", "private_jobs")(rows)],
};

/**
 * The adopted forecast met: actual population (FOLK1A, 1 January) minus the newest adopted
 * forecast's total for the same year; 0 or more = met. Reads data/forecasts/ and FOLK1A.
 */
export const FORECAST: IndicatorSource = {
  indicators: ["forecast_deviation"],
  table: "data/forecasts + FOLK1A",
  build: async (client) => {
    const [forecast, population] = await Promise.all([adoptedForecast(), populationTotals(client)]);
    const actual = new Map(datasetRows(population).map((r) => [`${r.area}|${r.year}`, r.population as number]));
    const totals = datasetRows(forecast).filter((r) => r.age_group === "total");
    const newest = new Map<string, number>();
    for (const r of totals) newest.set(r.area as string, Math.max(newest.get(r.area as string) ?? 0, r.forecast_year as number));
    const rows = totals
      .filter((r) => r.forecast_year === newest.get(r.area as string) && actual.has(`${r.area}|${r.year}`))
      .map((r) => ({ area: r.area, year: r.year, deviation: actual.get(`${r.area}|${r.year}`)! - (r.population as number) }));
    return {
      columns: {
        area: { type: "string", values: rows.map((r) => r.area as string) },
        year: { type: "int16", values: rows.map((r) => r.year as number) },
        deviation: { type: "int32", values: rows.map((r) => r.deviation) },
      },
      meta: { ...forecast.meta, sources: [...forecast.meta.sources, ...population.meta.sources] },
    };
  },
  extract: column("forecast_deviation", "FOLK1A", "deviation"),
};

export const DEFAULT_SOURCES: IndicatorSource[] = [POPULATION, AGE_BANDS, FAMILIES, INCOME, BENEFITS, COUPLES, BUSINESS, FORECAST];

export async function indicators(client: StatbankClient, sources: IndicatorSource[] = DEFAULT_SOURCES): Promise<Dataset> {
  const rows: IndicatorRow[] = [];
  const provenance: Provenance[] = [];
  const missing: MissingPart[] = [];
  for (const source of sources) {
    const ds = await source.build(client);
    provenance.push(...ds.meta.sources);
    const dsRows = datasetRows(ds);
    const found = source.extract(dsRows).filter((r) => isMunicipality(r.area) && Number.isFinite(r.value));
    const incomplete = (source.incomplete?.(dsRows) ?? []).filter((c) => isMunicipality(c.area));
    rows.push(...found);
    for (const indicator of source.indicators) {
      if (!found.some((r) => r.indicator === indicator)) {
        missing.push({
          table: source.table,
          what: `indikatoren ${indicator}`,
          detail: ds.meta.missing.map((m) => m.detail).join("; ") || `no rows for ${indicator}`,
          indicator,
          extent: "all",
        });
        continue;
      }
      // Values for some area-years only: name the others (extent "some").
      const cells = incomplete.filter((c) => c.indicator === indicator);
      if (cells.length > 0) missing.push(incompleteAsMissing(source.table, indicator, cells));
    }
  }
  rows.sort((a, b) => a.indicator.localeCompare(b.indicator) || a.area.localeCompare(b.area) || a.year - b.year);
  const unique = new Map(provenance.map((p) => [`${p.table}|${p.selection}`, p]));
  return {
    columns: {
      indicator: { type: "string", values: rows.map((r) => r.indicator) },
      area: { type: "string", values: rows.map((r) => r.area) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      value: { type: "float64", values: rows.map((r) => r.value) },
      source: { type: "string", values: rows.map((r) => r.source) },
    },
    meta: datasetMeta({
      dataset: "indicators",
      title: "Indikatorer for kommunens mål",
      sources: [...unique.values()],
      rows: rows.length,
      missing,
      columns: { indicator: "Indikator (id i data/goals.yaml)", area: "Kommune", year: "År", value: "Værdi (enhed: se målet)", source: "Statistikbank-tabel" },
    }),
  };
}

/**
 * The row numbers of one municipality's file of the indicators dataset (src/data/by-area/indicators.zip.ts):
 * its own rows and its neighbours' (the `neighbours` dataset's pairs, loaders/geo.ts), in row order,
 * so the scorecard can compare a goal with the neighbours from the one file.
 */
export function neighbourSliceRows(areas: readonly unknown[], neighbours: readonly { area: string; neighbour: string }[], area: string): number[] {
  const wanted = new Set([area, ...neighbours.filter((p) => p.area === area).map((p) => p.neighbour)]);
  const out: number[] = [];
  areas.forEach((a, i) => {
    if (wanted.has(String(a))) out.push(i);
  });
  return out;
}

/** How the indicators dataset is cut per municipality: each file also has its neighbours' rows (neighbourSliceRows). */
export function indicatorSliceContext(columns: Dataset["columns"], neighbours: Dataset): SliceContext {
  const pairs = neighbours.columns.area.values.map((area, i) => ({ area: String(area), neighbour: String(neighbours.columns.neighbour.values[i]) }));
  const areas = columns.area.values;
  return {
    rows: (area) => neighbourSliceRows(areas, pairs, area),
    note: "Filen for én kommune har også nabokommunernes tal, så målene kan sammenlignes med naboerne.",
  };
}
