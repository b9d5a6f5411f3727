/** Population by town and rural district: baseline year, newest year, change in persons and per cent. */
import { html } from "htl";
import { formatNumber, formatPercentChange, formatSigned } from "../lib/format.js";
import type { TownRow as FullTownRow } from "../lib/towns.js";
import { townLabels } from "../lib/townLabels.js";

/** A row of the towns dataset (src/lib/towns.ts), without the area it is filtered on. */
export type TownRow = Omit<FullTownRow, "area">;

export interface TownChange {
  town: string;
  kind: string;
  base: number | null;
  latest: number;
  change: number | null;
  ratio: number | null;
}

/**
 * One row per town: value in `baseYear` (null if the town has none then) and in `latestYear`. Two
 * towns of the same name get their BY1 code (and a 0 its meaning) in `town` (townLabels).
 */
export function townChanges(rows: TownRow[], baseYear: number, latestYear: number): TownChange[] {
  const byCode = new Map<string, { town: string; kind: string; base: number | null; latest: number | null }>();
  for (const r of rows) {
    const t = byCode.get(r.town_code) ?? { town: r.town, kind: r.kind, base: null, latest: null };
    if (r.year === baseYear) t.base = r.population;
    if (r.year === latestYear) t.latest = r.population;
    byCode.set(r.town_code, t);
  }
  const shown = [...byCode.entries()].filter((e): e is [string, TownChange & { latest: number }] => e[1].latest !== null);
  const labels = townLabels(shown.map(([code, t]) => ({ name: t.town, code, kind: t.kind, population: t.latest })));
  return shown
    .map(([, t], i) => ({ ...t, town: labels[i], change: t.base === null ? null : t.latest - t.base, ratio: t.base ? (t.latest - t.base) / t.base : null }))
    .sort((a, b) => (a.kind === "by" ? 0 : 1) - (b.kind === "by" ? 0 : 1) || b.latest - a.latest);
}

/** The table; without a baseline year (`baseYear` null) only the newest year's population, no change columns. */
export function townsTable(changes: TownChange[], baseYear: number | null, latestYear: number): HTMLElement {
  if (baseYear === null) {
    return html`<div class="table-scroll"><table class="data-table">
    <caption class="sr-only">Folketal pr. byområde ${latestYear}</caption>
    <thead><tr><th scope="col">Byområde</th><th scope="col">Type</th><th scope="col" class="num">${latestYear}</th></tr></thead>
    <tbody>${changes.map((t) => html`<tr><th scope="row">${t.town}</th><td>${t.kind}</td><td class="num">${formatNumber(t.latest)}</td></tr>`)}</tbody>
  </table></div>`;
  }
  return html`<div class="table-scroll"><table class="data-table">
    <caption class="sr-only">Folketal pr. byområde ${baseYear} og ${latestYear}</caption>
    <thead><tr><th scope="col">Byområde</th><th scope="col">Type</th><th scope="col" class="num">${baseYear}</th><th scope="col" class="num">${latestYear}</th><th scope="col" class="num">Ændring</th><th scope="col" class="num">Ændring %</th></tr></thead>
    <tbody>${changes.map(
      (t) => html`<tr>
        <th scope="row">${t.town}</th><td>${t.kind}</td>
        <td class="num">${formatNumber(t.base)}</td><td class="num">${formatNumber(t.latest)}</td>
        <td class="num ${t.change === null ? "" : t.change < 0 ? "neg" : "pos"}">${formatSigned(t.change)}</td>
        <td class="num">${formatPercentChange(t.ratio)}</td>
      </tr>`,
    )}</tbody>
  </table></div>`;
}
