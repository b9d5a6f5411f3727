/**
 * The project board of /digitalisering as tables: one per area with each project's status, its
 * change since the report before and who leads it, and each project's status in every report.
 * Status is said in words beside its symbol (✔ grøn, ▲ gul, ✖ rød), never by colour alone.
 */
import { html } from "htl";
import { formatDate } from "../lib/format.js";
import { CHANGE_WORDS, STATUS_SYMBOL, STATUS_WORDS, type BoardItem, type Status, type StatusRow } from "../lib/projects.js";

/** A report's status as symbol and word ("✔ Grøn: følger planen"), or "Ingen status". */
export function statusCell(s: StatusRow | null): HTMLElement | string {
  const status = s?.status as Status | undefined;
  return s && status
    ? html`<span class="status status-${status}"><span aria-hidden="true">${STATUS_SYMBOL[status]}</span> ${STATUS_WORDS[status]}</span>`
    : "Ingen status";
}

/** The board at one report (`date` null: no reports, the catalogue alone), with the counts as a lead line. */
export function projectBoardTables(
  board: readonly { group: string; items: readonly BoardItem[] }[],
  options: { date: string | null; previousDate: string | undefined; counts: Record<Status | "ingen", number>; projects: number; name: string },
): HTMLElement {
  const { date, previousDate, counts, projects, name } = options;
  return html`<div>
  <p class="lead" data-testid="project-counts">${date ? html`Rapport ${formatDate(date)}: ${STATUS_SYMBOL.grøn} ${counts.grøn} grønne, ${STATUS_SYMBOL.gul} ${counts.gul} gule, ${STATUS_SYMBOL.rød} ${counts.rød} røde${counts.ingen ? `, ${counts.ingen} uden status` : ""} af ${projects} projekter.${previousDate ? ` Ændringer er i forhold til rapporten ${formatDate(previousDate)}.` : " Første rapport: ingen ændringer at vise."}` : `Ingen statusrapporter for ${name}; listen viser strategiens ${projects} projekter.`}</p>
  ${board.map(
    (g) => html`<h3 class="board-area">${g.group}</h3>
  <div class="table-scroll" tabindex="0" role="region" aria-label=${`Projekter: ${g.group}`}><table class="data-table project-board" data-testid="project-board">
    <thead><tr><th scope="col">Nr.</th><th scope="col">Projekt</th><th scope="col">Status</th><th scope="col">Siden sidst</th><th scope="col">Ansvarlig</th><th scope="col">KOMBIT/KL leder</th><th scope="col">Bemærkning</th></tr></thead>
    <tbody>${g.items.map(
      (i) =>
        html`<tr data-project=${i.project.id}><td>${i.project.id}</td><th scope="row">${i.project.name}</th><td>${statusCell(i.current)}</td><td>${i.previous || i.current ? CHANGE_WORDS[i.change] : "–"}${i.previous && i.change !== "uændret" ? ` (var ${i.previous.status})` : ""}</td><td>${i.current?.owner ?? "–"}</td><td>${i.current?.kombit_kl == null ? "–" : i.current.kombit_kl ? "Ja" : "Nej"}</td><td>${i.current?.note ?? ""}</td></tr>`,
    )}</tbody>
  </table></div>`,
  )}
</div>`;
}

/** Each project's status in each of `dates` (the reports up to the chosen one). */
export function projectHistoryTable(items: readonly BoardItem[], dates: readonly string[]): HTMLElement {
  return html`<div class="table-scroll full-height" tabindex="0" role="region" aria-label="Hvert projekts historik"><table class="data-table" data-testid="project-history">
  <caption class="sr-only">Status pr. projekt i hver rapport</caption>
  <thead><tr><th scope="col">Nr.</th><th scope="col">Projekt</th>${dates.map((d) => html`<th scope="col">${formatDate(d)}</th>`)}</tr></thead>
  <tbody>${items.map((i) => html`<tr><td>${i.project.id}</td><th scope="row">${i.project.name}</th>${dates.map((d) => html`<td>${statusCell(i.history.find((h) => h.date === d) ?? null)}</td>`)}</tr>`)}</tbody>
</table></div>`;
}
