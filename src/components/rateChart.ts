/** Net domestic migration per 1,000 residents by year; every year of the span has a slot, so missing years show as gaps. */
import * as Plot from "@observablehq/plot";
import { formatSigned, formatDecimal, yearSpan, yearTick, yearTicks } from "../lib/format.js";

export interface RatePoint {
  year: number;
  net_domestic: number | null;
  net_domestic_per_1000: number | null;
}

/** Years of the span without a rate: drawn as a "mangler" mark, never as an empty (zero-looking) slot. */
export function missingYears(points: RatePoint[]): number[] {
  const have = new Set(points.filter((d) => d.net_domestic_per_1000 !== null && Number.isFinite(d.net_domestic_per_1000)).map((d) => d.year));
  return yearSpan(points.map((d) => d.year)).filter((y) => !have.has(y));
}

export function rateChart(points: RatePoint[], { width, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const span = yearSpan(points.map((d) => d.year));
  const gaps = missingYears(points);
  const drawn = points.filter((d) => !gaps.includes(d.year));
  return Plot.plot({
    document,
    width,
    height: 260,
    marginLeft: 56,
    x: { label: "År", domain: span, ticks: yearTicks(span, width), tickFormat: yearTick, type: "band", padding: 0.2 },
    y: { label: "Pr. 1.000 indbyggere", grid: true, tickFormat: (d: number) => formatSigned(d, Number.isInteger(d) ? 0 : 1) },
    marks: [
      Plot.barY(drawn, { x: "year", y: "net_domestic_per_1000", fill: (d: RatePoint) => (d.net_domestic_per_1000! < 0 ? "#d9534f" : "#3ca951") }),
      Plot.ruleY([0]),
      Plot.text(gaps, { x: (y: number) => y, y: 0, text: () => "mangler", rotate: -90, textAnchor: "start", dx: 0, dy: 0, fontSize: 10, fill: "#6b6b6b" }),
      Plot.tip(
        drawn,
        Plot.pointerX({
          x: "year",
          y: "net_domestic_per_1000",
          title: (d: RatePoint) =>
            `${d.year}: ${formatSigned(d.net_domestic_per_1000, 1)} pr. 1.000\n${formatSigned(d.net_domestic)} personer (${formatDecimal(d.net_domestic_per_1000)} ‰)`,
        }),
      ),
    ],
  });
}
