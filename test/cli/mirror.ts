/**
 * Facts about the StatBank mirror folder that the command-line tests need, read from its files at
 * test time with a plain split on ';' (never through the client under test): the tables it holds,
 * a table it lacks, the codes of a variable in the order the mirror presents them, and a real
 * gap, i.e. a combination of codes the file holds together for some periods but not for others.
 * Nothing here assumes what the mirror holds today, so the tests keep working as it grows.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface MirrorFile {
  header: string[];
  rows: string[][];
}

const files = new Map<string, MirrorFile>();

/** Header and rows of `<dir>/<table>.csv`, split by hand (cached per path). */
export function mirrorFile(dir: string, table: string): MirrorFile {
  const path = join(dir, `${table}.csv`);
  let file = files.get(path);
  if (!file) {
    const lines = readFileSync(path, "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    file = { header: lines[0].split(";"), rows: lines.slice(1).map((l) => l.split(";")) };
    files.set(path, file);
  }
  return file;
}

/** The table ids the mirror has rows of (its *.csv files), sorted as the CLI lists them. */
export function mirrorTables(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".csv"))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Whether the mirror has a file for `table` (file names compared without regard to case). */
export function hasTable(dir: string, table: string): boolean {
  return mirrorTables(dir).some((t) => t.toUpperCase() === table.toUpperCase());
}

/**
 * The first of `candidates` the mirror has no file for; if it has them all, an id made up from the
 * first candidate that is not a file either. Either way the id is checked against the folder.
 */
export function absentTable(dir: string, candidates: string[]): string {
  const found = candidates.find((t) => !hasTable(dir, t));
  if (found) return found;
  for (let i = 1; ; i++) {
    const made = `${candidates[0]}X${i}`;
    if (!hasTable(dir, made)) return made;
  }
}

/** Tables whose tableinfo is stored in tableinfo/ but whose rows the mirror lacks. */
export function tableinfoOnly(dir: string): string[] {
  const infoDir = join(dir, "tableinfo");
  if (!existsSync(infoDir)) return [];
  return readdirSync(infoDir)
    .filter((f) => /^[A-Za-z0-9]+\.json$/.test(f))
    .map((f) => f.slice(0, -5))
    .filter((t) => !hasTable(dir, t))
    .sort();
}

export const isTime = (variable: string) => variable.toUpperCase() === "TID";

/** A sortable number for a StatBank period code ("2024", "2024K1", "2024Q1", "2024M01", "2024H1"). */
export function periodOrder(code: string): number {
  const m = /^(\d{4})(?:[KQMHU](\d{1,2}))?$/i.exec(code);
  if (!m) throw new Error(`not a period code: ${code}`);
  return Number(m[1]) * 100 + Number(m[2] ?? 0);
}

export const byPeriod = (a: string, b: string) => periodOrder(a) - periodOrder(b);

/** "2008Q1" -> "2008K1" (an English tableinfo's quarter code as the file writes it). */
export const danishQuarter = (code: string) => code.replace(/^(\d{4})Q(\d)$/i, "$1K$2");

/** Distinct values of one column, in the order first seen. */
export function distinctOf(file: MirrorFile, column: string): string[] {
  const i = file.header.indexOf(column);
  if (i < 0) throw new Error(`no column ${column} in ${file.header.join(";")}`);
  return [...new Set(file.rows.map((r) => r[i]))];
}

/**
 * The codes of `column` the file holds, in the order a mirror presents them: periods in time
 * order; other codes in the order of the stored tableinfo when there is one (codes it lacks last,
 * in the order first seen), else in natural order.
 */
export function heldCodes(file: MirrorFile, column: string, stored?: string[]): string[] {
  const held = distinctOf(file, column);
  if (isTime(column)) return held.sort(byPeriod);
  if (stored && stored.length > 0) {
    const rank = new Map(stored.map((c, i) => [c, i]));
    return held.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
  }
  return held.sort((a, b) => a.localeCompare(b, "da", { numeric: true }));
}

/** "a, b, c" or, past `max` codes, "a, b, … (N in all)" (`sep` between codes). */
export function abbreviated(codes: string[], max: number, sep = ", "): string {
  if (codes.length <= max) return codes.join(sep);
  return `${codes.slice(0, max).join(sep)}${sep}… (${codes.length} in all)`;
}

/** Total codes of StatBank variables (other than the whole country, which is an area). */
const TOTALS = new Set(["TOT", "IALT", "MOK"]);

export interface CombinationGap {
  /** The non-time code of every variable of the file, by header column. */
  codes: Record<string, string>;
  /** The file's rows of that combination. */
  rows: string[][];
  /** Periods of the file that the combination has no row for, in time order. */
  lacking: string[];
}

/**
 * A real gap of a table with a time column: one code of every other variable that the file holds
 * together for some of its periods but not for all of them. Preferred: the combination with the
 * most total codes (TOT, IALT, MOK), then the fewest lacking periods, then the first seen in the
 * file. Undefined when the file is a complete cube over time.
 */
export function combinationGap(file: MirrorFile): CombinationGap | undefined {
  const t = file.header.findIndex(isTime);
  if (t < 0) throw new Error(`no time column in ${file.header.join(";")}`);
  const dims = file.header.map((h, i) => ({ h, i })).filter(({ h, i }) => i !== t && h !== "INDHOLD");
  const periods = heldCodes(file, file.header[t]);
  const groups = new Map<string, { codes: Record<string, string>; rows: string[][]; periods: Set<string>; seen: number }>();
  file.rows.forEach((r, n) => {
    const key = dims.map(({ i }) => r[i]).join("\u0000");
    let g = groups.get(key);
    if (!g) {
      g = { codes: Object.fromEntries(dims.map(({ h, i }) => [h, r[i]])), rows: [], periods: new Set(), seen: n };
      groups.set(key, g);
    }
    g.rows.push(r);
    g.periods.add(r[t]);
  });
  const score = (g: { codes: Record<string, string>; periods: Set<string>; seen: number }) => [
    dims.filter(({ h }) => !TOTALS.has(g.codes[h].toUpperCase())).length,
    periods.length - g.periods.size,
    g.seen,
  ];
  const candidates = [...groups.values()]
    .filter((g) => g.periods.size < periods.length)
    .sort((a, b) => {
      const x = score(a);
      const y = score(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
      return 0;
    });
  const best = candidates[0];
  if (!best) return undefined;
  return { codes: best.codes, rows: best.rows, lacking: periods.filter((p) => !best.periods.has(p)) };
}
