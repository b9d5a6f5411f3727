/**
 * Two analyses written a second time in arquero (8, Arrow via flechette), over the same Arrow
 * files and with the same filters as the SQL, to time them in node beside native DuckDB and to
 * check that both give the same rows: top_flows and migration_summary.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";

const { op } = aq;

export interface ArqueroData {
  flow_pairs: ColumnTable;
  geography: ColumnTable;
  neighbours: ColumnTable;
  migration_totals: ColumnTable;
  population: ColumnTable;
  population_ages: ColumnTable;
}

export type Row = Record<string, unknown>;
export interface Filters {
  area: string;
  year: number;
  age_group: string;
}

export function loadArquero(bytes: (name: keyof ArqueroData) => Uint8Array): ArqueroData {
  const names: (keyof ArqueroData)[] = ["flow_pairs", "geography", "neighbours", "migration_totals", "population", "population_ages"];
  return Object.fromEntries(names.map((n) => [n, aq.fromArrow(bytes(n))])) as unknown as ArqueroData;
}

/** top_flows.sql: the area's exchange with every other municipality, with names, flags and ranks. */
export function topFlows(t: ArqueroData, f: Filters): Row[] {
  const counterparts = t.geography.select({ area: "counterpart", name: "counterpart_name", region_code: "counterpart_region" });
  const own = t.geography.select({ area: "area", region_code: "area_region" });
  const neighbours = t.neighbours
    .params({ area: f.area })
    .filter((d: any, $: any) => d.area === $.area)
    .select({ neighbour: "counterpart" })
    .derive({ is_neighbour: () => true });
  return t.flow_pairs
    .params(f)
    .filter((d: any, $: any) => d.area === $.area && d.year === $.year && d.age_group === $.age_group)
    .lookup(counterparts, "counterpart", "counterpart_name", "counterpart_region")
    .lookup(own, "area", "area_region")
    .lookup(neighbours, "counterpart", "is_neighbour")
    .derive({
      net: (d: any) => d.in_movers - d.out_movers,
      gross: (d: any) => d.in_movers + d.out_movers,
      is_neighbour: (d: any) => d.is_neighbour === true,
      same_region: (d: any) => d.counterpart_region != null && d.counterpart_region === d.area_region,
    })
    .groupby("area", "year", "age_group")
    .orderby(aq.desc("in_movers"), "counterpart")
    .derive({ rank_in: () => op.row_number() })
    .orderby(aq.desc("out_movers"), "counterpart")
    .derive({ rank_out: () => op.row_number() })
    .orderby(
      aq.desc((d: any) => d.in_movers + d.out_movers),
      "counterpart",
    )
    .derive({ rank_gross: () => op.row_number() })
    .ungroup()
    .unorder()
    .select(
      "area",
      "year",
      "age_group",
      "counterpart",
      "counterpart_name",
      "in_movers",
      "out_movers",
      "net",
      "gross",
      "is_neighbour",
      "same_region",
      "rank_in",
      "rank_out",
      "rank_gross",
    )
    .objects() as Row[];
}

// The single ages of each group and how many of them (≤ 99) must be present for its population to count.
const GROUP_AGES: Record<string, { from: number; to: number; required: number }> = {
  "0-17": { from: 0, to: 17, required: 18 },
  "18-24": { from: 18, to: 24, required: 7 },
  "25-44": { from: 25, to: 44, required: 20 },
  "45-64": { from: 45, to: 64, required: 20 },
  "65+": { from: 65, to: Infinity, required: 35 },
};

/** 1 January population of the area's age group ('i alt': all ages), or null where incomplete. */
function jan1(t: ArqueroData, area: string, year: number, ageGroup: string): number | null {
  if (ageGroup === "i alt") {
    const row = t.population
      .params({ area, year })
      .filter((d: any, $: any) => d.area === $.area && d.year === $.year)
      .objects()[0] as Row | undefined;
    return row ? (row.population as number) : null;
  }
  const g = GROUP_AGES[ageGroup];
  const rows = t.population_ages
    .params({ area, year, from: g.from, to: g.to })
    .filter((d: any, $: any) => d.area === $.area && d.year === $.year && d.age >= $.from && d.age <= $.to);
  if (rows.numRows() === 0) return null;
  const population = rows.rollup({ p: op.sum("population") }).get("p", 0) as number;
  const present = rows
    .filter((d: any) => d.age <= 99)
    .rollup({ n: op.distinct("age") })
    .get("n", 0) as number;
  return present === g.required ? population : null;
}

// round(x, 2) as DuckDB does it for a DOUBLE: half away from zero.
const round2 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 100)) / 100;

/** migration_summary.sql: in, out, net, gross and rates per 1,000 of the mean population. */
export function migrationSummary(t: ArqueroData, f: Filters): Row[] {
  const totals = t.migration_totals
    .params(f)
    .filter((d: any, $: any) => d.area === $.area && d.year === $.year && d.age_group === $.age_group)
    .objects() as Row[];
  return totals.map((b) => {
    const i = b.in_movers as number;
    const o = b.out_movers as number;
    const p0 = jan1(t, f.area, f.year, f.age_group);
    const p1 = p0 === null ? null : jan1(t, f.area, f.year + 1, f.age_group);
    const mean = p0 === null ? null : p1 === null ? p0 : (p0 + p1) / 2;
    const rate = (x: number) => (mean === null ? null : round2((1000 * x) / mean));
    return {
      area: f.area,
      year: f.year,
      age_group: f.age_group,
      in_movers: i,
      out_movers: o,
      net: i - o,
      gross: i + o,
      mean_population: mean,
      in_per_1000: rate(i),
      out_per_1000: rate(o),
      net_per_1000: rate(i - o),
      gross_per_1000: rate(i + o),
    };
  });
}

/**
 * Differences between the SQL's rows and arquero's for one case, keyed by `key`: a missing row on
 * either side, or a field that differs (numbers within `tolerance`, e.g. half a rounding step).
 */
export function compareRows(sql: Row[], mine: Row[], key: string, tolerance = 1e-9): string[] {
  const problems: string[] = [];
  const byKey = new Map(mine.map((r) => [String(r[key] ?? ""), r]));
  if (sql.length !== mine.length) problems.push(`${sql.length} rows in SQL, ${mine.length} in arquero`);
  for (const s of sql) {
    const a = byKey.get(String(s[key] ?? ""));
    if (!a) {
      problems.push(`${key}=${String(s[key])}: only in SQL`);
      continue;
    }
    for (const [field, v] of Object.entries(s)) {
      const w = a[field];
      const same = typeof v === "number" && typeof w === "number" ? Math.abs(v - w) <= tolerance : v === w || (v == null && w == null);
      if (!same) problems.push(`${key}=${String(s[key])} ${field}: SQL ${JSON.stringify(v)}, arquero ${JSON.stringify(w)}`);
    }
  }
  return problems;
}
