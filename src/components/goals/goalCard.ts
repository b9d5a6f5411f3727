/**
 * One goal on the scorecard: title, status in words, symbol and colour (never colour alone),
 * baseline, latest value and target, a sparkline, the plain sentence, the source, and what data
 * is missing when the status cannot be decided.
 */
import * as Plot from "@observablehq/plot";
import { html } from "htl";
import { dataMangler } from "../card.js";
import type { MissingPart } from "../data.js";
import { formatNumber } from "../format.js";
import { STATUS_COLORS, type GoalResult } from "./status.js";

export interface GoalView {
  id: string;
  title: string;
  unit: string;
  source: string;
  note?: string | null;
  expected?: string | null;
}

export type { GoalResult } from "./status.js";

function value(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return "–";
  const decimals = unit === "%" && !Number.isInteger(v) ? 1 : 0;
  return `${formatNumber(v, decimals)}${unit === "%" ? " %" : ""}`;
}

export function sparkline(series: { year: number; value: number }[], baselineYear: number | null): SVGSVGElement | HTMLElement {
  return Plot.plot({
    width: 220,
    height: 56,
    margin: 4,
    x: { axis: null },
    y: { axis: null, zero: false, nice: false },
    marks: [
      Plot.line(series, { x: "year", y: "value", stroke: "currentColor", strokeWidth: 1.5 }),
      Plot.dot(series.filter((d) => d.year === baselineYear), { x: "year", y: "value", r: 3, fill: "var(--theme-foreground-muted)" }),
      Plot.dot(series.slice(-1), { x: "year", y: "value", r: 3, fill: "currentColor" }),
    ],
  });
}

export function goalCard(
  goal: GoalView,
  result: GoalResult,
  series: { year: number; value: number }[],
  { missing = [], href, example = false }: { missing?: MissingPart[]; href?: string; example?: boolean } = {},
): HTMLElement {
  const look = STATUS_COLORS[result.status];
  return html`<article class="card goal-card ${look.className}" data-testid="goal-card" data-goal=${goal.id} data-status=${result.status}>
    <h3 class="goal-title">${goal.title}</h3>
    ${goal.expected ? html`<p class="goal-expected">${goal.expected}</p>` : null}
    <p class="goal-status"><span class="status-symbol" aria-hidden="true">${look.symbol}</span> <strong>${result.words}</strong>${example ? html` <span class="example-badge">Eksempeldata</span>` : null}</p>
    <dl class="goal-figures">
      <div><dt>Basis${result.baseline ? ` (${result.baseline.year})` : ""}</dt><dd data-testid="goal-baseline">${value(result.baseline?.value, goal.unit)}</dd></div>
      <div><dt>Seneste${result.latest ? ` (${result.latest.year})` : ""}</dt><dd data-testid="goal-latest">${value(result.latest?.value, goal.unit)}</dd></div>
      <div><dt>Mål</dt><dd>${value(result.target, goal.unit)}</dd></div>
    </dl>
    ${series.length > 1 ? html`<div class="goal-spark" role="img" aria-label=${`Udvikling ${series[0].year}–${series.at(-1)!.year}`}>${sparkline(series, result.baseline?.year ?? null)}</div>` : null}
    <p class="goal-sentence">${result.sentence}</p>
    ${result.status === "no_data" && missing.length ? dataMangler(missing) : null}
    <p class="source">Kilde: ${goal.source}. Enhed: ${goal.unit.endsWith(".") ? goal.unit : `${goal.unit}.`}${goal.note ? ` ${goal.note}` : ""}</p>
    ${href ? html`<p class="goal-link"><a href=${href}>Se detaljer →</a></p>` : null}
  </article>`;
}
