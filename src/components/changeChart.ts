/**
 * The yearly population change split into its parts: natural increase (births − deaths),
 * domestic migration (in − out) and international migration (immigrants − emigrants), as
 * stacked bars around zero.
 */
import * as Plot from "@observablehq/plot";
import { formatSigned, yearSpan, yearTick, yearTicks } from "../lib/format.js";

export const CHANGE_PARTS = ["Naturlig tilvækst", "Indenlandsk nettotilflytning", "Nettoindvandring"] as const;
export type ChangePart = (typeof CHANGE_PARTS)[number];

export interface ChangePoint {
  year: number;
  part: ChangePart;
  value: number;
}

export function changeChart(points: ChangePoint[], { width, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const span = yearSpan(points.map((d) => d.year));
  return Plot.plot({
    document,
    width,
    height: 300,
    marginLeft: 56,
    x: { label: "År", domain: span, ticks: yearTicks(span, width), tickFormat: yearTick, type: "band", padding: 0.15 },
    y: { label: "Personer pr. år", tickFormat: (d: number) => formatSigned(d), grid: true },
    color: { legend: true, domain: [...CHANGE_PARTS], range: ["#efb118", "#4269d0", "#a463f2"] },
    marks: [
      Plot.barY(points, { x: "year", y: "value", fill: "part", order: [...CHANGE_PARTS] }),
      Plot.ruleY([0]),
      Plot.tip(
        points,
        Plot.pointer(
          Plot.stackY({
            x: "year",
            y: "value",
            fill: "part",
            order: [...CHANGE_PARTS],
            title: (d: ChangePoint) => `${d.part} ${d.year}\n${formatSigned(d.value)} personer`,
          }),
        ),
      ),
    ],
  });
}
