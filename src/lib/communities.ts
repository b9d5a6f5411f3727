/**
 * Local communities from the `local_communities` dataset: one row per community with its towns and
 * population (the sum of its BY1 urban areas), for one municipality and year. Pure: no DOM, no node.
 */

export interface CommunityMemberRow {
  area: string;
  community: string;
  town_code: string | null;
  town: string;
  kind: string;
  year: number;
  population: number | null;
  example: number;
}

export interface Community {
  community: string;
  /** The BY1 urban areas, largest first. */
  towns: { code: string; name: string; population: number }[];
  /** The community lies (also) in the rural district: a village below 200 inhabitants. */
  rural: boolean;
  /** Sum of its towns; null when it has no town (only the rural district, whose villages BY1 does not count). */
  population: number | null;
  example: boolean;
}

/** The communities of `area` in `year`, the largest first, the rural-district ones last (by name). */
export function communityPopulations(rows: readonly CommunityMemberRow[], area: string, year: number): Community[] {
  const byName = new Map<string, Community>();
  for (const r of rows) {
    if (r.area !== area || r.year !== year) continue;
    const c = byName.get(r.community) ?? { community: r.community, towns: [], rural: false, population: null, example: false };
    if (r.kind === "landdistrikt" || r.town_code === null) c.rural = true;
    else {
      c.towns.push({ code: r.town_code, name: r.town, population: r.population ?? 0 });
      c.population = (c.population ?? 0) + (r.population ?? 0);
    }
    c.example ||= r.example === 1;
    byName.set(r.community, c);
  }
  for (const c of byName.values()) c.towns.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, "da"));
  return [...byName.values()].sort(
    (a, b) =>
      (a.population === null ? 1 : 0) - (b.population === null ? 1 : 0) ||
      (b.population ?? 0) - (a.population ?? 0) ||
      a.community.localeCompare(b.community, "da"),
  );
}
