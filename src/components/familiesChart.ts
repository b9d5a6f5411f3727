/**
 * Families with children by proxy (children 0–17 and adults 25–44 who move), in and out per
 * year, against the baseline year; and the plain sentence that says whether the goals are met.
 */
import * as Plot from "@observablehq/plot";
import { formatNumber, formatSigned, yearTick } from "../lib/format.js";

export interface FamilyRow {
  year: number;
  children_in: number;
  children_out: number;
  parents_in: number;
  parents_out: number;
  families_in: number;
  families_out: number;
}

const SERIES = ["Børn 0–17 til", "Børn 0–17 fra", "25–44-årige til", "25–44-årige fra"] as const;

export function familiesChart(
  rows: FamilyRow[],
  { width, baselineYear, document }: { width: number; baselineYear: number; document?: Document },
): SVGSVGElement | HTMLElement {
  const long = rows.flatMap((d) => [
    { year: d.year, series: SERIES[0], value: d.children_in },
    { year: d.year, series: SERIES[1], value: d.children_out },
    { year: d.year, series: SERIES[2], value: d.parents_in },
    { year: d.year, series: SERIES[3], value: d.parents_out },
  ]);
  const color = { legend: true, domain: [...SERIES], range: ["#3ca951", "#ff725c", "#1b7a3a", "#b3261e"] };
  const years = rows.map((d) => d.year);
  if (new Set(years).size < 3) {
    return Plot.plot({
      document,
      width,
      height: 260,
      marginLeft: 56,
      x: { label: null, axis: null, domain: [...SERIES] },
      fx: { label: "År", tickFormat: yearTick },
      y: { label: "Personer", grid: true, tickFormat: (d: number) => formatNumber(d) },
      color,
      marks: [
        Plot.barY(long, {
          fx: "year",
          x: "series",
          y: "value",
          fill: "series",
          tip: { format: { y: (d: number) => formatNumber(d), fx: yearTick, x: false } },
        }),
        Plot.text(long, { fx: "year", x: "series", y: "value", text: (d: { value: number }) => formatNumber(d.value), dy: -6, fontSize: 11 }),
        Plot.ruleY([0]),
      ],
    });
  }
  return Plot.plot({
    document,
    width,
    height: 280,
    marginLeft: 56,
    x: { label: "År", tickFormat: yearTick },
    y: { label: "Personer pr. år", grid: true, zero: true, tickFormat: (d: number) => formatNumber(d) },
    color,
    marks: [
      years.includes(baselineYear) ? Plot.ruleX([baselineYear], { stroke: "var(--theme-foreground-muted)", strokeDasharray: "4,3" }) : null,
      Plot.line(long, { x: "year", y: "value", stroke: "series", strokeWidth: 2 }),
      Plot.dot(long, { x: "year", y: "value", fill: "series", r: 2.5 }),
      Plot.tip(
        long,
        Plot.pointer({
          x: "year",
          y: "value",
          stroke: "series",
          title: (d: { series: string; year: number; value: number }) => `${d.series} ${d.year}: ${formatNumber(d.value)}`,
        }),
      ),
    ],
  });
}

/** "I 2024 flyttede 1.234 børn og 25–44-årige fra Halsnæs mod 1.100 i 2011 – målet er nået." */
export function familiesSentence(
  latest: FamilyRow | undefined,
  baseline: FamilyRow | undefined,
  { name, year, baselineYear }: { name: string; year: number; baselineYear: number },
): string {
  if (!latest) return `Ingen flytninger for ${name} i ${year} i datakilden.`;
  const now = `I ${year} flyttede ${formatNumber(latest.families_in)} børn og 25–44-årige til ${name} og ${formatNumber(latest.families_out)} fra (netto ${formatSigned(latest.families_in - latest.families_out)}).`;
  if (!baseline) return `${now} Sammenligningen med ${baselineYear} kræver flyttetal (FLY66) for ${baselineYear}, som datakilden ikke har.`;
  const outOk = latest.families_out < baseline.families_out;
  const inOk = latest.families_in >= baseline.families_in;
  return `${now} I ${baselineYear} var tallene ${formatNumber(baseline.families_in)} til og ${formatNumber(baseline.families_out)} fra. Færre fraflyttede end i ${baselineYear}: ${outOk ? "ja – målet er nået" : "nej – målet er ikke nået"}. Mindst lige så mange tilflyttede som i ${baselineYear}: ${inOk ? "ja – målet er nået" : "nej – målet er ikke nået"}.`;
}
