/** In- and out-movers exchanged with neighbouring municipalities, the rest of the region and the rest of the country. */
import * as Plot from "@observablehq/plot";
import { formatNumber, formatSigned } from "../lib/format.js";

export const ZONES = ["Nabokommuner", "Øvrige kommuner i regionen", "Resten af landet"] as const;
export const KINDS = ["Tilflyttede", "Fraflyttede"] as const;

export interface ZoneRow {
  zone: string;
  in_movers: number;
  out_movers: number;
  net: number;
}

const MARGIN_LEFT = 86;
const MARGIN_RIGHT = 52;

/**
 * How many x ticks fit: each label ("12.500") needs its own width plus a gap, so labels never run
 * together ("1.0001.5002.000") however narrow the column is.
 */
export function zoneTickCount(width: number, max: number): number {
  const inner = width - MARGIN_LEFT - MARGIN_RIGHT;
  const label = formatNumber(Math.max(1, max)).length * 7 + 28; // ~7 px per digit at 10 px, plus a gap
  return Math.max(2, Math.min(6, Math.floor(inner / label)));
}

/**
 * One group per zone, the zone's name and net above it; in each group a bar for in-movers and one
 * for out-movers side by side (never stacked: their sum means nothing), each labelled with its number.
 */
export function zoneChart(rows: ZoneRow[], { width: available, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  // a transient layout can report a tiny width; below 300 px the SVG is scaled down, not cut
  const width = Math.max(available, 300);
  const long = rows.flatMap((r) => [
    { zone: r.zone, kind: KINDS[0], value: r.in_movers },
    { zone: r.zone, kind: KINDS[1], value: r.out_movers },
  ]);
  const max = Math.max(1, ...long.map((d) => d.value));
  return Plot.plot({
    document,
    width,
    height: 60 + 74 * ZONES.length,
    marginLeft: MARGIN_LEFT,
    marginRight: MARGIN_RIGHT,
    marginTop: 8,
    marginBottom: 40,
    fy: { domain: [...ZONES], axis: null, label: null, padding: 0.12 },
    // room above the two bars of each zone for the zone's heading
    y: { domain: [...KINDS], label: null, insetTop: 20, padding: 0.12, tickSize: 0 },
    x: {
      label: "Personer →",
      labelAnchor: "right",
      domain: [0, max],
      nice: true,
      ticks: zoneTickCount(width, max),
      tickFormat: (d: number) => formatNumber(d),
    },
    // no grid or zero rule: they would cross the zone headings; every bar carries its number
    color: { domain: [...KINDS], range: ["#3ca951", "#ff725c"] },
    marks: [
      Plot.barX(long, { fy: "zone", y: "kind", x: "value", fill: "kind", title: (d) => `${d.zone}\n${d.kind}: ${formatNumber(d.value)}` }),
      Plot.text(long, { fy: "zone", y: "kind", x: "value", text: (d) => formatNumber(d.value), dx: 4, textAnchor: "start", fill: "currentColor" }),
      Plot.text(rows, {
        fy: "zone",
        frameAnchor: "top-left",
        dx: -MARGIN_LEFT + 2,
        dy: 2,
        text: (d: ZoneRow) => `${d.zone}: netto ${formatSigned(d.net)}`,
        fontWeight: "bold",
        fill: "currentColor",
      }),
    ],
  });
}

/** "Odense, Middelfart og Nordfyns" */
function danishList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} og ${items.at(-1)}`;
}

/** The sentence that names the neighbour municipalities behind the chart's first group. */
export function neighbourSentence(name: string, neighbours: readonly string[]): string {
  const sorted = [...new Set(neighbours)].sort((a, b) => a.localeCompare(b, "da"));
  if (sorted.length === 0) return `${name} har ingen nabokommuner med fælles landgrænse.`;
  return `Nabokommuner til ${name} (fælles grænse): ${danishList(sorted)}.`;
}
