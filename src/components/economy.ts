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
      const w = weightOf ? weightOf(area, year) : 1;
      if (w === null) continue;
      const s = byYear.get(year) ?? { sum: 0, weight: 0, count: 0 };
      s.sum += weightOf ? value * w : value;
      s.weight += w;
      s.count += 1;
      byYear.set(year, s);
    }
    for (const [year, s] of byYear) {
      if (s.count < members.size) continue; // a group average needs every member that year
      out.push({ group, year, value: weightOf ? s.sum / s.weight : s.sum });
    }
  }
  return out.sort((a, b) => a.group.localeCompare(b.group) || a.year - b.year);
}
