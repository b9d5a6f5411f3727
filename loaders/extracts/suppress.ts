/**
 * Small counts in the mover extract (DESIGN.md "Small counts", methods brief §4): DST's public
 * tables are already protected, but this extract is the municipality's own, so
 *   1. primary suppression: a cell of 1 or 2 persons is never written (movers null, suppressed 1);
 *   2. secondary suppression: no suppressed cell may be recoverable as (group total − shown cells)
 *      from the totals a reader may know, i.e. those of PAGE_GROUPINGS.
 * The rules and the audit are src/lib/disclosure.ts; here are the extract's part: the totals the
 * page shows, the row order, and the rows of the dataset.
 */
import { hideSmallCounts } from "../../src/lib/disclosure.ts";
import { FAMILY_TYPE_CODES, type FamilyType, type MoverCell } from "./parse.ts";

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

/**
 * Primary and secondary suppression of `cells` (sorted into row order first), by the rules of
 * hideSmallCounts (src/lib/disclosure.ts) over `groupings`.
 */
export function suppressSmallCounts(cells: readonly Omit<MoverCell, "file" | "line">[], groupings: readonly Grouping[] = PAGE_GROUPINGS): SuppressionResult {
  const sorted = [...cells].sort(compareCells);
  const { hidden, suppressed, primary, secondary } = hideSmallCounts(sorted, groupings, "mover_extract");
  const rows: MoverRow[] = sorted.map((c, i) => ({
    area: c.area,
    year: c.year,
    family_type: c.family_type,
    origin: c.origin,
    workplace: c.workplace,
    movers: hidden[i] ? null : c.count,
    suppressed: suppressed[i] ? 1 : 0,
  }));
  return { rows, primary, secondary, counts: sorted.map((c) => c.count) };
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
