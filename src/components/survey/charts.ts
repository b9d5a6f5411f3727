/** Charts of the preference analysis: shares with intervals, Likert distributions, importance × satisfaction. */
import * as Plot from "@observablehq/plot";
import { formatDecimal } from "../../lib/format.js";

export interface ShareRow {
  label: string;
  share: number;
  lower: number;
  upper: number;
  n: number;
  flagged: boolean;
}

const pct = (d: number) => `${formatDecimal(d * 100)} %`;

/** Top-2-box share per item with its 95 % interval; items with under 30 answers drawn hollow. */
export function shareChart(rows: ShareRow[], { width: available, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const width = Math.max(available, 480);
  const sorted = [...rows].sort((a, b) => b.share - a.share);
  return Plot.plot({
    document,
    width,
    height: 40 + 24 * sorted.length,
    marginLeft: Math.min(320, 12 + 6.5 * Math.max(...sorted.map((d) => d.label.length))),
    x: { label: "Andel, der svarer 4 eller 5 (%)", domain: [0, 100], percent: true, grid: true },
    y: { label: null, domain: sorted.map((d) => d.label) },
    marks: [
      Plot.ruleY(sorted, { y: "label", x1: "lower", x2: "upper", stroke: "#1f4e99", strokeWidth: 2 }),
      Plot.dot(sorted, { y: "label", x: "share", r: 4.5, fill: (d: ShareRow) => (d.flagged ? "white" : "#1f4e99"), stroke: "#1f4e99" }),
      Plot.tip(
        sorted,
        Plot.pointerY({
          y: "label",
          x: "share",
          title: (d: ShareRow) =>
            `${d.label}\n${pct(d.share)} (95 %-interval ${pct(d.lower)}–${pct(d.upper)})\n${d.n} svar${d.flagged ? " – under 30: usikkert" : ""}`,
        }),
      ),
    ],
  });
}

export interface DistributionRow {
  label: string;
  category: number;
  share: number;
}

/** Diverging stacked bars: answers below the middle to the left, above to the right, the middle split. */
export function likertChart(
  rows: DistributionRow[],
  { width: available, scaleLabels, document }: { width: number; scaleLabels: string[]; document?: Document },
): SVGSVGElement | HTMLElement {
  const width = Math.max(available, 480);
  const max = scaleLabels.length;
  const mid = (max + 1) / 2;
  const labels = [...new Set(rows.map((d) => d.label))];
  const segments = labels.flatMap((label) => {
    const byCat = new Map(rows.filter((d) => d.label === label).map((d) => [d.category, d.share]));
    const neutral = Number.isInteger(mid) ? (byCat.get(mid) ?? 0) : 0;
    let left = -(neutral / 2) - [...byCat].filter(([c]) => c < mid).reduce((s, [, v]) => s + v, 0);
    const out = [];
    for (let c = 1; c <= max; c++) {
      const v = byCat.get(c) ?? 0;
      out.push({ label, category: c, x1: left, x2: left + v, share: v });
      left += v;
    }
    return out;
  });
  const order = labels.sort((a, b) => {
    const pos = (l: string) => segments.filter((s) => s.label === l && s.category > mid).reduce((s, d) => s + d.share, 0);
    return pos(b) - pos(a);
  });
  return Plot.plot({
    document,
    width,
    height: 60 + 24 * labels.length,
    marginLeft: Math.min(320, 12 + 6.5 * Math.max(...labels.map((l) => l.length))),
    x: {
      label: "← uenig / utilfreds · andel af svar (%) · enig / tilfreds →",
      labelAnchor: "center",
      percent: true,
      tickFormat: (d: number) => `${Math.abs(d)}`,
      grid: true,
    },
    y: { label: null, domain: order },
    color: { type: "ordinal", domain: scaleLabels, range: ["#b3261e", "#f2a37b", "#d9d9d9", "#8fb9e3", "#1f4e99"].slice(0, max), legend: true },
    marks: [
      Plot.rectX(segments, {
        y: "label",
        x1: "x1",
        x2: "x2",
        fill: (d: { category: number }) => scaleLabels[d.category - 1],
        insetTop: 2,
        insetBottom: 2,
        title: (d: { label: string; category: number; share: number }) => `${d.label}\n${scaleLabels[d.category - 1]}: ${pct(d.share)}`,
      }),
      Plot.ruleX([0]),
    ],
  });
}

export interface QuadrantRow {
  topic: string;
  importance: number;
  satisfaction: number;
  n: number;
}

/** Importance (x) against satisfaction (y): lower right = matters most and scores worst. */
export function quadrantChart(rows: QuadrantRow[], { width, document }: { width: number; document?: Document }): SVGSVGElement | HTMLElement {
  const mi = rows.reduce((s, d) => s + d.importance, 0) / rows.length;
  const ms = rows.reduce((s, d) => s + d.satisfaction, 0) / rows.length;
  return Plot.plot({
    document,
    width,
    height: Math.min(480, width * 0.7),
    inset: 20,
    marginLeft: 60,
    marginRight: 60,
    x: { label: "Vigtighed (gennemsnit 1–5) →", grid: true, tickFormat: (d: number) => formatDecimal(d) },
    y: { label: "↑ Tilfredshed (gennemsnit 1–5)", grid: true, tickFormat: (d: number) => formatDecimal(d) },
    marks: [
      Plot.ruleX([mi], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.ruleY([ms], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.text(["Vigtigt, men lav tilfredshed: prioritér"], { frameAnchor: "bottom-right", dx: -4, dy: -4, fill: "#b3261e", fontWeight: 600 }),
      Plot.dot(rows, {
        x: "importance",
        y: "satisfaction",
        r: 6,
        fill: (d: QuadrantRow) => (d.importance >= mi && d.satisfaction < ms ? "#b3261e" : "#1f4e99"),
      }),
      Plot.text(rows, { x: "importance", y: "satisfaction", text: "topic", dy: -12, fontSize: 12, clip: false }),
      Plot.tip(
        rows,
        Plot.pointer({
          x: "importance",
          y: "satisfaction",
          title: (d: QuadrantRow) => `${d.topic}\nVigtighed ${formatDecimal(d.importance)} · tilfredshed ${formatDecimal(d.satisfaction)}\n${d.n} svar`,
        }),
      ),
    ],
  });
}

export function reasonsChart(
  rows: { label: string; share: number }[],
  { width: available, document }: { width: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const width = Math.max(available, 360);
  const sorted = [...rows].sort((a, b) => b.share - a.share);
  return Plot.plot({
    document,
    width,
    height: 40 + 26 * sorted.length,
    marginLeft: 170,
    marginRight: 50,
    x: { label: "Andel af dem, der svarede (%)", percent: true, grid: true },
    y: { label: null, domain: sorted.map((d) => d.label) },
    marks: [
      Plot.barX(sorted, { y: "label", x: "share", fill: "#1f4e99" }),
      Plot.text(sorted, { y: "label", x: "share", text: (d: { share: number }) => pct(d.share), dx: 4, textAnchor: "start" }),
      Plot.ruleX([0]),
    ],
  });
}

export interface RepresentationRow {
  /** The grouping (e.g. "Alder"), one panel each. */
  group: string;
  category: string;
  /** "Besvarelser" (the survey) or "Befolkningen" (the margin it is weighted to). */
  series: "Besvarelser" | "Befolkningen";
  share: number;
}

/** Who answered against the population: one row per category, the two shares joined by a line. */
export function representationChart(
  rows: RepresentationRow[],
  { width: available, document }: { width: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const width = Math.max(available, 420);
  // With several groupings (age and sex), each row is labelled with its grouping: "Køn: Kvinde".
  const several = new Set(rows.map((d) => d.group)).size > 1;
  const label = (d: RepresentationRow) => (several ? `${d.group}: ${d.category}` : d.category);
  const labels = [...new Set(rows.map(label))];
  const pairs = labels.map((l) => rows.filter((d) => label(d) === l)).filter((p) => p.length === 2);
  return Plot.plot({
    document,
    width,
    height: 60 + 26 * labels.length,
    marginLeft: Math.min(260, 16 + 6.5 * Math.max(...labels.map((c) => c.length))),
    // (percent: the domain is in percent, after the ×100)
    x: { label: "Andel (%)", percent: true, grid: true, domain: [0, 105 * Math.max(0.5, ...rows.map((d) => d.share))] },
    y: { label: null, domain: labels },
    color: { domain: ["Besvarelser", "Befolkningen"], range: ["#1f4e99", "#8a8a8a"], legend: true },
    marks: [
      Plot.ruleY(pairs, {
        y: (p: RepresentationRow[]) => label(p[0]),
        x1: (p: RepresentationRow[]) => p[0].share,
        x2: (p: RepresentationRow[]) => p[1].share,
        stroke: "#bbb",
        strokeWidth: 3,
      }),
      Plot.dot(rows, { y: label, x: "share", r: 5.5, fill: "series" }),
      Plot.tip(rows, Plot.pointer({ y: label, x: "share", title: (d: RepresentationRow) => `${d.group}: ${d.category}\n${d.series}: ${pct(d.share)}` })),
    ],
  });
}
