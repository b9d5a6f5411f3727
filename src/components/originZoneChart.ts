/** Where in-movers come from: each group's in-movers as shares of the three zones (neighbours, region, rest of the country). */
import * as Plot from "@observablehq/plot";
import { formatNumber } from "../lib/format.js";
import { ZONES } from "./zoneChart.js";

export interface OriginZoneCount {
  group: string;
  zone: string;
  value: number;
}

export function originZoneChart(rows: OriginZoneCount[], { width: available, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const width = Math.max(available, 400);
  return Plot.plot({
    document,
    width,
    height: 240,
    marginLeft: 170,
    x: { label: "Andel af tilflyttede, %", percent: true, tickFormat: (d: number) => `${d}` },
    y: { label: null, domain: [...new Set(rows.map((d) => d.group))] },
    color: { legend: true, domain: [...ZONES], range: ["#1f4e99", "#6b8fd6", "#c9d6f0"] },
    marks: [
      Plot.barX(
        rows,
        Plot.stackX({
          offset: "normalize",
          order: [...ZONES],
          x: "value",
          y: "group",
          fill: "zone",
          title: (d: OriginZoneCount) => `${d.group}, ${d.zone}: ${formatNumber(d.value)} personer`,
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
}
