/**
 * A chart or table as a figure: title, subtitle (unit and period), the content, and a footer with
 * the source line and, where data is missing, a "data mangler" note. Every chart goes through here,
 * so none is shown without title, unit, period and source.
 */
import { html } from "htl";
import type { DatasetMeta, MissingPart } from "./data.js";
import { downloadButtons } from "./download.js";
import { formatDate, formatNumber, formatSigned, isKrColumn, isSignedColumn } from "../lib/format.js";
import { cardMissing } from "../lib/missing.js";

/** The numbers behind a chart: offered as CSV, and as a table a screen reader or a planner can open. */
export interface CardData {
  /** Parts of the file name: municipality, subject, period ("Halsnæs", "folketal", "2008-2026"). */
  file: (string | number | null | undefined)[];
  /** The rows, with Danish column names as keys. Called when the user asks (download or table). */
  rows: () => Record<string, unknown>[];
  /** Offer "Vis tallene som tabel" (default true; false when the content already is a table). */
  table?: boolean;
  /** Offer SVG and PNG of the chart (default true when the content holds a chart). */
  chart?: boolean;
}

export interface CardOptions {
  title: string;
  /** Unit and period, e.g. "Personer, 1. januar 2008–2026". */
  subtitle: string;
  /** The datasets the content is drawn from (for the source line). */
  sources: DatasetMeta[];
  /** Extra text under the source line (method, caveats). */
  note?: string | Node;
  /** Missing parts to show above the content. */
  missing?: MissingPart[];
  /** A short text alternative for screen readers: what the chart shows. */
  summary?: string;
  /**
   * Show the summary under the chart, as its plain-Danish sentence (src/lib/sentences.ts), not
   * only to screen readers: `<p class="card-sentence" data-testid="card-sentence">`.
   */
  sentence?: boolean;
  /**
   * When the card has no content (no numbers to draw): a plain sentence that says so, shown
   * where the chart's sentence would be (`<p class="card-sentence" data-testid="card-sentence">`),
   * e.g. "Der er ingen tal for … i Halsnæs, så Halsnæs kan ikke sammenlignes med nabokommunerne."
   */
  missingSentence?: string;
  /** Source line for data that is not from StatBank (the municipality's own files). */
  source?: string;
  /** The numbers behind the content: downloads and a data-table toggle. */
  data?: CardData;
}

export function card(content: Node | null, options: CardOptions): HTMLElement {
  // An empty dataset behind the card is always named, whatever the page passes.
  const missing = cardMissing(options.missing ?? [], options.sources);
  const figure = html`<figure class="card chart-card">
    <h2 class="card-title">${options.title}</h2>
    <p class="card-subtitle">${options.subtitle}</p>
    ${missing.length > 0 ? dataMangler(missing) : null}
    ${content ? html`<div class="card-body" role="img" aria-label=${options.summary ?? options.title}>${content}</div>` : null}
    ${options.summary && content ? html`<p class=${options.sentence ? "card-sentence" : "sr-only"} data-testid=${options.sentence ? "card-sentence" : null}>${options.summary}</p>` : null}
    ${!content && options.missingSentence ? html`<p class="card-sentence" data-testid="card-sentence">${options.missingSentence}</p>` : null}
    <figcaption class="source">${options.source ?? sourceLine(options.sources)}${options.note ? html`<br>${options.note}` : null}</figcaption>
  </figure>` as HTMLElement;
  const data = options.data;
  if (content && data) {
    const name = data.file.filter((x) => x !== "" && x !== undefined && x !== null).join(" ");
    if (data.table !== false) figure.append(dataTableToggle(data.rows, options.title));
    figure.append(downloadButtons(figure, name, { chart: data.chart ?? data.table !== false }, data.rows));
  }
  return figure;
}

const PLAIN_NUMBER = /^(år|aar|year|periode|kode|kommunekode|alder)$/i;
const TABLE_LIMIT = 500;

/** A closed <details> that renders the rows as a table when opened: the chart's text alternative. */
export function dataTableToggle(rows: () => Record<string, unknown>[], title: string): HTMLElement {
  const details = html`<details class="data-toggle"><summary>Vis tallene som tabel</summary></details>` as HTMLDetailsElement;
  details.addEventListener("toggle", () => {
    if (!details.open || details.querySelector("table")) return;
    const all = rows();
    const shown = all.slice(0, TABLE_LIMIT);
    const columns = Object.keys(all[0] ?? {});
    // Measures are right-aligned in Danish format; years, codes and ages are labels.
    const numeric = new Set(
      columns.filter((c) => !PLAIN_NUMBER.test(c) && all.some((r) => typeof r[c] === "number") && all.every((r) => r[c] == null || typeof r[c] === "number")),
    );
    const decimals = new Map(
      [...numeric].map((c) => {
        const values = all.map((r) => r[c]).filter((v): v is number => typeof v === "number");
        // kroner are whole amounts (164.289, not 164.289,0), as everywhere on the pages
        return [c, values.every(Number.isInteger) || isKrColumn(c) ? 0 : Math.max(...values.map(Math.abs)) < 10 ? 2 : 1];
      }),
    );
    // nets and differences with their sign (+22, −56, ±0), as the pages write them
    const format = (key: string) => (isSignedColumn(key) ? formatSigned : formatNumber);
    const cell = (key: string, v: unknown) =>
      numeric.has(key)
        ? html`<td class="num">${format(key)(v as number | null, decimals.get(key))}</td>`
        : html`<td>${v === null || v === undefined ? "–" : String(v)}</td>`;
    details.append(html`<div class="table-scroll" tabindex="0" role="region" aria-label=${`Tal bag: ${title}`}>
      <table class="data-table"><thead><tr>${columns.map((c) => html`<th scope="col" class=${numeric.has(c) ? "num" : null}>${c}</th>`)}</tr></thead>
      <tbody>${shown.map((r) => html`<tr>${columns.map((c) => cell(c, r[c]))}</tr>`)}</tbody></table></div>
      ${all.length > shown.length ? html`<p class="note">Viser ${formatNumber(shown.length)} af ${formatNumber(all.length)} rækker; hent CSV for alle.</p>` : null}`);
  });
  return details;
}

/** "Data mangler: BEV107 (fødte), …" as a note that names the tables. */
export function dataMangler(missing: Pick<MissingPart, "table" | "what" | "detail">[]): HTMLElement {
  const byTable = new Map<string, string[]>();
  for (const m of missing) byTable.set(m.table, [...(byTable.get(m.table) ?? []), m.what]);
  return html`<div class="data-mangler" role="note">
    <strong>Data mangler:</strong>
    ${[...byTable].map(
      ([table, whats], i) =>
        html`${i > 0 ? "; " : ""}<span title=${missing
          .filter((m) => m.table === table)
          .map((m) => m.detail)
          .join("\n")}>${table}</span> (${whats.join(", ")})`,
    )}
  </div>`;
}

/** "Kilde: Danmarks Statistik, FOLK1A, FOLK1AM. Hentet 24.11.2026 fra offline-spejl." */
export function sourceLine(metas: DatasetMeta[]): string {
  const sources = metas.flatMap((m) => m.sources);
  const tables = [...new Set(sources.map((s) => s.table))];
  if (tables.length === 0) tables.push(...new Set(metas.flatMap((m) => m.missing.map((x) => x.table))));
  const fetched = sources.map((s) => s.fetchedAt).sort();
  // a file the browser could not fetch has no build date (builtAt ""): the line then gives none
  const built = metas.length ? metas.find((m) => m.builtAt)?.builtAt : new Date();
  const when = fetched.length > 0 ? `Hentet ${formatDate(fetched[fetched.length - 1])}` : built ? `Bygget ${formatDate(built)}` : null;
  const kinds = new Set(sources.map((s) => s.source.kind));
  const snapshots = [...new Set(sources.map((s) => (s.source as { snapshotOf?: string }).snapshotOf).filter((d): d is string => !!d))].sort();
  const snapshot = snapshots.length ? ` (øjebliksbillede fra ${formatDate(snapshots[snapshots.length - 1])})` : "";
  // A synthetic mirror (scripts/bench/scale.ts, MANIFEST "synthetic": true) is not Danmarks Statistik's numbers.
  if (sources.some((s) => (s.source as { synthetic?: boolean }).synthetic === true)) {
    return `SYNTETISKE DATA (ydelsesmåling) – ikke Danmarks Statistiks tal: ${tables.join(", ")}. ${when} fra syntetisk offline-spejl.`;
  }
  const from = kinds.has("mirror") ? ` fra offline-spejl af Statistikbanken${snapshot}` : kinds.has("live") ? " fra Statistikbankens API" : "";
  return `Kilde: Danmarks Statistik, ${tables.join(", ")}.${when ? ` ${when}${from}.` : ""}`;
}
