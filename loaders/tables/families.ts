/**
 * Couples and all adults with children living at home, 1 January, by area and year: households
 * from FAM55N, or, only when the source does not have FAM55N, families from FAM44N. The dataset
 * says which one it holds (its source, title, column descriptions and notes); the two tables count
 * different things (a household can hold more than one family) and are never mixed.
 *
 * FAM55N "Husstande 1. januar efter område, husstandstype, husstandsstørrelse, antal børn i
 * husstanden og tid". Ids and codes are confirmed by its real tableinfo
 * (snapshot/statbank/tableinfo/FAM55N.json, lang=en; every variable but Tid can be eliminated):
 *
 *   OMRÅDE    000, regions, municipalities
 *   HUSTYP    M    single men                                           single
 *             K    single women                                         single
 *             PAR  married couple                                       couple
 *             PA   other couples                                        couple
 *             IHB  children below 18 years not living with parents     left out: a child's own household
 *             AH   other households including more than 1 family      left out: the text does not say
 *                                                                      whose children they are (a couple's,
 *                                                                      a single adult's, or neither)
 *   HUSSTØR   1 … 7, 8+        left out of the request, so the API eliminates (sums) it
 *   ANTBORNH  0 … 4, 5-        "with children" = every code but 0
 *   Tid       1986 …
 *
 * couples_with_children  = Σ HUSTYP ∈ {PAR, PA}, ANTBORNH ≥ 1            (households)
 * families_with_children = Σ HUSTYP ∈ {PAR, PA, M, K}, ANTBORNH ≥ 1      (households; the column keeps
 *                                                                         its name whichever table is used)
 *
 * The request is CSV (BULK must name every variable; CSV may leave HUSSTØR out):
 * OMRÅDE=*, HUSTYP=PAR,PA,M,K, ANTBORNH=*, Tid=*. With the real tableinfo that is 105 areas × 4
 * types × 6 numbers of children × 41 years = 103,320 rows of 5 cells (4 variables + INDHOLD) =
 * 516,600 cells, under the API's limit of 1,000,000 cells for a CSV request (a year adds 12,600;
 * the HTTP transport would split a larger request anyway). The variable ids are found in the
 * table's tableinfo (by id, else by role: loaders/catalogue.ts resolveVariables), so a renamed
 * variable is still found; a variable the table gains is left out, and so eliminated. A CSV
 * answer carries every combination: an area-year that lacks one of the combinations a sum needs
 * gets no value for that sum (null) and is named as missing; a ".." does the same.
 *
 * FAM44N "Familier 1. januar efter område, familietype, familiestørrelse, antal børn og tid", the
 * fallback. Its ids and codes come from documentation only (josca42/varro_dst fam44n.md; the
 * catalogue marks them unconfirmed), so it is requested as before (BULK, fixed ids) and has no
 * totals, so the whole table is summed:
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
 * couples_with_children  = Σ FAMTYP ∈ {PARF, PARS, RP, SL, SB}, ANTBØRN ≥ 1   (families)
 * families_with_children = Σ FAMTYP ∈ {M, K, PARF, PARS, RP, SL, SB}, ANTBØRN ≥ 1
 *
 * BULK leaves out combinations that are 0, so there an absent combination adds 0; a ".." makes
 * the sum missing (null).
 *
 * FAM55N counts as not available when the source lacks the table, a variable or a code the loader
 * asks for ("Data mangler"), or when it has no rows for any area; FAM44N is then used, and the
 * notes say why. Without either, the dataset is empty and names both tables as missing.
 */
import { resolveVariables, type VariableNeed } from "../catalogue.ts";
import { datasetMeta, missingTable, missingVariable, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { Provenance, StatbankClient } from "../statbank/client.ts";
import { abbreviate } from "../statbank/errors.ts";
import { isTimeVariable, periodYear } from "../statbank/period.ts";
import type { Query } from "../statbank/query.ts";
import type { TableInfo } from "../statbank/transport.ts";
import { fetchOrMissing, requireDimensions } from "./fetchTable.ts";
import { AREA_COLUMN, droppedAreasNote, isKeptArea, municipalitiesMissing } from "./income.ts";
import type { FamiliesRow } from "../../src/lib/datasets.ts";

/** The table of households (preferred) and the table of families (fallback). */
export const HOUSEHOLDS_TABLE = "FAM55N";
export const FAMILIES_TABLE = "FAM44N";

/** FAM55N HUSTYP codes of couples: married couple, other couples. */
export const COUPLE_HOUSEHOLDS = ["PAR", "PA"] as const;
/** FAM55N HUSTYP codes of single adults. */
export const SINGLE_HOUSEHOLDS = ["M", "K"] as const;

/** FAM44N FAMTYP codes of couples (married, same-sex married, registered partnership, cohabiting). */
export const COUPLE_TYPES = ["PARF", "PARS", "RP", "SL", "SB"] as const;
/** FAM44N FAMTYP codes of single adults. */
export const SINGLE_TYPES = ["M", "K"] as const;
/** Children under 18 living away from home: a family of their own in DST's count, not a family with children. */
export const CHILD_ON_OWN_TYPE = "IHB";

const FAM44N_QUERY: Query = {
  table: FAMILIES_TABLE,
  variables: { OMRÅDE: ["*"], FAMTYP: ["*"], FAMSTOR: ["*"], ANTBØRN: ["*"], Tid: ["*"] },
};

const FAM55N_INFO = { kind: "tableinfo", source: "tableinfo/FAM55N.json (real /v1/tableinfo, lang=en)" } as const;
const need = (role: VariableNeed["role"], id: string, select: string[]): VariableNeed => ({ role, ids: [id], select, evidence: FAM55N_INFO });

/**
 * The FAM55N variables the loader reads, with the specs it sends; found in the tableinfo by id,
 * else by role. HUSSTØR is left out of the request (select []): the API sums over it.
 */
export const FAM55N_VARIABLES = {
  area: need("area", "OMRÅDE", ["*"]),
  type: need("household-type", "HUSTYP", [...COUPLE_HOUSEHOLDS, ...SINGLE_HOUSEHOLDS]),
  size: need("size", "HUSSTØR", []),
  children: need("children", "ANTBORNH", ["*"]),
  time: need("time", "Tid", ["*"]),
};

/** What a dataset built from one of the tables says of itself. */
interface Labels {
  title: string;
  columns: Record<keyof Row, string>;
  notes: string[];
}

const HOUSEHOLD_LABELS: Labels = {
  title: "Husstande med børn 1. januar",
  columns: {
    area: AREA_COLUMN,
    year: "År (1. januar)",
    couples_with_children:
      "Husstande med et par og hjemmeboende børn: ægtepar (PAR) og andre par (PA) med mindst ét barn i husstanden, antal husstande (FAM55N)",
    families_with_children:
      "Husstande med hjemmeboende børn, par og enlige: ægtepar, andre par, enlige mænd og enlige kvinder (PAR, PA, M, K) med mindst ét barn i husstanden, antal husstande (FAM55N; andre husstande med mere end én familie, AH, er ikke med)",
  },
  notes: [
    "Tallene er husstande fra FAM55N, ikke familier: en husstand kan rumme flere familier, og børnene tælles i den husstand, de bor i.",
    "Par = ægtepar (PAR) og andre par (PA); enlige = enlige mænd (M) og kvinder (K). Med børn = mindst ét hjemmeboende barn i husstanden (ANTBORNH 1 og derover).",
    "Husstandsstørrelse (HUSSTØR) er udeladt af udtrækket, så Statistikbanken har summeret over den.",
    "Andre husstande med mere end én familie (AH) er ikke med: ud fra Statistikbankens tekst kan man ikke se, om børnene der hører til et par eller en enlig. Børn under 18 år, der ikke bor hos forældrene (IHB), er heller ikke med.",
  ],
};

const FAMILY_LABELS: Labels = {
  title: "Familier med børn 1. januar",
  columns: {
    area: AREA_COLUMN,
    year: "År (1. januar)",
    couples_with_children: "Par med børn (ægtepar, registrerede partnerskaber, samlevende og samboende par med mindst ét barn), antal familier (FAM44N)",
    families_with_children: "Familier med børn i alt (par og enlige med mindst ét barn), antal familier (FAM44N)",
  },
  notes: [
    "FAM44N har ingen totaler: der er summeret over familiestørrelse og antal børn (1 og derover).",
    "Par = ægtepar med forskelligt køn (PARF), ægtepar med samme køn (PARS), registreret partnerskab (RP), samlevende par (SL) og samboende par (SB). Enlige = enlige mænd (M) og kvinder (K).",
    "Ikke hjemmeboende børn under 18 år (IHB) tælles af Danmarks Statistik som egne familier; de er ikke med her.",
  ],
};

/** Number of children for an ANTBØRN/ANTBORNH code: "0" … "4", "5-" (5 and more) -> 5. */
export function childrenOf(code: string, table = FAMILIES_TABLE, variable = "ANTBØRN"): number {
  const m = /^(\d+)-?$/.exec(code.trim());
  if (!m) throw new Error(`${table}: ${variable} code ${JSON.stringify(code)} is not a number of children (expected 0, 1, …, 5-)`);
  return Number(m[1]);
}

type Row = FamiliesRow;

/** What one table gave: its rows, or what the source lacks. */
type Part = { rows: Row[]; provenance: Provenance; missing: MissingPart[]; notes: string[] } | { missing: MissingPart[] };

const add = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export async function families(client: StatbankClient): Promise<Dataset> {
  const households = await fromHouseholds(client);
  if ("rows" in households && households.rows.length > 0) return familiesDataset(HOUSEHOLD_LABELS, households, []);
  const lacking = "rows" in households ? [...households.missing, noRows(HOUSEHOLDS_TABLE)] : households.missing;
  const fallback = await fromFamilies(client);
  if ("rows" in fallback && fallback.rows.length > 0) {
    const why = lacking.map((m) => `${m.table}: ${m.what}`).join("; ");
    return familiesDataset(FAMILY_LABELS, fallback, [
      `Datakilden har ikke FAM55N (${why}), så tallene er familier fra FAM44N, ikke husstande som fra FAM55N: en husstand kan rumme flere familier, så de to tal kan ikke sammenlignes.`,
    ]);
  }
  const missing = [...lacking, ...("rows" in fallback ? [...fallback.missing, noRows(FAMILIES_TABLE)] : fallback.missing)];
  return emptyFamilies(missing, [...HOUSEHOLD_LABELS.notes, "Uden FAM55N bruges familier fra FAM44N i stedet; datakilden har heller ikke den."]);
}

function noRows(table: string): MissingPart {
  return { table, what: "ingen rækker", detail: `${table} answered with no rows for any area` };
}

/** FAM55N: households with a couple, and with a couple or a single adult, with children at home. */
async function fromHouseholds(client: StatbankClient): Promise<Part> {
  let info: TableInfo;
  try {
    info = await client.tableInfo(HOUSEHOLDS_TABLE);
  } catch (e) {
    const missing = missingTable(e);
    if (!missing) throw e;
    return { missing };
  }
  const needs = Object.values(FAM55N_VARIABLES);
  const resolved = resolveVariables(info, needs);
  const found = (n: VariableNeed) => resolved.find((r) => r.need === n)!.variable;
  const absent = needs.filter((n) => n.select.length > 0 && !found(n));
  if (absent.length > 0)
    return {
      missing: absent.map((n) =>
        missingVariable(
          HOUSEHOLDS_TABLE,
          n.ids[0],
          info.variables.map((v) => v.id),
        ),
      ),
    };
  const V = FAM55N_VARIABLES;
  const id = (n: VariableNeed) => (found(n)!.time ? "Tid" : found(n)!.id);
  const query: Query = {
    table: HOUSEHOLDS_TABLE,
    format: "CSV",
    variables: { [id(V.area)]: V.area.select, [id(V.type)]: V.type.select, [id(V.children)]: V.children.select, [id(V.time)]: V.time.select },
  };
  const result = await fetchOrMissing(client, query);
  if ("missing" in result) return result;
  const { extract, provenance } = result;
  const column = (n: VariableNeed) =>
    extract.dimensions.find((d) => d.toUpperCase() === id(n).toUpperCase() || (n.role === "time" && isTimeVariable(d))) ?? id(n);
  const [area, type, children, time] = [column(V.area), column(V.type), column(V.children), column(V.time)];
  requireDimensions(HOUSEHOLDS_TABLE, extract, [area, type, children, time]);

  const couples = new Set<string>(COUPLE_HOUSEHOLDS);
  const adults = new Set<string>([...COUPLE_HOUSEHOLDS, ...SINGLE_HOUSEHOLDS]);
  const dropped: string[] = [];
  const sums = new Map<string, Row & { seen: Set<string> }>();
  for (const r of extract.rows) {
    const code = r.codes[area];
    if (!isKeptArea(code)) {
      dropped.push(code);
      continue;
    }
    const t = r.codes[type].toUpperCase();
    // Only PAR, PA, M and K are asked for: any other code means the request went wrong.
    if (!adults.has(t))
      throw new Error(`${HOUSEHOLDS_TABLE}: ${type} code ${JSON.stringify(r.codes[type])} was not asked for (asked: ${V.type.select.join(", ")})`);
    const year = periodYear(r.codes[time]);
    const key = `${code}|${year}`;
    let row = sums.get(key);
    if (!row) {
      row = { area: code, year, couples_with_children: 0, families_with_children: 0, seen: new Set() };
      sums.set(key, row);
    }
    if (childrenOf(r.codes[children], HOUSEHOLDS_TABLE, children) === 0) continue;
    row.seen.add(`${t}|${r.codes[children]}`);
    row.families_with_children = add(row.families_with_children, r.value);
    if (couples.has(t)) row.couples_with_children = add(row.couples_with_children, r.value);
  }

  // A CSV answer has every combination; one absent from it is unknown, not 0.
  const incomplete: string[] = [];
  if (!provenance.absentMeansZero) {
    const childVariable = found(V.children)!;
    const listed = childVariable.values.map((v) => v.id);
    const withChildren = (listed.length > 0 ? listed : [...new Set(extract.rows.map((r) => r.codes[children]))]).filter(
      (c) => childrenOf(c, HOUSEHOLDS_TABLE, children) > 0,
    );
    const complete = (row: { seen: Set<string> }, types: Iterable<string>) => [...types].every((t) => withChildren.every((c) => row.seen.has(`${t}|${c}`)));
    for (const row of sums.values()) {
      const couplesComplete = complete(row, couples);
      const adultsComplete = couplesComplete && complete(row, adults);
      if (!couplesComplete) row.couples_with_children = null;
      if (!adultsComplete) row.families_with_children = null;
      if (!adultsComplete) incomplete.push(`${row.area} ${row.year}`);
    }
  }
  const rows = [...sums.values()]
    .map((r): Row => ({ area: r.area, year: r.year, couples_with_children: r.couples_with_children, families_with_children: r.families_with_children }))
    .filter((r) => r.couples_with_children !== null || r.families_with_children !== null)
    .sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year);
  const missing = municipalitiesMissing(
    HOUSEHOLDS_TABLE,
    rows.map((r) => r.area),
  );
  if (incomplete.length > 0) {
    missing.push({
      table: HOUSEHOLDS_TABLE,
      what: `ikke alle husstandstyper og antal børn for ${incomplete.length} område-år`,
      detail: `${HOUSEHOLDS_TABLE}: the answer lacks some ${type} × ${children} (≥ 1) combinations for ${abbreviate(incomplete)}; their sums are left empty`,
    });
  }
  const droppedNote = droppedAreasNote(HOUSEHOLDS_TABLE, dropped);
  return { rows, provenance, missing, notes: droppedNote ? [droppedNote] : [] };
}

/** FAM44N: families with a couple, and with a couple or a single adult, with children. */
async function fromFamilies(client: StatbankClient): Promise<Part> {
  const result = await fetchOrMissing(client, FAM44N_QUERY);
  if ("missing" in result) return result;
  const { extract, provenance } = result;
  requireDimensions(FAMILIES_TABLE, extract, ["OMRÅDE", "FAMTYP", "FAMSTOR", "ANTBØRN", "TID"]);
  const couples = new Set<string>(COUPLE_TYPES);
  const singles = new Set<string>(SINGLE_TYPES);
  const unknownTypes = new Set<string>();
  const dropped: string[] = [];
  const sums = new Map<string, Row>();
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
  const droppedNote = droppedAreasNote(FAMILIES_TABLE, dropped);
  return {
    rows,
    provenance,
    missing: municipalitiesMissing(
      FAMILIES_TABLE,
      rows.map((r) => r.area),
    ),
    notes: droppedNote ? [droppedNote] : [],
  };
}

function familiesDataset(labels: Labels, part: { rows: Row[]; provenance: Provenance; missing: MissingPart[]; notes: string[] }, before: string[]): Dataset {
  return {
    columns: familyColumns(part.rows),
    meta: datasetMeta({
      dataset: "families",
      title: labels.title,
      sources: [part.provenance],
      rows: part.rows.length,
      missing: part.missing,
      columns: labels.columns,
      notes: [...before, ...labels.notes, ...part.notes],
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

function emptyFamilies(missing: MissingPart[], notes: string[]): Dataset {
  return {
    columns: familyColumns([]),
    meta: datasetMeta({ dataset: "families", title: HOUSEHOLD_LABELS.title, sources: [], rows: 0, missing, columns: HOUSEHOLD_LABELS.columns, notes }),
  };
}
