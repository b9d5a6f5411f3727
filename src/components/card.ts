/**
 * A chart or table as a figure: title, subtitle (unit and period), the content, and a footer with
 * the source line and, where data is missing, a "data mangler" note. Every chart goes through here,
 * so none is shown without title, unit, period and source.
 */
import { html } from "htl";
import type { DatasetMeta, MissingPart } from "./data.js";
import { formatDate } from "./format.js";

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
  /** Source line for data that is not from StatBank (the municipality's own files). */
  source?: string;
}

export function card(content: Node | null, options: CardOptions): HTMLElement {
  const missing = options.missing ?? [];
  return html`<figure class="card chart-card">
    <h2 class="card-title">${options.title}</h2>
    <p class="card-subtitle">${options.subtitle}</p>
    ${missing.length > 0 ? dataMangler(missing) : null}
    ${content ? html`<div class="card-body" role="img" aria-label=${options.summary ?? options.title}>${content}</div>` : null}
    ${options.summary && content ? html`<p class="sr-only">${options.summary}</p>` : null}
    <figcaption class="source">${options.source ?? sourceLine(options.sources)}${options.note ? html`<br>${options.note}` : null}</figcaption>
  </figure>`;
}

/** "Data mangler: BEV107 (fødte), …" as a note that names the tables. */
export function dataMangler(missing: MissingPart[]): HTMLElement {
  const byTable = new Map<string, string[]>();
  for (const m of missing) byTable.set(m.table, [...(byTable.get(m.table) ?? []), m.what]);
  return html`<div class="data-mangler" role="note">
    <strong>Data mangler:</strong>
    ${[...byTable].map(([table, whats], i) => html`${i > 0 ? "; " : ""}<span title=${missing.filter((m) => m.table === table).map((m) => m.detail).join("\n")}>${table}</span> (${whats.join(", ")})`)}
  </div>`;
}

/** "Kilde: Danmarks Statistik, FOLK1A, FOLK1AM. Hentet 24.11.2026 fra offline-spejl." */
export function sourceLine(metas: DatasetMeta[]): string {
  const sources = metas.flatMap((m) => m.sources);
  const tables = [...new Set(sources.map((s) => s.table))];
  if (tables.length === 0) tables.push(...new Set(metas.flatMap((m) => m.missing.map((x) => x.table))));
  const fetched = sources.map((s) => s.fetchedAt).sort();
  const when = fetched.length > 0 ? `Hentet ${formatDate(fetched[fetched.length - 1])}` : `Bygget ${formatDate(metas[0]?.builtAt ?? new Date())}`;
  const kinds = new Set(sources.map((s) => s.source.kind));
  const from = kinds.has("mirror") ? " fra offline-spejl af Statistikbanken" : kinds.has("live") ? " fra Statistikbankens API" : "";
  return `Kilde: Danmarks Statistik, ${tables.join(", ")}. ${when}${from}.`;
}
