/**
 * From rows of the `indicators` / `manual_indicators` datasets to one yearly series per indicator
 * and municipality, as the goals are evaluated on. Pure: no DOM, no node.
 */
import { type Aggregate, type Point } from "./vocabulary.js";

// ---------------------------------------------------------------------------------------------
// From indicator rows to a yearly series

/** A row of the `indicators` or `manual_indicators` dataset (period and breakdown only in the latter). */
export interface IndicatorObservation {
  indicator: string;
  area: string;
  year: number;
  value: number | null;
  period?: string | null;
  breakdown?: string | null;
}

/**
 * The yearly series of one indicator for one municipality, as evaluateGoal takes it.
 *
 * Per period: the total row (breakdown empty) when there is one; otherwise, with aggregate
 * "sum", the sum of the breakdown rows (the parts of a count add up to its total); otherwise no
 * figure. Per year: "last" takes the year's last period (shares, stocks); "sum" adds the year's
 * periods (counts per reporting period, e.g. applications reported in May, September and
 * December) and keeps only complete years — those with as many periods as the year with the most.
 */
export function annualSeries(rows: Iterable<IndicatorObservation>, indicator: string, area: string, aggregate: Aggregate = "last"): Point[] {
  const periods = new Map<string, { year: number; total: number | null; parts: number; partCount: number }>();
  for (const r of rows) {
    if (r.indicator !== indicator || r.area !== area || r.value === null || !Number.isFinite(r.value)) continue;
    const period = r.period ?? String(r.year);
    const p = periods.get(period) ?? { year: r.year, total: null, parts: 0, partCount: 0 };
    if (r.breakdown === null || r.breakdown === undefined || r.breakdown === "") p.total = r.value;
    else {
      p.parts += r.value;
      p.partCount += 1;
    }
    periods.set(period, p);
  }
  const byYear = new Map<number, { period: string; value: number }[]>();
  for (const [period, p] of [...periods].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const value = p.total ?? (aggregate === "sum" && p.partCount > 0 ? p.parts : null);
    if (value === null) continue;
    byYear.set(p.year, [...(byYear.get(p.year) ?? []), { period, value }]);
  }
  const most = Math.max(0, ...[...byYear.values()].map((ps) => ps.length));
  const out: Point[] = [];
  for (const [year, ps] of byYear) {
    if (aggregate === "last") out.push({ year, value: ps.at(-1)!.value });
    else if (ps.length === most) out.push({ year, value: ps.reduce((s, p) => s + p.value, 0) });
  }
  return out.sort((a, b) => a.year - b.year);
}
