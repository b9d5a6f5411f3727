/**
 * The plain-Danish sentence of a goal card on the scorecard (src/index.md, goalCard.ts), written
 * from the same numbers the card shows (its "Basis", "Seneste" and "Mål"). It is the card's
 * visible sentence, printed in the committee appendix, and the sparkline's text alternative.
 *
 * Parts, each its own sentence, joined:
 *   1. "Eksempeldata:" first when the goal's figures are the example files' (never left out).
 *   2. The level: the council's own template from data/goals.yaml filled in without a verdict
 *      (evaluateGoal with `verdict: false`), or the rule's default; "Data mangler: …" plainly
 *      when the status cannot be decided, followed by the latest figure when there is one.
 *   3. The change since the goal's baseline year, with its unit and sign:
 *        "Det er 109 personer færre end i 2011 (−0,4 %)."
 *        "Det er 3,4 procentpoint højere end i 2011."
 *      A change below the small thresholds of src/lib/sentences.ts (THRESHOLDS.change: 1 % for
 *      counts and kroner, 0,5 procentpoint for shares, 0,5 point for an index) is called
 *      "næsten det samme"; equal as shown is "det samme". A change is never "markant".
 *   4. Only when the council's own goals are assessed (`assessed`): the target and the verdict,
 *      "Målet er mindst 30.982 personer (niveauet i 2011) – målet er ikke nået; tallet er 109
 *      personer under målet." (only the verdict when the level sentence already says the target).
 *      For another municipality (the goals used as a template) no target and no
 *      verdict word at all ("nået" never appears): a clause of the level sentence that names the
 *      target ("…; målet er mindst 5 i 2015") is left out too, as the card shows no "Mål".
 *   A goal with a baseline year but no figure for it (a value rule decides without one) says so:
 *      "Der er ingen tal for 2011, så udviklingen kan ikke beregnes." (as src/lib/sentences.ts).
 *
 * Numbers are rounded as the card shows them (formatGoalNumber: whole numbers and values from 100
 * up without decimals, others with one), and differences are worked out from the rounded numbers.
 * Pure: no DOM, no node.
 */
import { formatNumber, formatPercentChange } from "./format.js";
import { THRESHOLDS, joinSentences } from "./sentences.js";
import { evaluateGoal, formatGoalValue } from "./goals/evaluate.js";
import { TREND_RULES, type GoalContext, type GoalResult, type GoalRule, type Point } from "./goals/vocabulary.js";

/** Decimals a goal's number is shown with (as formatGoalNumber). */
export function goalDecimals(value: number): number {
  return Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 1;
}

/** The value as shown, rounded to its decimals. */
function shown(value: number): number {
  const f = 10 ** goalDecimals(value);
  return Math.round(value * f) / f;
}

/** The difference a − b of two shown numbers, without floating-point dust, and its decimals. */
function shownDifference(a: number, b: number): { diff: number; decimals: number } {
  const decimals = Math.max(goalDecimals(a), goalDecimals(b));
  const f = 10 ** decimals;
  return { diff: (Math.round(shown(a) * f) - Math.round(shown(b) * f)) / f, decimals };
}

const NOUNS: Record<string, { one: string; other: string }> = {
  personer: { one: "person", other: "personer" },
  fuldtidspersoner: { one: "fuldtidsperson", other: "fuldtidspersoner" },
};

/** "109 personer", "1 person", "12.300 kr.", "3,4 procentpoint", "2,1 point", "4" (antal). */
function amount(abs: number, decimals: number, unit: string | undefined): string {
  const n = formatNumber(abs, decimals);
  if (unit === "%") return `${n} procentpoint`;
  if (unit === "indeks") return `${n} point`;
  if (unit && NOUNS[unit]) return `${n} ${abs === 1 ? NOUNS[unit].one : NOUNS[unit].other}`;
  if (unit === "kr.") return `${n} kr.`;
  return n;
}

type Kind = "count" | "amount" | "percent" | "index";

function kindOf(unit: string | undefined): Kind {
  if (unit === "%") return "percent";
  if (unit === "indeks") return "index";
  if (unit === "kr.") return "amount";
  return "count";
}

/**
 * The change from `baseline` to `latest` as one sentence (part 3), or null when either is missing
 * or the latest is not after the baseline.
 */
export function goalChangeSentence(baseline: Point | null, latest: Point | null, unit: string | undefined): string | null {
  if (!baseline || !latest || latest.year <= baseline.year) return null;
  const { diff, decimals } = shownDifference(latest.value, baseline.value);
  const year = baseline.year;
  if (diff === 0) return `Det er det samme som i ${year}.`;
  const kind = kindOf(unit);
  const abs = Math.abs(diff);
  const up = diff > 0;
  // counts: flere/færre (1 person mere); amounts, shares and indices: højere/lavere
  const word = kind === "count" ? (up ? (abs === 1 ? "mere" : "flere") : "færre") : up ? "højere" : "lavere";
  const what = `${amount(abs, decimals, unit)} ${word}`;
  const base = shown(baseline.value);
  const ratio = (kind === "count" || kind === "amount") && base !== 0 ? diff / base : null;
  // the relative change as written (one decimal), so "+1,0 %" is never called small
  const percentShown = ratio === null ? null : Math.round(Math.abs(ratio) * 1000) / 10;
  const relative = ratio === null || percentShown === 0 ? "" : formatPercentChange(ratio);
  const small =
    kind === "percent"
      ? abs < THRESHOLDS.change.percent.small
      : kind === "index"
        ? abs < THRESHOLDS.change.rate.small
        : percentShown !== null && percentShown < 100 * THRESHOLDS.change[kind].small;
  if (small) return `Det er næsten det samme som i ${year}: ${what}${relative ? ` (${relative})` : ""}.`;
  return `Det er ${what} end i ${year}${relative ? ` (${relative})` : ""}.`;
}

/** "mindst"/"højst" per rule: which side of the target meets the goal. */
const AT_MOST = new Set(["at_most_baseline", "at_most_value", "trend_down"]);

/** Part 4: the target and the verdict (only when assessed and decided). */
export function goalTargetSentence(goal: GoalRule, result: GoalResult, { levelSaysTarget = false }: { levelSaysTarget?: boolean } = {}): string | null {
  if (result.status === "no_data" || result.target === null || !result.latest) return null;
  const unit = goal.unit;
  // an index is written bare ("mindst 95,5"), the level sentence says what it is
  const target = formatGoalValue(result.target, unit === "indeks" ? undefined : unit);
  const atMost = AT_MOST.has(goal.rule);
  const baseYear = result.baseline?.year ?? goal.baseline;
  let aim: string;
  switch (goal.rule) {
    case "at_least_baseline":
    case "at_most_baseline":
      aim = `Målet er ${atMost ? "højst" : "mindst"} ${target} (niveauet i ${baseYear})`;
      break;
    case "at_least_value":
    case "at_most_value":
      aim = `Målet er ${atMost ? "højst" : "mindst"} ${target} i ${goal.by}`;
      break;
    case "trend_up":
    case "trend_down":
      aim = `Målet er et tal ${atMost ? "under" : "over"} ${target} (niveauet i ${baseYear}) og en udvikling, der peger ${atMost ? "nedad" : "opad"}`;
      break;
    case "at_least_neighbours":
      aim = `Målet er mindst ${target}, det tal, der ville have fulgt nabokommunernes gennemsnitlige udvikling siden ${baseYear}`;
      break;
    case "forecast_met":
      aim = "Målet er, at folketallet er mindst det, den vedtagne prognose forventede";
      break;
  }
  const phrase =
    result.status === "met"
      ? "målet er nået"
      : result.status === "not_met"
        ? "målet er ikke nået"
        : `målet er endnu ikke nået${goal.by != null && !TREND_RULES.includes(goal.rule) ? `; fristen er ${goal.by}` : ""}`;
  // how far from the target, when the latest figure is on the wrong side of it
  const { diff, decimals } = shownDifference(result.latest.value, result.target);
  const wrongSide = atMost ? diff > 0 : diff < 0;
  const gap = result.status !== "met" && wrongSide ? `; tallet er ${amount(Math.abs(diff), decimals, unit)} ${diff > 0 ? "over" : "under"} målet` : "";
  // a value rule's template often says the target already ("målet er mindst 80 % i 2015"): then only the verdict
  if (levelSaysTarget) return `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}${gap}.`;
  return `${aim} – ${phrase}${gap}.`;
}

export interface GoalSentenceOptions {
  /** The council's own goals for this municipality: target and verdict in the sentence. */
  assessed: boolean;
  /** The card's figures rest on example files. */
  example?: boolean;
}

/**
 * The level sentence without the clauses that name the target ("I 2020 tog … i 3 lokalsamfund;
 * målet er mindst 5 i 2015." → "I 2020 tog … i 3 lokalsamfund."), for a goal shown without a
 * verdict. A sentence that is nothing but the target is kept whole.
 */
export function withoutTarget(sentence: string): string {
  const parts = sentence.replace(/[.\s]+$/, "").split(/\s*;\s*/);
  const kept = parts.filter((p) => !/^målet er\b/i.test(p));
  if (!kept.length || kept.length === parts.length) return sentence;
  // one full stop, also after an abbreviation ("12.300 kr.")
  const text = kept.join("; ").trim();
  return text.endsWith(".") ? text : `${text}.`;
}

/**
 * The card's sentence for `goal` on `series` (see the module comment). `context` as for
 * evaluateGoal (name, neighbours, today); its `verdict` is taken from `assessed`.
 */
export function goalSentence(goal: GoalRule, series: readonly Point[], context: GoalContext, { assessed, example = false }: GoalSentenceOptions): string {
  const result = evaluateGoal(goal, series, { ...context, verdict: assessed });
  const plain = evaluateGoal(goal, series, { ...context, verdict: false });
  const lead = example ? "Eksempeldata:" : null;
  if (result.status === "no_data") {
    const latest =
      result.latest ??
      series
        .filter((p) => Number.isFinite(p.value))
        .sort((a, b) => a.year - b.year)
        .at(-1) ??
      null;
    return joinSentences(
      lead,
      result.sentence,
      latest ? `Seneste tal er ${formatGoalValue(latest.value, goal.unit)} i ${latest.year}.` : null,
      goalChangeSentence(result.baseline, result.latest, goal.unit),
    );
  }
  const levelSaysTarget = /målet er (mindst|højst)/i.test(plain.sentence);
  // a baseline year without a figure (a value rule needs none for its verdict): said plainly
  const noBaseline =
    goal.baseline != null && !result.baseline && result.latest && result.latest.year > goal.baseline
      ? `Der er ingen tal for ${goal.baseline}, så udviklingen kan ikke beregnes.`
      : null;
  return joinSentences(
    lead,
    assessed ? plain.sentence : withoutTarget(plain.sentence),
    goalChangeSentence(result.baseline, result.latest, goal.unit) ?? noBaseline,
    assessed ? goalTargetSentence(goal, result, { levelSaysTarget }) : null,
  );
}
