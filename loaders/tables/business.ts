/**
 * Firms and private jobs by municipality and year: two tables, each of which a source may lack on
 * its own (the dataset then says which, and the other column is null).
 *
 *   firms         GF12 "Generel firmastatistik efter kommune, branche (DB07 10-, 19- og 127-grp. og
 *                 detaljeret) og tid": number of firms (statistical enterprise units, not raw CVR
 *                 numbers). Variables KOMK, BRANCHEDB0710TIL127, Tid (confirmed in a real request,
 *                 research notes §2 "Firms / workplaces"). The industry variable mixes levels (10-
 *                 and 127-groups and detailed codes), so it must never be summed: the loader takes
 *                 its total code (TOT, IALT) and, ⚠ should the table have none, the sum of the
 *                 10-group codes 1–11 (11 = unknown activity). Which one was used is in the notes.
 *   private_jobs  RAS305 "Beskæftigede lønmodtagere (ultimo november) efter arbejdsstedsområde,
 *                 sektor, arbejdstidens omfang, alder, køn og tid", sector 1040 "Private
 *                 virksomheder": employees (not the self-employed) at workplaces in the
 *                 municipality, end of November. ERHV2 ("Arbejdssteder og job", TAL=ANSATTE) counts
 *                 all jobs by municipality but has no public/private split, and ERHV5 has the
 *                 sector but counts workplaces only, so RAS305 is the one municipal table with
 *                 private jobs. Private non-profit organisations (1045) are not included.
 *                 ⚠ RAS305's variable ids are not confirmed offline (the notes have only ASCII-folded
 *                 names: arbejdssted, sektor, arbomfang, alder, kon), so they are read from the
 *                 table's tableinfo and every variable is requested with "*"; the geography is the
 *                 variable named like ARBEJDSSTED/OMRÅDE, the sector the one named SEKTOR, and every
 *                 other variable (working time H/D, age, sex) is summed, or its total code taken
 *                 where it has one.
 *
 * Only the 98 municipalities and the whole country (000) are kept: GF12's KOMK and RAS305's
 * workplace area mix regions, landsdele and municipalities, and 950 is abroad/unknown.
 */
import { datasetMeta, missingTable, missingVariable, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { Provenance, StatbankClient } from "../statbank/client.ts";
import type { Extract, ExtractRow } from "../statbank/csv.ts";
import { abbreviate } from "../statbank/errors.ts";
import { periodYear } from "../statbank/period.ts";
import { COUNTRY } from "./codes.ts";
import { fetchOrMissing } from "./fetchTable.ts";
import { isMunicipalityProper, municipalitiesMissing } from "./income.ts";

export const FIRMS_TABLE = "GF12";
export const JOBS_TABLE = "RAS305";
/** RAS305 SEKTOR code for private corporations ("Private virksomheder"). */
export const PRIVATE_SECTOR = "1040";
/** Codes that mean "all" of a variable. */
const TOTAL_CODES = new Set(["TOT", "IALT", "TOTAL", "MOK"]);
/** GF12's 10-group industry codes (1–10 and 11 unknown activity), used only if there is no total code. */
const TEN_GROUPS = Array.from({ length: 11 }, (_, i) => String(i + 1));

const TITLE = "Firmaer og private job efter kommune";

const COLUMNS = {
  area: "Område: 000 hele landet eller kommunekode",
  year: "År",
  firms: "Antal firmaer i kommunen (GF12, alle brancher); tom hvor tabellen mangler",
  private_jobs: "Lønmodtagere på arbejdssteder i kommunen i private virksomheder (RAS305 sektor 1040), ultimo november; tom hvor tabellen mangler",
};

function isBusinessArea(code: string): boolean {
  return code === COUNTRY || isMunicipalityProper(code);
}

interface Part {
  values: Map<string, number | null>; // area|year -> value
  provenance: Provenance | null;
  missing: MissingPart[];
  notes: string[];
}

export async function business(client: StatbankClient): Promise<Dataset> {
  const firms = await firmCounts(client);
  const jobs = await privateJobs(client);
  const keys = new Set([...firms.values.keys(), ...jobs.values.keys()]);
  const rows = [...keys]
    .map((key) => {
      const [area, year] = key.split("|");
      return { area, year: Number(year), firms: firms.values.get(key) ?? null, private_jobs: jobs.values.get(key) ?? null };
    })
    .filter((r) => r.firms !== null || r.private_jobs !== null)
    .sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year);
  const sources = [firms.provenance, jobs.provenance].filter((p): p is Provenance => p !== null);
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      firms: { type: "int32", values: rows.map((r) => r.firms) },
      private_jobs: { type: "int32", values: rows.map((r) => r.private_jobs) },
    },
    meta: datasetMeta({
      dataset: "business",
      title: TITLE,
      sources,
      rows: rows.length,
      missing: [...firms.missing, ...jobs.missing],
      columns: COLUMNS,
      notes: ["Kun kommuner og hele landet (000); regioner, landsdele, Christiansø og 950 (udland/uoplyst) er udeladt.", ...firms.notes, ...jobs.notes],
    }),
  };
}

/** GF12: firms per area and year, all industries. */
async function firmCounts(client: StatbankClient): Promise<Part> {
  const result = await fetchOrMissing(client, { table: FIRMS_TABLE, variables: { KOMK: ["*"], BRANCHEDB0710TIL127: ["*"], Tid: ["*"] } });
  if ("missing" in result) return { values: new Map(), provenance: null, missing: result.missing, notes: [] };
  const { extract, provenance } = result;
  const area = requireDimension(extract, FIRMS_TABLE, /^KOMK$/i, "KOMK");
  const industry = requireDimension(extract, FIRMS_TABLE, /^BRANCHE/i, "BRANCHEDB0710TIL127");
  const codes = new Set(extract.rows.map((r) => r.codes[industry]));
  const total = [...codes].find((c) => TOTAL_CODES.has(c.toUpperCase()));
  let keep: Set<string>;
  let note: string;
  if (total) {
    keep = new Set([total]);
    note = `Firmaer: GF12 branche i alt (${industry}=${total}).`;
  } else if (TEN_GROUPS.some((c) => codes.has(c))) {
    keep = new Set(TEN_GROUPS.filter((c) => codes.has(c)));
    note = `Firmaer: GF12 har ingen total for branche; summen af 10-grupperingens koder ${[...keep].join(", ")} er brugt.`;
  } else {
    return {
      values: new Map(),
      provenance,
      missing: [
        {
          table: FIRMS_TABLE,
          what: "firmaer i alt (ingen total for branche)",
          detail: `${FIRMS_TABLE}: ${industry} has neither a total code (TOT, IALT) nor the 10-group codes 1–11; codes: ${abbreviate([...codes].sort())}`,
        },
      ],
      notes: [],
    };
  }
  const values = new Map<string, number | null>();
  for (const r of extract.rows) {
    if (!keep.has(r.codes[industry]) || !isBusinessArea(r.codes[area])) continue;
    const key = `${r.codes[area]}|${periodYear(r.codes.TID)}`;
    if (total && values.has(key)) throw new Error(`${FIRMS_TABLE}: duplicate row for ${area}=${r.codes[area]} ${industry}=${total} Tid=${r.codes.TID}`);
    values.set(key, add(values.has(key) ? values.get(key)! : 0, r.value));
  }
  return { values, provenance, missing: municipalitiesMissing(FIRMS_TABLE, areasOf(values)), notes: [note] };
}

/** RAS305: employees at workplaces in the area in private corporations (sector 1040). */
async function privateJobs(client: StatbankClient): Promise<Part> {
  let info;
  try {
    // The variable ids come from the table itself (see the module comment).
    info = await client.tableInfo(JOBS_TABLE);
  } catch (e) {
    const missing = missingTable(e);
    if (!missing) throw e;
    return { values: new Map(), provenance: null, missing, notes: [] };
  }
  const variables = Object.fromEntries(info.variables.map((v) => [v.time ? "Tid" : v.id, ["*"]]));
  const result = await fetchOrMissing(client, { table: JOBS_TABLE, variables });
  if ("missing" in result) return { values: new Map(), provenance: null, missing: result.missing, notes: [] };
  const { extract, provenance } = result;
  // A table without a workplace area or a sector variable (renamed, retired) lacks what is needed.
  const area = extract.dimensions.find((d) => /ARB\w*STED|^OMR/i.test(d));
  const sector = extract.dimensions.find((d) => /SEKTOR/i.test(d));
  if (!area || !sector) {
    return {
      values: new Map(),
      provenance,
      missing: [
        missingVariable(
          JOBS_TABLE,
          area ? "SEKTOR" : "ARBEJDSSTED",
          info.variables.map((v) => v.id),
        ),
      ],
      notes: [],
    };
  }
  const others = extract.dimensions.filter((d) => d !== area && d !== sector && d !== "TID");
  // Per other variable: its total code where it has one, else every code (summed).
  const totals = new Map<string, string | undefined>();
  for (const d of others)
    totals.set(
      d,
      [...new Set(extract.rows.map((r) => r.codes[d]))].find((c) => TOTAL_CODES.has(c.toUpperCase())),
    );
  const sectors = new Set(extract.rows.map((r) => r.codes[sector]));
  if (!sectors.has(PRIVATE_SECTOR)) {
    return {
      values: new Map(),
      provenance,
      missing: [
        {
          table: JOBS_TABLE,
          what: `private virksomheder (${sector}=${PRIVATE_SECTOR})`,
          detail: `${JOBS_TABLE} has no ${sector}=${PRIVATE_SECTOR}; codes: ${abbreviate([...sectors].sort())}`,
          variable: sector,
          codes: [PRIVATE_SECTOR],
        },
      ],
      notes: [],
    };
  }
  const values = new Map<string, number | null>();
  const cells = new Set<string>();
  for (const r of extract.rows) {
    if (r.codes[sector] !== PRIVATE_SECTOR || !isBusinessArea(r.codes[area])) continue;
    if (others.some((d) => totals.get(d) !== undefined && r.codes[d] !== totals.get(d))) continue;
    const cell = JSON.stringify(extract.dimensions.map((d) => r.codes[d]));
    if (cells.has(cell)) throw new Error(`${JOBS_TABLE}: duplicate row ${extract.dimensions.map((d) => `${d}=${r.codes[d]}`).join(" ")}`);
    cells.add(cell);
    const key = `${r.codes[area]}|${periodYear(r.codes.TID)}`;
    values.set(key, add(values.has(key) ? values.get(key)! : 0, r.value));
  }
  const summed = others.filter((d) => totals.get(d) === undefined);
  const taken = others.filter((d) => totals.get(d) !== undefined).map((d) => `${d}=${totals.get(d)}`);
  return {
    values,
    provenance,
    missing: municipalitiesMissing(JOBS_TABLE, areasOf(values)),
    notes: [
      `Private job: RAS305 lønmodtagere efter arbejdssted i sektor ${PRIVATE_SECTOR} (private virksomheder; selvstændige og private nonprofit-organisationer er ikke med), ultimo november` +
        `${summed.length ? `; summeret over ${summed.join(", ")}` : ""}${taken.length ? `; ${taken.join(", ")}` : ""}.`,
    ],
  };
}

function requireDimension(extract: Extract, table: string, pattern: RegExp, expected: string): string {
  const d = extract.dimensions.find((x) => pattern.test(x));
  if (!d) throw new Error(`${table}: no ${expected} column in the extract (columns ${extract.dimensions.join(", ")})`);
  return d;
}

function add(a: number | null, b: ExtractRow["value"]): number | null {
  return a === null || b === null ? null : a + b;
}

function areasOf(values: Map<string, unknown>): string[] {
  return [...values.keys()].map((k) => k.split("|")[0]);
}
