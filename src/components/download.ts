/**
 * Downloads made in the browser from what is on screen: a chart as SVG or PNG, a table as CSV
 * (semicolon-separated, decimal comma, UTF-8 with BOM, as Danish Excel expects). Nothing is sent
 * anywhere: the files are built from the page and handed to the browser as blob URLs.
 */
import { html } from "htl";

// The files themselves are made by ./downloadFiles.js: not loaded with the page, but fetched when
// the browser is idle after the first buttons are made (so a click needs no request: a page whose
// data never leaves the browser, like the survey's, makes none after its upload), or on a click.
const files = () => import("./downloadFiles.js");
let warmed = false;
function warm(): void {
  if (warmed || typeof window === "undefined") return;
  warmed = true;
  const load = () => void files().catch(() => (warmed = false));
  if ("requestIdleCallback" in window) window.requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 200);
}

type CsvRows = Record<string, unknown>[];
/** Rows for a CSV button: at once, or later (a query run again); null means "nothing to save". */
export type RowSource = () => CsvRows | null | Promise<CsvRows | null>;

/**
 * Buttons "SVG", "PNG" for the first chart in `container` (unless `chart: false`), and "CSV" for
 * `rows`; `name` is the file's name as words ("Halsnæs folketal 2008 2026"), made a file name
 * (fileStem) on the click.
 */
export function downloadButtons(container: HTMLElement, name: string, { chart: hasChart = true }: { chart?: boolean } = {}, rows?: RowSource): HTMLElement {
  warm();
  const chart = () => container.querySelector<SVGSVGElement>("svg:not(figure.legend svg, [class$=swatches] svg)") ?? container.querySelector("svg");
  return html`<div class="downloads" role="group" aria-label="Hent">
    <span>Hent:</span>
    ${
      hasChart
        ? html`<button type="button" onclick=${() => {
            const svg = chart();
            if (svg) void files().then(({ fileStem, save, svgText }) => save(new Blob([svgText(svg)], { type: "image/svg+xml" }), `${fileStem(name)}.svg`));
          }}>SVG</button>
    <button type="button" onclick=${async () => {
      const svg = chart();
      if (svg) {
        const { fileStem, save, svgToPng } = await files();
        save(await svgToPng(svg), `${fileStem(name)}.png`);
      }
    }}>PNG</button>`
        : null
    }
    ${rows ? html`<button type="button" onclick=${() => files().then(({ fileStem, saveCsv }) => saveCsv(rows, `${fileStem(name)}.csv`))}>CSV</button>` : null}
  </div>`;
}

/** One labelled button that saves `rows` as CSV, e.g. "Hent målopfølgningen (CSV)". */
export function csvButton(label: string, name: string, rows: RowSource): HTMLElement {
  warm();
  return html`<button type="button" onclick=${() => files().then(({ fileStem, saveCsv }) => saveCsv(rows, `${fileStem(name)}.csv`))}>${label}</button>`;
}
