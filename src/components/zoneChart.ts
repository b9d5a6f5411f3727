/** In- and out-movers exchanged with neighbouring municipalities, the rest of the region and the rest of the country. */
import * as Plot from "@observablehq/plot";
import { formatNumber, formatSigned } from "./format.js";

export const ZONES = ["Nabokommuner", "Øvrige kommuner i regionen", "Resten af landet"] as const;

export interface ZoneRow {
  zone: string;
  in_movers: number;
  out_movers: number;
  net: number;
}

export function zoneChart(rows: ZoneRow[], { width: available }: { width: number }): SVGSVGElement | HTMLElement {
  // wide labels on the left: never narrower than the margins (a transient layout can report a tiny width)
  const width = Math.max(available, 420);
  const long = rows.flatMap((r) => [
    { zone: r.zone, kind: "Tilflyttede", value: r.in_movers, net: r.net },
    { zone: r.zone, kind: "Fraflyttede", value: r.out_movers, net: r.net },
  ]);
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 190,
    marginRight: 80,
    x: { label: "Personer", grid: true, ticks: Math.max(2, Math.floor(width / 90)), tickFormat: (d: number) => formatNumber(d) },
    y: { label: null, domain: [...ZONES] },
    color: { legend: true, domain: ["Tilflyttede", "Fraflyttede"], range: ["#3ca951", "#ff725c"] },
    marks: [
      Plot.barX(long, { y: "zone", x: "value", fill: "kind", title: (d) => `${d.kind}: ${formatNumber(d.value)}` }),
      Plot.text(rows, { y: "zone", x: (d: ZoneRow) => d.in_movers + d.out_movers, text: (d: ZoneRow) => `netto ${formatSigned(d.net)}`, dx: 6, textAnchor: "start" }),
      Plot.ruleX([0]),
    ],
  });
}
