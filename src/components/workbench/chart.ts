/**
 * The workbench's quick chart of a query result: a line over the period column, bars per
 * category (the chosen municipality highlighted), or a map of the municipalities, with Plot.
 */
import * as Plot from "@observablehq/plot";
import type { Topology } from "topojson-specification";
import { municipalityFeatures } from "../flowMap.js";
import { formatNumber, locale, yearTick } from "../../lib/format.js";
import { asCode, columnDecimals, isSummaryRow, labelColumn, latestPeriodRows, periodValue, type ChartType, type ColumnRoles, type Row } from "./infer.js";

export interface ChartInput {
  type: Exclude<ChartType, "none">;
  /** The numeric column to draw. */
  value: string;
  roles: ColumnRoles;
  rows: Row[];
  width: number;
  /** The chosen municipality (highlighted) and municipality names by code. */
  kommune: string;
  names: ReadonlyMap<string, string>;
  topology?: Topology;
  /** The document to render into (Plot's option): a jsdom document in tests, the page's by default. */
  document?: Document;
}

export interface Chart {
  node: Element;
  /** A sentence for screen readers. */
  summary: string;
  /** What was left out or chosen ("seneste periode: 2024", "de 40 største af 98"). */
  note: string | null;
}

const tick = locale.format(",~f");
const MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];
const dateTick = (d: Date) => (d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`);
const MAX_BARS = 40;

function numeric(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export function resultChart(input: ChartInput): Chart {
  if (input.type === "line") return lineChart(input);
  if (input.type === "map") return mapChart(input);
  return barChart(input);
}

function lineChart({ value, roles, rows, width, names, document }: ChartInput): Chart {
  const period = roles.period!;
  const series = roles.categories[0] ?? roles.codes;
  // Codes as series are named by their municipality: 461 -> Odense.
  const seriesLabel = (v: unknown) => (v === null || v === undefined ? "–" : series === roles.codes ? (names.get(asCode(v) ?? "") ?? String(v)) : String(v));
  const data = rows
    .map((r) => ({ x: periodValue(r[period]), y: numeric(r[value]), s: series ? seriesLabel(r[series]) : "" }))
    .filter((d): d is { x: number | Date; y: number; s: string } => d.x !== null && d.y !== null)
    .sort((a, b) => +a.x - +b.x);
  const seriesCount = new Set(data.map((d) => d.s)).size;
  const years = typeof data[0]?.x === "number";
  const yearTicks = years ? [...new Set(data.map((d) => d.x as number))] : [];
  const ys = data.map((d) => d.y);
  const decimals = columnDecimals(ys);
  const node = Plot.plot({
    document,
    width,
    height: Math.min(420, Math.max(260, Math.round(width * 0.45))),
    marginLeft: 64,
    x: years
      ? { label: period, tickFormat: (d: number) => (Number.isInteger(d) ? yearTick(d) : ""), ...(yearTicks.length <= 12 ? { ticks: yearTicks } : {}) }
      : { label: period, type: "utc", tickFormat: dateTick },
    y: { label: value, grid: true, tickFormat: tick, zero: Math.min(...ys) < 0 },
    color: seriesCount > 1 ? { legend: seriesCount <= 12, label: series ?? undefined } : undefined,
    marks: [
      Math.min(...ys) < 0 ? Plot.ruleY([0]) : null,
      Plot.lineY(data, { x: "x", y: "y", z: "s", stroke: seriesCount > 1 ? "s" : "#1f4e99", strokeWidth: seriesCount > 12 ? 1 : 2 }),
      data.length <= 300 ? Plot.dot(data, { x: "x", y: "y", fill: seriesCount > 1 ? "s" : "#1f4e99", r: 2.5 }) : null,
      Plot.tip(
        data,
        Plot.pointer({
          x: "x",
          y: "y",
          title: (d: { x: number | Date; y: number; s: string }) =>
            `${d.s ? `${d.s}\n` : ""}${years ? d.x : dateTick(d.x as Date)}: ${formatNumber(d.y, decimals)}`,
        }),
      ),
    ],
  });
  return {
    node,
    summary: `Linjediagram: ${value} efter ${period}${seriesCount > 1 ? `, ${seriesCount} serier efter ${series}` : ""}, ${data.length} punkter.`,
    note: seriesCount > 12 ? `${seriesCount} serier – for mange til en forklaring; afgræns forespørgslen.` : null,
  };
}

function barChart({ value, roles, rows, width, kommune, names, document }: ChartInput): Chart {
  let data: { label: string; value: number; chosen: boolean }[];
  let note: string | null = null;
  if (isSummaryRow(roles, rows)) {
    data = roles.values.map((c) => ({ label: c, value: numeric(rows[0][c]) ?? 0, chosen: false }));
  } else {
    const label = labelColumn(roles)!;
    const usePeriodFilter = label !== roles.period;
    const { rows: latest, latest: latestPeriod } = usePeriodFilter ? latestPeriodRows(rows, roles.period) : { rows, latest: null };
    if (usePeriodFilter && latest.length < rows.length) note = `Seneste periode: ${latestPeriod}.`;
    // A code as label is named: "461" -> "Odense (461)". The chosen municipality is the bar whose
    // label is its code, or whose row has its code beside a name.
    const labelCode = (r: Row) => {
      const c = asCode(r[label]);
      return c && names.has(c) ? c : null;
    };
    const labelText = (r: Row) => {
      const c = labelCode(r);
      return c ? `${names.get(c)} (${c})` : String(r[label] ?? "–");
    };
    const rowChosen = (r: Row) => {
      const c = labelCode(r);
      return c ? c === kommune : roles.codes ? asCode(r[roles.codes]) === kommune : false;
    };
    data = latest
      .map((r) => ({ label: labelText(r), value: numeric(r[value]), chosen: rowChosen(r) }))
      .filter((d): d is { label: string; value: number; chosen: boolean } => d.value !== null);
    // Several rows per label (age groups of many municipalities): one bar with their sum.
    if (new Set(data.map((d) => d.label)).size < data.length) {
      const sums = new Map<string, { label: string; value: number; chosen: boolean }>();
      const byLabel = new Map(latest.map((r) => [labelText(r), labelCode(r) === kommune]));
      for (const d of data) {
        const x = sums.get(d.label) ?? { label: d.label, value: 0, chosen: byLabel.get(d.label) ?? false };
        x.value += d.value;
        sums.set(d.label, x);
      }
      note = `${note ? `${note} ` : ""}Summen af ${formatNumber(data.length)} rækker pr. ${label}.`;
      data = [...sums.values()];
    }
    if (!roles.period || label !== roles.period) data.sort((a, b) => b.value - a.value);
    if (data.length > MAX_BARS) {
      const all = data.length;
      data = [...data]
        .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
        .slice(0, MAX_BARS)
        .sort((a, b) => b.value - a.value);
      note = `${note ? `${note} ` : ""}De ${MAX_BARS} største af ${formatNumber(all)} vises.`;
    }
  }
  const decimals = columnDecimals(data.map((d) => d.value));
  const longest = Math.max(4, ...data.map((d) => d.label.length));
  const anyChosen = data.some((d) => d.chosen);
  const node = Plot.plot({
    document,
    width,
    height: 40 + data.length * 24,
    marginLeft: Math.min(260, 12 + longest * 7),
    marginRight: 64,
    x: { label: isSummaryRow(roles, rows) ? null : value, grid: true, tickFormat: tick },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, { x: "value", y: "label", fill: (d: { chosen: boolean }) => (d.chosen ? "#1f4e99" : anyChosen ? "#9db4d6" : "#1f4e99") }),
      Plot.ruleX([0]),
      Plot.text(data, {
        x: "value",
        y: "label",
        text: (d: { value: number }) => formatNumber(d.value, decimals),
        textAnchor: "start",
        dx: 4,
        fill: "currentColor",
      }),
    ],
  });
  return {
    node,
    summary: `Søjlediagram med ${data.length} søjler: ${data
      .slice(0, 5)
      .map((d) => `${d.label} ${formatNumber(d.value, decimals)}`)
      .join(", ")}${data.length > 5 ? " …" : ""}.`,
    note: anyChosen ? `${note ? `${note} ` : ""}Den valgte kommune er mørkere.` : note,
  };
}

function mapChart({ value, roles, rows, width, kommune, names, topology, document }: ChartInput): Chart {
  if (!topology) throw new Error("kommunegrænserne er ikke hentet");
  const collection = municipalityFeatures(topology);
  const { rows: latest, latest: latestPeriod } = latestPeriodRows(rows, roles.period);
  const byCode = new Map<string, number>();
  for (const r of latest) {
    const code = asCode(r[roles.codes!]);
    const v = numeric(r[value]);
    if (code && v !== null) byCode.set(code, v);
  }
  const values = [...byCode.values()];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const diverging = min < 0 && max > 0;
  const extent = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const decimals = columnDecimals(values);
  const withData = collection.features.filter((f) => byCode.has(f.properties.code));
  const node = Plot.plot({
    document,
    width,
    height: Math.min(640, Math.round(width * 0.72)),
    projection: { type: "transverse-mercator", rotate: [-11, -56], domain: collection, inset: 8 },
    color: diverging
      ? { type: "diverging", scheme: "RdBu", domain: [-extent, extent], label: value, legend: true, tickFormat: tick }
      : { type: "linear", scheme: "Blues", domain: [Math.min(0, min), max], label: value, legend: true, tickFormat: tick },
    marks: [
      Plot.geo(collection.features, { fill: "#eeeeee", stroke: "white", strokeWidth: 0.5 }),
      Plot.geo(withData, { fill: (d: { properties: { code: string } }) => byCode.get(d.properties.code), stroke: "white", strokeWidth: 0.5 }),
      Plot.geo(
        collection.features.filter((d) => d.properties.code === kommune),
        { stroke: "black", strokeWidth: 1.5, fill: "none" },
      ),
      Plot.tip(
        withData,
        Plot.pointer(
          Plot.geoCentroid({
            title: (d: { properties: { code: string; name: string } }) =>
              `${names.get(d.properties.code) ?? d.properties.name}\n${value}: ${formatNumber(byCode.get(d.properties.code), decimals)}`,
          }),
        ),
      ),
    ],
  });
  const sorted = [...byCode].sort((a, b) => b[1] - a[1]);
  const name = (code: string) => names.get(code) ?? code;
  const notes = [
    latest.length < rows.length ? `Seneste periode: ${latestPeriod}.` : null,
    `${formatNumber(byCode.size)} af ${collection.features.length} områder på kortet har en værdi${byCode.size < collection.features.length ? "; de øvrige er grå" : ""}. Den valgte kommune har sort kant.`,
  ];
  return {
    node,
    summary: `Kort over ${value} i ${byCode.size} kommuner. Højest: ${sorted
      .slice(0, 3)
      .map(([c, v]) => `${name(c)} ${formatNumber(v, decimals)}`)
      .join(", ")}. Lavest: ${sorted
      .slice(-3)
      .reverse()
      .map(([c, v]) => `${name(c)} ${formatNumber(v, decimals)}`)
      .join(", ")}.`,
    note: notes.filter(Boolean).join(" "),
  };
}
