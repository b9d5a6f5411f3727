/** Population on 1 January by year, the baseline year marked; years without data break the line. */
import * as Plot from "@observablehq/plot";
import { formatNumber, yearTick, yearTickCount } from "../lib/format.js";

export interface PopulationPoint {
  year: number;
  population: number;
}

/** Split a yearly series into runs of consecutive years, so a missing year is a gap, not a straight line. */
export function consecutiveRuns<T extends { year: number }>(points: T[]): (T & { run: number })[] {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  let run = 0;
  return sorted.map((p, i) => {
    if (i > 0 && p.year !== sorted[i - 1].year + 1) run++;
    return { ...p, run };
  });
}

export function populationChart(
  points: PopulationPoint[],
  { width, baselineYear, document }: { width: number; baselineYear: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const data = consecutiveRuns(points);
  const baseline = data.find((d) => d.year === baselineYear);
  return Plot.plot({
    document,
    width,
    height: 320,
    marginLeft: 64,
    x: { label: "År", tickFormat: yearTick, ticks: yearTickCount(width) },
    y: { label: "Personer", tickFormat: (d: number) => formatNumber(d), grid: true, zero: false, nice: true },
    marks: [
      baseline ? Plot.ruleX([baselineYear], { stroke: "var(--theme-foreground-muted)", strokeDasharray: "4,3" }) : null,
      baseline
        ? Plot.text([baseline], {
            x: "year",
            frameAnchor: "top",
            text: () => `Basisår ${baselineYear}`,
            dy: 4,
            dx: 4,
            textAnchor: "start",
            fill: "var(--theme-foreground-muted)",
          })
        : null,
      Plot.line(data, { x: "year", y: "population", z: "run", stroke: "var(--theme-foreground-focus)", strokeWidth: 2 }),
      Plot.dot(data, { x: "year", y: "population", fill: "var(--theme-foreground-focus)", r: 3 }),
      Plot.tip(
        data,
        Plot.pointerX({
          x: "year",
          y: "population",
          title: (d: PopulationPoint) => `1. januar ${d.year}\n${formatNumber(d.population)} personer`,
        }),
      ),
    ],
  });
}
