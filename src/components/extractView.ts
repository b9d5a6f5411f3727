/**
 * The municipality's own register extract (særkørsel): in-movers by family type, where they came
 * from and where they work. Counts below 3 were removed by the loader (with secondary suppression);
 * here a group that contains removed cells says so instead of pretending to be complete.
 */
import { html } from "htl";
import { formatNumber } from "../lib/format.js";

export interface ExtractRow {
  year: number;
  family_type: string;
  origin: string;
  workplace: string;
  movers: number | null;
  suppressed: number;
}

export const FAMILY_TYPES: [string, string][] = [
  ["par_med_boern", "Par med børn"],
  ["enlig_med_boern", "Enlig med børn"],
  ["par_uden_boern", "Par uden børn"],
  ["enlig_uden_boern", "Enlig uden børn"],
];

/**
 * Sum of the shown cells; "skjult" when every cell is hidden; "mindst N" when some are. A hidden
 * cell is either below 3 or hidden to protect another one, and the page must not tell which.
 */
export function cellText(rows: ExtractRow[]): string {
  if (rows.length === 0) return "0";
  const shown = rows.filter((r) => r.movers !== null);
  const hidden = rows.length - shown.length;
  const sum = shown.reduce((s, r) => s + (r.movers ?? 0), 0);
  if (hidden === 0) return formatNumber(sum);
  if (shown.length === 0 || sum === 0) return "skjult";
  return `mindst ${formatNumber(sum)}`;
}

function placeName(code: string, names: Map<string, string>, area?: string): string {
  if (code === "udland") return "Udlandet";
  if (code === "ingen") return "Ikke i beskæftigelse";
  if (code === "ukendt") return "Ukendt";
  const name = names.get(code) ?? code;
  return code === area ? `${name} (egen kommune)` : name;
}

/** One number on screen and the extract cells it sums (for the small-number audit). */
export interface ShownCell {
  text: string;
  rows: ExtractRow[];
}

export interface ExtractTable {
  caption: string;
  /** Header of the first column, then one per column. */
  header: string[];
  body: { label: string; cells: ShownCell[] }[];
}

/**
 * Everything the view shows, as text, with the cells behind each number: by family type and year,
 * and where the newest year's movers came from and work (the eight largest of each).
 */
export function extractTables(rows: ExtractRow[], { names, area }: { names: Map<string, string>; area?: string }): ExtractTable[] {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const latest = years.at(-1)!;
  const types = FAMILY_TYPES.filter(([id]) => rows.some((r) => r.family_type === id));
  const inYear = rows.filter((r) => r.year === latest);
  const shown = (cells: ExtractRow[]): ShownCell => ({ text: cellText(cells), rows: cells });
  const rank = (key: "origin" | "workplace") =>
    [...new Set(inYear.map((r) => r[key]))]
      .map((code) => ({ code, n: inYear.filter((r) => r[key] === code).reduce((s, r) => s + (r.movers ?? 0), 0) }))
      .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code))
      .slice(0, 8)
      .map((d) => d.code);
  const matrix = (key: "origin" | "workplace", caption: string): ExtractTable => ({
    caption: `${caption}, ${latest}`,
    header: [key === "origin" ? "Kom fra" : "Arbejdssted", ...types.map(([, label]) => label)],
    body: rank(key).map((code) => ({
      label: placeName(code, names, area),
      cells: types.map(([id]) => shown(inYear.filter((r) => r[key] === code && r.family_type === id))),
    })),
  });
  return [
    {
      caption: "Tilflyttede personer efter familietype og år",
      header: ["Familietype", ...years.map(String)],
      body: types.map(([id, label]) => ({ label, cells: years.map((y) => shown(rows.filter((r) => r.family_type === id && r.year === y))) })),
    },
    matrix("origin", "Hvor kom de fra"),
    matrix("workplace", "Hvor arbejder de"),
  ];
}

function tableHtml(t: ExtractTable, testid?: string): HTMLElement {
  return html`<table class="data-table" data-testid=${testid}>
    <caption>${t.caption}</caption>
    <thead><tr>${t.header.map((h, i) => html`<th scope="col" class=${i > 0 ? "num" : null}>${h}</th>`)}</tr></thead>
    <tbody>${t.body.map((r) => html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => html`<td class="num">${c.text}</td>`)}</tr>`)}</tbody>
  </table>`;
}

/** The extract's cells for download: hidden cells stay hidden ("skjult"), as on screen. */
export function extractCsvRows(rows: ExtractRow[], names: Map<string, string>, area?: string): Record<string, unknown>[] {
  const label = new Map(FAMILY_TYPES);
  return rows.map((r) => ({
    år: r.year,
    familietype: label.get(r.family_type) ?? r.family_type,
    "kom fra": placeName(r.origin, names, area),
    arbejdssted: placeName(r.workplace, names, area),
    personer: r.movers ?? "skjult",
  }));
}

export function extractView(rows: ExtractRow[], { names, example, area }: { names: Map<string, string>; example: boolean; area?: string }): HTMLElement {
  const [byType, origin, workplace] = extractTables(rows, { names, area });
  return html`<div class="extract-view">
    ${example ? html`<p><span class="example-badge">Eksempeldata</span>Tallene er opdigtede.</p>` : null}
    <p class="extract-note">"skjult": færre end 3 personer, eller skjult for at andre små tal ikke kan regnes ud. "mindst N": summen af de viste celler.</p>
    ${tableHtml(byType, "extract-by-type")}
    <div class="grid grid-cols-2">
      <div>${tableHtml(origin)}</div>
      <div>${tableHtml(workplace)}</div>
    </div>
  </div>`;
}
