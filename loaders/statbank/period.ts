/**
 * StatBank time codes: years "2024", quarters "2024K1" (da) / "2024Q1" (en), months "2024M01",
 * half years "2024H1", weeks "2014U30". Codes are compared through a sortable key.
 */

export type Frequency = "year" | "half" | "quarter" | "month" | "week";

export interface Period {
  code: string;
  year: number;
  frequency: Frequency;
  /** 1-based sub-period (quarter, month, …); 1 for years. */
  sub: number;
}

const PERIOD = /^(\d{4})(?:([KQHMU])(\d{1,2}))?$/i;

export function parsePeriod(code: string): Period | null {
  const m = PERIOD.exec(code.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[2]) return { code, year, frequency: "year", sub: 1 };
  const letter = m[2].toUpperCase();
  const sub = Number(m[3]);
  const frequency: Frequency = letter === "K" || letter === "Q" ? "quarter" : letter === "H" ? "half" : letter === "M" ? "month" : "week";
  const max = { quarter: 4, half: 2, month: 12, week: 53, year: 1 }[frequency];
  if (sub < 1 || sub > max) return null;
  return { code, year, frequency, sub };
}

/** A number that sorts periods chronologically (within one frequency, and roughly across them). */
export function periodKey(code: string): number {
  const p = parsePeriod(code);
  if (!p) return Number.NaN;
  const perYear = { year: 1, half: 2, quarter: 4, month: 12, week: 53 }[p.frequency];
  return p.year + (p.sub - 1) / perYear;
}

export function comparePeriods(a: string, b: string): number {
  return periodKey(a) - periodKey(b);
}

/** The calendar year of a period code, e.g. 2011 for "2011K1". */
export function periodYear(code: string): number {
  const p = parsePeriod(code);
  if (!p) throw new Error(`Not a StatBank period code: ${JSON.stringify(code)}`);
  return p.year;
}

/** Danish quarter code for an English one: "2008Q1" -> "2008K1"; others unchanged. */
export function danishPeriod(code: string): string {
  return code.replace(/^(\d{4})Q(\d)$/i, "$1K$2");
}

/** Is this variable the time variable? StatBank calls it "Tid" in requests and "TID" in CSV headers. */
export function isTimeVariable(id: string): boolean {
  return id.toUpperCase() === "TID";
}
