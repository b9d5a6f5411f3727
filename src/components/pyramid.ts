/**
 * Age pyramid: men to the left, women to the right, by single age; the newer year as bars, the
 * baseline year as an outline so the two can be compared at a glance.
 */
import * as Plot from "@observablehq/plot";
import { formatNumber } from "../lib/format.js";

export interface AgePoint {
  sex: "M" | "K";
  age: number;
  year: number;
  population: number;
}

/**
 * The baseline year's outline, one point per sex and age from 0 to the oldest age of the rows; an
 * age the baseline lacks is a null, so the line breaks there instead of being drawn across.
 */
export function baselineLine(rows: AgePoint[], baselineYear: number | null): Array<Omit<AgePoint, "population"> & { population: number | null }> {
  if (baselineYear === null) return [];
  const base = rows.filter((d) => d.year === baselineYear);
  if (base.length === 0) return [];
  const maxAge = Math.max(...base.map((d) => d.age));
  const byKey = new Map(base.map((d) => [`${d.sex}|${d.age}`, d.population]));
  return (["M", "K"] as const).flatMap((sex) =>
    Array.from({ length: maxAge + 1 }, (_, age) => ({ sex, age, year: baselineYear, population: byKey.get(`${sex}|${age}`) ?? null })),
  );
}

export function pyramid(
  rows: AgePoint[],
  { width, year, baselineYear, document }: { width: number; year: number; baselineYear: number | null; document?: Document },
): SVGSVGElement | HTMLElement {
  const signed = (d: { sex: "M" | "K"; population: number | null }) => (d.population === null ? NaN : d.sex === "M" ? -d.population : d.population);
  const now = rows.filter((d) => d.year === year);
  const base = baselineLine(rows, baselineYear);
  return Plot.plot({
    document,
    width,
    height: 520,
    marginLeft: 40,
    x: { label: "← Mænd · personer · Kvinder →", labelAnchor: "center", tickFormat: (d: number) => formatNumber(Math.abs(d)), grid: true },
    y: { label: "Alder", domain: [0, Math.max(100, ...rows.map((d) => d.age + 1))] },
    color: { domain: ["M", "K"], range: ["#4269d0", "#ff725c"] },
    marks: [
      Plot.rectX(now, { x: signed, y1: "age", y2: (d: AgePoint) => d.age + 1, fill: "sex", fillOpacity: 0.75, inset: 0.5 }),
      Plot.lineX(
        base.filter((d) => d.sex === "M"),
        { x: signed, y: (d: { age: number }) => d.age + 0.5, stroke: "currentColor", curve: "step" },
      ),
      Plot.lineX(
        base.filter((d) => d.sex === "K"),
        { x: signed, y: (d: { age: number }) => d.age + 0.5, stroke: "currentColor", curve: "step" },
      ),
      Plot.ruleX([0]),
      Plot.tip(
        now,
        Plot.pointerY({
          x: signed,
          y: (d: AgePoint) => d.age + 0.5,
          title: (d: AgePoint) => {
            const b = base.find((x) => x.sex === d.sex && x.age === d.age);
            const then = baselineYear === null ? "" : `\n${baselineYear}: ${b && b.population !== null ? formatNumber(b.population) : "mangler"}`;
            return `${d.sex === "M" ? "Mænd" : "Kvinder"}, ${d.age} år\n${year}: ${formatNumber(d.population)}${then}`;
          },
        }),
      ),
    ],
  });
}
