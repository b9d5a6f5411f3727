/** Net migration by single age: in-movers up, out-movers down, the net as a line. */
import * as Plot from "@observablehq/plot";
import { formatNumber, formatSigned } from "../lib/format.js";

export interface AgeProfileRow {
  age: number;
  in_movers: number;
  out_movers: number;
  net: number;
}

export function ageProfileChart(rows: AgeProfileRow[], { width, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const sorted = [...rows].sort((a, b) => a.age - b.age);
  return Plot.plot({
    document,
    width,
    height: 320,
    marginLeft: 50,
    x: { label: "Alder, år", domain: [0, 100], ticks: 10 },
    y: { label: "Personer", grid: true, tickFormat: (d: number) => formatSigned(d) },
    color: { legend: true, domain: ["Tilflyttede", "Fraflyttede", "Netto"], range: ["#3ca951", "#ff725c", "#222"] },
    marks: [
      Plot.rectY(sorted, { x1: "age", x2: (d: AgeProfileRow) => d.age + 1, y: "in_movers", fill: () => "Tilflyttede", fillOpacity: 0.6, inset: 0.3 }),
      Plot.rectY(sorted, {
        x1: "age",
        x2: (d: AgeProfileRow) => d.age + 1,
        y: (d: AgeProfileRow) => -d.out_movers,
        fill: () => "Fraflyttede",
        fillOpacity: 0.6,
        inset: 0.3,
      }),
      Plot.line(sorted, { x: (d: AgeProfileRow) => d.age + 0.5, y: "net", stroke: () => "Netto", strokeWidth: 2 }),
      Plot.ruleY([0]),
      Plot.tip(
        sorted,
        Plot.pointerX({
          x: (d: AgeProfileRow) => d.age + 0.5,
          y: "net",
          title: (d: AgeProfileRow) => `${d.age} år\nTil: ${formatNumber(d.in_movers)} · Fra: ${formatNumber(d.out_movers)}\nNetto: ${formatSigned(d.net)}`,
        }),
      ),
    ],
  });
}
