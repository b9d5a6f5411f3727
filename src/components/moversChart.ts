/** In-movers and out-movers (moves across municipal borders within Denmark) per year. */
import * as Plot from "@observablehq/plot";
import { formatNumber, yearTick, yearTickCount } from "../lib/format.js";
import { consecutiveRuns } from "./populationChart.js";

export interface MoverPoint {
  year: number;
  series: "Tilflyttede" | "Fraflyttede";
  value: number;
}

export function moversChart(
  points: MoverPoint[],
  { width, baselineYear, document }: { width: number; baselineYear: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const data = (["Tilflyttede", "Fraflyttede"] as const).flatMap((s) =>
    consecutiveRuns(points.filter((p) => p.series === s)).map((p) => ({ ...p, z: `${s}-${p.run}` })),
  );
  const years = data.map((d) => d.year);
  if (new Set(years).size < 3) {
    // One or two years make no trend line: bars side by side.
    return Plot.plot({
      document,
      width,
      height: 220,
      marginLeft: 56,
      x: { label: null, axis: null, domain: ["Tilflyttede", "Fraflyttede"] },
      fx: { label: "År", tickFormat: yearTick },
      y: { label: "Personer", grid: true, tickFormat: (d: number) => formatNumber(d) },
      color: { legend: true, domain: ["Tilflyttede", "Fraflyttede"], range: ["#3ca951", "#ff725c"] },
      marks: [
        Plot.barY(points, { fx: "year", x: "series", y: "value", fill: "series" }),
        Plot.text(points, { fx: "year", x: "series", y: "value", text: (d: MoverPoint) => formatNumber(d.value), dy: -6 }),
        Plot.ruleY([0]),
      ],
    });
  }
  return Plot.plot({
    document,
    width,
    height: 300,
    marginLeft: 56,
    x: { label: "År", tickFormat: yearTick, ticks: yearTickCount(width) },
    y: { label: "Personer pr. år", tickFormat: (d: number) => formatNumber(d), grid: true, zero: true },
    color: { legend: true, domain: ["Tilflyttede", "Fraflyttede"], range: ["#3ca951", "#ff725c"] },
    marks: [
      years.includes(baselineYear) ? Plot.ruleX([baselineYear], { stroke: "var(--theme-foreground-muted)", strokeDasharray: "4,3" }) : null,
      Plot.line(data, { x: "year", y: "value", z: "z", stroke: "series", strokeWidth: 2 }),
      Plot.dot(data, { x: "year", y: "value", fill: "series", r: 2.5 }),
      Plot.tip(data, Plot.pointer({ x: "year", y: "value", title: (d: MoverPoint) => `${d.series} ${d.year}\n${formatNumber(d.value)} personer` })),
    ],
  });
}
