/**
 * One goal on the scorecard: title, status in words, symbol and colour (never colour alone),
 * baseline, latest value and target, a sparkline, the plain sentence (src/lib/goalSentences.ts; also
 * the sparkline's text alternative), the source, and what data is missing when the status cannot be
 * decided.
 */
import { html } from "htl";
import { dataMangler } from "../card.js";
import type { MissingPart } from "../data.js";
import { formatGoalNumber } from "../../lib/goals/evaluate.js";
import { STATUS_COLORS, type GoalResult } from "../../lib/goals/vocabulary.js";

export interface GoalView {
  id: string;
  title: string;
  unit: string;
  source: string;
  note?: string | null;
  expected?: string | null;
}

export type { GoalResult } from "../../lib/goals/vocabulary.js";

/** A figure as the card's sentence writes it (formatGoalNumber: whole from 100 up, else one decimal), so the two agree. */
function value(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return "–";
  return `${formatGoalNumber(v)}${unit === "%" ? " %" : ""}`;
}

const SPARK = { width: 220, height: 56, margin: 4 };

/**
 * Where the sparkline's points go: years across, values up (from the series' own minimum to its
 * maximum, like a chart without axes), inside a margin. Pure, so the tests can check it by hand.
 */
export function sparklinePoints(
  series: readonly { year: number; value: number }[],
  { width, height, margin } = SPARK,
): { x: number; y: number; year: number; value: number }[] {
  const years = series.map((d) => d.year);
  const values = series.map((d) => d.value);
  const [x0, x1] = [Math.min(...years), Math.max(...years)];
  const [y0, y1] = [Math.min(...values), Math.max(...values)];
  const sx = (year: number) => (x1 === x0 ? width / 2 : margin + ((year - x0) / (x1 - x0)) * (width - 2 * margin));
  const sy = (v: number) => (y1 === y0 ? height / 2 : height - margin - ((v - y0) / (y1 - y0)) * (height - 2 * margin));
  return series.map((d) => ({ x: sx(d.year), y: sy(d.value), year: d.year, value: d.value }));
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The scorecard's sparkline as plain SVG (a line, the baseline year as a grey dot, the latest as a
 * dark one): 17 of them are the first thing the dashboard draws, and drawing them without Plot
 * makes that page lighter (no Plot loaded at all) and faster. `document` as in Plot: the page's
 * by default, a jsdom document in tests.
 */
export function sparkline(
  series: { year: number; value: number }[],
  baselineYear: number | null,
  { document = globalThis.document }: { document?: Document } = {},
): SVGSVGElement {
  const points = sparklinePoints(series);
  const base = points.find((p) => p.year === baselineYear);
  const last = points.at(-1);
  const element = <K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] => {
    const e = document.createElementNS("http://www.w3.org/2000/svg", name);
    for (const [key, value] of Object.entries(attributes)) e.setAttribute(key, String(value));
    return e;
  };
  const dot = (p: { x: number; y: number }, fill: string) => element("circle", { cx: round(p.x), cy: round(p.y), r: 3, fill });
  const svg = element("svg", {
    class: "sparkline",
    width: SPARK.width,
    height: SPARK.height,
    viewBox: `0 0 ${SPARK.width} ${SPARK.height}`,
    "aria-hidden": "true",
  });
  svg.append(
    element("path", {
      d: `M${points.map((p) => `${round(p.x)},${round(p.y)}`).join("L")}`,
      fill: "none",
      stroke: "currentColor",
      "stroke-width": 1.5,
      "stroke-linejoin": "round",
      "stroke-linecap": "round",
    }),
  );
  if (base) svg.append(dot(base, "var(--theme-foreground-muted)"));
  if (last) svg.append(dot(last, "currentColor"));
  return svg;
}

/** How a card without a verdict looks: grey, a dash, and words that say why. */
const NOT_ASSESSED = { color: "#5b6b7b", symbol: "–", label: "Ikke vurderet (andre kommuners mål)", className: "status-not-assessed" };

export function goalCard(
  goal: GoalView,
  result: GoalResult,
  series: { year: number; value: number }[],
  {
    missing = [],
    href,
    example = false,
    assessed = true,
    sentence,
  }: {
    missing?: MissingPart[];
    href?: string;
    example?: boolean;
    assessed?: boolean;
    /** The card's plain sentence (src/lib/goalSentences.ts); default the evaluation's own. */
    sentence?: string;
  } = {},
): HTMLElement {
  // The one sentence under the figures is also the sparkline's text alternative.
  const text = sentence ?? result.sentence;
  // Without a verdict (another council's goals used as a template) the card shows the development only.
  const look = assessed ? STATUS_COLORS[result.status] : NOT_ASSESSED;
  const words = assessed ? result.words : NOT_ASSESSED.label;
  return html`<article class="card goal-card ${look.className}" data-testid="goal-card" data-goal=${goal.id} data-status=${assessed ? result.status : "not_assessed"}>
    <h3 class="goal-title">${goal.title}</h3>
    ${goal.expected && assessed ? html`<p class="goal-expected">${goal.expected}</p>` : null}
    <p class="goal-status"><span class="status-symbol" aria-hidden="true">${look.symbol}</span> <strong>${words}</strong>${example ? html` <span class="example-badge">Eksempeldata</span>` : null}</p>
    <dl class="goal-figures">
      <div><dt>Basis${result.baseline ? ` (${result.baseline.year})` : ""}</dt><dd data-testid="goal-baseline">${value(result.baseline?.value, goal.unit)}</dd></div>
      <div><dt>Seneste${result.latest ? ` (${result.latest.year})` : ""}</dt><dd data-testid="goal-latest">${value(result.latest?.value, goal.unit)}</dd></div>
      ${assessed ? html`<div><dt>Mål</dt><dd>${value(result.target, goal.unit)}</dd></div>` : null}
    </dl>
    ${series.length > 1 ? html`<div class="goal-spark" role="img" aria-label=${text}>${sparkline(series, result.baseline?.year ?? null)}</div>` : null}
    <p class="goal-sentence" data-testid="goal-sentence">${text}</p>
    ${result.status === "no_data" && missing.length ? dataMangler(missing) : null}
    <p class="source">Kilde: ${goal.source}. Enhed: ${goal.unit.endsWith(".") ? goal.unit : `${goal.unit}.`}${goal.note ? ` ${goal.note}` : ""}</p>
    ${href ? html`<p class="goal-link"><a href=${href}>Se detaljer →</a></p>` : null}
  </article>`;
}
