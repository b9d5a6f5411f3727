/**
 * A query result on the page: the quick chart in a card (type and value column to choose), the
 * rows as a paged table in Danish number format, and downloads (CSV of every row, the chart as
 * SVG or PNG). A result cut at the display cap says so; its CSV runs the query again for all rows.
 */
import { html } from "htl";
import type { Topology } from "topojson-specification";
import { card, sourceLine } from "../card.js";
import type { DatasetMeta } from "../data.js";
import { downloadButtons } from "../download.js";
import { formatNumber } from "../../lib/format.js";
import { resultChart } from "./chart.js";
import type { QueryResult } from "./engine.js";
import { chooseChart, columnDecimals, columnRoles, csvValue, formatCell, pageBounds, type ChartType, type Row } from "./infer.js";
import { CSV_LIMIT, rowCountText } from "./resultRows.js";

export const PAGE_SIZE = 50;

const CHART_LABELS: Record<ChartType, string> = { line: "Linje", bar: "Søjler", map: "Kort", none: "Ingen graf" };

export interface ResultContext {
  kommune: string;
  names: ReadonlyMap<string, string>;
  knownCodes: ReadonlySet<string>;
  metas: DatasetMeta[];
  /** The analyst's own tables the query read: table name -> file name. */
  files: { name: string; fileName: string }[];
  topology: () => Promise<Topology>;
  /** Every row of the result (the query run again), for the CSV of a result cut at the cap; null if stopped or failed. */
  allRows?: () => Promise<Row[] | null>;
}

let counter = 0;

export function resultView(result: QueryResult, ctx: ResultContext): HTMLElement {
  const id = `wb-result-${++counter}`;
  const { columns, rows } = result;
  const roles = columnRoles(columns, rows, ctx.knownCodes);
  const choice = chooseChart(roles, rows);
  const decimals = new Map(columns.map((c) => [c.name, c.kind === "number" ? columnDecimals(rows.map((r) => r[c.name])) : 0]));
  const plain = (name: string) => name === roles.period || name === roles.codes;

  // --- chart -------------------------------------------------------------------------------------
  const chartHost = html`<div class="wb-chart"></div>` as HTMLElement;
  const typeSelect =
    html`<select id=${`${id}-type`}>${choice.available.map((t) => html`<option value=${t} selected=${t === choice.preferred}>${CHART_LABELS[t]}</option>`)}</select>` as HTMLSelectElement;
  const valueSelect = html`<select id=${`${id}-value`}>${roles.values.map((v) => html`<option value=${v}>${v}</option>`)}</select>` as HTMLSelectElement;
  const chartControls = html`<div class="wb-chart-controls">
    <label for=${`${id}-type`}>Graf</label> ${typeSelect}
    ${roles.values.length > 1 ? html`<label for=${`${id}-value`}>Værdi</label>` : null} ${roles.values.length > 1 ? valueSelect : null}
  </div>`;

  const sources =
    [
      ctx.metas.length ? sourceLine(ctx.metas) : null,
      ctx.files.length ? `Egne filer: ${ctx.files.map((f) => `${f.fileName} (${f.name})`).join(", ")}, læst i browseren.` : null,
    ]
      .filter(Boolean)
      .join(" ") || "Beregnet af forespørgslen uden datasæt.";

  let drawn = 0;
  async function draw(): Promise<void> {
    const ticket = ++drawn;
    const type = typeSelect.value as ChartType;
    if (type === "none" || roles.values.length === 0) {
      chartHost.replaceChildren();
      return;
    }
    lastWidth = chartHost.clientWidth;
    const width = Math.max(320, lastWidth || 640);
    try {
      const topology = type === "map" ? await ctx.topology() : undefined;
      if (ticket !== drawn) return;
      const chart = resultChart({ type, value: valueSelect.value || roles.values[0], roles, rows, width, kommune: ctx.kommune, names: ctx.names, topology });
      const figure = card(chart.node as HTMLElement, {
        title: `${CHART_LABELS[type]}: ${valueSelect.value || roles.values[0]}`,
        subtitle: "Resultat af forespørgsel",
        sources: ctx.metas,
        source: sources,
        note:
          [chart.note, result.truncated ? `Grafen viser de første ${formatNumber(rows.length)} rækker af resultatet.` : null].filter(Boolean).join(" ") ||
          undefined,
        summary: chart.summary,
      });
      figure.dataset.testid = "result-chart";
      chartHost.replaceChildren(figure, downloadButtons(figure, "sql-resultat", { chart: true }));
    } catch (e) {
      chartHost.replaceChildren(html`<p class="problems">Grafen kunne ikke tegnes: ${e instanceof Error ? e.message : String(e)}</p>`);
    }
  }
  typeSelect.addEventListener("change", draw);
  valueSelect.addEventListener("change", draw);
  let lastWidth = 0;
  const observer = new ResizeObserver(() => {
    const w = chartHost.clientWidth;
    if (w && Math.abs(w - lastWidth) > 20) void draw();
  });
  observer.observe(chartHost);

  // --- table -------------------------------------------------------------------------------------
  const tableHost = html`<div class="table-scroll wb-table" tabindex="0" role="region" aria-label="Resultat af forespørgslen"></div>` as HTMLElement;
  const pageStatus = html`<span aria-live="polite" data-testid="page-status"></span>` as HTMLElement;
  const prev = html`<button type="button">Forrige side</button>` as HTMLButtonElement;
  const next = html`<button type="button">Næste side</button>` as HTMLButtonElement;
  let page = 1;
  function showPage(p: number): void {
    const b = pageBounds(rows.length, p, PAGE_SIZE);
    page = b.page;
    tableHost.replaceChildren(html`<table class="data-table" data-testid="result-table">
      <caption class="sr-only">Resultat, række ${b.start + 1}–${b.end} af ${rows.length}</caption>
      <thead><tr>${columns.map((c) => html`<th scope="col" class=${c.kind === "number" ? "num" : ""} title=${c.sqlType ?? ""}>${c.name}</th>`)}</tr></thead>
      <tbody>${rows.slice(b.start, b.end).map((r) => html`<tr>${columns.map((c) => html`<td class=${c.kind === "number" ? "num" : ""}>${formatCell(r[c.name], c, decimals.get(c.name), plain(c.name))}</td>`)}</tr>`)}</tbody>
    </table>`);
    pageStatus.textContent =
      rows.length === 0
        ? ""
        : `Række ${formatNumber(b.start + 1)}–${formatNumber(b.end)} af ${formatNumber(rows.length)} · side ${formatNumber(b.page)} af ${formatNumber(b.pages)}`;
    prev.disabled = b.page <= 1;
    next.disabled = b.page >= b.pages;
  }
  prev.addEventListener("click", () => showPage(page - 1));
  next.addEventListener("click", () => showPage(page + 1));
  showPage(1);

  const asCsv = (all: Row[]) => all.map((r) => Object.fromEntries(columns.map((c) => [c.name, csvValue(r[c.name], c)])));
  const fetchAll = result.truncated && result.rerunnable ? ctx.allRows : undefined;
  const csvRows = fetchAll
    ? async () => {
        const all = await fetchAll();
        return all && asCsv(all);
      }
    : () => asCsv(rows);
  const csvNote = !result.truncated
    ? `alle ${rowCountText(rows.length, false)}`
    : fetchAll
      ? `alle rækker, højst ${formatNumber(CSV_LIMIT)} (så mange, som Excel kan åbne): forespørgslen køres igen`
      : `de viste ${formatNumber(rows.length)} rækker (forespørgslen ændrer data og køres ikke igen)`;
  const empty = columns.length === 0;
  const view = html`<div class="wb-result">
    ${empty ? html`<p>Udført${result.statements > 1 ? ` (${result.statements} sætninger)` : ""}. Forespørgslen gav ingen kolonner.</p>` : null}
    ${!empty && roles.values.length ? chartControls : null}
    ${chartHost}
    ${empty ? null : html`<h3 class="wb-subheading">Rækker</h3>`}
    ${!empty && result.truncated ? html`<p class="wb-truncated" data-testid="truncated-note">Tabellen og grafen ${rowCountText(rows.length, true)}.${fetchAll ? ` CSV-filen henter alle rækker (højst ${formatNumber(CSV_LIMIT)}).` : ""}</p>` : null}
    ${empty ? null : tableHost}
    ${empty || rows.length <= PAGE_SIZE ? (empty ? null : pageStatus) : html`<div class="wb-pager">${prev} ${next} ${pageStatus}</div>`}
    ${empty ? null : html`<div class="wb-download">${downloadButtons(tableHost, "sql-resultat", { chart: false }, csvRows)}<span>${csvNote} (semikolon, decimalkomma, til Excel; celler, der ligner formler, skrives som tekst)</span></div>`}
  </div>` as HTMLElement;
  queueMicrotask(() => void draw());
  return view;
}
