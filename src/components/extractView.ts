/**
 * The municipality's own register extract (særkørsel): in-movers by family type, where they came
 * from and where they work. Counts below 3 were removed by the loader (with secondary suppression);
 * here a group that contains removed cells says so instead of pretending to be complete.
 */
import { html } from "htl";
import { formatNumber } from "./format.js";

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

export function extractView(rows: ExtractRow[], { names, example, area }: { names: Map<string, string>; example: boolean; area?: string }): HTMLElement {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const latest = years.at(-1)!;
  const types = FAMILY_TYPES.filter(([id]) => rows.some((r) => r.family_type === id));
  const inYear = rows.filter((r) => r.year === latest);
  const rank = (key: "origin" | "workplace") =>
    [...new Set(inYear.map((r) => r[key]))]
      .map((code) => ({ code, n: inYear.filter((r) => r[key] === code).reduce((s, r) => s + (r.movers ?? 0), 0) }))
      .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code))
      .slice(0, 8)
      .map((d) => d.code);
  const matrix = (key: "origin" | "workplace", caption: string) => html`<table class="data-table">
    <caption>${caption}, ${latest}</caption>
    <thead><tr><th scope="col">${key === "origin" ? "Kom fra" : "Arbejdssted"}</th>${types.map(([, label]) => html`<th scope="col" class="num">${label}</th>`)}</tr></thead>
    <tbody>${rank(key).map(
      (code) => html`<tr><th scope="row">${placeName(code, names, area)}</th>${types.map(([id]) => html`<td class="num">${cellText(inYear.filter((r) => r[key] === code && r.family_type === id))}</td>`)}</tr>`,
    )}</tbody>
  </table>`;
  return html`<div class="extract-view">
    ${example ? html`<p><span class="example-badge">Eksempeldata</span>Tallene er opdigtede.</p>` : null}
    <p class="extract-note">"skjult": færre end 3 personer, eller skjult for at andre små tal ikke kan regnes ud. "mindst N": summen af de viste celler.</p>
    <table class="data-table" data-testid="extract-by-type">
      <caption>Tilflyttede personer efter familietype og år</caption>
      <thead><tr><th scope="col">Familietype</th>${years.map((y) => html`<th scope="col" class="num">${y}</th>`)}</tr></thead>
      <tbody>${types.map(([id, label]) => html`<tr><th scope="row">${label}</th>${years.map((y) => html`<td class="num">${cellText(rows.filter((r) => r.family_type === id && r.year === y))}</td>`)}</tr>`)}</tbody>
    </table>
    <div class="grid grid-cols-2">
      <div>${matrix("origin", "Hvor kom de fra")}</div>
      <div>${matrix("workplace", "Hvor arbejder de")}</div>
    </div>
  </div>`;
}
