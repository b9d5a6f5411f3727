/**
 * What the survey page shows when a file cannot be used: the problems in plain Danish (a column the
 * file lacks together with the file's own look-alikes: "Kolonnen tilfreds_skole mangler … Mente du
 * tilfreds_skolen?"), how to fix them, and the columns the schema expects — all on the page itself,
 * as a planner has no copy of the project's data/survey/README.md. Everything from the file (its
 * name, column names, values) goes in as text through htl's interpolation, never as HTML.
 */
import { html } from "htl";
import { formatNumber } from "../../lib/format.js";
import type { SurveyImportError } from "../../lib/survey/messages.js";
import type { SurveyProblem, SurveySchema } from "../../lib/survey/types.js";

/** At most this many problems are listed; the rest are counted. */
const MAX_SHOWN = 30;

const SAVE_AS = `gem den som "CSV UTF-8 (kommasepareret)" i Excel (eller som UTF-8 i jeres spørgeskemaværktøj), og vælg den igen ovenfor`;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a", "a og b", "a, b og c" of nodes. */
function joined(nodes: Node[], last = "og"): (Node | string)[] {
  return nodes.flatMap((n, i) => (i === 0 ? [n] : [i === nodes.length - 1 ? ` ${last} ` : ", ", n]));
}

const code = (s: string) => html`<code>${s}</code>` as HTMLElement;

/** One problem as a sentence: the missing column with its look-alikes, or "Linje 3, kolonne x: …". */
function problemLine(p: SurveyProblem): Node {
  if (p.kind === "missing-column" && p.column !== null) {
    const like = p.suggestions ?? [];
    return html`<span>Kolonnen ${code(p.column)} mangler i filens overskrift (første linje).${
      like.length ? html` Mente du ${joined(like.map(code), "eller")}? Så omdøb den til ${code(p.column)}.` : ""
    }</span>` as HTMLElement;
  }
  if (p.line === null) return html`<span>${capitalise(p.message)}.</span>` as HTMLElement;
  return html`<span>Linje ${p.line}${p.column === null ? "" : html`, kolonne ${code(p.column)}`}: ${p.message}</span>` as HTMLElement;
}

/** The columns the schema expects, as a table a planner can hold the file's header against. */
export function expectedColumns(schema: SurveySchema): HTMLElement {
  const missingWords = schema.missing.map((m) => (m === "" ? "tomt" : `"${m}"`)).join(" eller ");
  const scaleRange = (name: string) => {
    const codes = Object.keys(schema.scales[name]).map(Number);
    return `${Math.min(...codes)}–${Math.max(...codes)}`;
  };
  const codes = (values: Record<string, string>) => Object.keys(values).join(", ");
  const rows: [string, string, boolean][] = [
    [schema.id, "besvarelsens id; hver besvarelse sit eget", true],
    ...(schema.weight ? [[schema.weight, "vægt, et tal større end 0 (fx 1,25); tom i hele kolonnen = uvejet", false] as [string, string, boolean]] : []),
    ...schema.groups.map((g): [string, string, boolean] => [g.column, `${g.label}: en af koderne ${codes(g.values)}`, true]),
    ...schema.items.map((i): [string, string, boolean] => [
      i.column,
      `${i.label}: svar ${scaleRange(i.scale)} (${i.scale}); ${missingWords} = intet svar`,
      true,
    ]),
    ...schema.multi.map((m): [string, string, boolean] => [
      m.column,
      `${m.label}: de valgte koder adskilt med "${m.separator}": ${codes(m.values)}; tomt = intet svar`,
      true,
    ]),
    ...schema.freeText.map((c): [string, string, boolean] => [c, "fritekst (vises ikke)", false]),
  ];
  return html`<details class="survey-columns" data-testid="survey-columns">
    <summary>Kolonner, som filen skal have (${rows.filter((r) => r[2]).length} påkrævede)</summary>
    <p>Første linje i filen er overskriften med disse kolonnenavne; store og små bogstaver og rækkefølgen er ligegyldige, og andre kolonner springes over. Derefter én linje pr. besvarelse, med semikolon (;) eller komma (,) mellem kolonnerne.</p>
    <div class="table-scroll"><table class="data-table">
      <thead><tr><th scope="col">Kolonne</th><th scope="col">Indhold</th><th scope="col">Påkrævet</th></tr></thead>
      <tbody>${rows.map(([column, what, required]) => html`<tr><th scope="row"><code>${column}</code></th><td>${what}</td><td>${required ? "ja" : "nej"}</td></tr>`)}</tbody>
    </table></div>
  </details>` as HTMLElement;
}

/**
 * The message for a file the importer refused. Missing columns without a look-alike are named in one
 * line ("Disse kolonner mangler …"), so a wrong file gives one sentence rather than thirty.
 */
export function importProblemsView(error: SurveyImportError, schema: SurveySchema, options: { fileName: string; exampleHref?: string }): HTMLElement {
  const missingPlain = error.problems.filter((p) => p.kind === "missing-column" && p.column !== null && !(p.suggestions ?? []).length);
  const others = error.problems.filter((p) => !missingPlain.includes(p));
  const lines: Node[] = [];
  if (missingPlain.length === 1) lines.push(problemLine(missingPlain[0]));
  else if (missingPlain.length > 1) {
    lines.push(
      html`<span>Disse ${formatNumber(missingPlain.length)} kolonner mangler i filens overskrift (første linje): ${joined(missingPlain.map((p) => code(p.column!)))}.</span>` as HTMLElement,
    );
  }
  lines.push(...others.map(problemLine));
  const shown = lines.slice(0, MAX_SHOWN);
  const columnsWrong = error.problems.some((p) => p.kind === "missing-column");
  const fix = columnsWrong
    ? `Sådan retter du det: skriv kolonnernes navne i filens første linje som i listen herunder, ${SAVE_AS}.`
    : `Sådan retter du det: ret de nævnte linjer i filen, ${SAVE_AS}.`;
  return html`<div class="problems" role="alert" data-testid="import-problems">
    ${
      shown.length === 1
        ? html`<p><strong>Filen ${options.fileName} kan ikke bruges.</strong> ${shown[0]}</p>`
        : html`<p><strong>Filen ${options.fileName} kan ikke bruges:</strong></p><ul>${shown.map((l) => html`<li>${l}</li>`)}</ul>`
    }
    ${lines.length > shown.length ? html`<p>… og ${formatNumber(lines.length - shown.length)} fejl mere.</p>` : null}
    <p>${fix} Intet fra filen er vist på siden.</p>
    ${expectedColumns(schema)}
    ${options.exampleHref ? html`<p>Eksempelfilen viser formatet: <a href=${options.exampleHref} download="eksempel.csv">hent eksempel.csv</a> (opdigtede svar).</p>` : null}
  </div>` as HTMLElement;
}
