/**
 * The ambassador scheme (landsbyambassadører) from the `ambassadors` dataset: contacts from
 * newcomers per community and year, and the success criterion "ambassadors in at least 5 of the
 * local communities are contacted by potential or actual newcomers in the year". The scorecard's
 * indicator village_ambassador_communities is the same count (loaders/ambassadors.ts writes it
 * with ambassadorIndicator). Pure: no DOM, no node.
 */

export interface AmbassadorRow {
  area: string;
  community: string;
  period: string;
  year: number;
  /** Ambassadors in the community in the period; null: not reported. */
  ambassadors: number | null;
  /** Contacts from potential or actual newcomers; null: not reported. */
  contacts: number | null;
  events: number | null;
  example?: number;
}

/** The criterion of the council's plan: communities with at least one contact in the year. */
export const SUCCESS_THRESHOLD = 5;

export interface CommunityYear {
  area: string;
  community: string;
  year: number;
  /** Sum of the year's periods; null when no period of the year reports contacts. */
  contacts: number | null;
  /** The last reported number of ambassadors in the year. */
  ambassadors: number | null;
  events: number | null;
}

const periodOrder = (a: AmbassadorRow, b: AmbassadorRow) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);

/** Per community and year (sorted by community, year): contacts and events summed, ambassadors as last reported. */
export function communityYears(rows: readonly AmbassadorRow[], area: string): CommunityYear[] {
  const out = new Map<string, CommunityYear>();
  for (const r of [...rows].filter((x) => x.area === area).sort(periodOrder)) {
    const key = `${r.community}|${r.year}`;
    const c = out.get(key) ?? { area, community: r.community, year: r.year, contacts: null, ambassadors: null, events: null };
    if (r.contacts !== null) c.contacts = (c.contacts ?? 0) + r.contacts;
    if (r.events !== null) c.events = (c.events ?? 0) + r.events;
    if (r.ambassadors !== null) c.ambassadors = r.ambassadors;
    out.set(key, c);
  }
  return [...out.values()].sort((a, b) => a.community.localeCompare(b.community, "da") || a.year - b.year);
}

export type CriterionStatus = "met" | "not_met" | "no_data";

export interface Criterion {
  status: CriterionStatus;
  year: number;
  threshold: number;
  /** Communities with at least one contact in the year; null without data. */
  communities: number | null;
  /** Communities that reported contacts (0 or more) for the year. */
  reporting: number;
  /** Communities in the file for the year that did not report contacts. */
  unreported: string[];
}

/**
 * The success criterion for `area` in `year`: met when at least `threshold` communities had one
 * contact or more, not met when fewer did, no data when no community reported contacts that year.
 */
export function successCriterion(rows: readonly AmbassadorRow[], area: string, year: number, threshold = SUCCESS_THRESHOLD): Criterion {
  const ofYear = communityYears(rows, area).filter((c) => c.year === year);
  const reported = ofYear.filter((c) => c.contacts !== null);
  const unreported = ofYear.filter((c) => c.contacts === null).map((c) => c.community);
  if (reported.length === 0) return { status: "no_data", year, threshold, communities: null, reporting: 0, unreported };
  const communities = reported.filter((c) => (c.contacts ?? 0) > 0).length;
  return { status: communities >= threshold ? "met" : "not_met", year, threshold, communities, reporting: reported.length, unreported };
}

/** The indicator village_ambassador_communities: per municipality and year with data, the communities with at least one contact. */
export function ambassadorIndicator(rows: readonly AmbassadorRow[]): { area: string; year: number; value: number }[] {
  const out: { area: string; year: number; value: number }[] = [];
  for (const area of [...new Set(rows.map((r) => r.area))].sort()) {
    for (const year of [...new Set(rows.filter((r) => r.area === area).map((r) => r.year))].sort((a, b) => a - b)) {
      const c = successCriterion(rows, area, year);
      if (c.communities !== null) out.push({ area, year, value: c.communities });
    }
  }
  return out;
}

/** "Opfyldt", "Ikke opfyldt", "Ingen data". */
export const CRITERION_WORDS: Record<CriterionStatus, string> = { met: "Opfyldt", not_met: "Ikke opfyldt", no_data: "Ingen data" };
