/**
 * Contacts from newcomers per community and year (the ambassador scheme): one cell per community
 * and year, darker with more contacts, the number written in it; an empty cell was not reported.
 */
import * as Plot from "@observablehq/plot";
import { formatNumber, yearTick } from "../lib/format.js";

export interface ContactCell {
  community: string;
  year: number;
  contacts: number | null;
}

export function ambassadorChart(
  cells: ContactCell[],
  { width, communities, document }: { width: number; communities: string[]; document?: Document },
): SVGSVGElement | HTMLElement {
  const years = [...new Set(cells.map((c) => c.year))].sort((a, b) => a - b);
  const reported = cells.filter((c) => c.contacts !== null);
  return Plot.plot({
    document,
    width: Math.min(width, 140 + years.length * 64),
    height: 40 + communities.length * 24,
    marginLeft: 130,
    padding: 0.06,
    x: { label: null, domain: years, tickFormat: yearTick, axis: "top", tickSize: 0 },
    y: { label: null, domain: communities, tickSize: 0 },
    color: { type: "linear", scheme: "blues", domain: [0, Math.max(1, ...reported.map((c) => c.contacts!))], legend: true, label: "Henvendelser pr. år" },
    marks: [
      Plot.cell(reported, { x: "year", y: "community", fill: "contacts", inset: 0.5 }),
      Plot.cell(
        cells.filter((c) => c.contacts === null),
        { x: "year", y: "community", fill: "white", stroke: "#bbb", strokeDasharray: "2,2", inset: 1 },
      ),
      Plot.text(cells, {
        x: "year",
        y: "community",
        text: (c: ContactCell) => (c.contacts === null ? "–" : formatNumber(c.contacts)),
        fill: (c: ContactCell) => (c.contacts !== null && c.contacts > 6 ? "white" : "black"),
      }),
    ],
  });
}
