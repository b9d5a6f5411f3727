/**
 * Growing and shrinking places at a glance: the change in per cent since the baseline year for
 * every town of a municipality (and its rural district), as horizontal bars right (growth, green)
 * or left (decline, red) of zero, largest town on top. Drawn only when BY1 has the baseline year.
 */
import * as Plot from "@observablehq/plot";
import { formatNumber, formatPercentChange, formatSigned } from "../lib/format.js";

export interface TownChangePoint {
  name: string;
  base: number;
  latest: number;
  change: number;
  /** (latest − base) / base. */
  ratio: number;
}

export function townChangeChart(
  points: TownChangePoint[],
  { width, baseYear, latestYear, document }: { width: number; baseYear: number; latestYear: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const names = points.map((d) => d.name);
  // Room beyond the longest bar on each side for its label ("−10,0 %"), so no label runs into the
  // town names or off the chart.
  const low = Math.min(0, ...points.map((d) => d.ratio));
  const high = Math.max(0, ...points.map((d) => d.ratio));
  const pad = Math.max(high - low, 0.01) * 0.18;
  return Plot.plot({
    document,
    width,
    height: Math.max(120, 22 * points.length + 50),
    marginLeft: Math.min(180, 8 + 7 * Math.max(...names.map((n) => n.length))),
    marginRight: 56,
    x: {
      label: `Ændring ${baseYear}–${latestYear}, procent`,
      grid: true,
      domain: [low < 0 ? low - pad : 0, high > 0 ? high + pad : 0],
      tickFormat: (d: number) => `${formatNumber(d * 100)} %`,
    },
    y: { label: null, domain: names },
    color: { type: "categorical", domain: ["vokser", "skrumper"], range: ["#3ca951", "#d6443a"] },
    marks: [
      Plot.barX(points, { y: "name", x: "ratio", fill: (d: TownChangePoint) => (d.ratio >= 0 ? "vokser" : "skrumper") }),
      Plot.text(
        points.filter((d) => d.ratio >= 0),
        { y: "name", x: "ratio", text: (d: TownChangePoint) => formatPercentChange(d.ratio), textAnchor: "start", dx: 4 },
      ),
      Plot.text(
        points.filter((d) => d.ratio < 0),
        { y: "name", x: "ratio", text: (d: TownChangePoint) => formatPercentChange(d.ratio), textAnchor: "end", dx: -4 },
      ),
      Plot.ruleX([0]),
      Plot.tip(
        points,
        Plot.pointerY({
          y: "name",
          x: "ratio",
          title: (d: TownChangePoint) =>
            `${d.name}\n${formatNumber(d.base)} i ${baseYear}, ${formatNumber(d.latest)} i ${latestYear}\n${formatSigned(d.change)} personer (${formatPercentChange(d.ratio)})`,
        }),
      ),
    ],
  });
}
