/**
 * Income per person over the years: one line per group (the municipality, its neighbours, the
 * region, the country), the municipality's line thicker and labelled with its value in the
 * baseline year and in the latest year (whole kroner, Danish format). A missing year stays a gap.
 */
import * as Plot from "@observablehq/plot";
import { withYearGaps, type GroupPoint } from "./economy.js";
import { formatKr, formatNumber, yearTick } from "../lib/format.js";

export interface IncomeChartOptions {
  width: number;
  height?: number;
  /** The municipality's group (its name): the line that is labelled. */
  name: string;
  /** Groups in legend order; the first is the municipality. */
  groups: string[];
  /** The page's baseline year (site.json); labelled when the municipality has a value for it. */
  baselineYear?: number | null;
  yLabel?: string;
  colors?: string[];
  /** The document to render into (Plot's option): a jsdom document in tests, the page's by default. */
  document?: Document;
}

/** The municipality's points to label: the baseline year (if it has a value) and the latest year. */
export function incomeLabels(points: readonly GroupPoint[], name: string, baselineYear?: number | null): GroupPoint[] {
  const mine = points.filter((d) => d.group === name && Number.isFinite(d.value)).sort((a, b) => a.year - b.year);
  const last = mine.at(-1);
  if (!last) return [];
  const base = baselineYear == null ? undefined : mine.find((d) => d.year === baselineYear);
  return base && base.year !== last.year ? [base, last] : [last];
}

export function incomeChart(points: readonly GroupPoint[], options: IncomeChartOptions): SVGSVGElement | HTMLElement {
  const { width, name, groups, baselineYear, document } = options;
  const labels = incomeLabels(points, name, baselineYear);
  const [base, last] = labels.length === 2 ? labels : [undefined, labels[0]];
  // The baseline label goes on the side of the line away from the other groups at that year
  // (above when the municipality is the higher one), so it crosses no other line: above-left or
  // below-right of the point, clear of a rising line.
  const others = base ? points.filter((d) => d.group !== name && d.year === base.year).map((d) => d.value) : [];
  const baseAbove = base ? others.filter((v) => v > base.value).length <= others.length / 2 : true;
  const label = (d: GroupPoint) => formatKr(d.value);
  // the latest value stands right of the line's end: room for "252.345 kr."
  const marginRight = last ? Math.max(20, label(last).length * 7 + 14) : 20;
  return Plot.plot({
    document,
    width,
    height: options.height ?? 320,
    marginLeft: 70,
    marginRight,
    x: { label: "År", tickFormat: yearTick },
    y: { label: options.yLabel ?? "Kr. pr. person (løbende priser)", grid: true, tickFormat: (d: number) => formatNumber(d) },
    color: { legend: true, domain: groups, range: options.colors ?? ["#1f4e99", "#3ca951", "#9aa5b1", "#222"] },
    marks: [
      Plot.line(withYearGaps(points), { x: "year", y: "value", stroke: "group", strokeWidth: (d: GroupPoint) => (d.group === name ? 2.5 : 1.5) }),
      Plot.dot(labels, { x: "year", y: "value", fill: "group", r: 3.5 }),
      last
        ? Plot.text([last], {
            x: "year",
            y: "value",
            text: label,
            textAnchor: "start",
            dx: 7,
            fill: "currentColor",
            fontWeight: "bold",
            ariaLabel: "latest value",
          })
        : null,
      base
        ? Plot.text([base], {
            x: "year",
            y: "value",
            text: (d: GroupPoint) => `${d.year}: ${label(d)}`,
            dy: baseAbove ? -10 : 12,
            dx: baseAbove ? -6 : 6,
            textAnchor: baseAbove ? "end" : "start",
            fill: "currentColor",
            stroke: "white",
            strokeWidth: 3,
            paintOrder: "stroke",
            ariaLabel: "baseline value",
          })
        : null,
      Plot.tip(points, Plot.pointer({ x: "year", y: "value", stroke: "group", title: (d: GroupPoint) => `${d.group} ${d.year}: ${formatKr(d.value)}` })),
    ],
  });
}
