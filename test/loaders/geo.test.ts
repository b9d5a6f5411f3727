import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { geoArea, geoContains } from "d3";
import type { Feature, MultiPolygon as GeoMultiPolygon } from "geojson";
import { feature } from "topojson-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readArrow } from "../../loaders/arrow.ts";
import { geographyDataset, neighboursDataset, parseKommunerCsv, readGeography, type Geography, type MunicipalityProperties } from "../../loaders/geo.ts";
import { geoDir, projectRoot } from "../paths.ts";

const run = promisify(execFile);

/** The shared files, read here straight from disk, independently of loaders/geo.ts. */
interface RawGeometry {
  type: string;
  properties: { KOMKODE: string; KOMNAVN: string };
  arcs: number[][] | number[][][];
}
const rawTopo = JSON.parse(readFileSync(join(geoDir, "kommuner.topojson"), "utf8")) as { objects: { stdin: { geometries: RawGeometry[] } } };
const rawGeometries = rawTopo.objects.stdin.geometries;
const rawCsv = readFileSync(join(geoDir, "kommuner.csv"), "utf8")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(";"));

/** Arc indices (without direction) a raw geometry uses. */
function arcsOf(g: RawGeometry): number[] {
  const polygons = (g.type === "Polygon" ? [g.arcs] : g.arcs) as number[][][];
  return polygons.flat(2).map((a) => (a < 0 ? ~a : a));
}

let geo: Geography;
beforeAll(async () => {
  geo = await readGeography(geoDir);
});

function shape(code: string): Feature<GeoMultiPolygon, MunicipalityProperties> {
  const g = geo.topology.objects.kommuner.geometries.find((x) => x.properties.code === code);
  if (!g) throw new Error(`no shape for ${code}`);
  return feature(geo.topology, g);
}

function point(code: string): [number, number] {
  const m = geo.municipalities.find((x) => x.code === code);
  if (!m) throw new Error(`no municipality ${code}`);
  return m.centroid;
}

describe("merged municipality shapes", () => {
  it("98 municipalities from kommuner.csv and Christiansø: 99 MultiPolygons with code, name and id", () => {
    const geometries = geo.topology.objects.kommuner.geometries;
    expect(geometries).toHaveLength(rawCsv.length + 1);
    expect(geometries).toHaveLength(99);
    const codes = geometries.map((g) => g.properties.code);
    expect(new Set(codes)).toEqual(new Set([...rawCsv.map((r) => r[0]), "411"]));
    for (const g of geometries) {
      expect(g.type).toBe("MultiPolygon");
      expect(g.id).toBe(g.properties.code);
      expect(g.arcs.length).toBeGreaterThanOrEqual(1);
    }
    // names in DST spelling from kommuner.csv; Christiansø from the boundary file
    const names = new Map(geometries.map((g) => [g.properties.code, g.properties.name]));
    for (const [code, , name] of rawCsv) expect(names.get(code)).toBe(name);
    expect(names.get("169")).toBe("Høje-Taastrup"); // KOMNAVN says "Høje Taastrup"
    expect(names.get("411")).toBe(rawGeometries.find((g) => g.properties.KOMKODE === "0411")!.properties.KOMNAVN);
  });

  it("each municipality has as many polygons as the source has with its KOMKODE", () => {
    const sourceCount = new Map<string, number>();
    for (const g of rawGeometries) sourceCount.set(g.properties.KOMKODE, (sourceCount.get(g.properties.KOMKODE) ?? 0) + 1);
    expect(sourceCount.size).toBe(99);
    for (const g of geo.topology.objects.kommuner.geometries) {
      expect([g.properties.code, g.arcs.length]).toEqual([g.properties.code, sourceCount.get(`0${g.properties.code}`)]);
    }
    expect(geo.municipalities.find((m) => m.code === "260")?.polygons).toBe(sourceCount.get("0260"));
  });

  it("every ring closes and no shape is inside out (positions are cut to x, y before merging)", () => {
    for (const m of geo.municipalities) {
      const f = shape(m.code);
      for (const polygon of f.geometry.coordinates) {
        for (const ring of polygon) expect(ring[ring.length - 1]).toEqual(ring[0]);
      }
      expect(geoArea(f)).toBeLessThan(0.001); // Denmark is about 1e-4 steradians
    }
    // no polygon is lost in the merge, and no position keeps the source's elevation (-999)
    expect(geo.municipalities.reduce((s, m) => s + m.polygons, 0)).toBe(rawGeometries.length);
    expect(geo.topology.arcs.every((arc) => arc.every((p) => p.length === 2))).toBe(true);
  });

  it("regions come from kommuner.csv; Christiansø is in 084 like in StatBank", () => {
    const byCode = new Map(geo.municipalities.map((m) => [m.code, m]));
    for (const [code, , , regionCode, regionName] of rawCsv) expect(byCode.get(code)).toMatchObject({ regionCode, regionName });
    expect(byCode.get("411")).toMatchObject({ regionCode: "084", regionName: "Region Hovedstaden" });
  });
});

describe("neighbours from shared border arcs", () => {
  it("equal the pairs of codes whose source polygons use a common arc, and are symmetric", () => {
    const users = new Map<number, Set<string>>();
    for (const g of rawGeometries) {
      for (const a of arcsOf(g)) users.set(a, (users.get(a) ?? new Set()).add(g.properties.KOMKODE.slice(1)));
    }
    const expected = new Set<string>();
    for (const codes of users.values()) for (const a of codes) for (const b of codes) if (a !== b) expected.add(`${a}-${b}`);
    const found = new Set([...geo.neighbours].flatMap(([a, list]) => list.map((b) => `${a}-${b}`)));
    expect(found).toEqual(expected);
    for (const [a, list] of geo.neighbours) for (const b of list) expect(geo.neighbours.get(b)).toContain(a);
  });

  it("Halsnæs borders Gribskov, Hillerød and Frederikssund", () => {
    expect(geo.neighbours.get("260")).toEqual(["219", "250", "270"]);
  });

  it("Frederiksberg lies inside København and borders nothing else; Odense borders Nordfyns", () => {
    expect(geo.neighbours.get("147")).toEqual(["101"]);
    expect(geo.neighbours.get("101")).toContain("147");
    expect(geo.neighbours.get("461")).toContain("480");
    expect(geo.neighbours.get("480")).toContain("461");
  });

  it("islands without a land border have none", () => {
    for (const code of ["492", "741", "825", "563", "411", "400"]) expect([code, geo.neighbours.get(code)]).toEqual([code, []]);
  });

  it("the dataset has one row per ordered pair", () => {
    const ds = neighboursDataset(geo);
    const total = [...geo.neighbours.values()].reduce((s, l) => s + l.length, 0);
    expect(ds.meta.rows).toBe(total);
    expect(total % 2).toBe(0);
    const rows = ds.columns.area.values.map((a, i) => `${a}-${ds.columns.neighbour.values[i]}`);
    expect(rows).toContain("260-270");
    expect(rows).toContain("270-260");
    expect(new Set(rows).size).toBe(rows.length);
  });
});

describe("points for flow lines", () => {
  it("lie in Denmark", () => {
    expect(geo.municipalities).toHaveLength(99);
    for (const m of geo.municipalities) {
      const [lon, lat] = m.centroid;
      expect([m.code, lon >= 8 && lon <= 15.3 && lat >= 54.5 && lat <= 57.8]).toEqual([m.code, true]);
    }
  });

  it("lie on the municipality's own land: Halsnæs, København (not in Frederiksberg), the islands", () => {
    expect(geoContains(shape("260"), point("260"))).toBe(true);
    expect(geoContains(shape("101"), point("101"))).toBe(true);
    expect(geoContains(shape("147"), point("101"))).toBe(false);
    for (const m of geo.municipalities) expect([m.code, geoContains(shape(m.code), m.centroid)]).toEqual([m.code, true]);
  });

  it("the dataset has the columns the pages use", () => {
    const ds = geographyDataset(geo);
    expect(Object.keys(ds.columns)).toEqual(["area", "name", "region_code", "region_name", "lon", "lat"]);
    expect(ds.meta).toMatchObject({ dataset: "geography", rows: 99, status: "ok", sources: [] });
    expect(ds.meta.notes).toContain("Indeholder data fra Geodatastyrelsen (nu Klimadatastyrelsen), DAGI/FOT 2014.");
  });
});

describe("bad input", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "geo-test-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function makeDir(name: string, files: { topo?: unknown; csv?: string }): string {
    const d = mkdtempSync(join(dir, `${name}-`));
    if (files.topo !== undefined) writeFileSync(join(d, "kommuner.topojson"), JSON.stringify(files.topo));
    if (files.csv !== undefined) writeFileSync(join(d, "kommuner.csv"), files.csv);
    return d;
  }
  const csv = readFileSync(join(geoDir, "kommuner.csv"), "utf8");

  it("a KOMKODE that is not 4 digits is named", async () => {
    const topo = JSON.parse(readFileSync(join(geoDir, "kommuner.topojson"), "utf8"));
    const i = topo.objects.stdin.geometries.findIndex((g: RawGeometry) => g.properties.KOMKODE === "0260");
    topo.objects.stdin.geometries[i].properties.KOMKODE = "26";
    const d = makeDir("komkode", { topo, csv });
    await expect(readGeography(d)).rejects.toThrow(`kommuner.topojson: geometry ${i + 1} of 311 has KOMKODE "26", expected 4 digits`);
  });

  it("a missing kommuner.csv is named", async () => {
    const d = makeDir("nocsv", {});
    copyFileSync(join(geoDir, "kommuner.topojson"), join(d, "kommuner.topojson"));
    await expect(readGeography(d)).rejects.toThrow(`${join(d, "kommuner.csv")}: file not found`);
  });

  it("a CSV row with the wrong number of fields names the line", () => {
    const text = "code;dagi_code;name;region_code;region_name\n101;0101;København;084;Region Hovedstaden\n147;0147;Frederiksberg;084\n";
    expect(() => parseKommunerCsv(text, "kommuner.csv")).toThrow(
      'kommuner.csv line 3: 4 fields, expected 5 (code;dagi_code;name;region_code;region_name): "147;0147;Frederiksberg;084"',
    );
  });

  it("a municipality in the CSV without geometry is named", async () => {
    const topo = JSON.parse(readFileSync(join(geoDir, "kommuner.topojson"), "utf8"));
    topo.objects.stdin.geometries = topo.objects.stdin.geometries.filter((g: RawGeometry) => g.properties.KOMKODE !== "0825");
    const d = makeDir("nolaesoe", { topo, csv });
    const line = csv.split("\n").findIndex((l) => l.startsWith("825;")) + 1;
    await expect(readGeography(d)).rejects.toThrow(
      `kommuner.csv line ${line}: municipality 825 Læsø has no geometry in ${join(d, "kommuner.topojson")} (no KOMKODE "0825")`,
    );
  });

  it("a code in the boundary file that is not in the CSV is named", async () => {
    const d = makeDir("extra", {
      csv: csv
        .split("\n")
        .filter((l) => !l.startsWith("260;"))
        .join("\n"),
    });
    copyFileSync(join(geoDir, "kommuner.topojson"), join(d, "kommuner.topojson"));
    await expect(readGeography(d)).rejects.toThrow(/KOMKODE "0260" \(Halsnæs, geometry \d+\) is not a municipality in/);
  });
});

describe("Framework loaders (cwd = project root, GEO_DIR unset)", () => {
  const env = { ...process.env };
  delete env.GEO_DIR;
  const loader = async (file: string) => {
    const { stdout } = await run("npx", ["tsx", file], { cwd: projectRoot, env, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
    return new Uint8Array(stdout);
  };

  it("geography.arrow: 99 rows, Halsnæs by name", async () => {
    const { table, meta } = readArrow(await loader("src/data/geography.arrow.ts"));
    expect(table.numRows).toBe(99);
    expect(meta.dataset).toBe("geography");
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(rows.find((r) => r.area === "260")?.name).toBe("Halsnæs");
    expect(rows.find((r) => r.area === "411")?.region_code).toBe("084");
  });

  it("neighbours.arrow: both directions of every pair", async () => {
    const { table, meta } = readArrow(await loader("src/data/neighbours.arrow.ts"));
    expect(meta.dataset).toBe("neighbours");
    const pairs = new Set(table.toArray().map((r) => `${r.area}-${r.neighbour}`));
    expect(pairs.size).toBe(table.numRows);
    for (const p of pairs) expect(pairs.has(p.split("-").reverse().join("-"))).toBe(true);
    expect(pairs.has("147-101")).toBe(true);
  });

  it("kommuner.topo.json: a Topology with 99 MultiPolygons in object kommuner", async () => {
    const topo = JSON.parse(new TextDecoder().decode(await loader("src/data/kommuner.topo.json.ts")));
    expect(topo.type).toBe("Topology");
    expect(Object.keys(topo.objects)).toEqual(["kommuner"]);
    expect(topo.objects.kommuner.geometries).toHaveLength(99);
    expect(topo.objects.kommuner.geometries.find((g: { id: string }) => g.id === "260").properties).toEqual({ code: "260", name: "Halsnæs" });
  });
});
