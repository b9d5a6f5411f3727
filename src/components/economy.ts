/**
 * Averages for groups of municipalities as ratios of sums: Σ(value × persons) / Σ persons, so a
 * large municipality counts for more than a small one (an average of averages would not).
 * Without weights, group values are plain sums (counts such as firms or full-time persons).
 */
export interface GroupPoint {
  group: string;
  year: number;
  value: number;
}

export function compareSeries(
  rows: readonly Record<string, unknown>[],
  field: string,
  groups: Record<string, readonly string[]>,
  weightOf: ((area: string, year: number) => number | null) | null,
): GroupPoint[] {
  const out: GroupPoint[] = [];
  for (const [group, areas] of Object.entries(groups)) {
    const members = new Set(areas);
    const byYear = new Map<number, { sum: number; weight: number; count: number }>();
    for (const r of rows) {
      const area = r.area as string;
      const value = r[field] as number | null;
      if (!members.has(area) || value === null || value === undefined) continue;
      const year = r.year as number;
      // A group of one (the municipality itself) is its own value: it never depends on the
      // population weights that only the averages of several municipalities need.
      const w = weightOf && members.size > 1 ? weightOf(area, year) : 1;
      if (w === null) continue;
      const s = byYear.get(year) ?? { sum: 0, weight: 0, count: 0 };
      s.sum += weightOf && members.size > 1 ? value * w : value;
      s.weight += w;
      s.count += 1;
      byYear.set(year, s);
    }
    for (const [year, s] of byYear) {
      if (s.count < members.size) continue; // a group average needs every member that year
      out.push({ group, year, value: weightOf && members.size > 1 ? s.sum / s.weight : s.sum });
    }
  }
  return out.sort((a, b) => a.group.localeCompare(b.group) || a.year - b.year);
}

/**
 * The points with a null for every year a group lacks between the first and the last year of all
 * points, so that a line breaks at a missing year instead of being drawn across it.
 */
export function withYearGaps<T extends { group: string; year: number; value: number | null }>(
  points: readonly T[],
): Array<Omit<T, "value"> & { value: number | null }> {
  if (points.length === 0) return [];
  const years = points.map((d) => d.year);
  const [first, last] = [Math.min(...years), Math.max(...years)];
  const out: Array<Omit<T, "value"> & { value: number | null }> = [];
  for (const group of [...new Set(points.map((d) => d.group))]) {
    const mine = new Map(points.filter((d) => d.group === group).map((d) => [d.year, d]));
    for (let y = first; y <= last; y++) out.push(mine.get(y) ?? ({ ...points.find((d) => d.group === group)!, year: y, value: null } as T));
  }
  return out;
}
