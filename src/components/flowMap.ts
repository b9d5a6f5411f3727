/**
 * Flow map: municipalities coloured by their moves with the chosen municipality (in, out or net),
 * arrows from or to the ten largest counterparts, the chosen municipality dark and outlined. A
 * municipality without a row had no moves (FLY66 is BULK: zero cells are left out) and is coloured
 * as 0; one whose row has no figure is hatched grey ("Ingen tal"), never coloured as 0. Clicking a
 * municipality calls `onSelect` with its code.
 *
 * `createFlowMap` draws the base (one path per municipality, its borders, the click handling) once
 * per width; `update` then only recolours those same paths, joins the arrows and moves the outline
 * of the chosen municipality (d3 selections), so a change of municipality, year, age group or
 * direction never draws the 99 shapes again. `flowMap` is the one-off form (tests, snapshots).
 */
import * as Plot from "@observablehq/plot";
import { geoClipRectangle, geoPath, geoTransform, geoTransverseMercator, select, type GeoStreamWrapper } from "d3";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Feature, FeatureCollection, MultiPolygon } from "geojson";
import { formatNumber, formatSigned } from "../lib/format.js";

export type Direction = "ind" | "ud" | "netto";

export interface CounterpartFlow {
  counterpart: string;
  in_movers: number | null;
  out_movers: number | null;
  net: number | null;
}

type MunicipalityFeature = Feature<MultiPolygon, { code: string; name: string }>;

// The features of a topology, made once per topology.
const featuresOf = new WeakMap<Topology, FeatureCollection<MultiPolygon, { code: string; name: string }>>();

export function municipalityFeatures(topology: Topology): FeatureCollection<MultiPolygon, { code: string; name: string }> {
  let collection = featuresOf.get(topology);
  if (!collection) {
    const object = topology.objects.kommuner as GeometryCollection<{ code: string; name: string }>;
    collection = feature(topology, object) as unknown as FeatureCollection<MultiPolygon, { code: string; name: string }>;
    featuresOf.set(topology, collection);
  }
  return collection;
}

/**
 * Denmark's extent in degrees, from Esbjerg/Blåvandshuk in the west to Christiansø east of
 * Bornholm (code 400), from Gedser in the south to Skagen in the north.
 */
export const DENMARK_EXTENT: [[number, number], [number, number]] = [
  [8.0, 54.55],
  [15.2, 57.76],
];

/**
 * What a map of municipalities is fitted to: the whole country, Bornholm included, whatever
 * features the map draws or colours, so that no part of Denmark is ever cut off at an edge.
 */
export function countryDomain(collection: FeatureCollection): FeatureCollection {
  const [[w, s], [e, n]] = DENMARK_EXTENT;
  const corners: Feature = {
    type: "Feature",
    properties: {},
    geometry: {
      type: "MultiPoint",
      coordinates: [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
      ],
    },
  };
  return { type: "FeatureCollection", features: [...collection.features, corners] };
}

/** The flow in the map's direction; null where the source has no figure. */
export function flowValue(f: CounterpartFlow, direction: Direction): number | null {
  const v = direction === "ind" ? f.in_movers : direction === "ud" ? f.out_movers : f.net;
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** The fill of the chosen municipality (outside the colour scale) and of one without figures. */
export const CHOSEN_FILL = "#444";
const NO_DATA_LABEL = "Ingen tal";
const INSET = 8;

/** The colour scale of a direction over the flows shown: what the legend shows and the fills use. */
export function flowColorScale(flows: CounterpartFlow[], direction: Direction): Plot.ScaleOptions & { domain: [number, number] } {
  const label = direction === "ind" ? "Tilflyttede fra kommunen" : direction === "ud" ? "Fraflyttede til kommunen" : "Nettotilflytning (til − fra)";
  const values = flows.map((f) => flowValue(f, direction)).filter((v): v is number => v !== null);
  if (direction === "netto") {
    const extent = Math.max(1, ...values.map(Math.abs));
    return { type: "diverging", scheme: "RdBu", domain: [-extent, extent], label, tickFormat: (d: number) => formatSigned(d) };
  }
  return {
    type: "sqrt",
    scheme: direction === "ind" ? "Greens" : "Oranges",
    domain: [0, Math.max(1, ...values)],
    label,
    tickFormat: (d: number) => formatNumber(d),
  };
}

/**
 * Plot's transverse-mercator fitted to Denmark (as `projection: {type, rotate, domain, inset}`
 * fits it), made here so that the arrows drawn later land on the same points as the shapes.
 */
function fittedProjection(collection: FeatureCollection, width: number, height: number): GeoStreamWrapper {
  const dx = width - 2 * INSET;
  const dy = height - 2 * INSET;
  const tau = 2 * Math.PI;
  const base = geoTransverseMercator()
    .precision(0.15)
    .rotate([-11, -56])
    .scale(Math.min(dx / tau, dy / tau))
    .translate([dx / 2, dy / 2]);
  const [[x0, y0], [x1, y1]] = geoPath(base).bounds(countryDomain(collection));
  const k = Math.min(dx / (x1 - x0), dy / (y1 - y0));
  const tx = INSET - (k * (x0 + x1) - dx) / 2;
  const ty = INSET - (k * (y0 + y1) - dy) / 2;
  const transform = geoTransform({
    point(x, y) {
      this.stream.point(x * k + tx, y * k + ty);
    },
  });
  const clip = geoClipRectangle(0, 0, width, height);
  return { stream: (s) => base.stream(transform.stream(clip(s))) };
}

function projectPoint(projection: GeoStreamWrapper, [lon, lat]: [number, number]): [number, number] | null {
  let out: [number, number] | null = null;
  projection.stream({ point: (x: number, y: number) => (out = [x, y]) } as never).point(lon, lat);
  return out;
}

interface Arrow {
  name: string;
  from: [number, number];
  to: [number, number];
  inward: boolean;
  value: number;
}

/**
 * The path of one arrow as Plot.arrow draws it with `bend: true`, `headLength: 15`,
 * `headAngle: 50` and a stroke-width channel (wings of 10 px, at most a third of the line).
 */
function arrowPath([x1, y1]: [number, number], [x2, y2]: [number, number], insetStart: number, insetEnd: number): string | null {
  const lineLength = Math.hypot(x2 - x1, y2 - y1);
  if (lineLength <= insetStart + insetEnd) return null;
  let lineAngle = Math.atan2(y2 - y1, x2 - x1);
  const headLength = Math.min(10, lineLength / 3);
  const bendAngle = (22.5 * Math.PI) / 180;
  const wingAngle = (50 * Math.PI) / 180 / 2;
  const r = Math.hypot(lineLength / Math.tan(bendAngle), lineLength) / 2;
  // the circle through both ends, and where it meets a circle of the inset around each end
  const dx = x2 - x1;
  const dy = y2 - y1;
  const kc = Math.sqrt(r * r - (lineLength * lineLength) / 4) / lineLength;
  const cx = (x1 + x2) / 2 - dy * kc;
  const cy = (y1 + y2) / 2 + dx * kc;
  const meet = ([bx, by, br]: [number, number, number], sign: number): [number, number] => {
    const ex = bx - cx;
    const ey = by - cy;
    const d = Math.hypot(ex, ey);
    const x = (ex * ex + ey * ey - br * br + r * r) / (2 * d);
    const y = sign * Math.sqrt(r * r - x * x);
    return [cx + (ex * x + ey * y) / d, cy + (ey * x - ex * y) / d];
  };
  const [sx, sy] = meet([x1, y1, insetStart], -1);
  const [ex, ey] = meet([x2, y2, insetEnd], 1);
  lineAngle += Math.atan2(ey - cy, ex - cx) - Math.atan2(y2 - cy, x2 - cx);
  const endAngle = lineAngle + bendAngle;
  const [lx, ly] = [ex - headLength * Math.cos(endAngle + wingAngle), ey - headLength * Math.sin(endAngle + wingAngle)];
  const [rx, ry] = [ex - headLength * Math.cos(endAngle - wingAngle), ey - headLength * Math.sin(endAngle - wingAngle)];
  return `M${sx},${sy}A${r},${r} 0,0,1 ${ex},${ey}M${lx},${ly}L${ex},${ey}L${rx},${ry}`;
}

export interface FlowMapState {
  area: string;
  direction: Direction;
  onSelect?: (code: string) => void;
}

export interface FlowMapView {
  /** The map (legend and shapes): the same element after every update and resize. */
  readonly node: HTMLElement;
  /** New flows: recolour the shapes, redraw the arrows, outline the chosen municipality. */
  update(flows: CounterpartFlow[], state: FlowMapState): FlowMapView;
  /** The map at a width: the base is drawn again only when the width changed. */
  render(width: number): HTMLElement;
}

export function createFlowMap(
  topology: Topology,
  options: {
    centroids: Map<string, [number, number]>;
    /** The document to render into (Plot's option): a jsdom document in tests, the page's by default. */
    document?: Document;
  },
): FlowMapView {
  const doc = options.document ?? globalThis.document;
  const { centroids } = options;
  const collection = municipalityFeatures(topology);
  const features = collection.features as MunicipalityFeature[];
  // (the same id in every map: the pattern is the same, and an exported SVG carries its own)
  const hatch = "flow-map-no-data";
  // the legend's wrapper ends in "swatches", so the card's SVG/PNG download takes the map, not the ramp
  const node = doc.createElement("div");
  node.className = "flow-map";
  const legend = doc.createElement("div");
  legend.className = "flow-map-legend swatches";
  legend.style.cssText = "display:flex;flex-wrap:wrap;align-items:flex-end;gap:0.25rem 1rem;font-size:10px;font-family:system-ui, sans-serif";
  node.append(legend);

  let flows: CounterpartFlow[] = [];
  let state: FlowMapState | null = null;
  let base: { width: number; svg: SVGSVGElement; paths: SVGPathElement[]; projection: GeoStreamWrapper; centres: [number, number][] } | null = null;
  let legendKey = "";

  function drawBase(width: number): void {
    const height = Math.min(640, Math.round(width * 0.72));
    const projection = fittedProjection(collection, width, height);
    const svg = Plot.plot({
      document: doc,
      width,
      height,
      // no margins: the projection above is fitted to the whole frame, inset by INSET
      margin: 0,
      projection,
      marks: [Plot.geo(features, { fill: "#eee", stroke: "white", strokeWidth: 0.5 })],
    }) as unknown as SVGSVGElement;
    const geo = svg.querySelector('g[aria-label="geo"]')!;
    // one path per feature, in the features' order
    const paths = [...geo.querySelectorAll<SVGPathElement>("path")];
    paths.forEach((path, i) => {
      const code = features[i].properties.code;
      path.setAttribute("data-code", code);
      path.addEventListener("click", () => {
        if (state?.onSelect && code !== state.area) state.onSelect(code);
      });
    });
    const path = geoPath(projection);
    const centres = features.map((f) => path.centroid(f));
    const overlay = select(svg);
    overlay
      .insert("defs", "g")
      .html(
        `<pattern id="${hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
          `<rect width="6" height="6" fill="#e4e4e4"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#a0a0a0" stroke-width="2"></line></pattern>`,
      );
    overlay
      .append("g")
      .attr("aria-label", "geo")
      .attr("class", "flow-map-chosen")
      .attr("fill", CHOSEN_FILL)
      .attr("stroke", "black")
      .attr("stroke-width", 1.5)
      .attr("stroke-linejoin", "round")
      .attr("stroke-linecap", "round");
    // heads on every arrow, dark with a white halo so they stand out on the dark chosen
    // municipality and on any colour of the scale
    for (const inward of [true, false])
      for (const halo of [true, false]) {
        const g = overlay
          .append("g")
          .attr("aria-label", "arrow")
          .attr("class", `flow-map-arrows ${inward ? "inward" : "outward"}${halo ? " halo" : ""}`)
          .attr("fill", "none")
          .attr("stroke", halo ? "white" : "#111")
          .attr("stroke-opacity", 0.9)
          .attr("stroke-linecap", "round")
          .attr("stroke-miterlimit", 1);
        // the halo is decoration; the arrows themselves are described
        if (halo) g.attr("aria-hidden", "true");
        else g.attr("aria-description", "Pile fra fraflytningskommune til tilflytningskommune");
      }
    const tip = overlay.append("g").attr("class", "flow-map-tip").attr("aria-hidden", "true").attr("pointer-events", "none").attr("display", "none");
    tip.append("rect").attr("fill", "white").attr("stroke", "#888").attr("rx", 2);
    tip.append("text").attr("font-size", 11).attr("text-anchor", "start");
    geo.addEventListener("pointermove", (e) => {
      const i = paths.indexOf(e.target as SVGPathElement);
      if (i < 0) return;
      showTip(i);
    });
    geo.addEventListener("pointerleave", () => tip.attr("display", "none"));
    base?.svg.remove();
    node.append(svg);
    base = { width, svg, paths, projection, centres };
  }

  function showTip(i: number): void {
    if (!base || !state) return;
    const f = features[i];
    const flow = flows.find((d) => d.counterpart === f.properties.code);
    const lines =
      f.properties.code === state.area
        ? [f.properties.name, "(valgt kommune)"]
        : flow
          ? [
              f.properties.name,
              `Til: ${formatNumber(flow.in_movers)} · Fra: ${formatNumber(flow.out_movers)} · Netto: ${flow.net === null ? "–" : formatSigned(flow.net)}`,
            ]
          : [f.properties.name, "Til: 0 · Fra: 0 · Netto: 0 (ingen flytninger)"];
    const tip = select(base.svg).select<SVGGElement>("g.flow-map-tip");
    const text = tip.select("text");
    text
      .selectAll("tspan")
      .data(lines)
      .join("tspan")
      .attr("x", 6)
      .attr("dy", (_, j) => (j === 0 ? "1.2em" : "1.25em"))
      .attr("font-weight", (_, j) => (j === 0 ? "bold" : null))
      .text((d) => d);
    const w = 12 + 6 * Math.max(...lines.map((l) => l.length));
    const h = 8 + 14 * lines.length;
    const [cx, cy] = base.centres[i];
    const x = Math.max(2, Math.min(base.width - w - 2, cx - w / 2));
    const y = cy - h - 8 < 2 ? cy + 8 : cy - h - 8;
    tip.select("rect").attr("width", w).attr("height", h);
    tip.attr("transform", `translate(${x},${y})`).attr("display", null);
  }

  function paint(): void {
    if (!base || !state) return;
    const { area, direction } = state;
    const byCode = new Map(flows.map((f) => [f.counterpart, f]));
    const colorOptions = flowColorScale(flows, direction);
    const color = Plot.scale({ color: colorOptions });
    let missing = 0;
    const geo = select(base.svg).select('g[aria-label="geo"]');
    if (state.onSelect) geo.style("cursor", "pointer");
    else geo.style("cursor", null);
    geo
      .selectAll<SVGPathElement, unknown>("path")
      .data(features)
      .attr("fill", (d) => {
        if (d.properties.code === area) return CHOSEN_FILL;
        const f = byCode.get(d.properties.code);
        // FLY66 (BULK) leaves out zero cells: a municipality without a row had no moves to or from
        // the chosen one, 0; "Ingen tal" only where a row has no figure
        const v = f ? flowValue(f, direction) : 0;
        if (v === null) {
          missing++;
          return `url(#${hatch})`;
        }
        return String(color.apply(v));
      });
    const i = features.findIndex((d) => d.properties.code === area);
    select(base.svg)
      .select("g.flow-map-chosen")
      .selectAll("path")
      .data(i < 0 ? [] : [base.paths[i].getAttribute("d")])
      .join("path")
      .attr("d", (d) => d);

    // arrows from or to the ten largest counterparts
    const here = centroids.get(area);
    const hereXY = here ? projectPoint(base.projection, here) : null;
    const top = flows
      .filter((f) => f.counterpart !== area && (flowValue(f, direction) ?? 0) !== 0)
      .sort((a, b) => Math.abs(flowValue(b, direction)!) - Math.abs(flowValue(a, direction)!))
      .slice(0, 10);
    const arrows: Arrow[] = hereXY
      ? top.flatMap((f) => {
          const there = centroids.get(f.counterpart);
          const thereXY = there ? projectPoint(base!.projection, there) : null;
          if (!thereXY) return [];
          const inward = direction === "ind" || (direction === "netto" && (f.net ?? 0) > 0);
          return [{ name: f.counterpart, from: inward ? thereXY : hereXY, to: inward ? hereXY : thereXY, inward, value: Math.abs(flowValue(f, direction)!) }];
        })
      : [];
    const max = Math.max(1, ...arrows.map((a) => a.value));
    const strokeWidth = (d: Arrow) => 1.5 + (3 * d.value) / max;
    // the end at the chosen municipality stops a little short, so heads that meet there fan out
    for (const inward of [true, false])
      for (const halo of [true, false])
        select(base.svg)
          .select(`g.flow-map-arrows.${inward ? "inward" : "outward"}${halo ? ".halo" : ":not(.halo)"}`)
          .selectAll<SVGPathElement, Arrow>("path")
          .data(
            arrows.filter((a) => a.inward === inward && arrowPath(a.from, a.to, inward ? 3 : 10, inward ? 10 : 3) !== null),
            (d) => d.name,
          )
          .join("path")
          .attr("d", (d) => arrowPath(d.from, d.to, inward ? 3 : 10, inward ? 10 : 3))
          .attr("stroke-width", (d) => strokeWidth(d) + (halo ? 2.5 : 0));
    select(base.svg).select("g.flow-map-tip").attr("display", "none");

    // the legend: the colour ramp when its scale changed, and the swatches the map uses
    const key = `${direction}|${colorOptions.domain.join(",")}|${missing > 0}`;
    if (key !== legendKey) {
      legendKey = key;
      // (Plot's legend takes the document as a plot does, though its types do not say so)
      const ramp = Plot.legend({ document: doc, color: colorOptions } as Parameters<typeof Plot.legend>[0]) as unknown as Element;
      const swatch = (fill: string, text: string) => {
        const s = doc.createElement("span");
        s.className = "flow-map-swatch";
        s.style.cssText = "display:inline-flex;align-items:center;gap:0.3em;margin-bottom:2px";
        const box = doc.createElement("span");
        box.style.cssText = `display:inline-block;width:12px;height:12px;border:1px solid #999;background:${fill}`;
        s.append(box, text);
        return s;
      };
      legend.replaceChildren(
        ramp,
        swatch(CHOSEN_FILL, "Valgt kommune"),
        ...(missing > 0 ? [swatch("repeating-linear-gradient(45deg,#a0a0a0 0 2px,#e4e4e4 2px 5px)", `${NO_DATA_LABEL} (${missing})`)] : []),
      );
    } else {
      const count = legend.querySelectorAll(".flow-map-swatch")[1];
      if (count && count.lastChild) count.lastChild.textContent = `${NO_DATA_LABEL} (${missing})`;
    }
  }

  const view: FlowMapView = {
    node,
    update(next, nextState) {
      flows = next;
      state = nextState;
      paint();
      return view;
    },
    render(width) {
      if (!base || base.width !== width) {
        drawBase(width);
        paint();
      }
      return node;
    },
  };
  return view;
}

/** The flow map drawn once, at a width (the form tests and snapshots use). */
export function flowMap(
  topology: Topology,
  flows: CounterpartFlow[],
  options: FlowMapState & { width: number; centroids: Map<string, [number, number]>; document?: Document },
): HTMLElement {
  const { width, centroids, document, ...state } = options;
  return createFlowMap(topology, { centroids, document }).update(flows, state).render(width);
}
