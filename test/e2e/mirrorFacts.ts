/** Facts the e2e tests read straight from the mirror files, independently of the loaders. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mirrorDir } from "../paths.ts";

/** The rows of a mirror file (`;`-separated, header dropped), read without the loaders. */
export function mirrorRows(file: string): string[][] {
  return readFileSync(join(mirrorDir, file), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(";"));
}

/** Newest population count of an area over FOLK1AM (months) and FOLK1A (1 January), FOLK1AM on a tie. */
export function latestPopulationFromMirror(area: string): { value: number; date: string } {
  const monthly = mirrorRows("FOLK1AM.csv").filter((r) => r[0] === area && r[1] === "TOT" && r[2] === "IALT");
  const yearly = mirrorRows("FOLK1A.csv").filter((r) => r[0] === area && r[1] === "TOT" && r[2] === "IALT" && r[3] === "TOT" && r[4].endsWith("K1"));
  const candidates = [
    ...monthly.map((r) => ({ date: `${r[3].slice(0, 4)}-${r[3].slice(5)}`, value: Number(r[4]), rank: 1 })),
    ...yearly.map((r) => ({ date: `${r[4].slice(0, 4)}-01`, value: Number(r[5]), rank: 0 })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.rank - b.rank);
  const newest = candidates.at(-1)!;
  return { value: newest.value, date: newest.date };
}

/** 31738 -> "31.738", written out by hand rather than with the page's formatter. */
export function danishThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** The largest origin of in-movers to `area` in FLY66.csv (ages in [from, to]), ties to the lower code. */
export function topOriginFromMirror(area: string, ages: [number, number] = [0, 999]): { code: string; moves: number } {
  const byOrigin = new Map<string, number>();
  for (const r of mirrorRows("FLY66.csv")) {
    const age = Number(r[2]);
    if (r[0] !== area || age < ages[0] || age > ages[1]) continue;
    byOrigin.set(r[1], (byOrigin.get(r[1]) ?? 0) + Number(r[5]));
  }
  const [code, moves] = [...byOrigin].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return { code, moves };
}

/** The 98 municipality codes, from the FOLK1A tableinfo stored with the mirror. */
export function municipalityCodesFromMirror(): string[] {
  const info = JSON.parse(readFileSync(join(mirrorDir, "tableinfo/FOLK1A.json"), "utf8"));
  const omr = info.variables.find((v: { id: string }) => v.id === "OMRÅDE");
  return omr.values.map((v: { id: string }) => v.id).filter((c: string) => Number(c) >= 101 && c !== "411");
}

/** FOLK1A.csv rows the `population` dataset keeps: all areas, both sexes, all ages, all marital statuses, 1st quarter, with a value. */
export function populationRowsFromMirror(): { area: string; year: number; population: number }[] {
  return mirrorRows("FOLK1A.csv")
    .filter((r) => r[1] === "TOT" && r[2] === "IALT" && r[3] === "TOT" && r[4].endsWith("K1") && !["..", "-", ""].includes(r[5]))
    .map((r) => ({ area: r[0], year: Number(r[4].slice(0, 4)), population: Number(r[5]) }));
}

/**
 * Which of the tables have no row for `area` in the mirror (no file at all, or no row whose area
 * column starts with the code): [table, index of the area column]. BY1's codes begin with the
 * municipality's code (26010077 is a town in 260).
 */
export function tablesLackingArea(area: string, tables: [string, number][]): string[] {
  return tables
    .filter(([table, column]) => !existsSync(join(mirrorDir, `${table}.csv`)) || !mirrorRows(`${table}.csv`).some((r) => r[column].startsWith(area)))
    .map(([table]) => table);
}

/** The years BY1.csv has for a municipality's urban areas (codes starting with its 3 digits). */
export function by1Years(area: string): number[] {
  if (!existsSync(join(mirrorDir, "BY1.csv"))) return [];
  const lines = readFileSync(join(mirrorDir, "BY1.csv"), "utf8").trim().split("\n");
  const header = lines[0].split(";");
  const [code, time] = [header.indexOf("BYER"), header.findIndex((h) => h.toUpperCase() === "TID")];
  return [
    ...new Set(
      lines
        .slice(1)
        .map((l) => l.split(";"))
        .filter((r) => r[code].startsWith(area))
        .map((r) => Number(r[time].slice(0, 4))),
    ),
  ].sort();
}
