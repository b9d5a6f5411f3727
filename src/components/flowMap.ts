/**
 * Flow map: municipalities coloured by their moves with the chosen municipality (in, out or net),
 * arrows from or to the ten largest counterparts, the chosen municipality outlined. Clicking a
 * municipality calls `onSelect` with its code.
 */
import * as Plot from "@observablehq/plot";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Feature, FeatureCollection, MultiPolygon } from "geojson";
import { formatNumber, formatSigned } from "../lib/format.js";

export type Direction = "ind" | "ud" | "netto";

export interface CounterpartFlow {
  counterpart: string;
  in_movers: number;
  out_movers: number;
  net: number;
}

type MunicipalityFeature = Feature<MultiPolygon, { code: string; name: string }>;

// The features of a topology, made once per topology (a switch of municipality redraws the map).
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

export function flowValue(f: CounterpartFlow, direction: Direction): number {
  return direction === "ind" ? f.in_movers : direction === "ud" ? f.out_movers : f.net;
}

export function flowMap(
  topology: Topology,
  flows: CounterpartFlow[],
  options: {
    area: string;
    direction: Direction;
    width: number;
    centroids: Map<string, [number, number]>;
    onSelect?: (code: string) => void;
    /** The document to render into (Plot's option): a jsdom document in tests, the page's by default. */
    document?: Document;
  },
): SVGSVGElement | HTMLElement {
  const { area, direction, width, centroids, document } = options;
  const collection = municipalityFeatures(topology);
  const byCode = new Map(flows.map((f) => [f.counterpart, f]));
  const value = (d: MunicipalityFeature) => {
    const f = byCode.get(d.properties.code);
    // never null: Plot skips a feature with a null fill, and click handling maps paths to features by index
    return d.properties.code === area ? 0 : f ? flowValue(f, direction) : 0;
  };
  const top = [...flows]
    .sort((a, b) => Math.abs(flowValue(b, direction)) - Math.abs(flowValue(a, direction)))
    .slice(0, 10)
    .filter((f) => flowValue(f, direction) !== 0);
  const here = centroids.get(area);
  const arrows = here
    ? top.flatMap((f) => {
        const there = centroids.get(f.counterpart);
        if (!there) return [];
        const inward = direction === "ind" || (direction === "netto" && f.net > 0);
        return [{ from: inward ? there : here, to: inward ? here : there, inward, value: Math.abs(flowValue(f, direction)), name: f.counterpart }];
      })
    : [];
  const max = Math.max(1, ...arrows.map((a) => a.value));
  type Arrow = (typeof arrows)[number];
  const strokeWidth = (d: Arrow) => 1.5 + (3 * d.value) / max;
  // Heads on every arrow, dark with a white halo so they stand out on the dark chosen municipality
  // and on any colour of the scale. The end at the chosen municipality stops a little short, so
  // heads that meet there fan out instead of piling up on one point.
  const arrowMarks = (subset: Arrow[], atHere: "start" | "end") =>
    [
      { stroke: "white", strokeOpacity: 0.9, extra: 2.5 },
      { stroke: "#111", strokeOpacity: 0.9, extra: 0 },
    ].map(({ stroke, strokeOpacity, extra }) =>
      Plot.arrow(subset, {
        x1: (d: Arrow) => d.from[0],
        y1: (d: Arrow) => d.from[1],
        x2: (d: Arrow) => d.to[0],
        y2: (d: Arrow) => d.to[1],
        strokeWidth: (d: Arrow) => strokeWidth(d) + extra,
        stroke,
        strokeOpacity,
        bend: true,
        // Plot 0.6 sizes a head by the mark's constant stroke width (1 when it is a channel):
        // 15 gives 10 px heads, capped by Plot at a third of a short arrow
        headLength: 15,
        headAngle: 50,
        insetStart: atHere === "start" ? 10 : 3,
        insetEnd: atHere === "end" ? 10 : 3,
        // the halo is decoration; the arrows themselves are described
        ...(stroke === "white" ? { ariaHidden: "true" } : { ariaDescription: "Pile fra fraflytningskommune til tilflytningskommune" }),
      }),
    );
  const label = direction === "ind" ? "Tilflyttede fra kommunen" : direction === "ud" ? "Fraflyttede til kommunen" : "Nettotilflytning (til − fra)";
  const extent = Math.max(1, ...flows.map((f) => Math.abs(f.net)));
  const plot = Plot.plot({
    document,
    width,
    height: Math.min(640, Math.round(width * 0.72)),
    projection: { type: "transverse-mercator", rotate: [-11, -56], domain: countryDomain(collection), inset: 8 },
    color:
      direction === "netto"
        ? { type: "diverging", scheme: "RdBu", domain: [-extent, extent], label, legend: true, tickFormat: (d: number) => formatSigned(d) }
        : { type: "sqrt", scheme: direction === "ind" ? "Greens" : "Oranges", label, legend: true, tickFormat: (d: number) => formatNumber(d) },
    marks: [
      Plot.geo(collection.features, {
        fill: value,
        stroke: "white",
        strokeWidth: 0.5,
      }),
      // the chosen municipality: dark grey, outside the colour scale
      Plot.geo(
        collection.features.filter((d) => d.properties.code === area),
        { stroke: "black", strokeWidth: 1.5, fill: "#444" },
      ),
      ...arrowMarks(
        arrows.filter((a) => a.inward),
        "end",
      ),
      ...arrowMarks(
        arrows.filter((a) => !a.inward),
        "start",
      ),
      Plot.tip(
        collection.features,
        Plot.pointer(
          Plot.geoCentroid({
            title: (d: MunicipalityFeature) => {
              const f = byCode.get(d.properties.code);
              if (d.properties.code === area) return `${d.properties.name}\n(valgt kommune)`;
              return `${d.properties.name}\nTil: ${formatNumber(f?.in_movers ?? 0)} · Fra: ${formatNumber(f?.out_movers ?? 0)} · Netto: ${formatSigned(f?.net ?? 0)}`;
            },
          }),
        ),
      ),
    ],
  });
  if (options.onSelect) {
    // the first geo mark draws one path per feature, in the features' order
    const paths = plot.querySelector('g[aria-label="geo"]')?.querySelectorAll<SVGPathElement>("path") ?? [];
    paths.forEach((path, i) => {
      const code = collection.features[i]?.properties.code;
      if (!code) return;
      path.style.cursor = "pointer";
      path.addEventListener("click", () => options.onSelect!(code));
    });
  }
  return plot;
}
