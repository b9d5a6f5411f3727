/**
 * The SQL workbench: an editor for DuckDB SQL over every dataset of the site and the analyst's own
 * files, with examples, the pages' analyses as starting points, the result as chart and paged
 * table, and the query in the URL (?q=…) so a link opens it again. A query from a link is only
 * shown: it runs when the analyst presses Kør (a link cannot make the page run anything). "Stop"
 * ends a running query; the table and chart show at most DISPLAY_LIMIT rows, the CSV holds all.
 */
import { html } from "htl";
import type { Topology } from "topojson-specification";
import { DATASET_NAMES, loadDatasetFile, type DatasetName } from "../data.js";
import { formatDecimal, formatNumber } from "../../lib/format.js";
import { kommuneName, type MunicipalityList } from "../kommune.js";
import { writeParam } from "../controls.js";
import { ANALYSES } from "./analyses.js";
import {
  dropLocalTable,
  engineState,
  fetchAllRows,
  openLocalFile,
  prefetchDataset,
  QueryError,
  QueryStopped,
  runQuery,
  startEngine,
  type QueryResult,
} from "./engine.js";
import { parseErrorPosition, tidyErrorMessage } from "./errors.js";
import { analysisStart, DEFAULT_SQL, EXAMPLES } from "./examples.js";
import { rowCountText } from "./resultRows.js";
import { fileKind, KOMMUNE_PLACEHOLDER, referencedTables, tableNameFromFile } from "./sqlText.js";
import { tableList } from "./tableList.js";

export interface WorkbenchOptions {
  /** The page's municipality picker (kommuneSelect): a form with .value and "input" events. */
  kommuneInput: HTMLElement & { value: string };
  list: MunicipalityList;
  topology: () => Promise<Topology>;
}

const duration = (ms: number) => (ms < 1000 ? `${formatNumber(Math.max(1, ms))} ms` : `${formatDecimal(ms / 1000)} s`);

export function workbench({ kommuneInput, list, topology }: WorkbenchOptions): HTMLElement {
  const names = new Map(list.municipalities.map((m) => [m.code, m.name]));
  const knownCodes = new Set(names.keys());
  const initial = new URLSearchParams(location.search).get("q");
  const fileTables = new Map<string, string>(); // table name -> file name
  let topologyPromise: Promise<Topology> | null = null;
  const getTopology = () => (topologyPromise ??= topology());

  // --- editor ------------------------------------------------------------------------------------
  const editor =
    html`<textarea id="wb-sql" class="wb-editor" rows="14" wrap="off" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="wb-sql-help"></textarea>` as HTMLTextAreaElement;
  editor.value = initial ?? DEFAULT_SQL;
  const runButton = html`<button type="button" class="wb-run-button">Kør</button>` as HTMLButtonElement;
  const stopButton = html`<button type="button" class="wb-stop-button" disabled>Stop</button>` as HTMLButtonElement;
  const status = html`<span class="wb-status" role="status" aria-live="polite" data-testid="run-status"></span>` as HTMLElement;
  const output = html`<div class="wb-output" data-testid="result">
    <p class="wb-hint">Skriv en forespørgsel eller vælg et eksempel, og tryk <strong>Kør</strong> (eller Ctrl+Enter). DuckDB startes ved første kørsel; det tager et par sekunder. <strong>Stop</strong> afbryder en forespørgsel, der tager for lang tid.</p>
  </div>` as HTMLElement;
  // A link's query is shown, never run by opening the link (nor by reloading the page).
  if (initial !== null) status.textContent = "Forespørgslen fra linket er ikke kørt endnu – tryk Kør.";
  const kommuneHint = html`<code></code>` as HTMLElement;
  const showKommune = () => {
    kommuneHint.textContent = `'${kommuneInput.value}'`;
  };
  showKommune();

  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
  runButton.addEventListener("click", () => void run());
  stopButton.addEventListener("click", () => {
    current?.abort();
    runButton.focus();
  });
  // DuckDB-wasm (34 MB) starts while the analyst writes, not when the page opens; a failure shows on Kør.
  editor.addEventListener(
    "focus",
    () => {
      void startEngine().catch(() => undefined);
      void import("./results.js");
    },
    { once: true },
  );
  // The example select names the example only while the editor holds it.
  editor.addEventListener("input", () => {
    if (exampleSelect.value && EXAMPLES.find((x) => x.id === exampleSelect.value)?.sql !== editor.value) exampleSelect.value = "";
  });

  // --- examples and analyses ---------------------------------------------------------------------
  const exampleSelect = html`<select id="wb-example">
    <option value="">Vælg et eksempel …</option>
    ${EXAMPLES.map((x) => html`<option value=${x.id}>${x.label}</option>`)}
  </select>` as HTMLSelectElement;
  exampleSelect.addEventListener("change", () => {
    const x = EXAMPLES.find((e) => e.id === exampleSelect.value);
    if (!x) return;
    editor.value = x.sql;
    void run();
  });
  const analysisSelect = html`<select id="wb-analysis">
    <option value="">Vælg en analyse …</option>
    ${ANALYSES.map((a) => html`<option value=${a.file}>${a.label}</option>`)}
  </select>` as HTMLSelectElement;
  analysisSelect.addEventListener("change", async () => {
    const a = ANALYSES.find((x) => x.file === analysisSelect.value);
    if (!a) return;
    editor.value = analysisStart(a.file, a.label, await a.text());
    exampleSelect.value = "";
    status.textContent = `Analysen ${a.file}.sql er lagt i editoren. Ret den til, og tryk Kør.`;
    editor.focus();
    editor.setSelectionRange(0, 0);
  });

  // --- tables and files ----------------------------------------------------------------------------
  const tables = tableList({
    onShow: (sql) => {
      editor.value = sql;
      exampleSelect.value = "";
      void run();
    },
    onOpen: (name: DatasetName) => prefetchDataset(name),
    onRemove: async (name) => {
      await dropLocalTable(name);
      fileTables.delete(name);
      tables.removeFile(name);
      status.textContent = `Tabellen ${name} er fjernet.`;
    },
  });
  const fileInput = html`<input type="file" id="wb-file" multiple accept=".csv,.tsv,.txt,.parquet,.arrow,.arrows,.feather,text/csv">` as HTMLInputElement;
  const fileStatus = html`<div class="wb-file-status" role="status" aria-live="polite" data-testid="file-status"></div>` as HTMLElement;
  fileInput.addEventListener("change", async () => {
    const chosen = [...(fileInput.files ?? [])];
    if (chosen.length === 0) return;
    const messages: HTMLElement[] = [];
    fileStatus.replaceChildren(html`<p class="loading">Læser ${chosen.map((f) => f.name).join(", ")} …</p>`);
    for (const file of chosen) {
      // The same file name again replaces its table; another file gets a name of its own.
      const existing = [...fileTables].find(([, f]) => f === file.name)?.[0];
      const name = existing ?? tableNameFromFile(file.name, [...DATASET_NAMES, ...fileTables.keys()]);
      try {
        if (!fileKind(file.name))
          throw new Error(`${file.name}: kun CSV- og Arrow-filer kan åbnes (.csv, .tsv, .txt, .arrow, .feather); Parquet kan ikke læses her.`);
        const t = await openLocalFile(name, file.name, new Uint8Array(await file.arrayBuffer()));
        fileTables.set(name, file.name);
        tables.setFile(t);
        messages.push(
          html`<p><strong>${file.name}</strong> er tabellen <code>${name}</code>: ${formatNumber(t.rows)} rækker, ${t.columns.length} kolonner.</p>`,
        );
      } catch (e) {
        messages.push(html`<p class="problems">${e instanceof Error ? e.message : String(e)}</p>`);
      }
    }
    fileStatus.replaceChildren(...messages);
    fileInput.value = "";
  });

  // --- running -------------------------------------------------------------------------------------
  /** The run (or CSV fetch) in progress: Stop and a new run abort it. */
  let current: AbortController | null = null;
  let lastUsedKommune = false;

  /** Start a piece of work that Stop can end; any earlier one is stopped first. */
  function begin(): AbortController {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    output.setAttribute("aria-busy", "true");
    runButton.disabled = true;
    stopButton.disabled = false;
    return controller;
  }
  function end(controller: AbortController): void {
    if (current !== controller) return;
    current = null;
    output.removeAttribute("aria-busy");
    runButton.disabled = false;
    stopButton.disabled = true;
  }
  /** "Stoppet", then how DuckDB took it (when nothing newer has started meanwhile). */
  function showStopped(e: QueryStopped, what: string): void {
    status.textContent = `${what} er stoppet.`;
    void e.outcome.then(
      (outcome) => {
        if (current === null && outcome === "restarted") {
          status.textContent = `${what} er stoppet. DuckDB kunne ikke afbryde den undervejs og er startet forfra${fileTables.size ? "; dine egne filer er læst ind igen" : ""}.`;
        }
      },
      (err) => {
        if (current === null)
          status.textContent = `${what} er stoppet, men DuckDB kunne ikke startes igen: ${err instanceof Error ? err.message : String(err)}. Genindlæs siden.`;
      },
    );
  }

  async function run(): Promise<void> {
    const controller = begin();
    const sql = editor.value;
    const kommune = kommuneInput.value;
    writeParam("q", sql, DEFAULT_SQL);
    const starting = engineState().startMs === null;
    status.textContent = starting ? "Starter DuckDB og kører …" : "Kører …";
    try {
      // The result view (table, chart inference, Plot charts, the map) is loaded with the first query.
      const [result, { resultView }] = await Promise.all([runQuery(sql, kommune, { signal: controller.signal }), import("./results.js")]);
      if (current !== controller) return;
      lastUsedKommune = result.usedKommune;
      const metas = await Promise.all(result.datasets.map((n) => loadDatasetFile(n).then((f) => f.meta)));
      if (current !== controller) return;
      const files = referencedTables(result.text, [...fileTables.keys()]).map((n) => ({ name: n, fileName: fileTables.get(n)! }));
      output.replaceChildren(resultView(result, { kommune, names, knownCodes, metas, files, topology: getTopology, allRows: () => allRows(result) }));
      const startMs = engineState().startMs;
      const startNote = starting && startMs !== null ? ` (start af DuckDB ${duration(startMs)})` : "";
      const count = rowCountText(result.rows.length, result.truncated);
      status.textContent = `${count[0].toUpperCase()}${count.slice(1)} på ${duration(result.ms)}${startNote}${result.usedKommune ? ` · ${KOMMUNE_PLACEHOLDER} = '${kommune}' (${kommuneName(list, kommune)})` : ""}`;
    } catch (e) {
      if (current !== controller) return;
      if (e instanceof QueryStopped) {
        output.replaceChildren(
          html`<p class="wb-hint" data-testid="query-stopped">Forespørgslen blev stoppet, før den gav et resultat. Ret den til, og tryk <strong>Kør</strong> igen.</p>`,
        );
        showStopped(e, "Forespørgslen");
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      const text = e instanceof QueryError ? e.text : sql;
      const position = parseErrorPosition(message, text);
      output.replaceChildren(html`<div class="problems wb-error" role="alert" data-testid="query-error">
        <p><strong>Fejl i forespørgslen${position ? ` – linje ${position.line}, tegn ${position.column}` : ""}</strong></p>
        <pre>${tidyErrorMessage(message)}</pre>
        ${position ? html`<p>Stedet er markeret i editoren.</p>` : null}
      </div>`);
      status.textContent = "Forespørgslen fejlede.";
      if (position) {
        editor.focus();
        editor.setSelectionRange(position.offset, position.offset + position.length);
      }
    } finally {
      end(controller);
    }
  }

  /** Every row of a shown result, for its CSV: the last statement run again (Stop ends it); null if not. */
  async function allRows(result: QueryResult): Promise<QueryResult["rows"] | null> {
    const controller = begin();
    status.textContent = "Henter alle rækker til CSV-filen …";
    try {
      const t0 = performance.now();
      let shown = 0;
      const onRows = (n: number) => {
        // a long download says how far it has come, four times a second
        if (current !== controller || performance.now() - shown < 250) return;
        shown = performance.now();
        status.textContent = `Henter alle rækker til CSV-filen … ${formatNumber(n)} indtil videre. Stop afbryder.`;
      };
      const all = await fetchAllRows(result, { signal: controller.signal, onRows });
      if (current !== controller) return null;
      status.textContent = all.truncated
        ? `CSV-filen har de første ${formatNumber(all.rows.length)} rækker – så mange, som Excel kan åbne; resultatet har flere. Afgræns forespørgslen med WHERE eller LIMIT for at få resten.`
        : `CSV-filen har alle ${rowCountText(all.rows.length, false)} (hentet på ${duration(performance.now() - t0)}).`;
      return all.rows;
    } catch (e) {
      if (current !== controller) return null;
      if (e instanceof QueryStopped) showStopped(e, "Hentningen af alle rækker");
      else status.textContent = `Alle rækker kunne ikke hentes: ${tidyErrorMessage(e instanceof Error ? e.message : String(e))}`;
      return null;
    } finally {
      end(controller);
    }
  }

  kommuneInput.addEventListener("input", () => {
    showKommune();
    if (lastUsedKommune && engineState().started) void run();
  });

  const element = html`<div class="wb">
    <div class="wb-main">
      <div class="wb-controls">
        ${kommuneInput}
        <div class="wb-field"><label for="wb-example">Eksempel</label>${exampleSelect}</div>
        <div class="wb-field"><label for="wb-analysis">Åbn en analyse fra siderne</label>${analysisSelect}</div>
      </div>
      <div class="wb-field wb-file"><label for="wb-file">Åbn egen fil (CSV eller Arrow)</label>${fileInput}</div>
      ${fileStatus}
      <label for="wb-sql" class="wb-editor-label">Forespørgsel (SQL, DuckDB)</label>
      <p id="wb-sql-help" class="wb-hint">Ctrl+Enter (⌘+Enter på Mac) kører. <code>${KOMMUNE_PLACEHOLDER}</code> erstattes med koden for den valgte kommune: ${kommuneHint}. Tab flytter til næste felt.</p>
      ${editor}
      <div class="wb-run">${runButton} ${stopButton} ${status}</div>
      ${output}
    </div>
    <aside class="wb-aside">${tables.element}</aside>
  </div>` as HTMLElement;

  return element;
}
