/** In- and out-movers by age group: two bars per group, each labelled with its number. */
import * as Plot from "@observablehq/plot";
import { formatNumber } from "../lib/format.js";

export interface AgeGroupCount {
  label: string;
  in_movers: number;
  out_movers: number;
}

export function ageGroupBars(groups: AgeGroupCount[], { width, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const long = groups.flatMap((g) => [
    { label: g.label, kind: "Tilflyttede", value: g.in_movers },
    { label: g.label, kind: "Fraflyttede", value: g.out_movers },
  ]);
  return Plot.plot({
    document,
    width,
    height: 280,
    marginLeft: 56,
    x: { label: null, axis: null, domain: ["Tilflyttede", "Fraflyttede"] },
    fx: { label: null, domain: groups.map((g) => g.label), padding: 0.15 },
    y: { label: "Personer", grid: true, tickFormat: (d: number) => formatNumber(d) },
    color: { legend: true, domain: ["Tilflyttede", "Fraflyttede"], range: ["#3ca951", "#ff725c"] },
    marks: [
      Plot.barY(long, { fx: "label", x: "kind", y: "value", fill: "kind" }),
      Plot.text(long, { fx: "label", x: "kind", y: "value", text: (d: { value: number }) => formatNumber(d.value), dy: -6, fontSize: 10 }),
      Plot.ruleY([0]),
    ],
  });
}
