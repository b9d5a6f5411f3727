/**
 * Families with children on 1 January from FAM44N ("Familier 1. januar efter område,
 * familietype, familiestørrelse, antal børn og tid"), by area and year.
 *
 * FAM44N has no totals (research notes §2 "Families with children"; value lists in
 * josca42/varro_dst fam44n.md), so the whole table is requested and summed here:
 *
 *   FAMTYP   M     enlige mænd                        single
 *            K     enlige kvinder                     single
 *            PARF  ægtepar med forskelligt køn        couple
 *            PARS  ægtepar med samme køn              couple
 *            RP    registreret partnerskab            couple
 *            SL    samlevende par                     couple  (⚠ as we read DST: unmarried, with joint children)
 *            SB    samboende par                      couple  (⚠ unmarried, without joint children)
 *            IHB   ikke hjemmeboende børn under 18 år  neither: children living on their own,
 *                                                      counted as families of their own; left out
 *   FAMSTOR  1 … 5, 6-   summed over
 *   ANTBØRN  0 … 4, 5-   "with children" = every code but 0
 *
 * couples_with_children  = Σ FAMTYP ∈ {PARF, PARS, RP, SL, SB}, ANTBØRN ≥ 1
 * families_with_children = Σ FAMTYP ∈ {M, K, PARF, PARS, RP, SL, SB}, ANTBØRN ≥ 1
 *
 * BULK leaves out combinations that are 0, so an absent combination adds 0; a ".." makes the sum
 * missing (null).
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { abbreviate } from "../statbank/errors.ts";
import { periodYear } from "../statbank/period.ts";
import { fetchOrMissing, requireDimensions } from "./fetchTable.ts";
import { AREA_COLUMN, droppedAreasNote, isKeptArea, municipalitiesMissing } from "./income.ts";

/** FAMTYP codes of couples (married, same-sex married, registered partnership, cohabiting). */
export const COUPLE_TYPES = ["PARF", "PARS", "RP", "SL", "SB"] as const;
/** FAMTYP codes of single adults. */
export const SINGLE_TYPES = ["M", "K"] as const;
/** Children under 18 living away from home: a family of their own in DST's count, not a family with children. */
export const CHILD_ON_OWN_TYPE = "IHB";

const QUERY = {
  table: "FAM44N",
  variables: { OMRÅDE: ["*"], FAMTYP: ["*"], FAMSTOR: ["*"], ANTBØRN: ["*"], Tid: ["*"] },
};

const TITLE = "Familier med børn 1. januar";

const COLUMNS = {
  area: AREA_COLUMN,
  year: "År (1. januar)",
  couples_with_children: "Par med børn (ægtepar, registrerede partnerskaber, samlevende og samboende par med mindst ét barn), antal familier",
  families_with_children: "Familier med børn i alt (par og enlige med mindst ét barn), antal familier",
};

const NOTES = [
  "FAM44N har ingen totaler: der er summeret over familiestørrelse og antal børn (1 og derover).",
  "Par = ægtepar med forskelligt køn (PARF), ægtepar med samme køn (PARS), registreret partnerskab (RP), samlevende par (SL) og samboende par (SB). Enlige = enlige mænd (M) og kvinder (K).",
  "Ikke hjemmeboende børn under 18 år (IHB) tælles af Danmarks Statistik som egne familier; de er ikke med her.",
];

/** Number of children for an ANTBØRN code: "0" … "4", "5-" (5 and more) -> 5. */
export function childrenOf(code: string): number {
  const m = /^(\d+)-?$/.exec(code.trim());
  if (!m) throw new Error(`FAM44N: ANTBØRN code ${JSON.stringify(code)} is not a number of children (expected 0, 1, …, 5-)`);
  return Number(m[1]);
}

interface Row {
  area: string;
  year: number;
  couples_with_children: number | null;
  families_with_children: number | null;
}

export async function families(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, QUERY);
  if ("missing" in result) return emptyFamilies(result.missing);
  const { extract, provenance } = result;
  requireDimensions("FAM44N", extract, ["OMRÅDE", "FAMTYP", "FAMSTOR", "ANTBØRN", "TID"]);
  const couples = new Set<string>(COUPLE_TYPES);
  const singles = new Set<string>(SINGLE_TYPES);
  const unknownTypes = new Set<string>();
  const dropped: string[] = [];
  const sums = new Map<string, Row>();
  const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
  for (const r of extract.rows) {
    const area = r.codes.OMRÅDE;
    if (!isKeptArea(area)) {
      dropped.push(area);
      continue;
    }
    const type = r.codes.FAMTYP.toUpperCase();
    const year = periodYear(r.codes.TID);
    const key = `${area}|${year}`;
    let row = sums.get(key);
    if (!row) {
      row = { area, year, couples_with_children: 0, families_with_children: 0 };
      sums.set(key, row);
    }
    if (type === CHILD_ON_OWN_TYPE) continue;
    if (!couples.has(type) && !singles.has(type)) {
      unknownTypes.add(r.codes.FAMTYP);
      continue;
    }
    if (childrenOf(r.codes.ANTBØRN) === 0) continue;
    row.families_with_children = add(row.families_with_children, r.value);
    if (couples.has(type)) row.couples_with_children = add(row.couples_with_children, r.value);
  }
  if (unknownTypes.size > 0) {
    // A new family type would silently change the sums: stop and say which.
    throw new Error(
      `FAM44N: unknown FAMTYP code(s) ${abbreviate([...unknownTypes].sort())}; loaders/tables/families.ts knows ${[...COUPLE_TYPES, ...SINGLE_TYPES, CHILD_ON_OWN_TYPE].join(", ")}`,
    );
  }
  const rows = [...sums.values()]
    .filter((r) => r.couples_with_children !== null || r.families_with_children !== null)
    .sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year);
  const missing: MissingPart[] = municipalitiesMissing("FAM44N", rows.map((r) => r.area));
  const droppedNote = droppedAreasNote("FAM44N", dropped);
  return {
    columns: familyColumns(rows),
    meta: datasetMeta({
      dataset: "families",
      title: TITLE,
      sources: [provenance],
      rows: rows.length,
      missing,
      columns: COLUMNS,
      notes: [...NOTES, ...(droppedNote ? [droppedNote] : [])],
    }),
  };
}

function familyColumns(rows: Row[]): Dataset["columns"] {
  return {
    area: { type: "string", values: rows.map((r) => r.area) },
    year: { type: "int16", values: rows.map((r) => r.year) },
    couples_with_children: { type: "int32", values: rows.map((r) => r.couples_with_children) },
    families_with_children: { type: "int32", values: rows.map((r) => r.families_with_children) },
  };
}

function emptyFamilies(missing: MissingPart[]): Dataset {
  return {
    columns: familyColumns([]),
    meta: datasetMeta({ dataset: "families", title: TITLE, sources: [], rows: 0, missing, columns: COLUMNS, notes: NOTES }),
  };
}
