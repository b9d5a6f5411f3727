/**
 * The files the download buttons (src/components/download.ts) make: a chart as SVG or PNG, rows as
 * CSV for Danish Excel. Loaded on the first click, not with the page: nothing on screen needs it
 * before a planner asks for a file.
 */
import { asciiSlug } from "../lib/text.js";

/** "Halsnæs – tilfredshed 2024" -> "halsnaes-tilfredshed-2024" */
export function fileStem(text: string): string {
  return asciiSlug(text, "-");
}

export function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
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

/**
 * Text a spreadsheet would take for a formula: it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return. Such a cell gets a leading `'`, so Excel and LibreOffice show it as text and
 * never run it (OWASP's advice on CSV injection). A number written as text ("-168", "-1,5",
 * "-1.234,5", "+3.5e-2") is left alone: it cannot be a formula, and it should stay a number.
 */
export function neutraliseFormula(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[+-]?(\d+([.,]\d+)?|\d{1,3}(\.\d{3})+(,\d+)?)([eE][+-]?\d+)?$/.test(text)) return text;
  return `'${text}`;
}

/**
 * One CSV cell for Danish Excel: a number with a decimal comma (never neutralised: -168 is a
 * number, not a formula), text through neutraliseFormula, quoted when it holds `"`, `;`, `,` or a
 * line break, null as empty.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v).replace(".", ",");
  if (typeof v === "bigint") return String(v);
  const s = neutraliseFormula(String(v));
  return /[";,\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV for Danish Excel: ';' separator, decimal comma, BOM; every cell through csvCell (header too). */
export function toCsv(rows: Record<string, unknown>[], columns?: string[]): string {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  return `\uFEFF${[cols.map(csvCell).join(";"), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(";"))].join("\r\n")}\r\n`;
}

type CsvRows = Record<string, unknown>[];

export async function saveCsv(rows: () => CsvRows | null | Promise<CsvRows | null>, fileName: string): Promise<void> {
  const r = await rows();
  if (r) save(new Blob([toCsv(r)], { type: "text/csv;charset=utf-8" }), fileName);
}
