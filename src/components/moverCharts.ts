/** Charts of the mover analysis: in- and out-movers by age group; where in-movers come from. */
import * as Plot from "@observablehq/plot";
import { formatNumber } from "./format.js";
import { ZONES } from "./zoneChart.js";

export interface AgeGroupCount {
  label: string;
  in_movers: number;
  out_movers: number;
}

export function ageGroupBars(groups: AgeGroupCount[], { width }: { width: number }): SVGSVGElement | HTMLElement {
  const long = groups.flatMap((g) => [
    { label: g.label, kind: "Tilflyttede", value: g.in_movers },
    { label: g.label, kind: "Fraflyttede", value: g.out_movers },
  ]);
  return Plot.plot({
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

export interface OriginZoneCount {
  group: string;
  zone: string;
  value: number;
}

export function originZoneChart(rows: OriginZoneCount[], { width: available }: { width: number }): SVGSVGElement | HTMLElement {
  const width = Math.max(available, 400);
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 170,
    x: { label: "Andel af tilflyttede, %", percent: true, tickFormat: (d: number) => `${d}` },
    y: { label: null, domain: [...new Set(rows.map((d) => d.group))] },
    color: { legend: true, domain: [...ZONES], range: ["#1f4e99", "#6b8fd6", "#c9d6f0"] },
    marks: [
      Plot.barX(rows, Plot.stackX({ offset: "normalize", order: [...ZONES], x: "value", y: "group", fill: "zone", title: (d: OriginZoneCount) => `${d.group}, ${d.zone}: ${formatNumber(d.value)} personer` })),
      Plot.ruleX([0]),
    ],
  });
}
