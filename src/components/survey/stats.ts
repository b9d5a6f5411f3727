// Survey statistics for the preference analysis (præferenceanalyse): confidence intervals for
// proportions, raking weights to register margins, the Kish design effect, Likert summaries and the
// small-group display rule. See /work/shared/research/demographic-methods.md, section 5.
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

/** Σw and Σw² after checking that every weight is finite and non-negative and that Σw > 0. */
function weightSums(weights: readonly number[], what = "weights"): { sum: number; sumSquares: number } {
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
// Raking (iterative proportional fitting on marginal distributions)

/** Raised when raking cannot produce weights; the message (Danish, English detail in parentheses) names the cause. */
export class RakingError extends Error {
  /** The margin variable involved, when there is one. */
  readonly variable?: string;
  /** The category involved, when there is one. */
  readonly category?: string;
  constructor(message: string, variable?: string, category?: string) {
    super(message);
    this.name = "RakingError";
    this.variable = variable;
    this.category = category;
  }
}

export interface RakeOptions {
  /** Design (base) weights to start from, one per row; default 1 for every row. */
  baseWeights?: readonly number[];
  /** Maximum number of full sweeps over all margin variables; default 100. */
  maxIterations?: number;
  /** Convergence: max |weighted share − target share| over all categories of all variables; default 1e-6. */
  tolerance?: number;
  /** Bounds on weight / mean weight, e.g. [0.2, 5]; applied after every sweep. Zero weights stay zero. */
  trim?: readonly [number, number];
}

export interface RakeResult {
  /** One weight per row, scaled to sum to the number of rows (mean 1). */
  weights: number[];
  /** Number of full sweeps used. */
  iterations: number;
  converged: true;
  /** Max |weighted share − target share| over all categories at the end. */
  maxDeviation: number;
  /** Kish design effect of the final weights. */
  designEffect: number;
  /** Kish effective sample size of the final weights. */
  effectiveN: number;
}

interface Margin {
  variable: string;
  categories: string[];
  /** Target share per category (normalised to sum 1). */
  target: Map<string, number>;
  /** Category index of every row. */
  rowCategory: Int32Array;
}

const label = (variable: string, category: string) => `'${variable}=${category}'`;

/**
 * Rake weights so that the weighted distribution of each variable matches the margins.
 *
 * `margins[variable][category]` are population counts or shares; each margin is normalised to
 * shares. Each sweep multiplies the weights of category c of each variable in turn by
 * target(c) / weighted share(c); after the sweep the weights are trimmed (if asked for) and the
 * largest deviation from the targets is checked against the tolerance.
 *
 * Throws `RakingError` when a category with a positive target has no (positively weighted)
 * respondents, when a respondent has a category that is missing from the margins (or no value
 * for a margin variable), when a respondent is in a category whose target is 0 (the weight would
 * have to be 0; drop such rows before raking), when a margin has no positive total or a negative
 * value, and when the weights do not converge within `maxIterations` sweeps.
 */
export function rake(
  rows: ReadonlyArray<Readonly<Record<string, string>>>,
  margins: Readonly<Record<string, Readonly<Record<string, number>>>>,
  options: RakeOptions = {},
): RakeResult {
  const n = rows.length;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`rake: maxIterations must be a positive integer (got ${maxIterations})`);
  }
  if (!Number.isFinite(tolerance) || tolerance <= 0) {
    throw new RangeError(`rake: tolerance must be a positive number (got ${tolerance})`);
  }
  const trim = options.trim;
  if (trim !== undefined) {
    const [lo, hi] = trim;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo >= 0 && lo <= 1 && hi >= 1 && lo < hi)) {
      throw new RangeError(`rake: trim must be [lower, upper] with 0 <= lower <= 1 <= upper, lower < upper (got [${lo}, ${hi}])`);
    }
  }
  if (n === 0) throw new RakingError("Rakning: ingen svarpersoner (no rows to rake)");

  // Starting weights.
  const weights = new Float64Array(n);
  if (options.baseWeights !== undefined) {
    if (options.baseWeights.length !== n) {
      throw new RangeError(`rake: baseWeights has ${options.baseWeights.length} entries but there are ${n} rows`);
    }
    weightSums(options.baseWeights, "rake baseWeights");
    for (let i = 0; i < n; i++) weights[i] = options.baseWeights[i];
  } else {
    weights.fill(1);
  }

  // Normalise the margins and classify every row.
  const list: Margin[] = [];
  for (const variable of Object.keys(margins)) {
    const given = margins[variable];
    const categories = Object.keys(given);
    let total = 0;
    for (const category of categories) {
      const value = given[category];
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new RakingError(
          `Rakning: ugyldig marginal for ${label(variable, category)}: ${value} (margin value must be a finite number >= 0)`,
          variable,
          category,
        );
      }
      total += value;
    }
    if (!(total > 0)) {
      throw new RakingError(
        `Rakning: marginalen '${variable}' har ingen positiv total (margin has no positive total)`,
        variable,
      );
    }
    const target = new Map<string, number>();
    const index = new Map<string, number>();
    categories.forEach((category, j) => {
      target.set(category, given[category] / total);
      index.set(category, j);
    });
    const rowCategory = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const value = rows[i][variable];
      if (value === undefined || value === null) {
        throw new RakingError(
          `Rakning: svarperson nr. ${i + 1} mangler en værdi for '${variable}' (row ${i} has no value for margin variable '${variable}')`,
          variable,
        );
      }
      const j = index.get(value);
      if (j === undefined) {
        throw new RakingError(
          `Rakning: svarperson nr. ${i + 1} har kategorien ${label(variable, value)}, som ikke findes i marginalerne ` +
            `(row ${i}: category not in the margins; known categories: ${categories.join(", ")})`,
          variable,
          value,
        );
      }
      rowCategory[i] = j;
    }
    list.push({ variable, categories, target, rowCategory });
  }

  // Every category with a positive target needs respondents with positive weight, and no respondent may
  // sit in a category whose target is 0.
  for (const m of list) {
    const counts = new Array<number>(m.categories.length).fill(0);
    const weighted = new Array<number>(m.categories.length).fill(0);
    for (let i = 0; i < n; i++) {
      counts[m.rowCategory[i]]++;
      weighted[m.rowCategory[i]] += weights[i];
    }
    m.categories.forEach((category, j) => {
      const t = m.target.get(category)!;
      if (t > 0 && !(weighted[j] > 0)) {
        const detail = counts[j] === 0 ? "no respondents" : `${counts[j]} respondents, all with base weight 0`;
        throw new RakingError(
          `Rakning: ingen svarpersoner i kategorien ${label(m.variable, category)} ` +
            `(${detail} in a category with target share ${formatNumber(t)})`,
          m.variable,
          category,
        );
      }
      if (t === 0 && counts[j] > 0) {
        throw new RakingError(
          `Rakning: kategorien ${label(m.variable, category)} har målandel 0, men ${counts[j]} svarpersoner ` +
            `(target share is 0 but the category has respondents; remove them before raking)`,
          m.variable,
          category,
        );
      }
    });
  }

  const deviation = (): { max: number; variable?: string; category?: string } => {
    let worst: { max: number; variable?: string; category?: string } = { max: 0 };
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    for (const m of list) {
      const weighted = new Array<number>(m.categories.length).fill(0);
      for (let i = 0; i < n; i++) weighted[m.rowCategory[i]] += weights[i];
      m.categories.forEach((category, j) => {
        const d = Math.abs(weighted[j] / total - m.target.get(category)!);
        if (d > worst.max) worst = { max: d, variable: m.variable, category };
      });
    }
    return worst;
  };

  let iterations = 0;
  let worst = deviation();
  if (list.length > 0) {
    for (;;) {
      iterations++;
      for (const m of list) {
        const weighted = new Array<number>(m.categories.length).fill(0);
        let total = 0;
        for (let i = 0; i < n; i++) {
          weighted[m.rowCategory[i]] += weights[i];
          total += weights[i];
        }
        const factor = m.categories.map((category, j) =>
          weighted[j] > 0 ? (m.target.get(category)! * total) / weighted[j] : 0,
        );
        for (let i = 0; i < n; i++) weights[i] *= factor[m.rowCategory[i]];
      }
      if (trim !== undefined) trimWeights(weights, trim[0], trim[1]);
      worst = deviation();
      if (worst.max <= tolerance) break;
      if (iterations >= maxIterations) {
        const where = worst.variable !== undefined ? ` i ${label(worst.variable, worst.category!)}` : "";
        throw new RakingError(
          `Rakning: vægtene konvergerede ikke efter ${iterations} ${iterations === 1 ? "iteration" : "iterationer"}; største afvigelse ${formatNumber(worst.max)}${where} ` +
            `(did not converge within maxIterations = ${maxIterations}: max deviation ${formatNumber(worst.max)} > tolerance ${tolerance})`,
          worst.variable,
          worst.category,
        );
      }
    }
  }

  // Scale to mean 1.
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const out = Array.from(weights, (w) => (w * n) / total);
  return {
    weights: out,
    iterations,
    converged: true,
    maxDeviation: worst.max,
    designEffect: kishDesignEffect(out),
    effectiveN: effectiveSampleSize(out),
  };
}

/** Clamp positive weights to [lo, hi] · mean weight, repeating until the mean stops moving the bounds. */
function trimWeights(weights: Float64Array, lo: number, hi: number): void {
  const n = weights.length;
  for (let pass = 0; pass < 100; pass++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    const mean = total / n;
    const min = lo * mean;
    const max = hi * mean;
    let changed = false;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w <= 0) continue;
      if (w < min) {
        if ((min - w) > 1e-12 * mean) changed = true;
        weights[i] = min;
      } else if (w > max) {
        if ((w - max) > 1e-12 * mean) changed = true;
        weights[i] = max;
      }
    }
    if (!changed) return;
  }
}

function formatNumber(x: number): string {
  return Number(x.toPrecision(3)).toString();
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
function answered(
  fn: string,
  values: readonly (number | null)[],
  weights: readonly number[] | undefined,
  scaleMax: number,
): number[] {
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
      throw new RangeError(
        `${fn}: value at index ${i} is ${v}, not an integer 1..${scaleMax} (use null for "ved ikke"/missing)`,
      );
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
export function likertDistribution(
  values: readonly (number | null)[],
  weights?: readonly number[],
  scaleMax = 5,
): LikertShare[] {
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
