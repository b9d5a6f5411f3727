/**
 * Age pyramid: men to the left, women to the right, by single age; the newer year as bars, the
 * baseline year as an outline so the two can be compared at a glance.
 */
import * as Plot from "@observablehq/plot";
import { formatNumber } from "./format.js";

export interface AgePoint {
  sex: "M" | "K";
  age: number;
  year: number;
  population: number;
}

export function pyramid(rows: AgePoint[], { width, year, baselineYear }: { width: number; year: number; baselineYear: number }): SVGSVGElement | HTMLElement {
  const signed = (d: AgePoint) => (d.sex === "M" ? -d.population : d.population);
  const now = rows.filter((d) => d.year === year);
  const base = rows.filter((d) => d.year === baselineYear).sort((a, b) => a.age - b.age);
  return Plot.plot({
    width,
    height: 520,
    marginLeft: 40,
    x: { label: "← Mænd · personer · Kvinder →", labelAnchor: "center", tickFormat: (d: number) => formatNumber(Math.abs(d)), grid: true },
    y: { label: "Alder", domain: [0, Math.max(100, ...rows.map((d) => d.age + 1))] },
    color: { domain: ["M", "K"], range: ["#4269d0", "#ff725c"] },
    marks: [
      Plot.rectX(now, { x: signed, y1: "age", y2: (d: AgePoint) => d.age + 1, fill: "sex", fillOpacity: 0.75, inset: 0.5 }),
      Plot.lineX(base.filter((d) => d.sex === "M"), { x: signed, y: (d: AgePoint) => d.age + 0.5, stroke: "currentColor", curve: "step" }),
      Plot.lineX(base.filter((d) => d.sex === "K"), { x: signed, y: (d: AgePoint) => d.age + 0.5, stroke: "currentColor", curve: "step" }),
      Plot.ruleX([0]),
      Plot.tip(
        now,
        Plot.pointerY({
          x: signed,
          y: (d: AgePoint) => d.age + 0.5,
          title: (d: AgePoint) => {
            const b = base.find((x) => x.sex === d.sex && x.age === d.age);
            return `${d.sex === "M" ? "Mænd" : "Kvinder"}, ${d.age} år\n${year}: ${formatNumber(d.population)}\n${baselineYear}: ${b ? formatNumber(b.population) : "–"}`;
          },
        }),
      ),
    ],
  });
}
