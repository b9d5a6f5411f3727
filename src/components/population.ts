/** Small pure functions over the population and movement datasets, shared by pages and tests. */
import type { ChangePart, ChangePoint } from "./changeChart.js";

export interface LatestPopulation {
  /** "2026M01" (FOLK1AM) or "2026K1" (FOLK1A). */
  period: string;
  population: number;
  table: "FOLK1A" | "FOLK1AM";
}

/**
 * The newest population count for an area: FOLK1AM's newest month or FOLK1A's newest 1 January,
 * whichever is later (FOLK1AM on a tie: it is the monthly count the issue asks for).
 */
export function latestPopulation(
  yearly: { area: string; year: number; population: number }[],
  monthlyRows: { area: string; month: string; population: number }[],
  area: string,
): LatestPopulation | null {
  const y = yearly
    .filter((d) => d.area === area)
    .sort((a, b) => a.year - b.year)
    .at(-1);
  const m = monthlyRows
    .filter((d) => d.area === area)
    .sort((a, b) => a.month.localeCompare(b.month))
    .at(-1);
  const yKey = y ? y.year * 12 : -Infinity;
  const mKey = m ? Number(m.month.slice(0, 4)) * 12 + Number(m.month.slice(5)) - 1 : -Infinity;
  if (!y && !m) return null;
  if (m && mKey >= yKey) return { period: m.month, population: m.population, table: "FOLK1AM" };
  return { period: `${y!.year}K1`, population: y!.population, table: "FOLK1A" };
}

/** Series of chosen movement components for one area, labelled for a chart. */
export function componentSeries<L extends string>(
  rows: { area: string; year: number; component: string; value: number }[],
  area: string,
  labels: Record<string, L>,
): { year: number; series: L; value: number }[] {
  return rows
    .filter((d) => d.area === area && d.component in labels)
    .map((d) => ({ year: d.year, series: labels[d.component], value: d.value }))
    .sort((a, b) => a.year - b.year);
}

/** Natural increase, net domestic and net international migration per year, where both terms exist. */
export function changeParts(rows: { area: string; year: number; component: string; value: number }[], area: string): ChangePoint[] {
  const byYear = new Map<number, Map<string, number>>();
  for (const d of rows) {
    if (d.area !== area) continue;
    if (!byYear.has(d.year)) byYear.set(d.year, new Map());
    byYear.get(d.year)!.set(d.component, d.value);
  }
  const defs: [ChangePart, string, string][] = [
    ["Naturlig tilvækst", "births", "deaths"],
    ["Indenlandsk nettotilflytning", "inMovers", "outMovers"],
    ["Nettoindvandring", "immigrants", "emigrants"],
  ];
  const out: ChangePoint[] = [];
  for (const [year, c] of [...byYear].sort((a, b) => a[0] - b[0])) {
    for (const [part, plus, minus] of defs) {
      if (c.has(plus) && c.has(minus)) out.push({ year, part, value: c.get(plus)! - c.get(minus)! });
    }
  }
  return out;
}
