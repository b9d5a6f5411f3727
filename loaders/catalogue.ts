/**
 * Every StatBank table the site uses, in one place: what it is for, which datasets and pages use
 * it, whether the front page (the scorecard) needs it, and, per variable the loader needs, its role
 * (area, time, sex, age, type …), the expected ids in order of preference, the value specs the
 * loader sends and the codes it relies on, each marked with the evidence behind it.
 *
 * Evidence (`Evidence.kind`), from strongest to weakest:
 *   tableinfo  seen in a real /v1/tableinfo answer stored in ../shared/statbank/tableinfo/ (confirmed)
 *   extract    seen in a real extract in ../shared/statbank (its header or codes came from StatBank,
 *              per MANIFEST.json) (confirmed)
 *   request    seen in real API requests in other projects' code, cited in
 *              ../shared/research/statbank-api-notes.md, but in no tableinfo or extract here
 *              (unconfirmed offline)
 *   docs       only in documentation (josca42/varro_dst, lower-cased and ASCII-folded ids) or the
 *              loader's own reading of DST (unconfirmed)
 *   none       nothing seen; the loader's assumption (unconfirmed)
 *
 * The list is checked three ways: test/loaders/catalogue.test.ts runs every loader on a client
 * that records what it asks and fails when a table, variable or value spec is not listed here;
 * `npm run doctor` (loaders/cli/doctor.ts) compares it with each table's tableinfo, live or on a
 * mirror; and the "Om data" page lists it, with the assumptions still unconfirmed.
 *
 * The list drives the loaders' variables: every query goes through `fitQuery`
 * (loaders/tables/fitQuery.ts), which asks the table first and, for a variable the table does
 * not have under the loader's id, uses `resolveVariables` below (the expected ids as
 * preferences, then the role) to find it under its new id. The doctor uses the same rules.
 *
 * Layout: catalogue/types.ts (the shapes), catalogue/tables.ts (the list itself),
 * catalogue/resolve.ts (the role-based lookup), catalogue/page.ts (what "Om data" shows); this
 * module holds the catalogue built from the list and the questions asked of it.
 */
import { DATASETS, MIRROR_ONLY_FILES, TABLES } from "./catalogue/tables.ts";
import type { CatalogueTable, Evidence, MirrorOnlyFile } from "./catalogue/types.ts";

export type * from "./catalogue/types.ts";
export { DATASETS, MIRROR_ONLY_FILES } from "./catalogue/tables.ts";
export { resolveVariables, type Resolved } from "./catalogue/resolve.ts";

export interface CatalogueEntry extends CatalogueTable {
  /** Pages that use the table (from its datasets, and "/" for a goal indicator). */
  pages: string[];
}

const PAGE_ORDER = [
  "/",
  "/befolkning",
  "/lokalsamfund",
  "/flytninger",
  "/tilflyttere",
  "/praeferencer",
  "/oekonomi",
  "/prognose",
  "/digitalisering",
  "/arbejdsbord",
  "/om-data",
];

/** The pages that read any of `datasets`, in the site's order. */
export function pagesOf(datasets: readonly string[], indicators: readonly string[] = []): string[] {
  const pages = new Set<string>(datasets.flatMap((d) => DATASETS[d]?.pages ?? []));
  if (indicators.length > 0) pages.add("/");
  return [...pages].sort((a, b) => PAGE_ORDER.indexOf(a) - PAGE_ORDER.indexOf(b));
}

/** The catalogue: every StatBank table the site uses or plans to use. */
export const CATALOGUE: readonly CatalogueEntry[] = TABLES.map((t) => ({ ...t, pages: pagesOf(t.datasets, t.indicators) }));

/** The catalogue entry for a table id (a vintage id such as FRKM126 finds FRKM1yy), or undefined. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  const upper = id.toUpperCase();
  return CATALOGUE.find((t) => t.id.toUpperCase() === upper || (t.pattern !== undefined && new RegExp(t.pattern, "i").test(upper)));
}

/** The mirror-only file a table id names (FOLK1A_agegroups, FRKM126_agegroups), or undefined. */
export function mirrorOnlyFile(id: string): MirrorOnlyFile | undefined {
  return MIRROR_ONLY_FILES.find((f) => new RegExp(f.pattern, "i").test(id));
}

export function isConfirmed(e: Evidence): boolean {
  return e.kind === "tableinfo" || e.kind === "extract";
}

/** One assumption about a table that no real tableinfo or extract in ../shared/statbank confirms. */
export interface Assumption {
  table: string;
  /** "variable KØN", "KØN=M,K", "FAMTYP=PARF" … */
  what: string;
  /** The loader's ids or codes, in the form of the catalogue. */
  variable: string;
  codes?: string[];
  /** The assumption is about which codes the variable has at all (VariableNeed.only). */
  only?: boolean;
  evidence: Evidence;
}

/** Every variable id and code assumption that is unconfirmed (evidence request, docs or none). */
export function unconfirmedAssumptions(entries: readonly CatalogueTable[] = CATALOGUE): Assumption[] {
  const out: Assumption[] = [];
  for (const t of entries) {
    for (const v of t.variables) {
      if (!isConfirmed(v.evidence)) out.push({ table: t.id, what: `variable ${v.ids.join(" / ")} (${v.role})`, variable: v.ids[0], evidence: v.evidence });
      if (v.only && !isConfirmed(v.only.evidence))
        out.push({ table: t.id, what: `${v.ids[0]} has only ${v.only.what}`, variable: v.ids[0], only: true, evidence: v.only.evidence });
      for (const n of v.needs ?? []) {
        if (!isConfirmed(n.evidence))
          out.push({ table: t.id, what: `${v.ids[0]}=${n.codes.join(" | ")} (${n.meaning})`, variable: v.ids[0], codes: n.codes, evidence: n.evidence });
      }
    }
  }
  return out;
}
