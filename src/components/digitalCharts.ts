/**
 * The charts of /digitalisering: the channel mix per year (stacked bars, one shade and a pattern
 * of order per channel, labelled in the legend and the table beside), and a share per year
 * against a goal (line with dots, the goal as a dashed rule labelled in words). Drawn from example
 * files (`example`), each chart carries the "Eksempeldata" badge in its own SVG, above the plot at
 * the right, so the chart saved as SVG or PNG (or cut out of a screenshot) still says so.
 */
import * as Plot from "@observablehq/plot";
import { CHANNELS } from "../lib/channels.js";
import { EXAMPLE_LABEL } from "../lib/example.js";
import { formatDecimal, formatNumber, yearSpan, yearTick, yearTicks } from "../lib/format.js";

/** The top margin that leaves room for the example badge above the plot. */
const EXAMPLE_MARGIN_TOP = 34;

/** The badge's size in the SVG: room for "Eksempeldata" in 12 px bold, whatever the font. */
const BADGE = { width: 108, height: 18 };

/**
 * The "Eksempeldata" badge as a mark: white bold text on the page badge's purple rectangle
 * (src/style.css .example-badge), in the top margin at the right.
 */
function exampleMark(): Plot.RenderFunction {
  return (_index, _scales, _values, dimensions, context) => {
    const svg = (name: string, attributes: Record<string, string | number>) => {
      const element = context.document.createElementNS("http://www.w3.org/2000/svg", name);
      for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, String(v));
      return element;
    };
    const x = dimensions.width - dimensions.marginRight - BADGE.width;
    const y = dimensions.marginTop - BADGE.height - 8;
    const g = svg("g", { class: "example-mark", "aria-label": EXAMPLE_LABEL });
    const text = svg("text", { x: x + BADGE.width / 2, y: y + 13, "text-anchor": "middle", fill: "white", "font-weight": 700, "font-size": 12 });
    text.textContent = EXAMPLE_LABEL;
    g.append(svg("rect", { x, y, width: BADGE.width, height: BADGE.height, rx: 3, fill: "#6b2c91" }), text);
    return g as SVGGElement;
  };
}

export interface MixPoint {
  year: number;
  channel: string;
  inquiries: number;
  share: number;
}

// Analogue channels in warm tones, digital in blues; darker for self-service with integration.
const CHANNEL_COLOURS = ["#b35806", "#e08214", "#6baed6", "#fdb863", "#8c510a", "#3182bd", "#08519c"];

export function channelMixChart(
  points: MixPoint[],
  { width, document, example = false }: { width: number; document?: Document; example?: boolean },
): SVGSVGElement | HTMLElement {
  const span = yearSpan(points.map((d) => d.year));
  const order = CHANNELS.map((c) => c.short);
  return Plot.plot({
    document,
    width,
    height: 300,
    marginLeft: 48,
    ...(example ? { marginTop: EXAMPLE_MARGIN_TOP } : {}),
    x: { label: "År", domain: span, ticks: yearTicks(span, width), tickFormat: yearTick, type: "band", padding: 0.15 },
    y: { label: "Andel af henvendelserne (%)", domain: [0, 100], grid: true, tickFormat: (d: number) => formatNumber(d) },
    color: { legend: true, domain: order, range: CHANNEL_COLOURS },
    marks: [
      Plot.barY(points, { x: "year", y: (d: MixPoint) => 100 * d.share, fill: "channel", order, stroke: "white", strokeWidth: 0.5 }),
      Plot.ruleY([0]),
      Plot.tip(
        points,
        Plot.pointer(
          Plot.stackY({
            x: "year",
            y: (d: MixPoint) => 100 * d.share,
            z: "channel",
            order,
            title: (d: MixPoint) => `${d.year}, ${d.channel}: ${formatNumber(d.inquiries)} henvendelser (${formatDecimal(100 * d.share)} %)`,
          }),
        ),
      ),
      example ? exampleMark() : null,
    ],
  });
}

export interface SharePoint {
  year: number;
  /** 0–1. */
  share: number;
}

export function shareGoalChart(
  points: SharePoint[],
  {
    width,
    goal,
    goalYear,
    label,
    document,
    example = false,
  }: { width: number; goal: number; goalYear: number; label: string; document?: Document; example?: boolean },
): SVGSVGElement | HTMLElement {
  const span = yearSpan(points.map((d) => d.year));
  return Plot.plot({
    document,
    width,
    height: 240,
    marginLeft: 48,
    marginRight: 20,
    ...(example ? { marginTop: EXAMPLE_MARGIN_TOP } : {}),
    x: { label: "År", domain: [span[0], span.at(-1)!], ticks: yearTicks(span, width), tickFormat: yearTick },
    y: { label, domain: [0, 100], grid: true, tickFormat: (d: number) => formatNumber(d) },
    marks: [
      Plot.ruleY([100 * goal], { stroke: "#333", strokeDasharray: "4,3" }),
      Plot.text([100 * goal], {
        x: span[0],
        y: (d: number) => d,
        text: () => `Mål: ${formatNumber(100 * goal)} % i ${goalYear}`,
        dy: -7,
        textAnchor: "start",
        fill: "#333",
      }),
      Plot.line(points, { x: "year", y: (d: SharePoint) => 100 * d.share, stroke: "#08519c", strokeWidth: 2 }),
      Plot.dot(points, { x: "year", y: (d: SharePoint) => 100 * d.share, fill: "#08519c", r: 3 }),
      Plot.tip(
        points,
        Plot.pointerX({ x: "year", y: (d: SharePoint) => 100 * d.share, title: (d: SharePoint) => `${d.year}: ${formatDecimal(100 * d.share)} %` }),
      ),
      example ? exampleMark() : null,
    ],
  });
}
