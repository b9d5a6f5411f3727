/** The ten largest origins of in-movers and destinations of out-movers, with the net exchange. */
import { html } from "htl";
import { formatNumber, formatSigned } from "../lib/format.js";

export interface TopFlowRow {
  counterpart: string;
  counterpart_name: string | null;
  in_movers: number;
  out_movers: number;
  net: number;
  is_neighbour: boolean;
  rank_in: number;
  rank_out: number;
}

function table(rows: TopFlowRow[], kind: "in" | "out", caption: string): HTMLElement {
  const sorted = [...rows]
    .sort((a, b) => (kind === "in" ? a.rank_in - b.rank_in : a.rank_out - b.rank_out))
    .filter((r) => (kind === "in" ? r.in_movers : r.out_movers) > 0)
    .slice(0, 10);
  return html`<table class="data-table" data-testid=${kind === "in" ? "top-origins" : "top-destinations"}>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">#</th><th scope="col">Kommune</th><th scope="col" class="num">${kind === "in" ? "Tilflyttede" : "Fraflyttede"}</th><th scope="col" class="num">Netto</th></tr></thead>
    <tbody>${sorted.map(
      (r, i) => html`<tr>
        <td>${i + 1}</td>
        <th scope="row" data-code=${r.counterpart}>${r.counterpart_name ?? r.counterpart}${r.is_neighbour ? html` <span class="tag" title="Nabokommune">nabo</span>` : ""}</th>
        <td class="num">${formatNumber(kind === "in" ? r.in_movers : r.out_movers)}</td>
        <td class="num ${r.net < 0 ? "neg" : r.net > 0 ? "pos" : ""}">${formatSigned(r.net)}</td>
      </tr>`,
    )}</tbody>
  </table>`;
}

export function topFlowsTables(rows: TopFlowRow[]): HTMLElement {
  return html`<div class="grid grid-cols-2 top-flows" style="grid-auto-rows: auto;">
    <div>${table(rows, "in", "Tilflyttede kom fra")}</div>
    <div>${table(rows, "out", "Fraflyttede flyttede til")}</div>
  </div>`;
}
