/**
 * Digital Post: letters sent digitally against the goal, and the applications for exemption by
 * reason and outcome per reporting period (May, September, December). The exemption counts come
 * from the loader already protected (src/lib/disclosure.ts: no count of 1 or 2, and none that can
 * be worked out by subtraction); exemptionTable lays one period out for the page without adding a
 * number the loader did not give. Pure: no DOM, no node.
 */

/** Halsnæs's goal (aftale mellem Byrådet og Direktionen 2013): 80 % of letters sent digitally by the end of 2015. */
export const DIGITAL_POST_GOAL = 0.8;

/** The months the committee is told the number and outcome of applications (Assens, 3 March 2014). */
export const REPORT_MONTHS = ["05", "09", "12"] as const;

export const OUTCOMES = ["bevilget", "afslaaet"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_WORDS: Record<Outcome, string> = { bevilget: "Bevilget", afslaaet: "Afslået" };

/** The label of a total in the exemption dataset (reason or outcome "i alt"). */
export const TOTAL = "i alt";

export interface LetterRow {
  area: string;
  period: string;
  year: number;
  digital: number;
  paper: number;
}

export interface LetterYear {
  year: number;
  digital: number;
  paper: number;
  share: number | null;
}

/** Per year (ascending): letters sent digitally and on paper, and the digital share. */
export function letterYears(rows: readonly LetterRow[]): LetterYear[] {
  const years = new Map<number, { digital: number; paper: number }>();
  for (const r of rows) {
    const y = years.get(r.year) ?? { digital: 0, paper: 0 };
    y.digital += r.digital;
    y.paper += r.paper;
    years.set(r.year, y);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, y]) => ({ year, ...y, share: y.digital + y.paper > 0 ? y.digital / (y.digital + y.paper) : null }));
}

/** A row of the post_exemptions dataset: a cell, or a total (reason and/or outcome TOTAL). */
export interface ExemptionRow {
  area: string;
  period: string;
  year: number;
  reason: string;
  outcome: string;
  /** null: hidden (fewer than 3, or hidden so that such a count cannot be worked out). */
  applications: number | null;
}

/** What a hidden count reads on screen. */
export const HIDDEN_TEXT = "færre end 3 / skjult";

export interface ExemptionTable {
  reasons: string[];
  /** Columns: the outcomes, then TOTAL. */
  columns: string[];
  /** One row per reason, then the TOTAL row; each cell a count or null (hidden). */
  rows: { reason: string; cells: (number | null)[] }[];
}

/** The table of one municipality's period: reasons × outcomes with their totals, exactly as the dataset gives them. */
export function exemptionTable(rows: readonly ExemptionRow[], area: string, period: string): ExemptionTable {
  const own = rows.filter((r) => r.area === area && r.period === period);
  const reasons = [...new Set(own.map((r) => r.reason).filter((r) => r !== TOTAL))].sort((a, b) => a.localeCompare(b, "da"));
  const columns = [...OUTCOMES.filter((o) => own.some((r) => r.outcome === o)), TOTAL];
  const value = (reason: string, outcome: string) => own.find((r) => r.reason === reason && r.outcome === outcome)?.applications ?? null;
  return {
    reasons,
    columns,
    rows: [...reasons, TOTAL].map((reason) => ({ reason, cells: columns.map((o) => value(reason, o)) })),
  };
}

/** The reporting periods of `area`, ascending. */
export function exemptionPeriods(rows: readonly ExemptionRow[], area: string): string[] {
  return [...new Set(rows.filter((r) => r.area === area).map((r) => r.period))].sort();
}

/** "maj 2015", "september 2015", "december 2015". */
export function reportName(period: string): string {
  const months: Record<string, string> = { "05": "maj", "09": "september", "12": "december" };
  const [y, m] = period.split("-");
  return `${months[m] ?? m} ${y}`;
}
