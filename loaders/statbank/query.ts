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
 * No spec can cause runaway work: a and b of an nth rule are integers of at most MAX_NTH_COUNT
 * (checked when parsed), nth positions are computed arithmetically, wildcards are matched without
 * regular expressions (no backtracking), and every form is parsed in linear time.
 *
 * The specs of one variable do not interact: the result is their union, in the table's order.
 * The same resolution runs in the mirror transport and, to count cells before splitting a
 * request, in the HTTP transport; the live API resolves specs itself.
 */
import { StatbankQueryError } from "./errors.ts";
import { comparePeriods, isTimeVariable, parsePeriod, periodKey } from "./period.ts";
import type { Query } from "../../src/lib/types.ts";

export type { Query };

export type ValueSpec =
  | { kind: "all" }
  | { kind: "code"; code: string }
  | { kind: "pattern"; pattern: string; segments: string[] }
  | { kind: "range"; lower?: { code: string; inclusive: boolean }; upper?: { code: string; inclusive: boolean } }
  | { kind: "nth"; a: number; b: number; fromOldest: boolean };

const RANGE = /^(?:(>=|>)([^<>=]+))?(?:(<=|<)([^<>=]+))?$/;

/**
 * The largest a or b an nth rule may name. Far above any table's number of values (FOLK1A has
 * about 70 quarters, the monthly tables a few hundred months); a larger count is a typo or an
 * attack, and is refused when the spec is parsed.
 */
export const MAX_NTH_COUNT = 100_000;

/** Parse one value spec; throws StatbankQueryError on a malformed spec. */
export function parseValueSpec(spec: string, table = "query"): ValueSpec {
  const s = spec.trim();
  if (s === "") throw new StatbankQueryError(table, "empty value spec");
  if (s === "*") return { kind: "all" };
  // "(…)" or "-(…)", without a regular expression whose backtracking grows with the spec's length.
  const fromOldest = s.startsWith("-(");
  const inner = (s.startsWith("(") || fromOldest) && s.endsWith(")") ? s.slice(fromOldest ? 2 : 1, -1) : null;
  if (inner !== null && !inner.includes(")")) {
    const ab = parseNth(inner);
    if (!ab) throw new StatbankQueryError(table, `malformed nth rule ${JSON.stringify(spec)} (expected e.g. "(1)" or "(-n+3)")`);
    for (const [name, x] of [
      ["a", ab.a],
      ["b", ab.b],
    ] as const) {
      if (!Number.isSafeInteger(x) || Math.abs(x) > MAX_NTH_COUNT) {
        throw new StatbankQueryError(
          table,
          `nth rule ${JSON.stringify(spec)}: ${name === "b" ? "the count" : "the step"} ${(name === "b" ? ab.rawB : ab.rawA).replace(/^\+/, "")} is beyond the limit of ${MAX_NTH_COUNT} (no table has that many values)`,
        );
      }
    }
    return { kind: "nth", a: ab.a, b: ab.b, fromOldest };
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
  if (s.includes("*")) return { kind: "pattern", pattern: s, segments: s.toUpperCase().split("*") };
  return { kind: "code", code: s };
}

/**
 * "an+b" forms: "3", "-n+3", "2n", "2n+1", "n". Returns null when malformed; a and b as numbers
 * (possibly beyond the safe range: the caller checks them) and as written, for messages.
 */
function parseNth(expr: string): { a: number; b: number; rawA: string; rawB: string } | null {
  const e = expr.replace(/\s+/g, "").toLowerCase();
  if (/^[+-]?\d+$/.test(e)) return { a: 0, b: Number(e), rawA: "0", rawB: e };
  const m = /^([+-]?\d*)n([+-]\d+)?$/.exec(e);
  if (!m) return null;
  const a = m[1] === "" || m[1] === "+" ? 1 : m[1] === "-" ? -1 : Number(m[1]);
  return { a, b: m[2] ? Number(m[2]) : 0, rawA: m[1] || "1", rawB: m[2] ?? "0" };
}

/**
 * Positions (1-based) selected by a·n+b for n = 0, 1, 2, … within 1..count, computed from the
 * first position in range: at most count/|a| steps, whatever a and b are.
 */
function nthPositions(a: number, b: number, count: number): number[] {
  if (a === 0) return b >= 1 && b <= count ? [b] : [];
  const out: number[] = [];
  if (a > 0) {
    // p = b, b+a, b+2a, …: the first p ≥ 1 is b + a·ceil((1-b)/a) when b < 1.
    for (let p = b >= 1 ? b : b + a * Math.ceil((1 - b) / a); p <= count; p += a) out.push(p);
  } else {
    // p = b, b-|a|, …: the first p ≤ count is b - |a|·ceil((b-count)/|a|) when b > count.
    const step = -a;
    for (let p = b <= count ? b : b - step * Math.ceil((b - count) / step); p >= 1; p -= step) out.push(p);
  }
  return out;
}

/**
 * Does `value` match a wildcard pattern split at its stars (upper case; empty pieces between
 * stars left out)? The first piece must start the value, the last end it, the others occur in
 * order between them, each at its first place (which leaves the most room for the rest). Linear in
 * the value's length per piece, without backtracking: a RegExp of many ".*" takes exponential
 * time. wildcardMatcher precomputes what does not depend on the value; a value shorter than the
 * pattern's letters is rejected at once.
 */
function wildcardMatcher(segments: readonly string[]): (value: string) => boolean {
  let literal = 0;
  for (const piece of segments) literal += piece.length;
  const pieces = segments.filter((piece, i) => piece !== "" || i === 0 || i === segments.length - 1);
  return (value) => literal <= value.length && matchesWildcard(pieces, value);
}

function matchesWildcard(segments: readonly string[], value: string): boolean {
  const v = value.toUpperCase();
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (!v.startsWith(first) || !v.endsWith(last) || first.length + last.length > v.length) return false;
  let from = first.length;
  const end = v.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const piece = segments[i];
    const at = v.indexOf(piece, from);
    if (at < 0 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return from <= end;
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
export function resolveSelection(variable: string, values: readonly string[], specs: readonly string[], table = "query"): Resolution {
  const time = isTimeVariable(variable);
  const ordered = time ? [...values].sort(comparePeriods) : [...values];
  const byUpper = new Map(ordered.map((v) => [v.toUpperCase(), v]));
  const selected = new Set<string>();
  const unmatched: string[] = [];
  // A spec repeated (e.g. "(1),(1),…") is resolved once.
  for (const spec of new Set(specs)) {
    const parsed = parseValueSpec(spec, table);
    const hits = match(parsed, ordered, byUpper, time, variable, table);
    if (hits.length === 0) unmatched.push(spec);
    for (const h of hits) selected.add(h);
  }
  return { codes: ordered.filter((v) => selected.has(v)), unmatched };
}

function match(spec: ValueSpec, ordered: string[], byUpper: Map<string, string>, time: boolean, variable: string, table: string): string[] {
  switch (spec.kind) {
    case "all":
      return ordered;
    case "code": {
      const hit = byUpper.get(spec.code.toUpperCase()) ?? (time ? byUpper.get(spec.code.toUpperCase().replace("Q", "K")) : undefined);
      return hit === undefined ? [] : [hit];
    }
    case "pattern":
      return ordered.filter(wildcardMatcher(spec.segments));
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
