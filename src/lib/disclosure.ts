/**
 * Disclosure control for data the municipality brings (DESIGN.md "Small counts"): which cells of
 * a table of counts to hide so that no count of 1 or 2 is shown or can be worked out from the
 * totals a reader may know, and an audit that proves it for any output. Pure: no DOM, no node;
 * works on any rows with the fields a grouping names.
 *
 *   - hideSmallCounts: primary suppression (1 and 2) and secondary suppression (cells hidden so
 *     that the primary ones cannot be recovered), by the rules R0–R2 below;
 *   - auditNoRecovery: checks an output independently of how it was produced.
 *
 * A little over 400 lines, kept in one file on purpose: the suppression and its audit must reason
 * alike, so they share the groups, the rule for which totals are shown (totalShown) and the
 * elimination that finds what the shown totals determine (determinedTargets).
 */

/** The fields of a row the suppression and the audit look at. */
export interface AuditRow {
  movers: number | null;
  suppressed: number;
}

/** A cell with its true count (null where the source did not disclose it). */
export interface CountedCell {
  count: number | null;
}

/** Which cells hideSmallCounts hides, in row order. */
export interface Hidden {
  /** No number shown: suppressed here, or not disclosed by the source. */
  hidden: boolean[];
  /** Hidden here (1–2 persons, or to protect such a cell). */
  suppressed: boolean[];
  /** Cells of 1 or 2 persons. */
  primary: number;
  /** Further cells hidden so that the primary ones cannot be worked out from totals. */
  secondary: number;
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
 * Primary and secondary suppression of `cells`, which must be in row order (ties and the choice of
 * cells follow it). The rule, applied until nothing changes, for every group of every grouping
 * whose total is shown (see totalShown):
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
 *
 * `subject` names the data in the error thrown when no cell can be found to hide (a bug).
 */
export function hideSmallCounts<C extends CountedCell>(cells: readonly C[], groupings: readonly (readonly (keyof C & string)[])[], subject: string): Hidden {
  const s: State = {
    hidden: cells.map((c) => c.count === null || c.count === 1 || c.count === 2),
    suppressed: cells.map((c) => c.count === 1 || c.count === 2),
    shown: cells.map((c) => c.count),
  };
  const primary = s.suppressed.filter(Boolean).length;
  const groups = buildGroups(cells, groupings);
  const groupsOf: number[][] = cells.map(() => []);
  groups.forEach((g, gi) => g.cells.forEach((i) => groupsOf[i].push(gi)));
  const counts = cells.map((c) => c.count);
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
      if (cell < 0) throw new Error(`${subject}: secondary suppression found no cell to hide for ${describeTarget(t, cells, groups)}`);
      hide(cell);
      done.add(t.component);
      for (const g of groupsOf[cell]) for (const i of groups[g].cells) touched.add(i);
      for (const g of candidates) for (const i of g.cells) touched.add(i);
    }
  }
  return { hidden: s.hidden, suppressed: s.suppressed, primary, secondary: s.suppressed.filter(Boolean).length - primary };
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
    if (r.movers === 1 || r.movers === 2)
      leaks.push({ kind: "small-count-shown", row: i, grouping: null, group: null, message: `row ${i + 1} ${cellName(i)} shows ${r.movers}` });
    if (r.suppressed === 1 && r.movers !== null)
      leaks.push({
        kind: "small-count-shown",
        row: i,
        grouping: null,
        group: null,
        message: `row ${i + 1} ${cellName(i)} is marked suppressed but shows ${r.movers}`,
      });
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
      leaks.push({
        kind: "determined-cell",
        row: t.index,
        grouping: null,
        group: null,
        message: `row ${t.index + 1} ${cellName(t.index)} follows from combining the shown totals`,
      });
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
