/**
 * Danish number and date formats: 1.234,5 and 24.11.2026. Every number a page shows goes through here.
 */
import { formatLocale } from "d3-format";

export const locale = formatLocale({
  decimal: ",",
  thousands: ".",
  grouping: [3],
  currency: ["", " kr."],
  minus: "−",
});

const integer = locale.format(",.0f");
const oneDecimal = locale.format(",.1f");
const signedInteger = locale.format("+,.0f");
const signedOneDecimal = locale.format("+,.1f");

/** 31738 -> "31.738"; null -> "–". */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return decimals === 0 ? integer(value) : locale.format(`,.${decimals}f`)(value);
}

export function formatDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return oneDecimal(value);
}

/** +1.234 / −56 / ±0 */
export function formatSigned(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  if (value === 0) return "±0";
  return decimals === 0 ? signedInteger(value) : decimals === 1 ? signedOneDecimal(value) : locale.format(`+,.${decimals}f`)(value);
}

/** An amount in kroner, whole: 164289.33 -> "164.289 kr."; null -> "–". */
export function formatKr(value: number | null | undefined): string {
  const n = formatNumber(value);
  return n === "–" ? n : `${n} kr.`;
}

/**
 * A column of amounts in kroner ("kr", "kr. pr. person", "disponibel_indkomst_kr"): shown whole,
 * as the pages write kroner (1.234 kr.), never "164.289,0".
 */
export function isKrColumn(name: string): boolean {
  return /(^|[^a-zæøå])(kr|kroner)([^a-zæøå]|$)/i.test(name);
}

/**
 * A column of nets, differences or changes ("netto", "net", "net_per_1000", "children_net",
 * "forskel", "ændring"): written with a sign, +22 / −56 / ±0, as the pages write them with
 * `formatSigned`. Sums of absolute values and gross columns are not signed.
 */
export function isSignedColumn(name: string): boolean {
  if (/abs|gross|brutto/i.test(name)) return false;
  return /(^|[^a-zæøå])(net|netto|nettotilflytning|diff|difference|forskel|afvigelse|change|delta|aendring|ændring|balance|tilvaekst|tilvækst)([^a-zæøå]|$)/i.test(
    name,
  );
}

/** 0.0523 -> "+5,2 %" */
export function formatPercentChange(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "–";
  return `${formatSigned(ratio * 100, 1)} %`;
}

/** ISO time -> "24.11.2026". */
export function formatDate(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return "ukendt dato";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
}

const MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/** "2026M01" -> "1. januar 2026"; "2026K1" -> "1. januar 2026"; "2024" -> "2024". */
export function formatPeriod(code: string): string {
  const m = /^(\d{4})M(\d{2})$/.exec(code);
  if (m) return `1. ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  const q = /^(\d{4})[KQ]([1-4])$/.exec(code);
  if (q) return `1. ${MONTHS[(Number(q[2]) - 1) * 3]} ${q[1]}`;
  return code;
}

/** Tick format for years on an axis (no thousands separator): 2024, never "2.024". */
export const yearTick = (d: number) => String(d);

/** How many ticks a continuous year axis of this width has room for: one per ~70 px, at most 10. */
export function yearTickCount(width: number): number {
  return Math.min(10, Math.floor(width / 70));
}

/** Every year from the first to the last, for band scales that must not hide missing years. */
export function yearSpan(years: number[]): number[] {
  if (years.length === 0) return [];
  const out: number[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push(y);
  return out;
}

/** The ticks of a band year axis: every year when there is room, else every second or fifth. */
export function yearTicks(span: number[], width: number): number[] {
  const step = span.length * 38 <= width ? 1 : span.length * 19 <= width ? 2 : 5;
  return span.filter((y) => y % step === 0);
}

/** "2008–2026", or "2024" when the span is one year, "" when there is none: never "2024–2024". */
export function formatYearSpan(first: number | null | undefined, last: number | null | undefined): string {
  if (first === null || first === undefined || !Number.isFinite(first)) return "";
  if (last === null || last === undefined || !Number.isFinite(last) || last === first) return String(first);
  return `${first}–${last}`;
}
