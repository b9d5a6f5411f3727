/**
 * The map's simplified boundaries (loaders/simplify.ts): on a hand-made arc, and on the real
 * boundary file, where every dropped point lies within the tolerance of the line that replaces it,
 * shared borders stay shared (arc ends kept), islands stay rings, and no municipality's area
 * changes by more than 2 % (Frederiksberg, the smallest, changes most: 1,6 %).
 */
import { geoArea } from "d3";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { beforeAll, describe, expect, it } from "vitest";
import { readGeography } from "../../loaders/geo.ts";
import { simplifyArc, simplifyTopology } from "../../loaders/simplify.ts";
import { geoDir } from "../paths.ts";

describe("simplifyArc", () => {
  it("drops the points within the tolerance and keeps the ends and the spike", () => {
    // 0.1 off the line at x=1 (dropped at tolerance 0.5), 5 off at x=3 (kept)
    const arc: [number, number][] = [
      [0, 0],
      [1, 0.1],
      [2, 0],
      [3, 5],
      [4, 0],
      [5, 0.2],
      [6, 0],
    ];
    expect(simplifyArc(arc, 0.5, 1, 1)).toEqual([
      [0, 0],
      [2, 0],
      [3, 5],
      [4, 0],
      [6, 0],
    ]);
  });

  it("keeps a closed ring a ring of at least four points", () => {
    const ring: [number, number][] = [
      [0, 0],
      [1, 0.01],
      [2, 0],
      [2, 1],
      [1, 1.01],
      [0, 1],
      [0, 0],
    ];
    const out = simplifyArc(ring, 10, 1, 1);
    expect(out.length).toBeGreaterThanOrEqual(4);
    expect(out[0]).toEqual(out.at(-1));
  });
});

describe("simplifyTopology on the real boundaries", () => {
  const TOLERANCE = 0.0013;
  let original: Topology;
  let simple: Topology;
  beforeAll(async () => {
    original = (await readGeography(geoDir)).topology as unknown as Topology;
    simple = simplifyTopology(original, TOLERANCE);
  });
  const decode = (t: Topology, arc: number[][]) => {
    const [kx, ky] = t.transform!.scale;
    const [tx, ty] = t.transform!.translate;
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => [(x += dx) * kx + tx, (y += dy) * ky + ty]);
  };

  it("has far fewer points, the same arcs with the same ends, and rings stay rings", () => {
    const count = (t: Topology) => t.arcs.reduce((a, arc) => a + arc.length, 0);
    expect(count(simple)).toBeLessThan(count(original) / 2);
    expect(simple.arcs.length).toBe(original.arcs.length);
    original.arcs.forEach((arc, i) => {
      const a = decode(original, arc as number[][]);
      const b = decode(simple, simple.arcs[i] as number[][]);
      expect(b[0]).toEqual(a[0]);
      expect(b.at(-1)).toEqual(a.at(-1));
      if (a.length >= 4 && a[0][0] === a.at(-1)![0] && a[0][1] === a.at(-1)![1]) expect(b.length).toBeGreaterThanOrEqual(4);
    });
  });

  it("every dropped point lies within the tolerance of the segment that replaces it", () => {
    const cos = Math.cos((56 * Math.PI) / 180);
    let worst = 0;
    original.arcs.forEach((arc, i) => {
      const a = decode(original, arc as number[][]);
      const b = decode(simple, simple.arcs[i] as number[][]);
      // the kept points in order: walk the original and measure each point against its kept segment
      let j = 0;
      for (const p of a) {
        if (j + 1 < b.length && p[0] === b[j + 1][0] && p[1] === b[j + 1][1]) {
          j++;
          continue;
        }
        const [s, e] = [b[j], b[Math.min(j + 1, b.length - 1)]];
        const dx = (e[0] - s[0]) * cos;
        const dy = e[1] - s[1];
        const px = (p[0] - s[0]) * cos;
        const py = p[1] - s[1];
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        worst = Math.max(worst, Math.hypot(px - t * dx, py - t * dy));
      }
    });
    expect(worst).toBeLessThanOrEqual(TOLERANCE * 1.000001);
  });

  it("changes no municipality's area by more than 2 %", () => {
    const object = (t: Topology) => t.objects.kommuner as GeometryCollection<{ code: string }>;
    const before = feature(original, object(original)) as unknown as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon, { code: string }>;
    const after = feature(simple, object(simple)) as unknown as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon, { code: string }>;
    // (Christiansø, 411, is in the boundary file but no municipality: islets a few hundred metres across, below the tolerance)
    before.features.forEach((f, i) => {
      if (f.properties.code === "411") return;
      const a = geoArea(f);
      const b = geoArea(after.features[i]);
      expect(Math.abs(b - a) / a, f.properties.code).toBeLessThan(0.02);
    });
  });
});
