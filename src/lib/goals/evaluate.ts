/**
 * Whether a goal of the council (data/goals.yaml) is met. Pure and browser-safe: the scorecard
 * evaluates the goals in the page; the vocabulary (rule kinds, areas, units) is in ./vocabulary.ts,
 * which the goals parser (loaders/goals.ts) validates the file against. No DOM, no node.
 *
 * evaluateGoal(goal, series, context) judges one goal on the indicator's yearly series for one
 * municipality. The rules, precisely (also in data/README-goals.md):
 *
 *   The series is cleaned first: points with a non-finite value are dropped; one value per year
 *   (when a year repeats, the last one counts); sorted by year. `latest` is the point with the
 *   highest year. A series with no point at all is no_data.
 *
 *   Baseline rules (at_most_baseline, at_least_baseline, trend_up, trend_down,
 *   at_least_neighbours) need a value for the baseline year: without it, no_data. With a
 *   baseline but no figure for a later year, no_data as well (nothing to compare yet).
 *
 *   at_most_baseline   met ⇔ latest ≤ baseline (equal counts as met), else not_met. target = baseline.
 *   at_least_baseline  met ⇔ latest ≥ baseline (equal counts as met), else not_met. target = baseline.
 *   at_least_value     target = value. met ⇔ latest ≥ value (judged on the latest figure, also
 *                      when it comes after `by`). Not reached: not_met when the deadline has
 *                      passed — the latest figure is for `by` or later, or `today` (the current
 *                      year) is after `by` — otherwise in_progress. The baseline is optional;
 *                      it is reported when the series has it and never makes the goal no_data.
 *   at_most_value      the same with latest ≤ value.
 *   trend_up/down      the window is the last `years` figures (default 3) among those from the
 *                      baseline year on — figures, not calendar years, so gaps in the data are
 *                      skipped; the baseline itself is in the window when there are fewer than
 *                      `years` figures after it. The direction is the sign of the least-squares
 *                      slope of value on year over the window. trend_up: slope > 0 and
 *                      latest > baseline → met; slope > 0 and latest ≤ baseline → in_progress
 *                      (moving the right way, not yet past the baseline); slope ≤ 0 → not_met
 *                      (a flat trend is not a rise). trend_down mirrors it (slope < 0, latest <
 *                      baseline). target = baseline.
 *   at_least_neighbours  relative change since the baseline year, own against the unweighted mean
 *                      of the neighbours' relative changes, compared in the latest year after the
 *                      baseline for which the municipality and every neighbour have a figure.
 *                      met ⇔ own change ≥ mean change (equal counts as met), else not_met.
 *                      no_data when no neighbours are given, a neighbour lacks the baseline year,
 *                      a baseline value is 0, or there is no common later year.
 *                      target = own baseline × (1 + mean change): the value that would have kept pace.
 *   forecast_met       met ⇔ latest ≥ 0 (the indicator is actual − adopted forecast), else not_met.
 *                      No baseline needed. target = 0.
 *
 * The sentence: the goal's `sentence` template with {latest_year} {latest} {baseline_year}
 * {baseline} {target} {by} {unit} {name} {change} {neighbours_change} {status} filled in (numbers
 * the Danish way); without {status}, " – <status>." is appended (e.g. " – målet er nået.").
 * Without a template, a default sentence per rule kind. no_data always gets a sentence that says
 * what is missing, never the template (it would be full of "–").
 */
import { formatNumber, formatPercentChange, formatSigned } from "../format.js";
import {
  BASELINE_RULES,
  DEFAULT_TREND_YEARS,
  STATUS_WORDS,
  type GoalContext,
  type GoalResult,
  type GoalRule,
  type GoalStatus,
  type Point,
} from "./vocabulary.js";

// ---------------------------------------------------------------------------------------------
// Numbers

/** A goal's number the Danish way: integers without decimals, other values below 100 with one. */
export function formatGoalNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const decimals = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 1;
  return formatNumber(value, decimals);
}

/** The number with its unit: "63,5 %", "251.300 kr.", "1.234 personer"; "antal" adds nothing. */
export function formatGoalValue(value: number | null | undefined, unit: string | undefined): string {
  const n = formatGoalNumber(value);
  if (n === "–" || !unit || unit === "antal") return n;
  return `${n} ${unit}`;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Finite points, one per year (the last one given wins), sorted by year. */
export function cleanSeries(series: readonly Point[]): Point[] {
  const byYear = new Map<number, number>();
  for (const p of series) if (Number.isFinite(p.value) && Number.isFinite(p.year)) byYear.set(p.year, p.value);
  return [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
}

/** Least-squares slope of value on year (0 for fewer than two points). */
export function slope(points: readonly Point[]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((s, p) => s + p.year, 0) / points.length;
  const my = points.reduce((s, p) => s + p.value, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.year - mx) * (p.value - my);
    sxx += (p.year - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

interface Fill {
  latest?: Point | null;
  baseline?: Point | null;
  target?: number | null;
  change?: number | null;
  neighboursChange?: number | null;
}

const STATUS_PHRASE: Record<Exclude<GoalStatus, "no_data">, string> = {
  met: "målet er nået",
  not_met: "målet er ikke nået",
  in_progress: "undervejs",
};

/**
 * Evaluate one goal on the indicator's yearly series for one municipality (see the module
 * comment for the rules).
 */
export function evaluateGoal(goal: GoalRule, series: readonly Point[], context: GoalContext = {}): GoalResult {
  const points = cleanSeries(series);
  const name = context.name ?? "kommunen";
  const unit = goal.unit;
  const latestPoint = points.at(-1) ?? null;
  const baseYear = goal.baseline ?? null;
  const baselinePoint = baseYear === null ? null : (points.find((p) => p.year === baseYear) ?? null);

  const noData = (why: string, fill: Fill = {}): GoalResult => ({
    status: "no_data",
    baseline: fill.baseline ?? null,
    latest: fill.latest ?? null,
    target: fill.target ?? null,
    words: STATUS_WORDS.no_data,
    sentence: context.verdict === false ? `Data mangler: ${why}.` : `Data mangler: ${why}, så det kan ikke afgøres, om målet er nået.`,
  });
  const result = (status: Exclude<GoalStatus, "no_data">, fill: Fill, defaultSentence: string, phrase = STATUS_PHRASE[status]): GoalResult => {
    const sentence =
      context.verdict === false
        ? `${(goal.sentence ? goal.sentence.replace(/\s*[–-]?\s*\{status\}/g, "").replace(/\{([a-z_]+)\}/g, (whole, key: string) => placeholderValues(goal, fill, name, "")[key] ?? whole) : defaultSentence).trim().replace(/[.\s]+$/, "")}.`
        : goal.sentence
          ? fillSentence(goal.sentence, placeholderValues(goal, fill, name, phrase))
          : `${defaultSentence} – ${phrase}.`;
    return {
      status,
      baseline: fill.baseline ?? null,
      latest: fill.latest ?? null,
      target: fill.target ?? null,
      words: STATUS_WORDS[status],
      sentence,
    };
  };
  const v = (x: number | null | undefined) => formatGoalValue(x, unit);

  if (!latestPoint) return noData("der er ingen tal for indikatoren");

  if (BASELINE_RULES.includes(goal.rule)) {
    if (baseYear === null) return noData("målet har intet basisår");
    if (!baselinePoint) return noData(`der er ingen tal for basisåret ${baseYear}`, { latest: latestPoint });
    if (latestPoint.year <= baselinePoint.year) {
      return noData(`der er endnu ingen tal efter basisåret ${baseYear}`, { baseline: baselinePoint, latest: latestPoint, target: baselinePoint.value });
    }
  }

  switch (goal.rule) {
    case "at_most_baseline":
    case "at_least_baseline": {
      const b = baselinePoint!;
      const ok = goal.rule === "at_most_baseline" ? latestPoint.value <= b.value : latestPoint.value >= b.value;
      const fill = { latest: latestPoint, baseline: b, target: b.value };
      return result(ok ? "met" : "not_met", fill, `I ${latestPoint.year} var tallet ${v(latestPoint.value)} mod ${v(b.value)} i ${b.year}`);
    }
    case "at_least_value":
    case "at_most_value": {
      if (goal.value === null || goal.value === undefined || goal.by === null || goal.by === undefined) {
        return noData("målet mangler en målværdi eller et årstal");
      }
      const target = goal.value;
      const by = goal.by;
      const atLeast = goal.rule === "at_least_value";
      const reached = atLeast ? latestPoint.value >= target : latestPoint.value <= target;
      const deadlinePassed = latestPoint.year >= by || (context.today !== undefined && context.today > by);
      const fill = { latest: latestPoint, baseline: baselinePoint, target };
      const status = reached ? "met" : deadlinePassed ? "not_met" : "in_progress";
      const aim = `${atLeast ? "mindst" : "højst"} ${v(target)} i ${by}`;
      const phrase = status === "in_progress" ? `målet er endnu ikke nået; fristen er ${by}` : STATUS_PHRASE[status];
      return result(status, fill, `I ${latestPoint.year} var tallet ${v(latestPoint.value)}; målet er ${aim}`, phrase);
    }
    case "trend_up":
    case "trend_down": {
      const b = baselinePoint!;
      const n = goal.years ?? DEFAULT_TREND_YEARS;
      const window = points.filter((p) => p.year >= b.year).slice(-Math.max(2, n));
      const s = slope(window);
      const up = goal.rule === "trend_up";
      const rightWay = up ? s > 0 : s < 0;
      const pastBaseline = up ? latestPoint.value > b.value : latestPoint.value < b.value;
      const status = !rightWay ? "not_met" : pastBaseline ? "met" : "in_progress";
      const direction = s > 0 ? "opad" : s < 0 ? "nedad" : "hverken op eller ned";
      const span = `${window[0].year}–${window.at(-1)!.year}`;
      const fill = { latest: latestPoint, baseline: b, target: b.value };
      const phrase =
        status === "in_progress"
          ? `undervejs: udviklingen går den rigtige vej, men tallet er endnu ikke ${up ? "over" : "under"} niveauet fra ${b.year}`
          : STATUS_PHRASE[status];
      return result(
        status,
        fill,
        `Fra ${b.year} til ${latestPoint.year} gik tallet fra ${v(b.value)} til ${v(latestPoint.value)}, og udviklingen ${span} peger ${direction}`,
        phrase,
      );
    }
    case "at_least_neighbours": {
      const b = baselinePoint!;
      const neighbours = (context.neighbours ?? []).map(cleanSeries);
      if (neighbours.length === 0) return noData("der er ingen tal for nabokommunerne", { baseline: b, latest: latestPoint });
      const neighbourBases = neighbours.map((ns) => ns.find((p) => p.year === b.year));
      if (neighbourBases.some((p) => !p)) return noData(`nabokommunerne mangler tal for basisåret ${b.year}`, { baseline: b, latest: latestPoint });
      if (b.value === 0 || neighbourBases.some((p) => p!.value === 0)) {
        return noData(`et tal for basisåret ${b.year} er 0, så ændringen i procent kan ikke beregnes`, { baseline: b, latest: latestPoint });
      }
      const common = points.filter((p) => p.year > b.year && neighbours.every((ns) => ns.some((q) => q.year === p.year))).at(-1);
      if (!common) return noData(`der er intet år efter ${b.year} med tal for både kommunen og alle nabokommunerne`, { baseline: b, latest: latestPoint });
      const own = common.value / b.value - 1;
      const changes = neighbours.map((ns, i) => ns.find((q) => q.year === common.year)!.value / neighbourBases[i]!.value - 1);
      const mean = changes.reduce((s, c) => s + c, 0) / changes.length;
      const target = b.value * (1 + mean);
      const fill = { latest: common, baseline: b, target, change: own, neighboursChange: mean };
      // Equal counts as met; the tolerance absorbs floating-point noise in the ratios.
      return result(
        own >= mean - 1e-12 ? "met" : "not_met",
        fill,
        `Fra ${b.year} til ${common.year} ændrede tallet sig med ${formatPercentChange(own)} (fra ${v(b.value)} til ${v(common.value)}) mod gennemsnitligt ${formatPercentChange(mean)} i nabokommunerne`,
      );
    }
    case "forecast_met": {
      const fill = { latest: latestPoint, baseline: baselinePoint, target: 0 };
      const deviation = `${formatSigned(latestPoint.value, Number.isInteger(latestPoint.value) ? 0 : 1)}${unit && unit !== "antal" ? ` ${unit}` : ""}`;
      return result(latestPoint.value >= 0 ? "met" : "not_met", fill, `I ${latestPoint.year} var afvigelsen fra den vedtagne prognose ${deviation}`);
    }
  }
}

function placeholderValues(goal: GoalRule, fill: Fill, name: string, phrase: string): Record<string, string> {
  return {
    latest_year: fill.latest ? String(fill.latest.year) : "–",
    latest: formatGoalNumber(fill.latest?.value),
    baseline_year: fill.baseline ? String(fill.baseline.year) : goal.baseline != null ? String(goal.baseline) : "–",
    baseline: formatGoalNumber(fill.baseline?.value),
    target: formatGoalNumber(fill.target),
    by: goal.by != null ? String(goal.by) : "–",
    unit: goal.unit ?? "",
    name,
    change: formatPercentChange(fill.change),
    neighbours_change: formatPercentChange(fill.neighboursChange),
    status: phrase,
  };
}

/**
 * Fill a sentence template: each {placeholder} is replaced by its value; an unknown one is left
 * as it is. Without {status} in the template, " – <status>." is appended (a final "." of the
 * template is dropped first).
 */
export function fillSentence(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\{([a-z_]+)\}/g, (whole, key: string) => values[key] ?? whole).trim();
  if (template.includes("{status}")) return filled;
  return `${filled.replace(/[.\s]+$/, "")} – ${values.status}.`;
}
