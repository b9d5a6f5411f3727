/**
 * Fewer points for the map the browser draws: each arc of a (quantized, delta-encoded) TopoJSON
 * topology is simplified with Douglas–Peucker, keeping its two ends, so that borders shared by
 * two municipalities stay shared (both use the same simplified arc) and no gap or overlap opens
 * between them. A closed arc (an island's whole coast) keeps at least four points, so it stays a
 * ring with an area. The browser then projects a fraction of the points on every redraw of the
 * flow map. Neighbours, centroids and areas are computed from the full boundaries (loaders/geo.ts).
 */
import type { Topology } from "topojson-specification";

type Point = [number, number];

/** The arc's absolute points (the topology's arcs are delta-encoded when it has a transform). */
function decode(arc: number[][], quantized: boolean): Point[] {
  if (!quantized) return arc.map(([x, y]) => [x, y]);
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => [(x += dx), (y += dy)] as Point);
}

function encode(points: Point[], quantized: boolean): number[][] {
  if (!quantized) return points.map(([x, y]) => [x, y]);
  let px = 0;
  let py = 0;
  return points.map(([x, y]) => {
    const d = [x - px, y - py];
    px = x;
    py = y;
    return d;
  });
}

/** Squared distance from p to the segment a–b, in units scaled by (sx, sy). */
function segmentDistance2(p: Point, a: Point, b: Point, sx: number, sy: number): number {
  const ax = a[0] * sx;
  const ay = a[1] * sy;
  const dx = b[0] * sx - ax;
  const dy = b[1] * sy - ay;
  const px = p[0] * sx - ax;
  const py = p[1] * sy - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
  const ex = px - t * dx;
  const ey = py - t * dy;
  return ex * ex + ey * ey;
}

/** The point strictly between i and j farthest from the segment i–j (index −1 when there is none), and its squared distance. */
function farthest(points: Point[], i: number, j: number, sx: number, sy: number): { index: number; worst: number } {
  let worst = -1;
  let index = -1;
  for (let k = i + 1; k < j; k++) {
    const d = segmentDistance2(points[k], points[i], points[j], sx, sy);
    if (d > worst) {
      worst = d;
      index = k;
    }
  }
  return { index, worst };
}

/** Indices kept by Douglas–Peucker between first and last (both kept). */
function keep(points: Point[], first: number, last: number, tolerance2: number, sx: number, sy: number, out: Set<number>): void {
  // iterative, so a long coast cannot overflow the stack
  const stack: [number, number][] = [[first, last]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const { index, worst } = farthest(points, i, j, sx, sy);
    if (index >= 0 && worst > tolerance2) {
      out.add(index);
      stack.push([i, index], [index, j]);
    }
  }
}

/** One arc with Douglas–Peucker at `tolerance` (in degrees, longitudes scaled by cos(latitude)). */
export function simplifyArc(points: Point[], tolerance: number, sx: number, sy: number): Point[] {
  if (points.length <= 4) return points;
  const last = points.length - 1;
  const kept = new Set([0, last]);
  const closed = points[0][0] === points[last][0] && points[0][1] === points[last][1];
  if (closed) {
    // a ring: split at the point farthest from the start, and keep the farthest from that chord on each side
    let far = 1;
    let best = -1;
    for (let k = 1; k < last; k++) {
      const dx = (points[k][0] - points[0][0]) * sx;
      const dy = (points[k][1] - points[0][1]) * sy;
      if (dx * dx + dy * dy > best) {
        best = dx * dx + dy * dy;
        far = k;
      }
    }
    kept.add(far);
    for (const [i, j] of [
      [0, far],
      [far, last],
    ]) {
      const { index } = farthest(points, i, j, sx, sy);
      if (index >= 0) kept.add(index);
    }
    const fixed = [...kept].sort((a, b) => a - b);
    for (let n = 0; n + 1 < fixed.length; n++) keep(points, fixed[n], fixed[n + 1], tolerance * tolerance, sx, sy, kept);
  } else keep(points, 0, last, tolerance * tolerance, sx, sy, kept);
  return [...kept].sort((a, b) => a - b).map((k) => points[k]);
}

/**
 * The topology with every arc simplified at `tolerance` degrees (north–south; east–west distances
 * are scaled by the cosine of the mean latitude, about 0.56 in Denmark). Objects are unchanged.
 */
export function simplifyTopology<T extends Topology>(topology: T, tolerance: number, meanLatitude = 56): T {
  const quantized = !!topology.transform;
  const [kx, ky] = topology.transform?.scale ?? [1, 1];
  const sx = kx * Math.cos((meanLatitude * Math.PI) / 180);
  const sy = ky;
  const arcs = topology.arcs.map((arc) => encode(simplifyArc(decode(arc as number[][], quantized), tolerance, sx, sy), quantized));
  return { ...topology, arcs } as T;
}
