/**
 * Provenance carried with every dataset the loaders write: which tables, which selection, which
 * periods, live or mirror, when; and what is missing, in words a page can show ("data mangler").
 */
import type { Provenance } from "./statbank/client.ts";
import { describeGaps, MirrorGapError, type Gap } from "./statbank/errors.ts";
import { isTimeVariable } from "./statbank/period.ts";
import { yearRuns } from "./tables/codes.ts";

export interface MissingPart {
  /** StatBank table id (or file name for the municipality's own data). */
  table: string;
  /** What is missing, in Danish, for the page: "fødte og døde (B02, B03)", "hele tabellen". */
  what: string;
  /** Technical detail for the log and the "Om data" page. */
  detail: string;
  /** The variable and codes concerned, when the gap is about codes (lets a page ask "is my area missing?"). */
  variable?: string;
  codes?: string[];
}

export interface DatasetMeta {
  /** File stem, e.g. "population". */
  dataset: string;
  /** Danish title shown on "Om data". */
  title: string;
  /** ok: complete; partial: some requested parts are missing; missing: nothing could be read. */
  status: "ok" | "partial" | "missing";
  /** The StatBank fetches behind the dataset. */
  sources: Provenance[];
  missing: MissingPart[];
  /** Column name -> Danish description (unit included). */
  columns: Record<string, string>;
  rows: number;
  builtAt: string;
  /** How derived figures are computed (shown on "Om data"). */
  notes?: string[];
}

export function datasetMeta(
  init: Omit<DatasetMeta, "status" | "builtAt" | "rows" | "missing"> & { rows: number; missing?: MissingPart[] },
): DatasetMeta {
  const missing = [...(init.missing ?? []), ...init.sources.flatMap((s) => gapsAsMissing(s.table, s.gaps))];
  const status = init.rows === 0 ? "missing" : missing.length > 0 ? "partial" : "ok";
  return { ...init, missing, status, builtAt: new Date().toISOString() };
}

export function gapsAsMissing(table: string, gaps: Gap[]): MissingPart[] {
  return gaps.map((g) => ({
    table,
    what: g.reason === "table-not-in-mirror" ? "hele tabellen" : g.reason === "table-empty" ? "hele tabellen (tom)" : describeCodes(g.variable!, g.codes),
    detail: describeGaps(table, [g]),
    ...(g.variable ? { variable: g.variable, codes: g.codes } : {}),
  }));
}

/** Danish wording for missing codes: "1. januar 2009, 2010, 2012–2014", "93 områder", "ALDER=38". */
export function describeCodes(variable: string, codes: string[]): string {
  if (isTimeVariable(variable)) {
    if (codes.every((c) => /^\d{4}K1$/.test(c))) return `1. januar ${yearRuns(codes.map((c) => Number(c.slice(0, 4))))}`;
    if (codes.every((c) => /^\d{4}$/.test(c))) return `år ${yearRuns(codes.map(Number))}`;
    return `perioder ${codes.join(", ")}`;
  }
  if (/^(OMRÅDE|KOMMUNEDK|BOPOMR|TILKOMMUNE|FRAKOMMUNE)$/i.test(variable) && codes.length > 8) return `${codes.length} områder`;
  if (codes.length > 8) return `${variable} (${codes.length} koder)`;
  return `${variable}=${codes.join(", ")}`;
}

/**
 * When the source lacks a whole table (a mirror without `<TABLE>.csv`), the loader still writes
 * a valid, empty dataset that says so; every other error propagates and fails the loader.
 */
export function missingTable(error: unknown): MissingPart[] | null {
  if (error instanceof MirrorGapError && error.gaps.some((g) => g.reason === "table-not-in-mirror")) {
    return [{ table: error.table, what: "hele tabellen", detail: error.message }];
  }
  if (error instanceof MirrorGapError && error.gaps.some((g) => g.reason === "table-empty")) {
    return [{ table: error.table, what: "hele tabellen (tom)", detail: error.message }];
  }
  return null;
}
