/**
 * Commuting from the register-based labour force statistics (RAS): where the employed live and
 * where they work on the last working day of November.
 *
 * Datasets:
 *   commuting            residence × workplace × year: employed persons (PEND100, men and women added)
 *   commuting_distance   area × year: average commuting distance in km of the employed (AFSTB4)
 *
 * PEND100's BOPKOM and ARBEJDSSTED mix levels (the whole country, regions, landsdele and
 * municipalities), so the aggregates are left out before anything is summed; otherwise totals
 * would be counted twice. ARBEJDSSTED 950 is "Uden for Danmark" (working abroad) and is kept as a
 * workplace: without it the employed residents of a municipality would not add up.
 * PEND100 has no total for sex (KØN is M and K); should a source carry one, it is used instead
 * of the sum. BULK leaves out combinations that are 0, so a missing M or K row counts as 0.
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { abbreviate } from "../statbank/errors.ts";
import type { ExtractRow } from "../statbank/csv.ts";
import { periodYear } from "../statbank/period.ts";
import { isMunicipality } from "./codes.ts";
import { fetchOrMissing } from "./fetchTable.ts";
import type { CommutingDistanceRow } from "../../src/lib/datasets.ts";

/** ARBEJDSSTED code for "Uden for Danmark". */
export const ABROAD = "950";

/** Codes of KØN that mean both sexes (PEND100 has none; used when a source has one). */
const SEX_TOTALS = new Set(["TOT", "IALT"]);

/**
 * A municipality code in PEND100's geography variables. isMunicipality accepts every 3-digit code
 * from 101 on, and 9xx codes are not municipalities here (950 is abroad).
 */
function isPendlingMunicipality(code: string): boolean {
  return isMunicipality(code) && Number(code) < 900;
}

const COMMUTING_QUERY = {
  table: "PEND100",
  variables: { BOPKOM: ["*"], ARBEJDSSTED: ["*"], KØN: ["*"], Tid: ["*"] },
};

const commutingColumns = {
  residence: "Bopælskommune (kommunekode)",
  workplace: "Arbejdssted: kommunekode, eller 950 = uden for Danmark (udland)",
  year: "År (ultimo november)",
  persons: "Beskæftigede, personer",
};

const commutingTitle = "Pendling: beskæftigede efter bopælskommune og arbejdssted (ultimo november)";

export async function commuting(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, COMMUTING_QUERY);
  if ("missing" in result) return emptyCommuting(result.missing);
  const { extract, provenance } = result;
  for (const d of ["BOPKOM", "ARBEJDSSTED", "KØN", "TID"]) {
    if (!extract.dimensions.includes(d)) {
      throw new Error(`PEND100: no column ${d} in the extract (columns ${extract.dimensions.join(", ")})`);
    }
  }
  const hasSexTotal = extract.rows.some((r) => SEX_TOTALS.has(r.codes.KØN.toUpperCase()));
  const droppedResidences = new Set<string>();
  const droppedWorkplaces = new Set<string>();
  const sums = new Map<string, { residence: string; workplace: string; year: number; persons: number | null; sexes: Set<string> }>();
  for (const r of extract.rows) {
    const residence = r.codes.BOPKOM;
    const workplace = r.codes.ARBEJDSSTED;
    if (!isPendlingMunicipality(residence)) {
      droppedResidences.add(residence);
      continue;
    }
    if (workplace !== ABROAD && !isPendlingMunicipality(workplace)) {
      droppedWorkplaces.add(workplace);
      continue;
    }
    if (hasSexTotal !== SEX_TOTALS.has(r.codes.KØN.toUpperCase())) continue;
    addSex(sums, r, residence, workplace);
  }
  const rows = [...sums.values()]
    .filter((s) => s.persons !== null)
    .sort((a, b) => a.residence.localeCompare(b.residence) || a.year - b.year || a.workplace.localeCompare(b.workplace));
  const missing = [
    ...municipalitiesMissing(
      "PEND100",
      rows.map((r) => r.residence),
    ),
  ];
  const notes = [
    hasSexTotal ? "Køn i alt fra tabellen." : "Mænd og kvinder er lagt sammen (PEND100 har ingen total for køn).",
    "Arbejdssted 950 = uden for Danmark (udland); arbejdssteder i kommunerne har kommunekoden.",
    "Hele landet, regioner og landsdele er udeladt (tabellen blander niveauerne); Christiansø (411) er ikke en kommune og er udeladt.",
  ];
  if (droppedResidences.size > 0 || droppedWorkplaces.size > 0) {
    notes.push(
      `Udeladte koder: BOPKOM ${abbreviate([...droppedResidences].sort()) || "ingen"}; ARBEJDSSTED ${abbreviate([...droppedWorkplaces].sort()) || "ingen"}.`,
    );
  }
  return {
    columns: {
      residence: { type: "string", values: rows.map((r) => r.residence) },
      workplace: { type: "string", values: rows.map((r) => r.workplace) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      persons: { type: "int32", values: rows.map((r) => r.persons) },
    },
    meta: datasetMeta({
      dataset: "commuting",
      title: commutingTitle,
      sources: [provenance],
      rows: rows.length,
      missing,
      columns: commutingColumns,
      notes,
    }),
  };
}

/** Add one M/K (or total) row to the sum of its residence, workplace and year; a ".." makes the sum missing. */
function addSex(
  sums: Map<string, { residence: string; workplace: string; year: number; persons: number | null; sexes: Set<string> }>,
  r: ExtractRow,
  residence: string,
  workplace: string,
): void {
  const year = periodYear(r.codes.TID);
  const key = `${residence}|${workplace}|${year}`;
  const s = sums.get(key);
  if (!s) {
    sums.set(key, { residence, workplace, year, persons: r.value, sexes: new Set([r.codes.KØN]) });
    return;
  }
  if (s.sexes.has(r.codes.KØN)) {
    throw new Error(`PEND100: duplicate row for BOPKOM=${residence} ARBEJDSSTED=${workplace} KØN=${r.codes.KØN} Tid=${r.codes.TID}`);
  }
  s.sexes.add(r.codes.KØN);
  s.persons = s.persons === null || r.value === null ? null : s.persons + r.value;
}

function emptyCommuting(missing: MissingPart[]): Dataset {
  return {
    columns: {
      residence: { type: "string", values: [] },
      workplace: { type: "string", values: [] },
      year: { type: "int16", values: [] },
      persons: { type: "int32", values: [] },
    },
    meta: datasetMeta({ dataset: "commuting", title: commutingTitle, sources: [], rows: 0, missing, columns: commutingColumns }),
  };
}

const DISTANCE_QUERY = {
  table: "AFSTB4",
  variables: { BOPOMR: ["*"], SOCIO: ["02"], KØN: ["TOT"], Tid: ["*"] },
};

const distanceColumns = {
  area: "Bopælskommune (kommunekode)",
  year: "År (ultimo november)",
  km: "Gennemsnitlig pendlingsafstand for beskæftigede, km",
};

const distanceTitle = "Gennemsnitlig pendlingsafstand for beskæftigede efter bopælskommune (ultimo november)";

export async function commutingDistance(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, DISTANCE_QUERY, { allowGaps: true });
  if ("missing" in result) return emptyDistance(result.missing);
  const { extract, provenance } = result;
  const rows: CommutingDistanceRow[] = [];
  const seen = new Set<string>();
  for (const r of extract.rows) {
    const area = r.codes.BOPOMR;
    if (!isMunicipality(area) || r.value === null) continue;
    const year = periodYear(r.codes.TID);
    const key = `${area}|${year}`;
    if (seen.has(key)) throw new Error(`AFSTB4: duplicate row for BOPOMR=${area} SOCIO=02 KØN=TOT Tid=${r.codes.TID}`);
    seen.add(key);
    rows.push({ area, year, km: r.value });
  }
  rows.sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year);
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      km: { type: "float64", values: rows.map((r) => r.km) },
    },
    meta: datasetMeta({
      dataset: "commuting_distance",
      title: distanceTitle,
      sources: [provenance],
      rows: rows.length,
      missing: municipalitiesMissing(
        "AFSTB4",
        rows.map((r) => r.area),
      ),
      columns: distanceColumns,
      notes: ["Beskæftigede i alt (SOCIO 02), begge køn (KØN TOT).", "Kun kommuner; hele landet, regioner og landsdele er udeladt."],
    }),
  };
}

function emptyDistance(missing: MissingPart[]): Dataset {
  return {
    columns: {
      area: { type: "string", values: [] },
      year: { type: "int16", values: [] },
      km: { type: "float64", values: [] },
    },
    meta: datasetMeta({ dataset: "commuting_distance", title: distanceTitle, sources: [], rows: 0, missing, columns: distanceColumns }),
  };
}

/** "95 af 98 kommuner" when rows exist for fewer than the 98 municipalities. */
function municipalitiesMissing(table: string, areas: string[]): MissingPart[] {
  const present = new Set(areas);
  if (present.size === 0 || present.size >= 98) return [];
  return [
    {
      table,
      what: `${98 - present.size} af 98 kommuner`,
      detail: `${table} has rows for ${present.size} municipalities only: ${abbreviate([...present].sort())}`,
    },
  ];
}
