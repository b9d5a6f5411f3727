/**
 * The charts of /digitalisering: the channel mix per year (stacked bars, one shade and a pattern
 * of order per channel, labelled in the legend and the table beside), and a share per year
 * against a goal (line with dots, the goal as a dashed rule labelled in words).
 */
import * as Plot from "@observablehq/plot";
import { CHANNELS } from "../lib/channels.js";
import { formatDecimal, formatNumber, yearSpan, yearTick, yearTicks } from "../lib/format.js";

export interface MixPoint {
  year: number;
  channel: string;
  inquiries: number;
  share: number;
}

// Analogue channels in warm tones, digital in blues; darker for self-service with integration.
const CHANNEL_COLOURS = ["#b35806", "#e08214", "#6baed6", "#fdb863", "#8c510a", "#3182bd", "#08519c"];

export function channelMixChart(points: MixPoint[], { width, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const span = yearSpan(points.map((d) => d.year));
  const order = CHANNELS.map((c) => c.short);
  return Plot.plot({
    document,
    width,
    height: 300,
    marginLeft: 48,
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
  { width, goal, goalYear, label, document }: { width: number; goal: number; goalYear: number; label: string; document?: Document },
): SVGSVGElement | HTMLElement {
  const span = yearSpan(points.map((d) => d.year));
  return Plot.plot({
    document,
    width,
    height: 240,
    marginLeft: 48,
    marginRight: 20,
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
    ],
  });
}
