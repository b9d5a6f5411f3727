// Raking (iterative proportional fitting on marginal distributions): weights that make a survey's
// weighted distribution of each grouping variable match the population's. See
// /work/shared/research/demographic-methods.md, section 5.
//
// Pure and browser-safe: no Node imports and no dependencies.
import { effectiveSampleSize, kishDesignEffect, weightSums } from "./stats.js";

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
      throw new RakingError(`Rakning: marginalen '${variable}' har ingen positiv total (margin has no positive total)`, variable);
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
          `Rakning: ingen svarpersoner i kategorien ${label(m.variable, category)} ` + `(${detail} in a category with target share ${formatNumber(t)})`,
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
        const factor = m.categories.map((category, j) => (weighted[j] > 0 ? (m.target.get(category)! * total) / weighted[j] : 0));
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
        if (min - w > 1e-12 * mean) changed = true;
        weights[i] = min;
      } else if (w > max) {
        if (w - max > 1e-12 * mean) changed = true;
        weights[i] = max;
      }
    }
    if (!changed) return;
  }
}

function formatNumber(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
