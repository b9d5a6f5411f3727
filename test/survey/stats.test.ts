import { describe, expect, it } from "vitest";
import {
  effectiveSampleSize,
  kishDesignEffect,
  likertDistribution,
  MIN_RELIABLE,
  MIN_SHOWN,
  newcombe,
  smallGroupRule,
  top2box,
  wilson,
  Z95,
} from "../../src/lib/survey/stats.ts";
import { rake, RakingError } from "../../src/lib/survey/rake.ts";

// z = 1.959963984540054, z² = 3.8414588206941254.
const z2 = Z95 * Z95;

// Closed form of the Wilson interval, used as an independent hand check of the centre ± halfwidth code:
//   (2k + z² ± z·√(z² + 4k(1 − k/n))) / (2(n + z²))
const wilsonClosedForm = (k: number, n: number) => {
  const root = Z95 * Math.sqrt(z2 + 4 * k * (1 - k / n));
  const den = 2 * (n + z2);
  return [(2 * k + z2 - root) / den, (2 * k + z2 + root) / den];
};

describe("wilson", () => {
  it("reproduces Newcombe (1998) Table I: 81/263 → [0.2553, 0.3662]", () => {
    // p̂ = 81/263 = 0.30798
    // 2k + z² = 162 + 3.84146 = 165.84146
    // z² + 4k(1 − k/n) = 3.84146 + 324·182/263 = 3.84146 + 224.21293 = 228.05439; √ = 15.10147; ·z = 29.59834
    // 2(n + z²) = 2·266.84146 = 533.68292
    // lower = (165.84146 − 29.59834)/533.68292 = 136.24312/533.68292 = 0.25529
    // upper = (165.84146 + 29.59834)/533.68292 = 195.43980/533.68292 = 0.36621
    const ci = wilson(81, 263);
    expect(ci.p).toBeCloseTo(81 / 263, 15);
    expect(ci.lower).toBeCloseTo(0.2553, 4);
    expect(ci.upper).toBeCloseTo(0.3662, 4);
    const [lo, hi] = wilsonClosedForm(81, 263);
    expect(ci.lower).toBeCloseTo(lo, 12);
    expect(ci.upper).toBeCloseTo(hi, 12);
  });

  it("is symmetric around 1/2 for k = n/2", () => {
    // centre = (0.5 + z²/20)/(1 + z²/10) = 0.5 exactly, so lower + upper = 1
    const ci = wilson(5, 10);
    expect(ci.lower + ci.upper).toBeCloseTo(1, 14);
    const [lo] = wilsonClosedForm(5, 10);
    expect(ci.lower).toBeCloseTo(lo, 12); // 0.23659
  });

  it("k = 0: lower is exactly 0 and upper = z²/(n + z²)", () => {
    // n = 10: upper = 3.84146/13.84146 = 0.27753
    const ci = wilson(0, 10);
    expect(ci.p).toBe(0);
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeCloseTo(z2 / (10 + z2), 14);
    expect(ci.upper).toBeCloseTo(0.2775, 4);
  });

  it("k = n: upper is exactly 1 and lower = n/(n + z²)", () => {
    // (2n + z² − z·√z²)/(2(n + z²)) = 2n/(2(n + z²)); n = 10: 10/13.84146 = 0.72247
    // (the centre + halfwidth formula gives 0.9999999999999999 here, so the 1 must be set explicitly)
    const ci = wilson(10, 10);
    expect(ci.p).toBe(1);
    expect(ci.upper).toBe(1);
    expect(ci.lower).toBeCloseTo(10 / (10 + z2), 14);
    expect(ci.lower).toBeCloseTo(0.7225, 4);
  });

  it("accepts effective (non-integer) counts for weighted data", () => {
    // kEff = 3.75 of nEff = 6.25 (the weighted top-2-box example below): p̂ = 0.6
    const ci = wilson(3.75, 6.25);
    expect(ci.p).toBeCloseTo(0.6, 15);
    const [lo, hi] = wilsonClosedForm(3.75, 6.25);
    expect(ci.lower).toBeCloseTo(lo, 12);
    expect(ci.upper).toBeCloseTo(hi, 12);
  });

  it("a smaller z gives a narrower interval", () => {
    const z90 = 1.6448536269514722;
    const ci95 = wilson(81, 263);
    const ci90 = wilson(81, 263, z90);
    expect(ci90.lower).toBeGreaterThan(ci95.lower);
    expect(ci90.upper).toBeLessThan(ci95.upper);
  });

  it("rejects n = 0 and k outside [0, n], naming them", () => {
    expect(() => wilson(0, 0)).toThrow(RangeError);
    expect(() => wilson(0, 0)).toThrow(/n = 0/);
    expect(() => wilson(11, 10)).toThrow(/k = 11, n = 10/);
    expect(() => wilson(-1, 10)).toThrow(/k = -1, n = 10/);
    expect(() => wilson(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe("newcombe", () => {
  it("reproduces Newcombe (1998) Table II example 1, method 10: 56/70 − 48/80 → [0.0524, 0.3339]", () => {
    // Wilson 56/70: p̂1 = 0.8, 2k + z² = 115.84146, z·√(z² + 4·56·14/70) = z·√48.64146 = 13.66946,
    //   2(n + z²) = 147.68292 → [l1, u1] = [0.69183, 0.87695]
    // Wilson 48/80: p̂2 = 0.6, 2k + z² = 99.84146, z·√(z² + 4·48·32/80) = z·√80.64146 = 17.60059,
    //   2(n + z²) = 167.68292 → [l2, u2] = [0.49045, 0.70038]
    // d = 0.2
    // L = 0.2 − √((0.8 − 0.69183)² + (0.70038 − 0.6)²) = 0.2 − √(0.011700 + 0.010076) = 0.2 − 0.14757 = 0.05243
    // U = 0.2 + √((0.87695 − 0.8)² + (0.6 − 0.49045)²) = 0.2 + √(0.005922 + 0.012000) = 0.2 + 0.13387 = 0.33387
    const d = newcombe(56, 70, 48, 80);
    expect(d.diff).toBeCloseTo(0.2, 14);
    expect(d.lower).toBeCloseTo(0.0524, 4);
    expect(d.upper).toBeCloseTo(0.3339, 4);

    const [l1, u1] = wilsonClosedForm(56, 70);
    const [l2, u2] = wilsonClosedForm(48, 80);
    expect(d.lower).toBeCloseTo(0.2 - Math.sqrt((0.8 - l1) ** 2 + (u2 - 0.6) ** 2), 12);
    expect(d.upper).toBeCloseTo(0.2 + Math.sqrt((u1 - 0.8) ** 2 + (0.6 - l2) ** 2), 12);
  });

  it("swapping the groups negates the interval", () => {
    const a = newcombe(56, 70, 48, 80);
    const b = newcombe(48, 80, 56, 70);
    expect(b.diff).toBeCloseTo(-a.diff, 14);
    expect(b.lower).toBeCloseTo(-a.upper, 14);
    expect(b.upper).toBeCloseTo(-a.lower, 14);
  });

  it("equal proportions give an interval around 0, and the input checks of wilson apply", () => {
    const d = newcombe(20, 40, 10, 20);
    expect(d.diff).toBe(0);
    expect(d.lower).toBeLessThan(0);
    expect(d.upper).toBeGreaterThan(0);
    expect(() => newcombe(1, 0, 1, 2)).toThrow(/n = 0/);
  });
});

describe("Kish design effect and effective sample size", () => {
  it("computes deff and n_eff by hand for [1, 1, 2, 2]", () => {
    // Σw = 6, Σw² = 1 + 1 + 4 + 4 = 10
    // deff = 4·10/36 = 1.1111…, n_eff = 36/10 = 3.6
    expect(kishDesignEffect([1, 1, 2, 2])).toBeCloseTo(40 / 36, 14);
    expect(effectiveSampleSize([1, 1, 2, 2])).toBeCloseTo(3.6, 14);
  });

  it("equal weights have deff 1 and n_eff = n, whatever their scale", () => {
    expect(kishDesignEffect([3, 3, 3])).toBeCloseTo(1, 14);
    expect(effectiveSampleSize([0.5, 0.5, 0.5, 0.5])).toBeCloseTo(4, 14);
  });

  it("a zero weight counts in m but not in n_eff", () => {
    // [0, 1, 1]: Σw = 2, Σw² = 2 → deff = 3·2/4 = 1.5, n_eff = 4/2 = 2
    expect(kishDesignEffect([0, 1, 1])).toBeCloseTo(1.5, 14);
    expect(effectiveSampleSize([0, 1, 1])).toBeCloseTo(2, 14);
  });

  it("rejects negative, NaN and all-zero weights", () => {
    expect(() => kishDesignEffect([1, -1])).toThrow(/index 1 .*>= 0 \(got -1\)/);
    expect(() => effectiveSampleSize([1, Number.NaN])).toThrow(/got NaN/);
    expect(() => effectiveSampleSize([0, 0])).toThrow(/all zero/);
    expect(() => kishDesignEffect([])).toThrow(/all zero/);
  });
});

describe("rake", () => {
  // 10 respondents. Cells (sex × age): m-ung 4, m-gammel 2, k-ung 1, k-gammel 3.
  // Sample shares: m 0.6, k 0.4; ung 0.5, gammel 0.5.
  const sex = ["m", "m", "m", "m", "m", "m", "k", "k", "k", "k"];
  const age = ["ung", "ung", "ung", "ung", "gammel", "gammel", "ung", "gammel", "gammel", "gammel"];
  const rows = sex.map((køn, i) => ({ køn, alder: age[i] }));
  // Population counts: køn 50/50, alder 40/60 (normalised to shares by rake).
  const margins = { køn: { m: 25_000, k: 25_000 }, alder: { ung: 20_000, gammel: 30_000 } };

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const share = (weights: number[], variable: "køn" | "alder", category: string) =>
    sum(weights.filter((_, i) => rows[i][variable] === category)) / sum(weights);

  it("matches both margins within the tolerance, with weights summing to n", () => {
    const r = rake(rows, margins);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.maxDeviation).toBeLessThanOrEqual(1e-6);
    expect(sum(r.weights)).toBeCloseTo(10, 12);
    expect(Math.abs(share(r.weights, "køn", "m") - 0.5)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(share(r.weights, "køn", "k") - 0.5)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(share(r.weights, "alder", "ung") - 0.4)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(share(r.weights, "alder", "gammel") - 0.6)).toBeLessThanOrEqual(1e-6);
  });

  it("converges to the raking solution worked out by hand", () => {
    // Raking keeps the odds ratio of the sample table: weighted cells x with margins m 5, k 5, ung 4, gammel 6
    // and x(m,ung)·x(k,gammel) / (x(m,gammel)·x(k,ung)) = 4·3/(2·1) = 6.
    // With x(m,ung) = t: t(1 + t) / ((5 − t)(4 − t)) = 6 → t² − 11t + 24 = 0 → t = 3 (t = 8 exceeds the margin).
    // Cells: m-ung 3, m-gammel 2, k-ung 1, k-gammel 4 → per-person weights 3/4, 2/2, 1/1, 4/3.
    const r = rake(rows, margins, { tolerance: 1e-12 });
    const expected = [0.75, 0.75, 0.75, 0.75, 1, 1, 1, 4 / 3, 4 / 3, 4 / 3];
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i], 9));
    // Σw² = 4·0.5625 + 2·1 + 1 + 3·16/9 = 2.25 + 2 + 1 + 5.3333 = 127/12
    // deff = 10·(127/12)/10² = 127/120 = 1.05833, n_eff = 10²/(127/12) = 1200/127 = 9.4488
    expect(r.designEffect).toBeCloseTo(127 / 120, 9);
    expect(r.effectiveN).toBeCloseTo(1200 / 127, 8);
  });

  it("one variable: weights are target share / sample share after one iteration", () => {
    // Sample shares ung 2/10, mid 3/10, old 5/10; targets 30/100, 30/100, 40/100.
    // Weights: 0.3/0.2 = 1.5, 0.3/0.3 = 1, 0.4/0.5 = 0.8; sum = 2·1.5 + 3·1 + 5·0.8 = 10.
    const oneVar = ["ung", "ung", "mid", "mid", "mid", "old", "old", "old", "old", "old"].map((a) => ({ alder: a }));
    const r = rake(oneVar, { alder: { ung: 30, mid: 30, old: 40 } });
    expect(r.iterations).toBe(1);
    const expected = [1.5, 1.5, 1, 1, 1, 0.8, 0.8, 0.8, 0.8, 0.8];
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i], 14));
    expect(r.maxDeviation).toBeLessThan(1e-12);
  });

  it("starts from base weights and rescales to mean 1", () => {
    // Base [1, 3, 1, 1], targets a 0.5, b 0.5: Σw = 6, W(a) = 4, W(b) = 2.
    // Factors a: 0.5·6/4 = 0.75, b: 0.5·6/2 = 1.5 → [0.75, 2.25, 1.5, 1.5] (sum 6) → ·4/6 → [0.5, 1.5, 1, 1].
    const ab = ["a", "a", "b", "b"].map((g) => ({ g }));
    const r = rake(ab, { g: { a: 0.5, b: 0.5 } }, { baseWeights: [1, 3, 1, 1] });
    const expected = [0.5, 1.5, 1, 1];
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i], 14));
    // Σw² = 0.25 + 2.25 + 1 + 1 = 4.5 → deff = 4·4.5/16 = 1.125, n_eff = 16/4.5 = 3.5556
    expect(r.designEffect).toBeCloseTo(1.125, 12);
    expect(r.effectiveN).toBeCloseTo(16 / 4.5, 12);
  });

  it("trims weights to [lower, upper] · mean and still meets the margins when that is possible", () => {
    // Untrimmed, k-gammel gets 4/3 > 1.25. With weight k-gammel = 1.25 (mean 1), the margins fix the rest:
    //   k: w(k,ung) + 3·1.25 = 5 → w(k,ung) = 1.25
    //   ung: 4·w(m,ung) + 1.25 = 4 → w(m,ung) = 0.6875
    //   m: 4·0.6875 + 2·w(m,gammel) = 5 → w(m,gammel) = 1.125
    // All within [0.5, 1.25]; sum = 2.75 + 2.25 + 1.25 + 3.75 = 10.
    const r = rake(rows, margins, { trim: [0.5, 1.25], maxIterations: 1000 });
    const expected = [0.6875, 0.6875, 0.6875, 0.6875, 1.125, 1.125, 1.25, 1.25, 1.25, 1.25];
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i], 4));
    for (const w of r.weights) {
      expect(w).toBeGreaterThanOrEqual(0.5 - 1e-9);
      expect(w).toBeLessThanOrEqual(1.25 + 1e-9);
    }
    expect(Math.abs(share(r.weights, "alder", "ung") - 0.4)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(share(r.weights, "køn", "m") - 0.5)).toBeLessThanOrEqual(1e-6);
  });

  it("reports non-convergence when the trim bounds make the margins unreachable", () => {
    // [0.8, 1.25]: w(m,ung) ≥ 0.8 forces w(k,ung) = 4 − 4·w(m,ung) ≤ 0.8, so w(k,ung) = 0.8 and
    // w(k,gammel) = (5 − 0.8)/3 = 1.4 > 1.25: no weights satisfy both margins and the bounds.
    expect(() => rake(rows, margins, { trim: [0.8, 1.25], maxIterations: 200 })).toThrow(/konvergerede ikke/);
  });

  it("throws RakingError when it does not converge within maxIterations, with the deviation reached", () => {
    // One sweep: køn gives m 5/6, k 5/4; then alder multiplies ung by 4/(55/12) = 48/55 and gammel by
    // 6/(65/12) = 72/65. Weighted m = (10/3)(48/55) + (5/3)(72/65) = 32/11 + 24/13 = 680/143, share 68/143 = 0.47552,
    // so the deviation is 0.5 − 68/143 = 7/286 = 0.0245 on 'køn=m'.
    let error: unknown;
    try {
      rake(rows, margins, { maxIterations: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RakingError);
    expect((error as Error).message).toMatch(/konvergerede ikke efter 1 iteration; største afvigelse 0\.0245 i 'køn=m'/);
    expect((error as Error).message).toMatch(/did not converge within maxIterations = 1/);
    expect((error as RakingError).variable).toBe("køn");
    expect((error as RakingError).category).toBe("m");
  });

  it("throws RakingError naming variable=category for an empty category with a positive target", () => {
    const r2 = [{ aldersgruppe: "18-29" }, { aldersgruppe: "30-79" }];
    const m2 = { aldersgruppe: { "18-29": 100, "30-79": 500, "80+": 40 } };
    expect(() => rake(r2, m2)).toThrow(RakingError);
    expect(() => rake(r2, m2)).toThrow("ingen svarpersoner i kategorien 'aldersgruppe=80+'");
    // A category with target 0 and no respondents is fine.
    const r = rake(r2, { aldersgruppe: { "18-29": 1, "30-79": 1, "80+": 0 } });
    expect(r.weights).toEqual([1, 1]);
  });

  it("throws RakingError for a respondent whose category is not in the margins", () => {
    const r2 = [...rows, { køn: "x", alder: "ung" }];
    expect(() => rake(r2, margins)).toThrow(RakingError);
    expect(() => rake(r2, margins)).toThrow(/svarperson nr\. 11 har kategorien 'køn=x', som ikke findes i marginalerne/);
    expect(() => rake([{ alder: "ung" }, { alder: "gammel" }], margins)).toThrow(/mangler en værdi for 'køn'/);
  });

  it("throws RakingError for a margin without a positive total or with a negative value", () => {
    expect(() => rake(rows, { ...margins, køn: { m: 0, k: 0 } })).toThrow(/marginalen 'køn' har ingen positiv total/);
    expect(() => rake(rows, { ...margins, køn: { m: 0, k: 0 } })).toThrow(RakingError);
    expect(() => rake(rows, { ...margins, køn: { m: -1, k: 2 } })).toThrow(/'køn=m'/);
  });

  it("throws RakingError for respondents in a category whose target is 0", () => {
    expect(() => rake(rows, { ...margins, køn: { m: 0, k: 1 } })).toThrow(/'køn=m' har målandel 0/);
  });

  it("rejects bad options", () => {
    expect(() => rake(rows, margins, { baseWeights: [1, 2] })).toThrow(/2 entries but there are 10 rows/);
    expect(() => rake(rows, margins, { maxIterations: 0 })).toThrow(RangeError);
    expect(() => rake(rows, margins, { trim: [2, 5] })).toThrow(RangeError);
  });
});

describe("Likert summaries", () => {
  // 8 answers on 1–5, one "ved ikke" (null).
  const values = [5, 4, 3, null, 2, 5, 1, 4];
  const weights = [1, 2, 1, 5, 1, 1, 2, 2];

  it("top2box unweighted", () => {
    // answered: 7 (the null is left out); top 2 (4 or 5): 5, 4, 5, 4 → k = 4; share = 4/7
    expect(top2box(values)).toEqual({ n: 7, k: 4, nEff: 7, kEff: 4, share: 4 / 7 });
  });

  it("top2box weighted", () => {
    // answered weights: 1 (5), 2 (4), 1 (3), 1 (2), 1 (5), 2 (1), 2 (4); the null's weight 5 is left out
    // Σw = 10, Σw(top 2) = 1 + 2 + 1 + 2 = 6 → share = 0.6
    // Σw² = 1 + 4 + 1 + 1 + 1 + 4 + 4 = 16 → nEff = 10²/16 = 6.25, kEff = 0.6·6.25 = 3.75
    const t = top2box(values, weights);
    expect(t.n).toBe(7);
    expect(t.k).toBe(4);
    expect(t.share).toBeCloseTo(0.6, 14);
    expect(t.nEff).toBeCloseTo(6.25, 14);
    expect(t.kEff).toBeCloseTo(3.75, 14);
  });

  it("top2box on another scale: 6 or 7 on 1–7", () => {
    // answered 4; top 2: 7, 6 → 2/4
    expect(top2box([7, 6, 5, 1, null], undefined, 7)).toMatchObject({ n: 4, k: 2, share: 0.5 });
  });

  it("top2box with nobody answering has share NaN", () => {
    const t = top2box([null, null]);
    expect(t.n).toBe(0);
    expect(t.nEff).toBe(0);
    expect(t.share).toBeNaN();
  });

  it("rejects values off the scale (e.g. a 9 = 'ved ikke' code) and mismatched weights", () => {
    expect(() => top2box([5, 9])).toThrow(/index 1 is 9, not an integer 1..5/);
    expect(() => top2box([5, 0])).toThrow(RangeError);
    expect(() => top2box([5, 4], [1])).toThrow(/1 weights for 2 values/);
    expect(() => likertDistribution([5, 4], [1, -1])).toThrow(/index 1/);
  });

  it("likertDistribution unweighted", () => {
    // counts 1:1, 2:1, 3:1, 4:2, 5:2 of 7 answered
    expect(likertDistribution(values)).toEqual([
      { category: 1, count: 1, share: 1 / 7 },
      { category: 2, count: 1, share: 1 / 7 },
      { category: 3, count: 1, share: 1 / 7 },
      { category: 4, count: 2, share: 2 / 7 },
      { category: 5, count: 2, share: 2 / 7 },
    ]);
  });

  it("likertDistribution weighted: raw counts, weighted shares", () => {
    // Σw answered = 10; 1: 2 → 0.2, 2: 1 → 0.1, 3: 1 → 0.1, 4: 2 + 2 = 4 → 0.4, 5: 1 + 1 = 2 → 0.2
    const d = likertDistribution(values, weights);
    expect(d.map((c) => c.count)).toEqual([1, 1, 1, 2, 2]);
    const expected = [0.2, 0.1, 0.1, 0.4, 0.2];
    d.forEach((c, i) => {
      expect(c.category).toBe(i + 1);
      expect(c.share).toBeCloseTo(expected[i], 14);
    });
  });

  it("likertDistribution lists every category, including empty ones", () => {
    // scale 1–4, answers 4, 4, 1 → shares 1/3, 0, 0, 2/3
    expect(likertDistribution([4, 4, 1], undefined, 4).map((c) => c.share)).toEqual([1 / 3, 0, 0, 2 / 3]);
  });
});

describe("smallGroupRule", () => {
  it("hides n < 5, flags n < 30, shows the rest", () => {
    expect(MIN_SHOWN).toBe(5);
    expect(MIN_RELIABLE).toBe(30);
    expect(smallGroupRule(0)).toBe("hidden");
    expect(smallGroupRule(4)).toBe("hidden");
    expect(smallGroupRule(5)).toBe("flagged");
    expect(smallGroupRule(29)).toBe("flagged");
    expect(smallGroupRule(30)).toBe("ok");
    expect(smallGroupRule(400)).toBe("ok");
  });
});
