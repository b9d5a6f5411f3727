/**
 * The goals' vocabulary, shared by the goals parser (loaders/goals.ts), the evaluation
 * (./evaluate.ts) and the scorecard: the four areas, the rule kinds, aggregates, sentence
 * placeholders, the Goal type, and the status words and colours. Pure: no DOM, no node.
 */
import type { Unit } from "../indicators.js";

// ---------------------------------------------------------------------------------------------
// Vocabulary shared with the loader

/** The four areas of the agreement, in display order. */
export const GOAL_AREAS = ["Vækst og bosætning", "Erhverv", "Digitalisering", "Sundhed"] as const;
export type GoalArea = (typeof GOAL_AREAS)[number];

export const RULE_KINDS = [
  "at_most_baseline",
  "at_least_baseline",
  "at_least_value",
  "at_most_value",
  "trend_up",
  "trend_down",
  "at_least_neighbours",
  "forecast_met",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Rules that compare with the baseline year and need `baseline`. */
export const BASELINE_RULES: readonly RuleKind[] = ["at_most_baseline", "at_least_baseline", "trend_up", "trend_down", "at_least_neighbours"];
/** Rules with a target value and a deadline year (`value`, `by`). */
export const VALUE_RULES: readonly RuleKind[] = ["at_least_value", "at_most_value"];
/** Rules on the direction of the last `years` figures. */
export const TREND_RULES: readonly RuleKind[] = ["trend_up", "trend_down"];
/** Window of the trend rules when the goal gives no `years`. */
export const DEFAULT_TREND_YEARS = 3;

/** Units a goal or a manual indicator may have: the indicator catalogue's. */
export { UNITS, type Unit } from "../indicators.js";

/** How sub-annual figures become one per year: the year's last period, or the sum of its periods. */
export const AGGREGATES = ["last", "sum"] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** Placeholders a `sentence` template may use. */
export const SENTENCE_PLACEHOLDERS = [
  "latest_year",
  "latest",
  "baseline_year",
  "baseline",
  "target",
  "by",
  "unit",
  "name",
  "change",
  "neighbours_change",
  "status",
] as const;

/** One goal as data/goals.yaml states it, after validation (loaders/goals.ts). */
export interface Goal {
  id: string;
  /** The political goal, in Danish. */
  title: string;
  area: GoalArea;
  /** Indicator id: a StatBank indicator (STATBANK_INDICATORS) or a manual one (data/indicators/*.csv). */
  indicator: string;
  /** Baseline year; null only for rules that need none (value rules, forecast_met). */
  baseline: number | null;
  rule: RuleKind;
  /** Target value (value rules only). */
  value: number | null;
  /** Deadline year (value rules only). */
  by: number | null;
  /** Trend window in figures (trend rules only; DEFAULT_TREND_YEARS when not given). */
  years: number | null;
  unit: Unit;
  source: string;
  /** The expected result in words ("Målet er nået, når …"): what counts. */
  expected: string | null;
  note: string | null;
  /** Template for the plain sentence; null: the default for the rule kind. */
  sentence: string | null;
  /** How sub-annual figures of a manual indicator become one per year (default "last"). */
  aggregate: Aggregate;
  /** Line of the goal in the YAML file (for messages). */
  line: number;
}

/** The fields evaluateGoal looks at (tests and pages may pass a partial goal). */
export type GoalRule = Pick<Goal, "rule"> & Partial<Pick<Goal, "baseline" | "value" | "by" | "years" | "unit" | "sentence">>;

export interface Point {
  year: number;
  value: number;
}

export type GoalStatus = "met" | "not_met" | "in_progress" | "no_data";

export interface GoalResult {
  status: GoalStatus;
  baseline: Point | null;
  latest: Point | null;
  /** The value to reach or stay within, in the indicator's unit; null when unknown. */
  target: number | null;
  /** The status in Danish: "Målet er nået", "Målet er ikke nået", "Undervejs", "Data mangler". */
  words: string;
  /** One plain Danish sentence for the politician. */
  sentence: string;
}

export interface GoalContext {
  /** The neighbours' series of the same indicator (at_least_neighbours). */
  neighbours?: Point[][];
  /** The current year (value rules: has the deadline passed?). */
  today?: number;
  /** The municipality's name for {name}, e.g. "Halsnæs Kommune"; default "kommunen". */
  name?: string;
  /** false: the goals are another council's, used as a template: the sentence describes the development without a verdict. */
  verdict?: boolean;
}

export const STATUS_WORDS: Record<GoalStatus, string> = {
  met: "Målet er nået",
  not_met: "Målet er ikke nået",
  in_progress: "Undervejs",
  no_data: "Data mangler",
};

/**
 * How each status looks. Colour is never the only cue: every status has a symbol and words.
 * `className` matches src/style.css (.status-met …); the colours are those of the style sheet.
 */
export const STATUS_COLORS: Record<GoalStatus, { color: string; symbol: string; label: string; className: string }> = {
  met: { color: "#1b7a3a", symbol: "✓", label: STATUS_WORDS.met, className: "status-met" },
  not_met: { color: "#b3261e", symbol: "✗", label: STATUS_WORDS.not_met, className: "status-not-met" },
  in_progress: { color: "#c77700", symbol: "…", label: STATUS_WORDS.in_progress, className: "status-progress" },
  no_data: { color: "#8a8a8a", symbol: "?", label: STATUS_WORDS.no_data, className: "status-no-data" },
};
