/**
 * Which survey groups may be shown. A group under 5 respondents is never shown. Because "alle"
 * (all respondents) is shown, hiding one small group is not enough: its answers would be
 * "alle" minus the shown groups. So within each grouping column, groups are hidden from the
 * smallest up until the hidden groups together hold at least 5 respondents (or none is hidden).
 * Pure and browser-safe; the page registers the result as the table `survey_groups` that every
 * survey SQL file reads, and the tests use the same function.
 */
import { MIN_SHOWN } from "./stats.js";

export interface GroupRow {
  respondent: string;
  variable: string;
  group_value: string;
}

export interface HiddenGroup {
  variable: string;
  value: string;
  n: number;
  reason: "under 5" | "beskytter en lille gruppe";
}

export function surveyGroups(
  respondents: readonly string[],
  memberships: readonly { respondent: string; variable: string; value: string }[],
): { rows: GroupRow[]; hidden: HiddenGroup[] } {
  const sizes = new Map<string, Map<string, number>>();
  for (const m of memberships) {
    const byValue = sizes.get(m.variable) ?? new Map<string, number>();
    byValue.set(m.value, (byValue.get(m.value) ?? 0) + 1);
    sizes.set(m.variable, byValue);
  }
  const hidden: HiddenGroup[] = [];
  for (const [variable, byValue] of sizes) {
    const ascending = [...byValue].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    let hiddenTotal = 0;
    for (const [value, n] of ascending) {
      if (n < MIN_SHOWN) hidden.push({ variable, value, n, reason: "under 5" });
      else if (hiddenTotal > 0 && hiddenTotal < MIN_SHOWN) hidden.push({ variable, value, n, reason: "beskytter en lille gruppe" });
      else break;
      hiddenTotal += n;
    }
  }
  const isHidden = new Set(hidden.map((h) => `${h.variable}\u0000${h.value}`));
  const rows: GroupRow[] = [];
  if (respondents.length >= MIN_SHOWN) for (const r of respondents) rows.push({ respondent: r, variable: "alle", group_value: "alle" });
  for (const m of memberships) {
    if (!isHidden.has(`${m.variable}\u0000${m.value}`)) rows.push({ respondent: m.respondent, variable: m.variable, group_value: m.value });
  }
  return { rows, hidden };
}

export interface RepresentationEntry {
  variable: string;
  group: string;
  value: string;
  category: string;
  /** Respondents in the category, or null where the group is hidden (under 5, or protecting one). */
  respondents: number | null;
  /** Their share of the respondents who gave this grouping a value; null where hidden. */
  respondentShare: number | null;
  population: number;
  populationShare: number;
}

/**
 * Who answered, against the population the survey can be weighted to: for every grouping with a
 * population margin, each category's share of the respondents and of the population. Counts come
 * from the visible groups only, so a hidden group shows no count and no share (the shown shares
 * then leave the hidden groups' sum, which surveyGroups keeps at 5 or more).
 */
export function representation(
  groups: readonly { column: string; label: string; values: Record<string, string> }[],
  respondents: readonly { groups: Record<string, string> }[],
  visible: { rows: readonly GroupRow[]; hidden: readonly HiddenGroup[] },
  margins: Readonly<Record<string, Readonly<Record<string, number>>>>,
): RepresentationEntry[] {
  const out: RepresentationEntry[] = [];
  for (const g of groups) {
    const margin = margins[g.column];
    if (!margin) continue;
    const known = respondents.filter((r) => Object.hasOwn(g.values, r.groups[g.column])).length;
    const populationTotal = Object.keys(g.values).reduce((s, v) => s + (margin[v] ?? 0), 0);
    if (known === 0 || populationTotal === 0) continue;
    const hidden = new Set(visible.hidden.filter((h) => h.variable === g.column).map((h) => h.value));
    for (const [value, category] of Object.entries(g.values)) {
      const n = hidden.has(value) ? null : visible.rows.filter((r) => r.variable === g.column && r.group_value === value).length;
      out.push({
        variable: g.column,
        group: g.label,
        value,
        category,
        respondents: n,
        respondentShare: n === null ? null : n / known,
        population: margin[value] ?? 0,
        populationShare: (margin[value] ?? 0) / populationTotal,
      });
    }
  }
  return out;
}
