/**
 * The workbench's list of tables: every dataset of the site (columns and types from its Arrow
 * schema, row count, what it is and where it comes from: StatBank tables, selection, periods,
 * fetch time, what is missing) and the files the analyst opened (columns and types from DuckDB).
 * Entries fill in as their files arrive; nothing here starts DuckDB.
 */
import { html } from "htl";
import { sqlTypeName } from "../arrowTypes.js";
import { dataMangler } from "../card.js";
import { DATASET_NAMES, loadDatasetHead, type DatasetHead, type DatasetName } from "../data.js";
import { formatDate, formatNumber } from "../../lib/format.js";
import type { LocalTable } from "./engine.js";

export interface TableListOptions {
  /** Put SQL in the editor and run it ("Vis rækker"). */
  onShow: (sql: string) => void;
  /** An entry was opened (the workbench may register the dataset). */
  onOpen: (name: DatasetName) => void;
  /** A file's table is to be removed. */
  onRemove: (name: string) => void;
}

const periodText = (periods: string[]) =>
  periods.length === 0 ? "–" : periods.length === 1 ? periods[0] : `${periods[0]}–${periods.at(-1)} (${periods.length} perioder)`;

function rowsText(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? "række" : "rækker"}`;
}

function columnsTable(caption: string, columns: { name: string; type: string; description?: string }[]): HTMLElement {
  return html`<table class="data-table wb-columns">
    <caption class="sr-only">${caption}</caption>
    <thead><tr><th scope="col">Kolonne</th><th scope="col">Type</th>${columns.some((c) => c.description) ? html`<th scope="col">Beskrivelse</th>` : null}</tr></thead>
    <tbody>${columns.map((c) => html`<tr><th scope="row"><code>${c.name}</code></th><td><code>${c.type}</code></td>${columns.some((x) => x.description) ? html`<td>${c.description ?? ""}</td>` : null}</tr>`)}</tbody>
  </table>`;
}

function provenance(file: DatasetHead): HTMLElement {
  const { meta } = file;
  const sources = meta.sources;
  return html`<div class="wb-provenance">
    ${
      sources.length
        ? sources.map(
            (s) => html`<p><strong>${s.table}</strong> ${s.title && s.title !== s.table ? `– ${s.title}` : ""}<br>
          Perioder: ${periodText(s.periods)}<br>
          Udtræk: <code>${s.selection}</code><br>
          Hentet ${formatDate(s.fetchedAt)} ${s.source.kind === "mirror" ? "fra offline-spejl af Statistikbanken" : "fra Statistikbankens API"}</p>`,
          )
        : html`<p>${meta.missing.length ? "Ikke i datakilden (se nedenfor)." : `Kommunens egne filer, grænsefiler eller beregnet. Bygget ${formatDate(meta.builtAt)}.`}</p>`
    }
    ${meta.missing.length ? dataMangler(meta.missing) : null}
    ${meta.notes?.length ? html`<p>${meta.notes.join(" ")}</p>` : null}
  </div>`;
}

export function tableList(options: TableListOptions): {
  element: HTMLElement;
  setFile: (t: LocalTable) => void;
  removeFile: (name: string) => void;
  files: () => string[];
} {
  const fileList = html`<ul class="wb-tables" aria-label="Egne filer"></ul>` as HTMLUListElement;
  const fileHeading = html`<h3 class="wb-subheading" hidden>Egne filer</h3>` as HTMLElement;
  const datasetList = html`<ul class="wb-tables" aria-label="Datasæt"></ul>` as HTMLUListElement;
  const files = new Map<string, HTMLElement>();

  for (const name of DATASET_NAMES) {
    const summaryText = html`<span class="wb-table-title">henter …</span>` as HTMLElement;
    const body = html`<div class="wb-table-body"><p class="loading">Henter beskrivelse …</p></div>` as HTMLElement;
    const details = html`<details data-table=${name}>
      <summary><code>${name}</code> ${summaryText}</summary>
      ${body}
    </details>` as HTMLDetailsElement;
    details.addEventListener("toggle", () => {
      if (details.open) options.onOpen(name);
    });
    datasetList.append(html`<li>${details}</li>`);
    // the schema and provenance only (the first bytes of the file): the rows come when a query needs them
    loadDatasetHead(name).then(
      (file) => {
        const rows = file.meta.rows;
        summaryText.replaceChildren(html`${file.meta.title} <span class="wb-rows">· ${rowsText(rows)}${rows === 0 ? " (mangler i datakilden)" : ""}</span>`);
        body.replaceChildren(
          columnsTable(
            `Kolonner i ${name}`,
            file.table.schema.fields.map((f) => ({ name: f.name, type: sqlTypeName(f.type), description: file.meta.columns[f.name] })),
          ),
          provenance(file),
          html`<button type="button" class="wb-show" onclick=${() => options.onShow(`SELECT *\nFROM ${name}\nLIMIT 100`)}>Vis de første rækker<span class="sr-only"> af ${name}</span></button>`,
        );
      },
      (error) => {
        summaryText.textContent = "kunne ikke hentes";
        body.replaceChildren(html`<p class="problems">${name}: ${error instanceof Error ? error.message : String(error)}</p>`);
      },
    );
  }

  function setFile(t: LocalTable): void {
    const details = html`<details open data-table=${t.name}>
      <summary><code>${t.name}</code> <span class="wb-table-title">${t.fileName}</span> <span class="wb-rows">· ${rowsText(t.rows)}</span></summary>
      <div class="wb-table-body">
        ${columnsTable(`Kolonner i ${t.name}`, t.columns)}
        <p>Din egen fil, læst her i browseren${t.notes.length ? ` (${t.notes.join("; ")})` : ""}. Den sendes ingen steder hen og er væk, når siden lukkes.</p>
        <button type="button" class="wb-show" onclick=${() => options.onShow(`SELECT *\nFROM ${t.name}\nLIMIT 100`)}>Vis de første rækker<span class="sr-only"> af ${t.name}</span></button>
        <button type="button" onclick=${() => options.onRemove(t.name)}>Fjern tabellen<span class="sr-only"> ${t.name}</span></button>
      </div>
    </details>`;
    const item = html`<li>${details}</li>` as HTMLElement;
    const old = files.get(t.name);
    if (old) old.replaceWith(item);
    else fileList.append(item);
    files.set(t.name, item);
    fileHeading.hidden = false;
  }

  function removeFile(name: string): void {
    files.get(name)?.remove();
    files.delete(name);
    fileHeading.hidden = files.size === 0;
  }

  const element = html`<section class="wb-list" aria-labelledby="wb-tables-heading">
    <h2 id="wb-tables-heading">Tabeller</h2>
    <p class="wb-hint">Åbn en tabel for at se kolonner, typer og kilde. Alle datasæt kan bruges direkte i forespørgslen.</p>
    ${fileHeading}
    ${fileList}
    <h3 class="wb-subheading">Datasæt på siden</h3>
    ${datasetList}
  </section>` as HTMLElement;
  return { element, setFile, removeFile, files: () => [...files.keys()] };
}
