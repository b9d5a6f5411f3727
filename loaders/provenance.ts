/**
 * Provenance carried with every dataset the loaders write: which tables, which selection, which
 * periods, live or mirror, when; and what is missing, in words a page can show ("data mangler").
 */
import type { Provenance } from "./statbank/client.ts";
import { describeGaps, MirrorGapError, StatbankApiError, type Gap } from "./statbank/errors.ts";
import { isTimeVariable } from "./statbank/period.ts";
import { yearRuns } from "./tables/codes.ts";
import type { DatasetMeta, MissingPart } from "../src/lib/types.ts";

export type { DatasetMeta, MissingPart };

export function datasetMeta(init: Omit<DatasetMeta, "status" | "builtAt" | "rows" | "missing"> & { rows: number; missing?: MissingPart[] }): DatasetMeta {
  const missing = [...(init.missing ?? []), ...init.sources.flatMap((s) => gapsAsMissing(s.table, s.gaps))];
  const status = init.rows === 0 ? "missing" : missing.length > 0 ? "partial" : "ok";
  const adaptations = init.sources.flatMap((s) => s.adaptations ?? []);
  const notes = adaptations.length > 0 ? [...(init.notes ?? []), ...new Set(adaptations)] : init.notes;
  return { ...init, ...(notes ? { notes } : {}), missing, status, builtAt: new Date().toISOString() };
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
 * What an error says the source lacks, as the missing parts of an empty dataset; null for every
 * other error, which must fail the loader (corrupt data, a parse or validation error, an API or
 * network failure, a loader's own mistake).
 *
 * The source lacks something when:
 * - a mirror has no `<TABLE>.csv`, or one with its header only (MirrorGapError);
 * - a mirror lacks requested codes and the loader did not allow gaps (MirrorGapError);
 * - the live API answers EXTRACT-NOTFOUND: "Tabel findes ikke: X" (the whole table),
 *   "Kan ikke finde variablen: X" (a renamed or retired variable), "Kan ikke finde værdien: X (VAR)"
 *   (a code the table does not have). Any other EXTRACT-NOTFOUND is named with the API's message.
 */
export function missingTable(error: unknown): MissingPart[] | null {
  if (error instanceof MirrorGapError) {
    if (error.gaps.some((g) => g.reason === "table-not-in-mirror")) return [{ table: error.table, what: "hele tabellen", detail: error.message }];
    if (error.gaps.some((g) => g.reason === "table-empty")) return [{ table: error.table, what: "hele tabellen (tom)", detail: error.message }];
    return gapsAsMissing(error.table, error.gaps);
  }
  if (error instanceof StatbankApiError && error.errorTypeCode.toUpperCase() === "EXTRACT-NOTFOUND") {
    const message = error.apiMessage.trim();
    const table = /^Tabel findes ikke:\s*(\S+)/i.exec(message);
    const detail = error.message;
    if (table) return [{ table: error.table?.toUpperCase() ?? table[1].toUpperCase(), what: "hele tabellen", detail }];
    const name = error.table?.toUpperCase() ?? "?";
    const variable = /^Kan ikke finde variablen:\s*(.+)$/i.exec(message);
    if (variable) return [missingVariable(name, variable[1].trim(), null, detail)];
    const value = /^Kan ikke finde værdien:\s*(.*?)\s*\(([^()]+)\)$/i.exec(message);
    if (value) return [{ table: name, what: `${value[2]}=${value[1]} findes ikke`, detail, variable: value[2], codes: [value[1]] }];
    return [{ table: name, what: `ikke fundet: ${message}`, detail }];
  }
  return null;
}

/** "variablen KOEN findes ikke; tabellen har OMRÅDE, ENHED, KØN, INDKOMSTTYPE, Tid" (the table's variables when known). */
export function missingVariable(table: string, variable: string, tableVariables: string[] | null, detail?: string): MissingPart {
  const has = tableVariables ? `; tabellen har ${tableVariables.join(", ")}` : "";
  return {
    table,
    what: `variablen ${variable} findes ikke${has}`,
    detail: detail ?? `${table} has no variable ${variable}${tableVariables ? ` (its variables: ${tableVariables.join(", ")})` : ""}`,
    variable,
  };
}
