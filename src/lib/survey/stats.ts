// Survey statistics for the preference analysis (præferenceanalyse): confidence intervals for
// proportions, the Kish design effect, Likert summaries and the small-group display rule; raking
// weights to register margins is in rake.ts. See /work/shared/research/demographic-methods.md,
// section 5.
//
// Pure and browser-safe: no Node imports and no dependencies, so it can run in the dashboard pages
// as well as in data loaders and tests.

/** z for a two-sided 95 % interval: the 97.5 % quantile of the standard normal distribution. */
export const Z95 = 1.959963984540054;

/** Groups with fewer respondents than this are hidden (anonymity threshold). */
export const MIN_SHOWN = 5;
/** Groups with fewer respondents than this are shown with a "få besvarelser – fortolk varsomt" flag. */
export const MIN_RELIABLE = 30;

// ------------------------------------------------------------------------------------------------
// Intervals for proportions

export interface ProportionInterval {
  p: number;
  lower: number;
  upper: number;
}

export interface DifferenceInterval {
  diff: number;
  lower: number;
  upper: number;
}

function checkZ(z: number): void {
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be a positive finite number (got z = ${z})`);
}

/**
 * Wilson score interval for the proportion k/n (Wilson 1927):
 *
 *   centre    = (p̂ + z²/(2n)) / (1 + z²/n)
 *   halfwidth = z/(1 + z²/n) · √( p̂(1−p̂)/n + z²/(4n²) )
 *
 * For weighted data pass effective counts (kEff = weighted share · nEff, nEff = Kish effective
 * sample size); k and n need not be integers. k = 0 gives lower = 0 exactly and k = n gives
 * upper = 1 exactly (the formula is exact there, but floating point can miss by one ulp).
 */
export function wilson(k: number, n: number, z: number = Z95): ProportionInterval {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`wilson: n must be a positive finite number (got n = ${n})`);
  if (!Number.isFinite(k) || k < 0 || k > n) {
    throw new RangeError(`wilson: k must satisfy 0 <= k <= n (got k = ${k}, n = ${n})`);
  }
  checkZ(z);
  const p = k / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z / den) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const lower = k === 0 ? 0 : Math.max(0, centre - half);
  const upper = k === n ? 1 : Math.min(1, centre + half);
  return { p, lower, upper };
}

/**
 * Newcombe's hybrid score interval (Newcombe 1998, method 10) for p1 − p2, built from the two
 * Wilson intervals [l1, u1] and [l2, u2]:
 *
 *   d = p̂1 − p̂2
 *   L = d − √((p̂1 − l1)² + (u2 − p̂2)²)
 *   U = d + √((u1 − p̂1)² + (p̂2 − l2)²)
 *
 * Weighted groups: pass effective counts, as for `wilson`.
 */
export function newcombe(k1: number, n1: number, k2: number, n2: number, z: number = Z95): DifferenceInterval {
  const a = wilson(k1, n1, z);
  const b = wilson(k2, n2, z);
  const diff = a.p - b.p;
  const lower = diff - Math.sqrt((a.p - a.lower) ** 2 + (b.upper - b.p) ** 2);
  const upper = diff + Math.sqrt((a.upper - a.p) ** 2 + (b.p - b.lower) ** 2);
  return { diff, lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}

// ------------------------------------------------------------------------------------------------
// Weights: Kish design effect and effective sample size

/** Σw and Σw² after checking that every weight is finite and non-negative and that Σw > 0 (also used by rake.ts). */
export function weightSums(weights: readonly number[], what = "weights"): { sum: number; sumSquares: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`${what}: weight at index ${i} must be a finite number >= 0 (got ${w})`);
    }
    sum += w;
    sumSquares += w * w;
  }
  if (!(sum > 0)) {
    throw new RangeError(`${what}: the weights are all zero (or there are none); at least one must be positive`);
  }
  return { sum, sumSquares };
}

/** Kish design effect from unequal weighting: deff = m·Σw²/(Σw)² = 1 + CV²(w), m = number of weights. */
export function kishDesignEffect(weights: readonly number[]): number {
  const { sum, sumSquares } = weightSums(weights, "kishDesignEffect");
  return (weights.length * sumSquares) / (sum * sum);
}

/** Kish effective sample size: n_eff = (Σw)²/Σw² = m / deff. */
export function effectiveSampleSize(weights: readonly number[]): number {
  const { sum, sumSquares } = weightSums(weights, "effectiveSampleSize");
  return (sum * sum) / sumSquares;
}

// ------------------------------------------------------------------------------------------------
// Likert items

export interface TopBox {
  /** Number of respondents who answered (non-null). */
  n: number;
  /** Number of those who answered one of the two highest categories. */
  k: number;
  /** Effective sample size of the answered (= n when unweighted). */
  nEff: number;
  /** share · nEff (= k when unweighted); wilson(kEff, nEff) is the (weighted) interval. */
  kEff: number;
  /** (Weighted) share answering one of the two highest categories; NaN when nobody answered. */
  share: number;
}

export interface LikertShare {
  category: number;
  /** Number of respondents (unweighted) who answered this category. */
  count: number;
  /** (Weighted) share of the answered; NaN when nobody answered. */
  share: number;
}

/** Indices of answered values, after checking values, weights and scale. */
function answered(fn: string, values: readonly (number | null)[], weights: readonly number[] | undefined, scaleMax: number): number[] {
  if (!Number.isInteger(scaleMax) || scaleMax < 2) {
    throw new RangeError(`${fn}: scaleMax must be an integer >= 2 (got ${scaleMax})`);
  }
  if (weights !== undefined && weights.length !== values.length) {
    throw new RangeError(`${fn}: ${weights.length} weights for ${values.length} values`);
  }
  const index: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (!Number.isInteger(v) || v < 1 || v > scaleMax) {
      throw new RangeError(`${fn}: value at index ${i} is ${v}, not an integer 1..${scaleMax} (use null for "ved ikke"/missing)`);
    }
    if (weights !== undefined) {
      const w = weights[i];
      if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
        throw new RangeError(`${fn}: weight at index ${i} must be a finite number >= 0 (got ${w})`);
      }
    }
    index.push(i);
  }
  return index;
}

/**
 * Top-2-box: the share answering one of the two highest categories (4 or 5 on a 1–5 scale),
 * ignoring nulls. With weights, share = Σw(top 2) / Σw(answered), nEff is the Kish effective sample
 * size of the answered and kEff = share · nEff.
 */
export function top2box(values: readonly (number | null)[], weights?: readonly number[], scaleMax = 5): TopBox {
  const index = answered("top2box", values, weights, scaleMax);
  const n = index.length;
  let k = 0;
  let sum = 0;
  let sumTop = 0;
  let sumSquares = 0;
  for (const i of index) {
    const top = (values[i] as number) >= scaleMax - 1;
    if (top) k++;
    const w = weights === undefined ? 1 : weights[i];
    sum += w;
    sumSquares += w * w;
    if (top) sumTop += w;
  }
  if (!(sum > 0)) return { n, k, nEff: 0, kEff: 0, share: NaN };
  if (weights === undefined) return { n, k, nEff: n, kEff: k, share: k / n };
  const share = sumTop / sum;
  const nEff = (sum * sum) / sumSquares;
  return { n, k, nEff, kEff: share * nEff, share };
}

/** Distribution over categories 1..scaleMax: unweighted counts and (weighted) shares of the answered. */
export function likertDistribution(values: readonly (number | null)[], weights?: readonly number[], scaleMax = 5): LikertShare[] {
  const index = answered("likertDistribution", values, weights, scaleMax);
  const count = new Array<number>(scaleMax).fill(0);
  const weighted = new Array<number>(scaleMax).fill(0);
  let sum = 0;
  for (const i of index) {
    const c = (values[i] as number) - 1;
    const w = weights === undefined ? 1 : weights[i];
    count[c]++;
    weighted[c] += w;
    sum += w;
  }
  return count.map((cnt, c) => ({ category: c + 1, count: cnt, share: sum > 0 ? weighted[c] / sum : NaN }));
}

// ------------------------------------------------------------------------------------------------
// Display rule

/** n < 5: hide (privacy); 5 <= n < 30: show with a "få besvarelser" flag; n >= 30: show normally. */
export function smallGroupRule(n: number): "hidden" | "flagged" | "ok" {
  if (Number.isNaN(n)) throw new RangeError(`smallGroupRule: n must be a number (got ${n})`);
  if (n < MIN_SHOWN) return "hidden";
  if (n < MIN_RELIABLE) return "flagged";
  return "ok";
}
