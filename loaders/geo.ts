/**
 * Municipality geography from the boundary files (env GEO_DIR, default snapshot/geo, the project's copy of
 * ../shared/geo, relative to the project root): one merged shape per municipality, its neighbours and a point
 * for drawing flow lines.
 *
 * - `kommuner.topojson`: a TopoJSON Topology whose object `stdin` holds one Polygon per island or
 *   part, with KOMKODE ("0260", 4 digits) and KOMNAVN. The polygons of a code are merged with
 *   topojson-client's mergeArcs, which keeps arcs, so the output is still a small topology.
 * - `kommuner.csv`: `code;dagi_code;name;region_code;region_name` for the 98 municipalities, with
 *   Statistics Denmark's names and regions. Christiansø (411) is in the boundary file but not in
 *   the list; it keeps its KOMNAVN and is placed in region 084 as in the StatBank tables.
 *
 * Every arc in the shared file starts with a 3-dimensional position ([x, y, -999]: a missing
 * elevation). topojson-client's stitch keys an arc's start by its first position as written and
 * its end by the summed deltas (2 numbers), so "x,y,-999" never meets "x,y" and mergeArcs would
 * break every ring into loose pieces (and d3 would then read some shapes inside out). Positions
 * are therefore cut to [x, y] on reading; the output carries no elevation either.
 *
 * Neighbours: two municipalities are neighbours when their merged shapes share a border arc
 * (topojson-client's neighbors). Islands without a land border (Bornholm, Ærø, Samsø, …) have none.
 *
 * A little over 400 lines: reading the boundary files, merging shapes per municipality and
 * deriving neighbours share one topology and are kept together.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { geoArea, geoCentroid, geoContains } from "d3";
import type { Feature, MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon, Position } from "geojson";
import { feature, mergeArcs, neighbors } from "topojson-client";
import type { MultiPolygon, Polygon, Topology } from "topojson-specification";
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import { CHRISTIANSOE } from "./tables/codes.ts";

export const DEFAULT_GEO_DIR = "snapshot/geo";
export const TOPOJSON_FILE = "kommuner.topojson";
export const CSV_FILE = "kommuner.csv";
/** The object in kommuner.topojson that holds the polygons. */
const SOURCE_OBJECT = "stdin";
const CSV_HEADER = ["code", "dagi_code", "name", "region_code", "region_name"] as const;
/** Christiansø is administered by the state but counted under Region Hovedstaden in StatBank. */
const CHRISTIANSOE_REGION = "084";

export const ATTRIBUTION = "Indeholder data fra Geodatastyrelsen (nu Klimadatastyrelsen), DAGI/FOT 2014";

export interface MunicipalityProperties {
  /** StatBank 3-digit code, "260". */
  code: string;
  name: string;
}

/** One merged shape in the output topology. */
export type MunicipalityGeometry = MultiPolygon<MunicipalityProperties> & { id: string; properties: MunicipalityProperties };

/** The merged topology written to src/data/kommuner.topo.json. */
export type KommunerTopology = Topology<{ kommuner: { type: "GeometryCollection"; geometries: MunicipalityGeometry[] } }>;

export interface GeoMunicipality {
  /** StatBank 3-digit code, "260". */
  code: string;
  /** DST spelling from kommuner.csv; for 411 the KOMNAVN of the boundary file. */
  name: string;
  regionCode: string;
  regionName: string;
  /** Number of polygons (islands and parts) in the merged shape. */
  polygons: number;
  /** [lon, lat]: a point on land for flow lines (see `anchorPoint`). */
  centroid: [number, number];
}

export interface Geography {
  /** The folder the files were read from. */
  dir: string;
  topology: KommunerTopology;
  /** One per merged shape, sorted by code: the 98 municipalities and Christiansø. */
  municipalities: GeoMunicipality[];
  /** Code -> codes of the municipalities whose shapes share a border arc with it, sorted. */
  neighbours: Map<string, string[]>;
}

export interface CsvMunicipality {
  code: string;
  dagiCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  /** 1-based line number in the file (the header is line 1). */
  line: number;
}

/** Read, validate and merge the boundary files in `dir`. Errors name the file and the offending row or code. */
export async function readGeography(dir: string = process.env.GEO_DIR || DEFAULT_GEO_DIR): Promise<Geography> {
  const topoPath = join(dir, TOPOJSON_FILE);
  const csvPath = join(dir, CSV_FILE);
  const [topoText, csvText] = await Promise.all([readText(topoPath, dir), readText(csvPath, dir)]);
  const source = parseSourceTopology(topoText, topoPath);
  const list = parseKommunerCsv(csvText, csvPath);
  return buildGeography(source, list, { dir, topoPath, csvPath });
}

async function readText(path: string, dir: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Error(`${path}: file not found (the geography folder is ${resolve(dir)}; set GEO_DIR to the folder with ${TOPOJSON_FILE} and ${CSV_FILE})`);
    }
    throw new Error(`${path}: cannot read the file: ${(e as Error).message}`);
  }
}

interface SourcePolygon {
  /** 3-digit code. */
  code: string;
  komkode: string;
  komnavn: string;
  geometry: Polygon | MultiPolygon;
  /** 1-based position in the GeometryCollection, for error messages. */
  index: number;
}

interface SourceTopology {
  topology: Topology;
  polygons: SourcePolygon[];
}

/** Parse and check kommuner.topojson; positions are cut to [x, y] (see the module comment). */
export function parseSourceTopology(text: string, file: string): SourceTopology {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const t = json as Partial<Topology> | null;
  if (!t || typeof t !== "object" || t.type !== "Topology")
    throw new Error(`${file}: not a TopoJSON Topology (type is ${JSON.stringify(t && typeof t === "object" ? t.type : t)})`);
  if (!Array.isArray(t.arcs)) throw new Error(`${file}: the topology has no arcs array`);
  const collection = t.objects?.[SOURCE_OBJECT];
  if (!collection || collection.type !== "GeometryCollection" || !Array.isArray(collection.geometries)) {
    throw new Error(`${file}: expected a GeometryCollection "${SOURCE_OBJECT}" in objects, found ${JSON.stringify(Object.keys(t.objects ?? {}))}`);
  }
  if (t.transform) {
    const { scale, translate } = t.transform;
    if (![...(scale ?? []), ...(translate ?? [])].every(Number.isFinite) || scale?.length !== 2 || translate?.length !== 2) {
      throw new Error(`${file}: the transform must have two finite numbers in scale and in translate`);
    }
  }
  const arcs = t.arcs.map((arc, i) => {
    if (!Array.isArray(arc) || arc.length < 2) throw new Error(`${file}: arc ${i} has fewer than two positions`);
    return arc.map((p, j) => {
      if (!Array.isArray(p) || p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
        throw new Error(`${file}: arc ${i} position ${j} is not a coordinate pair: ${JSON.stringify(p)}`);
      }
      return [p[0], p[1]];
    });
  });
  const polygons = collection.geometries.map((g, i): SourcePolygon => {
    const where = `${file}: geometry ${i + 1} of ${collection.geometries.length}`;
    const props = (g.properties ?? {}) as Record<string, unknown>;
    const komkode = props.KOMKODE;
    if (typeof komkode !== "string" || !/^\d{4}$/.test(komkode)) {
      throw new Error(`${where} has KOMKODE ${JSON.stringify(komkode)}, expected 4 digits like "0260"`);
    }
    if (!komkode.startsWith("0")) throw new Error(`${where} has KOMKODE "${komkode}", expected a leading 0 (DAGI codes are 0101–0860)`);
    if (g.type !== "Polygon" && g.type !== "MultiPolygon") throw new Error(`${where} (KOMKODE ${komkode}) is a ${g.type}, expected a Polygon`);
    const rings = g.type === "Polygon" ? [g.arcs] : g.arcs;
    for (const polygon of rings) {
      if (!Array.isArray(polygon) || polygon.length === 0) throw new Error(`${where} (KOMKODE ${komkode}) has a polygon without rings`);
      for (const ring of polygon) {
        if (!Array.isArray(ring) || ring.length === 0) throw new Error(`${where} (KOMKODE ${komkode}) has an empty ring`);
        for (const a of ring) {
          const k = a < 0 ? ~a : a;
          if (!Number.isInteger(a) || k >= arcs.length)
            throw new Error(`${where} (KOMKODE ${komkode}) refers to arc ${a}, the topology has ${arcs.length} arcs`);
        }
      }
    }
    const komnavn = typeof props.KOMNAVN === "string" ? props.KOMNAVN.trim() : "";
    return { code: komkode.slice(1), komkode, komnavn, geometry: g as Polygon | MultiPolygon, index: i + 1 };
  });
  if (polygons.length === 0) throw new Error(`${file}: the GeometryCollection "${SOURCE_OBJECT}" is empty`);
  return { topology: { type: "Topology", objects: t.objects!, arcs, ...(t.transform ? { transform: t.transform } : {}) }, polygons };
}

/** Parse kommuner.csv (`;`, UTF-8, optional BOM and CRLF). */
export function parseKommunerCsv(text: string, file: string): CsvMunicipality[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) throw new Error(`${file}: the file is empty`);
  const header = lines[0].split(";").map((h) => h.trim());
  if (header.join(";") !== CSV_HEADER.join(";")) throw new Error(`${file} line 1: header is "${lines[0]}", expected "${CSV_HEADER.join(";")}"`);
  const seen = new Map<string, number>();
  const out: CsvMunicipality[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === "") throw new Error(`${file} line ${line}: empty line`);
    const f = lines[i].split(";").map((x) => x.trim());
    if (f.length !== CSV_HEADER.length)
      throw new Error(`${file} line ${line}: ${f.length} fields, expected ${CSV_HEADER.length} (${CSV_HEADER.join(";")}): "${lines[i]}"`);
    const [code, dagiCode, name, regionCode, regionName] = f;
    if (!/^\d{3}$/.test(code)) throw new Error(`${file} line ${line}: code ${JSON.stringify(code)} is not 3 digits`);
    if (dagiCode !== `0${code}`)
      throw new Error(`${file} line ${line}: dagi_code ${JSON.stringify(dagiCode)} does not match code ${code} (expected "0${code}")`);
    if (!name) throw new Error(`${file} line ${line}: municipality ${code} has no name`);
    if (!/^08[1-5]$/.test(regionCode)) throw new Error(`${file} line ${line}: region_code ${JSON.stringify(regionCode)} of ${code} is not one of 081–085`);
    if (!regionName) throw new Error(`${file} line ${line}: region ${regionCode} has no name`);
    const first = seen.get(code);
    if (first !== undefined) throw new Error(`${file} line ${line}: code ${code} is also on line ${first}`);
    seen.set(code, line);
    out.push({ code, dagiCode, name, regionCode, regionName, line });
  }
  if (out.length === 0) throw new Error(`${file}: no municipalities after the header`);
  return out;
}

function buildGeography(source: SourceTopology, list: CsvMunicipality[], files: { dir: string; topoPath: string; csvPath: string }): Geography {
  const byCode = new Map<string, SourcePolygon[]>();
  for (const p of source.polygons) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  const csvByCode = new Map(list.map((m) => [m.code, m]));
  for (const m of list) {
    if (!byCode.has(m.code))
      throw new Error(`${files.csvPath} line ${m.line}: municipality ${m.code} ${m.name} has no geometry in ${files.topoPath} (no KOMKODE "${m.dagiCode}")`);
  }
  for (const [code, polygons] of byCode) {
    if (!csvByCode.has(code) && code !== CHRISTIANSOE) {
      throw new Error(
        `${files.topoPath}: KOMKODE "${polygons[0].komkode}" (${polygons[0].komnavn || "no KOMNAVN"}, geometry ${polygons[0].index}) is not a municipality in ${files.csvPath}`,
      );
    }
  }
  const christiansoeRegion = list.find((m) => m.regionCode === CHRISTIANSOE_REGION)?.regionName ?? "Region Hovedstaden";

  const codes = [...byCode.keys()].sort();
  const merged: MunicipalityGeometry[] = codes.map((code) => {
    const shape = mergeArcs(
      source.topology,
      byCode.get(code)!.map((p) => p.geometry),
    );
    const row = csvByCode.get(code);
    const name = row?.name ?? (byCode.get(code)!.find((p) => p.komnavn)?.komnavn || "Christiansø");
    return { type: "MultiPolygon", id: code, properties: { code, name }, arcs: shape.arcs };
  });
  const topology = compactTopology(source.topology, merged);
  // From here on the geometries refer to the arcs of the compacted topology.
  const geometries = topology.objects.kommuner.geometries;

  const municipalities = geometries.map((g, i): GeoMunicipality => {
    const code = codes[i];
    const shape = feature(topology, g);
    // A merged shape whose rings run the wrong way round covers the rest of the globe.
    if (geoArea(shape) > 2 * Math.PI) throw new Error(`${files.topoPath}: the merged shape of ${code} ${g.properties.name} is inside out (ring orientation)`);
    const row = csvByCode.get(code);
    return {
      code,
      name: g.properties.name,
      regionCode: row?.regionCode ?? CHRISTIANSOE_REGION,
      regionName: row?.regionName ?? christiansoeRegion,
      polygons: g.arcs.length,
      centroid: anchorPoint(shape),
    };
  });

  const neighbours = new Map<string, string[]>();
  neighbors(geometries).forEach((list, i) => neighbours.set(codes[i], list.map((j) => codes[j]).sort()));

  return { dir: files.dir, topology, municipalities, neighbours };
}

/**
 * The merged topology: the source's transform and only the arcs the merged shapes use (mergeArcs
 * drops the arcs between two polygons of the same municipality), renumbered in order of use.
 */
function compactTopology(source: Topology, geometries: MunicipalityGeometry[]): KommunerTopology {
  const renumber = new Map<number, number>();
  const arcs: Topology["arcs"] = [];
  const map = (a: number) => {
    const k = a < 0 ? ~a : a;
    let n = renumber.get(k);
    if (n === undefined) {
      n = arcs.length;
      renumber.set(k, n);
      arcs.push(source.arcs[k]);
    }
    return a < 0 ? ~n : n;
  };
  const renumbered = geometries.map((g) => ({ ...g, arcs: g.arcs.map((polygon) => polygon.map((ring) => ring.map(map))) }));
  return {
    type: "Topology",
    ...(source.transform ? { transform: source.transform } : {}),
    objects: { kommuner: { type: "GeometryCollection", geometries: renumbered } },
    arcs,
  };
}

/**
 * A point for a municipality on a map: the spherical centroid of its largest polygon (so an
 * island municipality's point sits on its main island, not in the sea between its islands).
 * If that centroid falls outside the polygon — København surrounds Frederiksberg, so its centroid
 * lies in Frederiksberg — the point of the polygon farthest from its boundary on a 64 × 64 grid
 * is used instead. Rounded to 5 decimals (about 1 m; the boundaries are quantized to about 40 m).
 */
export function anchorPoint(shape: Feature<GeoMultiPolygon | GeoPolygon>): [number, number] {
  const polygons: GeoPolygon[] =
    shape.geometry.type === "Polygon" ? [shape.geometry] : shape.geometry.coordinates.map((coordinates) => ({ type: "Polygon", coordinates }));
  if (polygons.length === 0) throw new Error("anchorPoint: the shape has no polygons");
  let largest = polygons[0];
  let largestArea = geoArea(largest);
  for (const p of polygons.slice(1)) {
    const a = geoArea(p);
    if (a > largestArea) [largest, largestArea] = [p, a];
  }
  let point = geoCentroid(largest) as [number, number];
  if (!geoContains(largest, point)) point = farthestFromBoundary(largest);
  return [round(point[0], 5), round(point[1], 5)];
}

function farthestFromBoundary(polygon: GeoPolygon, steps = 64): [number, number] {
  const outer = polygon.coordinates[0];
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Local equirectangular distances: a degree of longitude is cos(lat) of a degree of latitude.
  const kx = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const segments: [Position, Position][] = polygon.coordinates.flatMap((ring) => ring.slice(1).map((p, i): [Position, Position] => [ring[i], p]));
  let best: [number, number] | null = null;
  let bestDistance = -1;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const p: [number, number] = [x0 + ((i + 0.5) * (x1 - x0)) / steps, y0 + ((j + 0.5) * (y1 - y0)) / steps];
      if (!geoContains(polygon, p)) continue;
      let d = Infinity;
      for (const [a, b] of segments) d = Math.min(d, segmentDistance(p, a, b, kx));
      if (d > bestDistance) [best, bestDistance] = [p, d];
    }
  }
  return best ?? (geoCentroid(polygon) as [number, number]);
}

function segmentDistance(p: Position, a: Position, b: Position, kx: number): number {
  const [px, py, ax, ay, bx, by] = [p[0] * kx, p[1], a[0] * kx, a[1], b[0] * kx, b[1]];
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const notes = [
  ATTRIBUTION + ".",
  "Kommunegrænser fra 2014 (kommuner.topojson); en kommunes øer og dele er samlet til én figur. Navne og regioner som i Danmarks Statistik (kommuner.csv).",
  "Christiansø (411) er ikke en kommune, men står i Danmarks Statistiks tabeller under Region Hovedstaden.",
];

/** One row per shape: code, name, region and the point flow lines start and end at. */
export function geographyDataset(geo: Geography): Dataset {
  const m = geo.municipalities;
  return {
    columns: {
      area: { type: "string", values: m.map((x) => x.code) },
      name: { type: "string", values: m.map((x) => x.name) },
      region_code: { type: "string", values: m.map((x) => x.regionCode) },
      region_name: { type: "string", values: m.map((x) => x.regionName) },
      lon: { type: "float64", values: m.map((x) => x.centroid[0]) },
      lat: { type: "float64", values: m.map((x) => x.centroid[1]) },
    },
    meta: datasetMeta({
      dataset: "geography",
      title: "Kommunernes navne, regioner og placering",
      sources: [],
      rows: m.length,
      columns: {
        area: "Kommunekode",
        name: "Kommunens navn",
        region_code: "Regionskode (081–085)",
        region_name: "Region",
        lon: "Længdegrad (grader, WGS84) for kommunens punkt på kortet",
        lat: "Breddegrad (grader, WGS84) for kommunens punkt på kortet",
      },
      notes: [
        ...notes,
        "Kommunens punkt er tyngdepunktet af dens største sammenhængende landareal; falder det uden for arealet (København omkranser Frederiksberg), bruges det sted i arealet, der ligger længst fra grænsen.",
      ],
    }),
  };
}

/** One row per ordered pair of neighbouring municipalities (both directions). */
export function neighboursDataset(geo: Geography): Dataset {
  const pairs = [...geo.neighbours].flatMap(([area, list]) => list.map((n) => [area, n] as const));
  return {
    columns: {
      area: { type: "string", values: pairs.map((p) => p[0]) },
      neighbour: { type: "string", values: pairs.map((p) => p[1]) },
    },
    meta: datasetMeta({
      dataset: "neighbours",
      title: "Nabokommuner",
      sources: [],
      rows: pairs.length,
      columns: { area: "Kommunekode", neighbour: "Kode for en nabokommune" },
      notes: [
        ...notes,
        "To kommuner er naboer, når deres grænser har et stykke grænselinje til fælles i kortet. Øer uden landgrænse til en anden kommune (fx Bornholm, Ærø, Samsø, Læsø, Fanø) har ingen naboer; broer og færger tæller ikke.",
        "Hvert par står to gange, én gang fra hver kommune.",
      ],
    }),
  };
}
