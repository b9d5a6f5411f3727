/**
 * Where people live by size of town: the share of the population in towns of 20,000+, 5,000–19,999,
 * 1,000–4,999, 500–999, villages of 200–499 and the rural districts (under 200), for the
 * municipality, its region and the whole country side by side, so a local pattern can be told from
 * the national one.
 */
import * as Plot from "@observablehq/plot";
import { formatDecimal, formatNumber } from "../lib/format.js";

export interface SizeClassPoint {
  /** "Assens", "Region Syddanmark", "Hele landet". */
  place: string;
  label: string;
  share: number;
  population: number;
}

export function sizeClassChart(
  points: SizeClassPoint[],
  { width, places, classes, document }: { width: number; places: string[]; classes: string[]; document?: Document },
): SVGSVGElement | HTMLElement {
  return Plot.plot({
    document,
    width,
    height: 60 + classes.length * (places.length * 14 + 12),
    marginLeft: 210,
    marginRight: 52,
    x: { label: "Andel af befolkningen, procent", grid: true, tickFormat: (d: number) => `${formatNumber(d * 100)} %` },
    y: { label: null, domain: places, axis: null },
    fy: { label: null, domain: classes },
    color: { legend: true, domain: places, range: ["#1f4e99", "#7fa3d6", "#c9d3df"] },
    marks: [
      Plot.barX(points, { fy: "label", y: "place", x: "share", fill: "place" }),
      Plot.text(points, {
        fy: "label",
        y: "place",
        x: "share",
        text: (d: SizeClassPoint) => `${formatDecimal(d.share * 100)} %`,
        textAnchor: "start",
        dx: 4,
        fontSize: 10,
      }),
      Plot.ruleX([0]),
      Plot.tip(
        points,
        Plot.pointer({
          fy: "label",
          y: "place",
          x: "share",
          title: (d: SizeClassPoint) => `${d.place}: ${d.label}\n${formatDecimal(d.share * 100)} % (${formatNumber(d.population)} personer)`,
        }),
      ),
    ],
  });
}
