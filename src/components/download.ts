/**
 * Downloads made in the browser from what is on screen: a chart as SVG or PNG, a table as CSV
 * (semicolon-separated, decimal comma, UTF-8 with BOM, as Danish Excel expects). Nothing is sent
 * anywhere: the files are built from the page and handed to the browser as blob URLs.
 */
import { html } from "htl";

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Halsnæs – tilfredshed 2024" -> "halsnaes-tilfredshed-2024" */
export function fileStem(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent = `svg { font-family: "Source Sans 3", sans-serif; font-size: 12px; background: white; }`;
  clone.prepend(style);
  return new XMLSerializer().serializeToString(clone);
}

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const img = new Image();
  img.src = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }));
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "white";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(img.src);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG failed"))), "image/png"));
}

/** CSV for Danish Excel: ';' separator, decimal comma, BOM. */
export function toCsv(rows: Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return "";
    const s = typeof v === "number" ? String(v).replace(".", ",") : String(v);
    return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[cols.join(";"), ...rows.map((r) => cols.map((c) => cell(r[c])).join(";"))].join("\r\n")}\r\n`;
}

/** Buttons "SVG", "PNG" for the first chart in `container` (unless `chart: false`), and "CSV" for `rows`. */
export function downloadButtons(container: HTMLElement, name: string, { chart: hasChart = true }: { chart?: boolean } = {}, rows?: () => Record<string, unknown>[]): HTMLElement {
  const chart = () => container.querySelector<SVGSVGElement>("svg:not(figure.legend svg, [class$=swatches] svg)") ?? container.querySelector("svg");
  return html`<div class="downloads" role="group" aria-label="Hent">
    <span>Hent:</span>
    ${hasChart ? html`<button type="button" onclick=${() => { const svg = chart(); if (svg) save(new Blob([svgText(svg)], { type: "image/svg+xml" }), `${fileStem(name)}.svg`); }}>SVG</button>
    <button type="button" onclick=${async () => { const svg = chart(); if (svg) save(await svgToPng(svg), `${fileStem(name)}.png`); }}>PNG</button>` : null}
    ${rows ? html`<button type="button" onclick=${() => save(new Blob([toCsv(rows())], { type: "text/csv;charset=utf-8" }), `${fileStem(name)}.csv`)}>CSV</button>` : null}
  </div>`;
}

/** One labelled button that saves `rows` as CSV, e.g. "Hent målopfølgningen (CSV)". */
export function csvButton(label: string, name: string, rows: () => Record<string, unknown>[]): HTMLElement {
  return html`<button type="button" onclick=${() => save(new Blob([toCsv(rows())], { type: "text/csv;charset=utf-8" }), `${fileStem(name)}.csv`)}>${label}</button>`;
}
