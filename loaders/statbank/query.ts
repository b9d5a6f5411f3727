/**
 * The query model: a table id and, per variable, a list of value specs with the StatBank API's
 * semantics (https://www.dst.dk/da/Statistik/hjaelp-til-statistikbanken/api, "DATA"):
 *
 *   "101"             an explicit code (matched case-insensitively, as the API does: "2010k2")
 *   "*"               every value
 *   "2023*", "*K1"    wildcard patterns; "*" matches any run of characters
 *   ">=2010K1<=2015K4", ">=2020", "<=2011"   ranges (inclusive; ">" and "<" exclusive)
 *   "(1)", "(-n+3)"   nth rules counted from the newest value (CSS nth-child: a·n+b, n = 0, 1, …)
 *   "-(-n+3)"         the same counted from the oldest value
 *
 * The specs of one variable do not interact: the result is their union, in the table's order.
 * The same resolution runs in the mirror transport and, to count cells before splitting a
 * request, in the HTTP transport; the live API resolves specs itself.
 */
import { StatbankQueryError } from "./errors.ts";
import { comparePeriods, isTimeVariable, parsePeriod, periodKey } from "./period.ts";

export interface Query {
  /** Table id, e.g. "FOLK1A". */
  table: string;
  /** Variable code -> value specs. Streamed formats (BULK) need every variable of the table. */
  variables: Record<string, string[]>;
  /** Language of the request; codes are the same in both (quarters: K in da, Q in en). */
  lang?: "da" | "en";
  /**
   * BULK (default) is streamed, has no cell limit and needs every variable. CSV may leave
   * variables out (the API eliminates them: their total, or the sum over their values) but is
   * limited to 1,000,000 cells per request (the HTTP transport splits larger requests).
   */
  format?: "BULK" | "CSV";
}

export type ValueSpec =
  | { kind: "all" }
  | { kind: "code"; code: string }
  | { kind: "pattern"; pattern: string; regex: RegExp }
  | { kind: "range"; lower?: { code: string; inclusive: boolean }; upper?: { code: string; inclusive: boolean } }
  | { kind: "nth"; a: number; b: number; fromOldest: boolean };

const RANGE = /^(?:(>=|>)([^<>=]+))?(?:(<=|<)([^<>=]+))?$/;
const NTH = /^(-?)\(\s*([^)]*)\s*\)$/;

/** Parse one value spec; throws StatbankQueryError on a malformed spec. */
export function parseValueSpec(spec: string, table = "query"): ValueSpec {
  const s = spec.trim();
  if (s === "") throw new StatbankQueryError(table, "empty value spec");
  if (s === "*") return { kind: "all" };
  const nth = NTH.exec(s);
  if (nth) {
    const ab = parseNth(nth[2]);
    if (!ab) throw new StatbankQueryError(table, `malformed nth rule ${JSON.stringify(spec)} (expected e.g. "(1)" or "(-n+3)")`);
    return { kind: "nth", ...ab, fromOldest: nth[1] === "-" };
  }
  if (s.startsWith(">") || s.startsWith("<")) {
    const m = RANGE.exec(s);
    if (!m || (!m[1] && !m[3])) throw new StatbankQueryError(table, `malformed range ${JSON.stringify(spec)} (expected e.g. ">=2010K1<=2015K4")`);
    return {
      kind: "range",
      lower: m[1] ? { code: m[2].trim(), inclusive: m[1] === ">=" } : undefined,
      upper: m[3] ? { code: m[4].trim(), inclusive: m[3] === "<=" } : undefined,
    };
  }
  if (s.includes("*")) {
    const body = s.split("*").map(escapeRegex).join(".*");
    return { kind: "pattern", pattern: s, regex: new RegExp(`^${body}$`, "i") };
  }
  return { kind: "code", code: s };
}

/** "an+b" forms: "3", "-n+3", "2n", "2n+1", "n". Returns null when malformed. */
function parseNth(expr: string): { a: number; b: number } | null {
  const e = expr.replace(/\s+/g, "").toLowerCase();
  if (/^[+-]?\d+$/.test(e)) return { a: 0, b: Number(e) };
  const m = /^([+-]?\d*)n([+-]\d+)?$/.exec(e);
  if (!m) return null;
  const a = m[1] === "" || m[1] === "+" ? 1 : m[1] === "-" ? -1 : Number(m[1]);
  return { a, b: m[2] ? Number(m[2]) : 0 };
}

function escapeRegex(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** Positions (1-based) selected by a·n+b for n = 0, 1, 2, … within 1..count. */
function nthPositions(a: number, b: number, count: number): number[] {
  const out = new Set<number>();
  if (a === 0) {
    if (b >= 1 && b <= count) out.add(b);
  } else {
    for (let n = 0; ; n++) {
      const p = a * n + b;
      if (a > 0 && p > count) break;
      if (a < 0 && p < 1) break;
      if (p >= 1 && p <= count) out.add(p);
      if (n > count + Math.abs(b) + 1) break;
    }
  }
  return [...out];
}

export interface Resolution {
  /** The selected codes, in the order of `values`, without duplicates. */
  codes: string[];
  /** Specs that selected nothing (an explicit code not among the values, a pattern or range with no match). */
  unmatched: string[];
}

/**
 * Resolve value specs against the values a table has for one variable. `values` must be in the
 * table's order (time variables are ordered chronologically here whatever order they come in).
 */
export function resolveSelection(
  variable: string,
  values: readonly string[],
  specs: readonly string[],
  table = "query",
): Resolution {
  const time = isTimeVariable(variable);
  const ordered = time ? [...values].sort(comparePeriods) : [...values];
  const byUpper = new Map(ordered.map((v) => [v.toUpperCase(), v]));
  const selected = new Set<string>();
  const unmatched: string[] = [];
  for (const spec of specs) {
    const parsed = parseValueSpec(spec, table);
    const hits = match(parsed, ordered, byUpper, time, variable, table);
    if (hits.length === 0) unmatched.push(spec);
    for (const h of hits) selected.add(h);
  }
  return { codes: ordered.filter((v) => selected.has(v)), unmatched };
}

function match(
  spec: ValueSpec,
  ordered: string[],
  byUpper: Map<string, string>,
  time: boolean,
  variable: string,
  table: string,
): string[] {
  switch (spec.kind) {
    case "all":
      return ordered;
    case "code": {
      const hit = byUpper.get(spec.code.toUpperCase()) ?? (time ? byUpper.get(spec.code.toUpperCase().replace("Q", "K")) : undefined);
      return hit === undefined ? [] : [hit];
    }
    case "pattern":
      return ordered.filter((v) => spec.regex.test(v));
    case "nth": {
      const positions = nthPositions(spec.a, spec.b, ordered.length);
      return positions.map((p) => (spec.fromOldest ? ordered[p - 1] : ordered[ordered.length - p]));
    }
    case "range": {
      const rank = rankFunction(ordered, time, variable, table);
      const lo = spec.lower ? rank(spec.lower.code) : -Infinity;
      const hi = spec.upper ? rank(spec.upper.code) : Infinity;
      return ordered.filter((v) => {
        const r = rank(v);
        const okLo = spec.lower ? (spec.lower.inclusive ? r >= lo : r > lo) : true;
        const okHi = spec.upper ? (spec.upper.inclusive ? r <= hi : r < hi) : true;
        return okLo && okHi;
      });
    }
  }
}

/** Time codes compare chronologically (a bound need not be a value of the table); other codes by position. */
function rankFunction(ordered: string[], time: boolean, variable: string, table: string): (code: string) => number {
  if (time) {
    return (code) => {
      const normalized = code.toUpperCase().replace(/^(\d{4})Q/, "$1K");
      if (!parsePeriod(normalized)) throw new StatbankQueryError(table, `range bound ${JSON.stringify(code)} is not a period code`);
      return periodKey(normalized);
    };
  }
  const position = new Map(ordered.map((v, i) => [v.toUpperCase(), i]));
  return (code) => {
    const p = position.get(code.toUpperCase());
    if (p === undefined) throw new StatbankQueryError(table, `range bound ${JSON.stringify(code)} is not a value of ${variable}`);
    return p;
  };
}

/** Find the key of `variables` that names `id`, ignoring case ("Tid" vs "TID"). */
export function findVariable<T>(variables: Record<string, T>, id: string): string | undefined {
  const upper = id.toUpperCase();
  return Object.keys(variables).find((k) => k.toUpperCase() === upper);
}

/** The request body for POST /v1/data. */
export function requestBody(query: Query, format: "BULK" | "CSV" = query.format ?? "BULK"): Record<string, unknown> {
  return {
    table: query.table,
    format,
    lang: query.lang ?? "da",
    valuePresentation: "Code",
    ...(format === "BULK" ? {} : { delimiter: "Semicolon" }),
    variables: Object.entries(query.variables).map(([code, values]) => ({ code, values })),
  };
}

/** A short human-readable form of a query, e.g. `FOLK1A OMRÅDE=* KØN=TOT Tid=(-n+3)`. */
export function describeQuery(query: Query): string {
  const parts = Object.entries(query.variables).map(([k, v]) => `${k}=${v.join(",")}`);
  return [query.table, ...parts].join(" ");
}
