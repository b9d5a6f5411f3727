/**
 * A municipality's own register extract from Statistics Denmark (a særkørsel): in-movers by family
 * type × origin municipality × workplace municipality, one CSV per file in data/extracts/ (schema in
 * data/extracts/README.md). Parsed with every problem reported by file, line and column; small
 * counts suppressed before anything leaves the loader; returned as the "mover_extract" dataset.
 *
 * Small counts (DESIGN.md "Small counts", methods brief §4): DST's public tables are already
 * protected, but this extract is the municipality's own, so
 *   1. primary suppression: a cell of 1 or 2 persons is never written (movers null, suppressed 1);
 *   2. secondary suppression: no suppressed cell may be recoverable as (group total − shown cells)
 *      from the totals a reader may know, i.e. those of PAGE_GROUPINGS. See suppressSmallCounts().
 * auditNoRecovery() checks the output independently of how it was produced, and the loader refuses
 * to write a dataset it finds a leak in.
 */
import { EXAMPLE_NOTE_PREFIX, isExampleFile } from "../src/components/example.ts";
import { countShape, CsvFile, CsvFileError, dagiCodeProblem, duplicateRows, exampleAndRealFiles, FirstSeen, MAX_LISTED, readCsvFolder, type CsvProblem, type CsvRow, type CsvSchema } from "./csvFile.ts";
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import { isMunicipality } from "./tables/codes.ts";

// ---------------------------------------------------------------------------------------------
// Schema

/** The columns of an extract file, in the order the README gives (any order is accepted). */
export const EXTRACT_COLUMNS = ["kommune", "aar", "familietype", "fra_kommune", "arbejdssted", "antal"] as const;
export type ExtractColumn = (typeof EXTRACT_COLUMNS)[number];
const KEY_COLUMNS = ["kommune", "aar", "familietype", "fra_kommune", "arbejdssted"] as const;

/** Family-type codes and their Danish labels, in display order. */
export const FAMILY_TYPES = {
  par_med_boern: "Par med børn",
  enlig_med_boern: "Enlig med børn",
  par_uden_boern: "Par uden børn",
  enlig_uden_boern: "Enlig uden børn",
} as const;
export type FamilyType = keyof typeof FAMILY_TYPES;
const FAMILY_TYPE_CODES = Object.keys(FAMILY_TYPES) as FamilyType[];

/** Words allowed besides a municipality code. */
export const ORIGIN_WORDS = ["udland"] as const;
export const WORKPLACE_WORDS = ["udland", "ingen", "ukendt"] as const;

/** One cell of an extract as read from a file: `count` is null where the file says "not disclosed". */
export interface MoverCell {
  area: string;
  year: number;
  family_type: FamilyType;
  origin: string;
  workplace: string;
  count: number | null;
  /** Where the cell came from, for messages. */
  file: string;
  line: number;
}

export interface ParsedExtract {
  file: string;
  /** The file name ends in ".eksempel.csv": invented example data. */
  example: boolean;
  cells: MoverCell[];
}

export type ExtractProblem = CsvProblem;

/** Every problem found in one or more extract files; the message lists up to 20, then "… og N flere". */
export class MoverExtractError extends CsvFileError {
  constructor(problems: ExtractProblem[]) {
    super(problems, "the register extract (særkørsel)", "data/extracts/README.md");
    this.name = "MoverExtractError";
  }
}

const EXTRACT_CSV: CsvSchema<ExtractColumn> = {
  columns: EXTRACT_COLUMNS,
  danishLetters: "hint",
  linePer: "cell",
  error: (problems) => new MoverExtractError(problems),
};

/** Why `value` is not a municipality code nor one of `words`, or null when it is fine. */
function codeProblem(value: string, words: readonly string[]): string | null {
  if (words.includes(value.toLowerCase())) return null;
  if (/^\d{3}$/.test(value) && isMunicipality(value) && Number(value) < 900) return null;
  const dagi = dagiCodeProblem(value);
  if (dagi) return dagi;
  const allowed = `a 3-digit municipality code such as 260${words.length ? ` or ${words.map((w) => JSON.stringify(w)).join(", ")}` : ""}`;
  if (/^9\d\d$/.test(value)) {
    return `${JSON.stringify(value)} is not a municipality (StatBank's 9xx codes mean abroad or unknown); use ${words.length ? words.map((w) => JSON.stringify(w)).join(", ") : "a municipality code"}`;
  }
  return `${JSON.stringify(value)} is not ${allowed}`;
}

/** Why `text` is not an `antal`, or null; empty and ".." mean not disclosed. */
function antalProblem(text: string): string | null {
  switch (countShape(text)) {
    case "count":
    case "empty":
    case "not-disclosed":
      return null;
    case "negative":
      return `${text} is negative; antal is a number of persons (0 or more)`;
    case "thousands":
      return `${JSON.stringify(text)} is not an integer (write it without a thousands separator)`;
    case "decimal":
    case "negative-decimal":
      return `${JSON.stringify(text)} is not an integer`;
    case "other":
      return `${JSON.stringify(text)} is not a number of persons (an integer, or ".." or empty when not disclosed)`;
  }
}

/** The family-type code in the row's familietype field; undefined (and reported) when it is none. */
function familyOf(row: CsvRow<ExtractColumn>): FamilyType | undefined {
  const text = row.field("familietype");
  if (text === null) return undefined;
  const family = FAMILY_TYPE_CODES.find((f) => f === text.toLowerCase());
  if (!family) {
    const byLabel = FAMILY_TYPE_CODES.find((f) => FAMILY_TYPES[f].toLowerCase() === text.toLowerCase());
    row.fail("familietype", `unknown familietype ${JSON.stringify(text)}${byLabel ? ` (write the code ${byLabel}, not the label)` : ""}; expected one of ${FAMILY_TYPE_CODES.join(", ")}`);
  }
  return family;
}

/**
 * Parse and validate one extract file's text (decoded as UTF-8). `file` names the file in
 * messages and decides whether it is example data. Throws one MoverExtractError listing every
 * problem found, each with file, line and column.
 */
export function parseMoverExtract(text: string, file: string): ParsedExtract {
  const csv = new CsvFile(text, file, EXTRACT_CSV);
  const cells: MoverCell[] = [];
  const keys = new FirstSeen<number>();
  const hasKey = KEY_COLUMNS.every((c) => csv.has(c));
  for (const row of csv.rows()) {
    const area = row.check("kommune", (v) => codeProblem(v, []));
    const yearText = row.check("aar", (v) => (/^(19|20)\d\d$/.test(v) ? null : `${JSON.stringify(v)} is not a 4-digit year`));
    const family = familyOf(row);
    const origin = row.check("fra_kommune", (v) => codeProblem(v, ORIGIN_WORDS));
    const workplace = row.check("arbejdssted", (v) => codeProblem(v, WORKPLACE_WORDS));
    const countText = row.check("antal", antalProblem);
    const count = countText !== null && countShape(countText) === "count" ? Number(countText) : null;

    if (hasKey && area !== null && yearText !== null && family && origin !== null && workplace !== null) {
      const key = [area, yearText, family, origin.toLowerCase(), workplace.toLowerCase()].join(";");
      const first = keys.previous(key, row.line);
      if (first !== undefined) row.reject(`duplicate cell ${key} (kommune;aar;familietype;fra_kommune;arbejdssted), also on line ${first}`);
    }
    if (row.ok && family) {
      cells.push({
        area: area!,
        year: Number(yearText),
        family_type: family,
        origin: origin!.toLowerCase(),
        workplace: workplace!.toLowerCase(),
        count,
        file,
        line: row.line,
      });
    }
  }
  csv.throwIfProblems();
  return { file, example: isExampleFile(file), cells };
}

// ---------------------------------------------------------------------------------------------
// Small counts

/** The fields that identify a cell. */
export type KeyField = "area" | "year" | "family_type" | "origin" | "workplace";
export type Grouping = readonly KeyField[];

/**
 * The totals a reader may know and the suppression protects: those the mover page shows — per
 * (area, year), per (area, year, family type), and per (area, year, family type) by origin (summed
 * over workplaces) and by workplace (summed over origins) — plus in-movers per (area, year, origin)
 * over all family types, which Statistics Denmark publishes itself (FLY66) and the dashboard shows.
 * A page that shows other totals must add them here (the audit then covers them).
 */
export const PAGE_GROUPINGS: readonly Grouping[] = [
  ["area", "year"],
  ["area", "year", "family_type"],
  ["area", "year", "family_type", "origin"],
  ["area", "year", "family_type", "workplace"],
  ["area", "year", "origin"],
];

/** One output row of the dataset. */
export interface MoverRow {
  area: string;
  year: number;
  family_type: FamilyType;
  origin: string;
  workplace: string;
  /** null when suppressed or not disclosed. */
  movers: number | null;
  /** 1 when the loader has hidden the count (1–2 persons, or to protect such a cell). */
  suppressed: 0 | 1;
}

export interface SuppressionResult {
  rows: MoverRow[];
  /** Cells of 1 or 2 persons. */
  primary: number;
  /** Further cells hidden so that the primary ones cannot be worked out from totals. */
  secondary: number;
  /** The true counts in row order, for auditNoRecovery; they never leave the loader. */
  counts: (number | null)[];
}

/** The fields of a row the suppression and the audit look at. */
export interface AuditRow {
  movers: number | null;
  suppressed: number;
}

interface Group {
  grouping: number;
  by: readonly string[];
  values: Record<string, unknown>;
  cells: number[];
}

function buildGroups<R>(rows: readonly R[], groupings: readonly (readonly (keyof R & string)[])[]): Group[] {
  const groups: Group[] = [];
  groupings.forEach((by, g) => {
    const map = new Map<string, Group>();
    rows.forEach((row, i) => {
      const values = Object.fromEntries(by.map((k) => [k, row[k]]));
      const key = JSON.stringify(by.map((k) => row[k]));
      let group = map.get(key);
      if (!group) {
        group = { grouping: g, by, values, cells: [] };
        map.set(key, group);
        groups.push(group);
      }
      group.cells.push(i);
    });
  });
  return groups;
}

/**
 * The state both the suppression and the audit reason about: which cells are hidden (no number
 * shown: suppressed or not disclosed), which of those the loader suppressed, and the shown values.
 */
interface State {
  hidden: boolean[];
  suppressed: boolean[];
  /** The value shown (only read where not hidden). */
  shown: (number | null)[];
}

/**
 * Is the group's total shown (and so assumed known to a reader)? Yes when none of its cells is
 * hidden, or when at least one shown cell is above 0 (then the total is at least 3). A group whose
 * only shown cells are 0 but which has hidden cells gets no total: it would be made of hidden cells
 * alone and could be a count of 1 or 2.
 */
function totalShown(group: Group, s: State): boolean {
  let anyHidden = false;
  for (const i of group.cells) {
    if (s.hidden[i]) anyHidden = true;
    else if ((s.shown[i] ?? 0) > 0) return true;
  }
  return !anyHidden;
}

/** What may be worked out from the shown totals: a suppressed cell, or the total of a group that is not shown. */
interface Target {
  kind: "cell" | "group";
  /** The row (kind "cell") or the group index (kind "group"). */
  index: number;
  /** The hidden cells whose sum the target is. */
  support: number[];
  /** The connected set of hidden cells it lies in (the smallest if several). */
  component: number;
}

const EPS = 1e-9;

/**
 * The targets that the shown totals determine. Each shown total gives one linear equation over the
 * hidden cells of its group (its shown cells are known numbers); a target is determined exactly
 * when its vector of hidden cells lies in the row space of those equations. Solved per connected
 * set of hidden cells by Gauss–Jordan elimination on 0/1 rows.
 */
function determinedTargets(groups: Group[], s: State, smallTotal?: (g: Group) => boolean): Target[] {
  const n = s.hidden.length;
  const equations: number[][] = [];
  for (const g of groups) {
    if (!totalShown(g, s)) continue;
    const h = g.cells.filter((i) => s.hidden[i]);
    if (h.length > 0) equations.push(h);
  }
  // Connected sets of hidden cells (union-find over shared equations).
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const inEquation = new Array<boolean>(n).fill(false);
  for (const eq of equations) {
    for (const i of eq) {
      inEquation[i] = true;
      const a = find(eq[0]);
      const b = find(i);
      if (a !== b) parent[b] = a;
    }
  }
  interface Component {
    vars: Map<number, number>;
    pivots: { column: number; row: Float64Array }[];
    rows: number[][];
  }
  const components = new Map<number, Component>();
  for (const eq of equations) {
    const root = find(eq[0]);
    let c = components.get(root);
    if (!c) components.set(root, (c = { vars: new Map(), pivots: [], rows: [] }));
    for (const i of eq) if (!c.vars.has(i)) c.vars.set(i, c.vars.size);
    c.rows.push(eq);
  }
  for (const c of components.values()) {
    const width = c.vars.size;
    const m = c.rows.map((eq) => {
      const row = new Float64Array(width);
      for (const i of eq) row[c.vars.get(i)!] = 1;
      return row;
    });
    let r = 0;
    for (let col = 0; col < width && r < m.length; col++) {
      let best = r;
      for (let k = r + 1; k < m.length; k++) if (Math.abs(m[k][col]) > Math.abs(m[best][col])) best = k;
      if (Math.abs(m[best][col]) < EPS) continue;
      [m[r], m[best]] = [m[best], m[r]];
      const pivot = m[r][col];
      for (let j = col; j < width; j++) m[r][j] /= pivot;
      for (let k = 0; k < m.length; k++) {
        if (k === r) continue;
        const f = m[k][col];
        if (Math.abs(f) < EPS) continue;
        for (let j = col; j < width; j++) m[k][j] -= f * m[r][j];
        m[k][col] = 0;
      }
      c.pivots.push({ column: col, row: m[r] });
      r++;
    }
  }
  const determined = (support: number[]): boolean => {
    if (support.length === 0 || support.some((i) => !inEquation[i])) return false;
    const byComponent = new Map<number, number[]>();
    for (const i of support) {
      const root = find(i);
      byComponent.set(root, [...(byComponent.get(root) ?? []), i]);
    }
    for (const [root, cells] of byComponent) {
      const c = components.get(root)!;
      const v = new Float64Array(c.vars.size);
      for (const i of cells) v[c.vars.get(i)!] = 1;
      for (const { column, row } of c.pivots) {
        const f = v[column];
        if (Math.abs(f) < EPS) continue;
        for (let j = column; j < v.length; j++) v[j] -= f * row[j];
      }
      if (v.some((x) => Math.abs(x) > EPS)) return false;
    }
    return true;
  };
  const out: Target[] = [];
  const component = (support: number[]) => Math.min(...support.map(find));
  for (let i = 0; i < n; i++) if (s.suppressed[i] && determined([i])) out.push({ kind: "cell", index: i, support: [i], component: find(i) });
  groups.forEach((g, gi) => {
    if (!smallTotal || totalShown(g, s) || !g.cells.some((i) => s.suppressed[i]) || !smallTotal(g)) return;
    const support = g.cells.filter((i) => s.hidden[i]);
    if (support.length > 1 && determined(support)) out.push({ kind: "group", index: gi, support, component: component(support) });
  });
  return out;
}

/**
 * Is a group's true total 1 or 2 (or possibly so, when a cell was not disclosed and the rest add up
 * to at most 2)? Needs the true counts, which only the loader has.
 */
function smallTotalOf(counts: readonly (number | null)[]): (g: Group) => boolean {
  return (g) => {
    let sum = 0;
    let unknown = false;
    for (const i of g.cells) {
      if (counts[i] === null) unknown = true;
      else sum += counts[i]!;
    }
    return sum <= 2 && (sum >= 1 || unknown);
  };
}

/**
 * Are the group's hidden cells two or more suppressed cells of 1 each (and undisclosed cells of 0)?
 * The loader hides no 0, so a reader knows a suppressed cell is at least 1: when (total − shown
 * cells) equals the number of suppressed cells, every one of them is exactly 1.
 */
function allOnes(hiddenCells: number[], s: State, counts: readonly (number | null)[]): boolean {
  const k = hiddenCells.filter((i) => s.suppressed[i]).length;
  if (k < 2) return false;
  return hiddenCells.reduce((sum, i) => sum + (counts[i] ?? 0), 0) === k && hiddenCells.every((i) => counts[i] !== null);
}

/** The smallest shown cell above 0 in the group (first in row order on ties), or -1. */
function smallestShownPositive(group: Group, s: State): number {
  let best = -1;
  for (const i of group.cells) {
    if (s.hidden[i] || (s.shown[i] ?? 0) <= 0) continue;
    if (best < 0 || s.shown[i]! < s.shown[best]!) best = i;
  }
  return best;
}

/**
 * Primary and secondary suppression of `cells` (sorted into row order first). The rule, applied
 * until nothing changes, for every group of every grouping whose total is shown (see totalShown):
 *
 *   R0 (primary)   a cell of 1 or 2 persons is hidden.
 *   R1 (secondary) a group in which exactly one cell is hidden, and that cell was hidden here, also
 *                  hides its smallest shown cell above 0 (the first in row order on ties). A 0 is
 *                  never used: (total − shown cells) would still be the small count itself, now
 *                  known to sit in one of two cells; hiding a cell of 3 or more makes it at least 4.
 *   R1b            the same when the group's hidden cells are two or more suppressed cells that are
 *                  all 1 (as no 0 is hidden, (total − shown) = their number would give them away).
 *   R2 (secondary) when R1 no longer applies, but a hidden cell, or a total of 1 or 2 that is not
 *                  shown, can still be worked out by combining several totals (e.g. a family type's
 *                  total minus its other origins' totals), the shown group that holds part of it
 *                  with the fewest hidden cells hides its smallest shown cell above 0; then R1
 *                  again. One such step per connected set of hidden cells per round.
 *
 * Every step hides one more cell, so it ends; in the worst case everything in a group is hidden.
 * The result is deterministic: row order, grouping order and ties are fixed.
 */
export function suppressSmallCounts(cells: readonly Omit<MoverCell, "file" | "line">[], groupings: readonly Grouping[] = PAGE_GROUPINGS): SuppressionResult {
  const sorted = [...cells].sort(compareCells);
  const s: State = {
    hidden: sorted.map((c) => c.count === null || c.count === 1 || c.count === 2),
    suppressed: sorted.map((c) => c.count === 1 || c.count === 2),
    shown: sorted.map((c) => c.count),
  };
  const primary = s.suppressed.filter(Boolean).length;
  const groups = buildGroups(sorted, groupings);
  const groupsOf: number[][] = sorted.map(() => []);
  groups.forEach((g, gi) => g.cells.forEach((i) => groupsOf[i].push(gi)));
  const counts = sorted.map((c) => c.count);
  const smallTotal = smallTotalOf(counts);
  const hide = (i: number) => {
    s.hidden[i] = true;
    s.suppressed[i] = true;
  };
  for (;;) {
    // R1 until stable
    for (let changed = true; changed; ) {
      changed = false;
      for (const g of groups) {
        if (!totalShown(g, s)) continue;
        const hiddenCells = g.cells.filter((i) => s.hidden[i]);
        const onlyOne = hiddenCells.length === 1 && s.suppressed[hiddenCells[0]];
        if (!onlyOne && !allOnes(hiddenCells, s, counts)) continue;
        hide(smallestShownPositive(g, s));
        changed = true;
      }
    }
    // R2
    const targets = determinedTargets(groups, s, smallTotal);
    if (targets.length === 0) break;
    // One step per connected set of hidden cells, and only where no earlier step of this round
    // touched the groups the choice looks at; the rest wait for the next round.
    const done = new Set<number>();
    const touched = new Set<number>();
    for (const t of targets) {
      if (done.has(t.component)) continue;
      const candidates = groups.filter((g) => totalShown(g, s) && g.cells.some((i) => t.support.includes(i)));
      if (candidates.some((g) => g.cells.some((i) => touched.has(i)))) continue;
      let best: Group | undefined;
      let bestHidden = Infinity;
      for (const g of candidates) {
        const h = g.cells.filter((i) => s.hidden[i]).length;
        if (h < bestHidden) [best, bestHidden] = [g, h];
      }
      const cell = best ? smallestShownPositive(best, s) : -1;
      if (cell < 0) throw new Error(`mover_extract: secondary suppression found no cell to hide for ${describeTarget(t, sorted, groups)}`);
      hide(cell);
      done.add(t.component);
      for (const g of groupsOf[cell]) for (const i of groups[g].cells) touched.add(i);
      for (const g of candidates) for (const i of g.cells) touched.add(i);
    }
  }
  const rows: MoverRow[] = sorted.map((c, i) => ({
    area: c.area,
    year: c.year,
    family_type: c.family_type,
    origin: c.origin,
    workplace: c.workplace,
    movers: s.hidden[i] ? null : c.count,
    suppressed: s.suppressed[i] ? 1 : 0,
  }));
  return { rows, primary, secondary: s.suppressed.filter(Boolean).length - primary, counts };
}

export interface RecoveryLeak {
  kind: "small-count-shown" | "only-hidden-cell" | "only-ones-hidden" | "determined-cell" | "determined-group-total";
  /** Row index of the cell concerned (kinds other than "determined-group-total"). */
  row: number | null;
  /** The grouping and group concerned (kinds "only-hidden-cell" and "determined-group-total"). */
  grouping: readonly string[] | null;
  group: Record<string, unknown> | null;
  message: string;
}

/**
 * Proves for a dataset that no suppressed cell can be worked out from the totals a reader may
 * know: those of `groupings`. A group's total counts as shown (known) when none of its cells is
 * hidden or at least one shown cell is above 0; a page must show no total for any other group
 * (its total is made of hidden cells alone and may be 1 or 2). Reported:
 *   - small-count-shown: a shown count of 1 or 2, or a cell marked suppressed that shows a number;
 *   - only-hidden-cell: a shown group total with exactly one hidden cell, which is suppressed —
 *     its value is (group total − shown cells);
 *   - determined-cell: a suppressed cell that follows from combining several shown totals
 *     (e.g. a family type's total minus the totals of its other origins and of other cells);
 *   - with `counts` (the true counts in row order, which only the loader has) also
 *     determined-group-total: a total of 1 or 2 that is not shown but follows from the shown totals;
 *     only-ones-hidden: a shown group whose hidden cells are two or more suppressed 1s, which a
 *     reader who knows that no 0 is hidden can tell from (total − shown cells).
 * Returns [] when there is none. Looks only at `movers` (null = hidden) and `suppressed` (1 = hidden
 * by the loader; a hidden cell with 0 was not disclosed by the source) and the grouping fields.
 * What is proven is exact recovery from the equations the shown totals give, and the all-ones case
 * within one group; a reader who also uses that counts are whole numbers ≥ 0 across several groups
 * can narrow some hidden cells to a range, which the audit does not bound.
 */
export function auditNoRecovery<R extends AuditRow>(
  rows: readonly R[],
  groupings: readonly (readonly (keyof R & string)[])[],
  counts?: readonly (number | null)[],
): RecoveryLeak[] {
  const s: State = {
    hidden: rows.map((r) => r.movers === null),
    suppressed: rows.map((r) => r.suppressed === 1),
    shown: rows.map((r) => r.movers),
  };
  const groups = buildGroups(rows, groupings);
  const leaks: RecoveryLeak[] = [];
  const cellName = (i: number) => JSON.stringify(Object.fromEntries(Object.entries(rows[i]).filter(([k]) => k !== "movers" && k !== "suppressed")));
  rows.forEach((r, i) => {
    if (r.movers === 1 || r.movers === 2) leaks.push({ kind: "small-count-shown", row: i, grouping: null, group: null, message: `row ${i + 1} ${cellName(i)} shows ${r.movers}` });
    if (r.suppressed === 1 && r.movers !== null) leaks.push({ kind: "small-count-shown", row: i, grouping: null, group: null, message: `row ${i + 1} ${cellName(i)} is marked suppressed but shows ${r.movers}` });
  });
  const reported = new Set<number>();
  for (const g of groups) {
    if (!totalShown(g, s)) continue;
    const hiddenCells = g.cells.filter((i) => s.hidden[i]);
    if (counts && allOnes(hiddenCells, s, counts)) {
      leaks.push({
        kind: "only-ones-hidden",
        row: null,
        grouping: g.by,
        group: g.values,
        message: `the ${hiddenCells.length} hidden cells of ${JSON.stringify(g.values)} are all 1, which (total − shown cells) gives away`,
      });
    }
    if (hiddenCells.length === 1 && s.suppressed[hiddenCells[0]]) {
      const i = hiddenCells[0];
      reported.add(i);
      leaks.push({
        kind: "only-hidden-cell",
        row: i,
        grouping: g.by,
        group: g.values,
        message: `row ${i + 1} ${cellName(i)} = total of ${JSON.stringify(g.values)} − its ${g.cells.length - 1} shown cells`,
      });
    }
  }
  for (const t of determinedTargets(groups, s, counts ? smallTotalOf(counts) : undefined)) {
    if (t.kind === "cell") {
      if (reported.has(t.index)) continue;
      leaks.push({ kind: "determined-cell", row: t.index, grouping: null, group: null, message: `row ${t.index + 1} ${cellName(t.index)} follows from combining the shown totals` });
    } else {
      const g = groups[t.index];
      leaks.push({
        kind: "determined-group-total",
        row: null,
        grouping: g.by,
        group: g.values,
        message: `the total of ${JSON.stringify(g.values)} is not shown but follows from the shown totals`,
      });
    }
  }
  return leaks;
}

function describeTarget(t: Target, rows: readonly object[], groups: Group[]): string {
  return t.kind === "cell" ? JSON.stringify(rows[t.index]) : `the total of ${JSON.stringify(groups[t.index].values)}`;
}

const FAMILY_ORDER = new Map(FAMILY_TYPE_CODES.map((f, i) => [f, i]));

/** Row order: area, year, family type (README order), origin, workplace (codes before words). */
function compareCells(a: Omit<MoverCell, "file" | "line">, b: Omit<MoverCell, "file" | "line">): number {
  return (
    a.area.localeCompare(b.area) ||
    a.year - b.year ||
    FAMILY_ORDER.get(a.family_type)! - FAMILY_ORDER.get(b.family_type)! ||
    (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0) ||
    (a.workplace < b.workplace ? -1 : a.workplace > b.workplace ? 1 : 0)
  );
}

// ---------------------------------------------------------------------------------------------
// Dataset

const TITLE = "Tilflyttere efter familietype, fraflytningskommune og arbejdssted (særkørsel)";

const COLUMNS = {
  area: "Kommunekode (tilflytningskommunen)",
  year: "År for tilflytningen",
  family_type: `Familietype: ${FAMILY_TYPE_CODES.map((f) => `${f} = ${FAMILY_TYPES[f]}`).join(", ")}`,
  origin: "Fraflytningskommune (kommunekode) eller udland",
  workplace: "Arbejdsstedskommune (kommunekode), udland, ingen (ikke i beskæftigelse) eller ukendt",
  movers: "Tilflyttere, personer; tom når tallet er skjult (færre end 3 eller for at beskytte et sådant tal) eller ikke oplyst",
  suppressed: "1 når tallet er skjult af diskretionshensyn, ellers 0",
};

export const SUPPRESSION_NOTE =
  "Små tal: celler med færre end 3 personer (1 eller 2) vises ikke. Så de heller ikke kan regnes ud som en total minus de viste celler, " +
  "er yderligere celler skjult (sekundær diskretionering): hver total pr. år, pr. familietype, pr. familietype og fraflytningskommune, " +
  "pr. familietype og arbejdssted og pr. fraflytningskommune har enten ingen skjulte celler eller mindst to, og ingen skjult celle kan regnes ud ved at kombinere totalerne. " +
  "En total vises kun for en gruppe uden skjulte celler eller med mindst én vist celle over 0. Skjulte celler må ikke tælles som 0.";

/**
 * Read every `*.csv` in `dir`, validate and concatenate them, suppress small counts and return the
 * "mover_extract" dataset. No CSV (or no folder): an empty dataset that says "ingen særkørsel".
 */
export async function moverExtract(dir = "data/extracts"): Promise<Dataset> {
  const { files, parsed, problems } = await readCsvFolder(dir, parseMoverExtract);
  if (files.length === 0) return emptyMoverExtract(dir);
  // The same cell in two files.
  problems.push(...duplicateRows(parsed.flatMap((p) => p.cells), (c) => [c.area, c.year, c.family_type, c.origin, c.workplace].join(";"), "duplicate cell"));
  if (problems.length > 0) throw new MoverExtractError(problems);

  const cells = parsed.flatMap((p) => p.cells);
  const { rows, primary, secondary, counts } = suppressSmallCounts(cells);
  const leaks = auditNoRecovery(rows, PAGE_GROUPINGS, counts);
  if (leaks.length > 0) {
    throw new Error(`mover_extract: the suppression leaves ${leaks.length} cell(s) recoverable (a bug):\n${leaks.slice(0, MAX_LISTED).map((l) => `  ${l.message}`).join("\n")}`);
  }

  const { examples, real } = exampleAndRealFiles(parsed);
  const notDisclosed = cells.filter((c) => c.count === null).length;
  const notes = [
    ...(examples.length
      ? [
          `${EXAMPLE_NOTE_PREFIX} ${examples.join(", ")} er opdigtede tal til at vise siden, ikke tal fra Danmarks Statistik.`,
        ]
      : []),
    ...(real.length ? [`Særkørsel fra Danmarks Statistik, bestilt af kommunen: ${real.join(", ")}.`] : []),
    SUPPRESSION_NOTE,
    `Skjult i alt: ${primary + secondary} af ${rows.length} celler (${primary} med færre end 3, ${secondary} for at beskytte dem).`,
    ...(notDisclosed ? [`${notDisclosed} celler er ikke oplyst i særkørslen ("..") og vises som manglende.`] : []),
  ];
  return {
    columns: columnsOf(rows),
    meta: datasetMeta({ dataset: "mover_extract", title: TITLE, sources: [], rows: rows.length, columns: COLUMNS, notes }),
  };
}

/** The dataset when data/extracts holds no CSV. */
export function emptyMoverExtract(dir = "data/extracts"): Dataset {
  return {
    columns: columnsOf([]),
    meta: datasetMeta({
      dataset: "mover_extract",
      title: TITLE,
      sources: [],
      rows: 0,
      columns: COLUMNS,
      missing: [{ table: "data/extracts", what: "ingen særkørsel", detail: `no *.csv file in ${dir}; the format is described in data/extracts/README.md` }],
    }),
  };
}

function columnsOf(rows: readonly MoverRow[]): Dataset["columns"] {
  return {
    area: { type: "string", values: rows.map((r) => r.area) },
    year: { type: "int16", values: rows.map((r) => r.year) },
    family_type: { type: "string", values: rows.map((r) => r.family_type) },
    origin: { type: "string", values: rows.map((r) => r.origin) },
    workplace: { type: "string", values: rows.map((r) => r.workplace) },
    movers: { type: "int32", values: rows.map((r) => r.movers) },
    suppressed: { type: "int16", values: rows.map((r) => r.suppressed) },
  };
}
