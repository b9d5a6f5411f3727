/**
 * The comparison-group control: "Sammenlign med" Nabokommuner / Lignende kommuner / Regionen /
 * Hele landet as radio buttons (controls.ts, for view()), kept in the URL as
 * ?sammenlign=naboer|lignende|region|land (left out at the page's default). Who is in the group
 * and what a sentence calls it: src/lib/compareGroup.ts.
 */
import { html } from "htl";
import { bindParam, radio, readParam, type Control } from "./controls.js";
import { COMPARE_KINDS, COMPARE_LABELS, COMPARE_PARAM, DEFAULT_COMPARE, describeGroup, type CompareGroupInfo, type CompareKind } from "../lib/compareGroup.js";

export type { CompareGroupInfo, CompareKind };

/** The control, starting from ?sammenlign= (or `fallback`, the page's default). */
export function compareGroupControl(fallback: CompareKind = DEFAULT_COMPARE, search = location.search): Control<CompareKind> {
  const start = readParam(COMPARE_PARAM, COMPARE_KINDS, fallback, search);
  const control = radio(new Map(COMPARE_KINDS.map((k) => [COMPARE_LABELS[k], k])), { label: "Sammenlign med", value: start });
  control.classList.add("compare-group");
  control.dataset.testid = "compare-group";
  return bindParam(control, COMPARE_PARAM, fallback);
}

/** One line under the control: who the group is ("Lignende kommuner (de fem mest lignende …): A, B, … og E."). */
export function compareGroupNote(g: CompareGroupInfo): HTMLElement {
  return html`<p class="compare-group-note" data-testid="compare-group-members" data-kind=${g.kind} data-members=${g.members.join(" ")}>${describeGroup(g)}${
    g.kind === "lignende" && !g.missing ? html` <a href=${`./om-data?kommune=${g.area}#hvorfor-ligner-de`}>Hvorfor ligner de?</a>` : null
  }</p>` as HTMLElement;
}
