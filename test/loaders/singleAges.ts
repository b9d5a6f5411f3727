/**
 * Single ages by sex on 1 January, worked out from the mirror files by hand (independently of the
 * loader): FOLK1A.csv's cells (CIVILSTAND TOT), and BY2.csv's where FOLK1A lacks an area-year that
 * BY2 has whole (every age 0…the highest of either file, both sexes); otherwise the fuller table.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mirrorDir } from "../paths.ts";

export interface AgeCell {
  area: string;
  year: number;
  sex: "M" | "K";
  age: number;
  value: number;
  table: "FOLK1A" | "BY2";
}

const raw = (file: string) =>
  readFileSync(join(mirrorDir, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));

export function singleAgesFromMirror(): { folk: AgeCell[]; by2: AgeCell[]; chosen: AgeCell[]; maxAge: number; asked: string[][] } {
  const asked = raw("FOLK1A.csv").filter((x) => (x[1] === "1" || x[1] === "2") && x[3] === "TOT" && x[4].endsWith("K1"));
  const folk: AgeCell[] = asked
    .filter((x) => x[2] !== "IALT")
    .map((x) => ({ area: x[0], year: Number(x[4].slice(0, 4)), sex: x[1] === "1" ? "M" : "K", age: Number(x[2]), value: Number(x[5]), table: "FOLK1A" }));
  const by2: AgeCell[] = existsSync(join(mirrorDir, "BY2.csv"))
    ? raw("BY2.csv")
        .filter((x) => /^\d+$/.test(x[2]))
        .map((x) => ({ area: x[0], year: Number(x[3]), sex: x[1] === "1" ? "M" : "K", age: Number(x[2]), value: Number(x[4]), table: "BY2" }))
    : [];
  const maxAge = [...folk, ...by2].reduce((m, c) => Math.max(m, c.age), 0);
  const group = (cells: AgeCell[]) => {
    const m = new Map<string, AgeCell[]>();
    for (const c of cells) {
      const k = `${c.area}|${c.year}`;
      const list = m.get(k);
      if (list) list.push(c);
      else m.set(k, [c]);
    }
    return m;
  };
  const complete = (cells: AgeCell[] | undefined) => !!cells && new Set(cells.map((c) => `${c.sex}|${c.age}`)).size === 2 * (maxAge + 1);
  const [f, b] = [group(folk), group(by2)];
  const chosen: AgeCell[] = [];
  for (const key of new Set([...f.keys(), ...b.keys()])) {
    const pick = complete(f.get(key))
      ? f.get(key)
      : complete(b.get(key))
        ? b.get(key)
        : (f.get(key)?.length ?? 0) >= (b.get(key)?.length ?? 0)
          ? f.get(key)
          : b.get(key);
    if (pick) chosen.push(...pick);
  }
  return { folk, by2, chosen, maxAge, asked };
}
