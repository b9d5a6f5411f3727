/**
 * Rates per 1,000 inhabitants of the municipality against its comparison group, over the years:
 * one small chart per measure (tilflytning, fraflytning, netto …), each with its own y scale, the
 * municipality as a solid line and the group as a dashed one. Every year of the span has a place
 * on the axis; a year without a figure breaks the line (never a line across a gap, never 0), and
 * a series with no figure at all is drawn as nothing, with "mangler" in the panel.
 */
import * as Plot from "@observablehq/plot";
import { formatDecimal, formatNumber, formatSigned, yearSpan, yearTick, yearTicks } from "../lib/format.js";

export interface GroupRatePoint {
  /** The panel: "Tilflytning", "Fraflytning", "Netto". */
  measure: string;
  /** The municipality's name or the group's label. */
  series: string;
  year: number;
  value: number | null;
}

export interface GroupRateOptions {
  width: number;
  /** The panels in order; signed: values written with + and − (net). */
  measures: readonly { name: string; signed?: boolean }[];
  /** The municipality's series name and the group's (null: no group to draw). */
  self: string;
  group: string | null;
  /** The unit on the y axis, e.g. "Pr. 1.000 indbyggere". */
  unit: string;
  document?: Document;
}

const SELF_COLOR = "#1f4e99";
const GROUP_COLOR = "#6b6b6b";

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

export function groupRateChart(points: readonly GroupRatePoint[], options: GroupRateOptions): HTMLElement {
  const { width, measures, self, group, unit } = options;
  const doc = options.document ?? document;
  const series = group ? [self, group] : [self];
  const span = yearSpan(points.map((p) => p.year));
  const wrap = doc.createElement("div");
  wrap.className = "group-rate-chart";
  wrap.style.display = "flex";
  wrap.style.flexWrap = "wrap";
  wrap.style.gap = "0.5rem 1rem";
  // the legend once, above the panels: a solid line for the municipality, a dashed one for the group
  const legend = doc.createElement("div");
  legend.className = "group-rate-legend";
  legend.style.flexBasis = "100%";
  legend.style.display = "flex";
  legend.style.gap = "1rem";
  legend.style.fontSize = "12px";
  series.forEach((s, i) => {
    const item = doc.createElement("span");
    const swatch = doc.createElementNS("http://www.w3.org/2000/svg", "svg");
    swatch.setAttribute("width", "24");
    swatch.setAttribute("height", "10");
    swatch.setAttribute("aria-hidden", "true");
    swatch.style.marginRight = "4px";
    const line = doc.createElementNS("http://www.w3.org/2000/svg", "line");
    for (const [k, v] of Object.entries({
      x1: "0",
      x2: "24",
      y1: "5",
      y2: "5",
      stroke: i === 0 ? SELF_COLOR : GROUP_COLOR,
      "stroke-width": i === 0 ? "2.5" : "1.5",
    }))
      line.setAttribute(k, v);
    if (i > 0) line.setAttribute("stroke-dasharray", "5,3");
    swatch.append(line);
    item.append(swatch, doc.createTextNode(s));
    legend.append(item);
  });
  wrap.append(legend);
  const perRow = width >= 720 ? measures.length : width >= 460 ? Math.min(2, measures.length) : 1;
  const panelWidth = Math.max(200, Math.floor((width - (perRow - 1) * 16) / perRow));
  for (const m of measures) {
    // every year of the span for each series: a missing one is null, which breaks the line
    const data = series.flatMap((s) =>
      span.map((year) => {
        const p = points.find((d) => d.measure === m.name && d.series === s && d.year === year);
        return { series: s, year, value: finite(p?.value) ? p!.value : null };
      }),
    );
    const drawn = data.filter((d) => d.value !== null);
    const fmt = (v: number) => (m.signed ? formatSigned(v, 1) : formatDecimal(v));
    const absent = series.filter((s) => !drawn.some((d) => d.series === s));
    const panel = Plot.plot({
      document: doc,
      width: panelWidth,
      height: 220,
      marginLeft: 48,
      marginTop: 28,
      title: m.name,
      x: { type: "point", domain: span, label: null, ticks: yearTicks(span, panelWidth - 60), tickFormat: yearTick, padding: 0.5 },
      y: {
        label: unit,
        grid: true,
        nice: true,
        zero: !m.signed,
        tickFormat: (d: number) => (m.signed ? formatSigned(d, Number.isInteger(d) ? 0 : 1) : Number.isInteger(d) ? formatNumber(d) : formatDecimal(d)),
      },
      color: { domain: series, range: [SELF_COLOR, GROUP_COLOR].slice(0, series.length) },
      marks: [
        m.signed ? Plot.ruleY([0], { stroke: "#999" }) : null,
        group
          ? Plot.line(
              data.filter((d) => d.series === group),
              { x: "year", y: "value", stroke: "series", strokeWidth: 1.5, strokeDasharray: "5,3" },
            )
          : null,
        Plot.line(
          data.filter((d) => d.series === self),
          { x: "year", y: "value", stroke: "series", strokeWidth: 2.5 },
        ),
        Plot.dot(drawn, { x: "year", y: "value", fill: "series", r: (d: { series: string }) => (d.series === self ? 3.5 : 2.5) }),
        absent.length ? Plot.text([`${absent.join(" og ")}: data mangler`], { frameAnchor: "top-left", dy: -18, dx: 4, fontSize: 11, fill: "#6b6b6b" }) : null,
        Plot.tip(
          drawn,
          Plot.pointer({
            x: "year",
            y: "value",
            title: (d: { series: string; year: number; value: number }) => `${d.series} ${d.year}\n${m.name}: ${fmt(d.value)} ${unit.toLowerCase()}`,
          }),
        ),
      ],
    }) as HTMLElement;
    panel.dataset.measure = m.name;
    wrap.append(panel);
  }
  return wrap;
}
