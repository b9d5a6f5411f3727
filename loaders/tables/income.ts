/**
 * Income per person from INDKP101 ("Personer efter område, enhed, køn, indkomsttype og tid"):
 * the average for all persons (ENHED 116, kr., current prices), men and women together (KOEN MOK),
 * for two income types:
 *
 *   100  disposable income ("1 Disponibel indkomst")        -> income_type "disposable"
 *   290  taxable income ("Skattepligtig indkomst")           -> income_type "taxable"
 *
 * Taxable income per person is the dashboard's stated proxy for the municipal tax base
 * (udskrivningsgrundlag), which StatBank does not publish (research notes §2, "Income, tax base,
 * benefits": the official figure is in the ministry's "De Kommunale Nøgletal", noegletal.dk; the
 * two are close but not the same, and the page must say so).
 *
 * Both income types are requested with allowGaps: a source that lacks one (the shared mirror has
 * only 100) still gives the other, and the missing type is reported in words, not as a failure.
 * INDKP101's OMRÅDE holds the whole country (000), the 11 landsdele (01–11) and the 98
 * municipalities (no regions, no Christiansø); all are kept.
 *
 * This module also holds the small area helpers the other economy loaders share (benefits,
 * families, business).
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { abbreviate, describeGaps } from "../statbank/errors.ts";
import { periodYear } from "../statbank/period.ts";
import { CHRISTIANSOE, COUNTRY, isMunicipality, isRegion } from "./codes.ts";
import { fetchOrMissing, requireDimensions } from "./fetchTable.ts";
import type { IncomeRow } from "../../src/lib/datasets.ts";

// ---------------------------------------------------------------------------------------------
// Area levels shared by the economy loaders

/** Landsdele in StatBank codes: "01"–"11". */
export function isLandsdel(code: string): boolean {
  return /^(0[1-9]|1[01])$/.test(code);
}

/** A municipality code proper: 101–899 without Christiansø (9xx codes mean abroad or unknown). */
export function isMunicipalityProper(code: string): boolean {
  return isMunicipality(code) && Number(code) < 900;
}

/**
 * The area codes the economy datasets keep: the whole country (000), regions (081–085), landsdele
 * (01–11) and the 98 municipalities. Everything else (Christiansø 411, 950 abroad, 997 unknown
 * municipality, …) is left out and named in a note.
 */
export function isKeptArea(code: string): boolean {
  return code === COUNTRY || isRegion(code) || isLandsdel(code) || isMunicipalityProper(code);
}

/** "Udeladte områdekoder: 411, 997." or null when nothing was left out. */
export function droppedAreasNote(table: string, dropped: Iterable<string>): string | null {
  const list = [...new Set(dropped)].sort();
  if (list.length === 0) return null;
  const labels = list.map((c) => (c === CHRISTIANSOE ? "411 (Christiansø, ikke en kommune)" : c));
  return `${table}: udeladte områdekoder ${abbreviate(labels)} (hverken hele landet, en region, en landsdel eller en kommune).`;
}

/** "95 af 98 kommuner" when rows exist for fewer than the 98 municipalities. */
export function municipalitiesMissing(table: string, areas: Iterable<string>): MissingPart[] {
  const present = new Set([...areas].filter(isMunicipalityProper));
  if (present.size === 0 || present.size >= 98) return [];
  return [
    {
      table,
      what: `${98 - present.size} af 98 kommuner`,
      detail: `${table} has rows for ${present.size} municipalities only: ${abbreviate([...present].sort())}`,
    },
  ];
}

export const AREA_COLUMN = "Område: 000 hele landet, 081–085 regioner, 01–11 landsdele, 101–860 kommuner (niveauerne må ikke lægges sammen)";

// ---------------------------------------------------------------------------------------------
// INDKP101

export const INCOME_TYPES = {
  "100": { id: "disposable", label: "disponibel indkomst" },
  "290": { id: "taxable", label: "skattepligtig indkomst" },
} as const;
export type IncomeType = (typeof INCOME_TYPES)[keyof typeof INCOME_TYPES]["id"];

const INCOME_QUERY = {
  table: "INDKP101",
  variables: { OMRÅDE: ["*"], ENHED: ["116"], KOEN: ["MOK"], INDKOMSTTYPE: Object.keys(INCOME_TYPES), Tid: ["*"] },
};

const TITLE = "Gennemsnitlig indkomst pr. person: disponibel og skattepligtig indkomst";

const COLUMNS = {
  area: "Område: 000 hele landet, 01–11 landsdele, 101–860 kommuner (niveauerne må ikke lægges sammen)",
  year: "Indkomstår",
  income_type: "Indkomsttype: disposable = disponibel indkomst (INDKOMSTTYPE 100); taxable = skattepligtig indkomst (INDKOMSTTYPE 290)",
  kr: "Gennemsnit for alle personer, kr. (løbende priser)",
};

export const TAX_BASE_NOTE =
  "Skattepligtig indkomst pr. person bruges som stedfortræder for udskrivningsgrundlaget, som Statistikbanken ikke offentliggør " +
  "(det officielle tal står i De Kommunale Nøgletal, noegletal.dk). De to er ikke helt det samme: udskrivningsgrundlaget er " +
  "grundlaget for kommuneskatten med kommunens valg af statsgaranteret eller selvbudgetteret grundlag.";

export async function income(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, INCOME_QUERY, { allowGaps: true });
  if ("missing" in result) return emptyIncome(result.missing);
  const { extract, provenance } = result;
  requireDimensions("INDKP101", extract, ["OMRÅDE", "ENHED", "KOEN", "INDKOMSTTYPE", "TID"]);
  // The missing income types in words ("skattepligtig indkomst (INDKOMSTTYPE 290)"); other gaps as usual.
  const missing: MissingPart[] = [];
  provenance.gaps = provenance.gaps.filter((g) => {
    // A mirror that lacks the type ("not-in-mirror"), or the live table that does not have it ("unknown-code").
    if (g.variable?.toUpperCase() !== "INDKOMSTTYPE" || (g.reason !== "not-in-mirror" && g.reason !== "unknown-code")) return true;
    for (const code of g.codes) {
      const type = INCOME_TYPES[code as keyof typeof INCOME_TYPES];
      missing.push({
        table: "INDKP101",
        what: `${type?.label ?? "indkomsttype"} (INDKOMSTTYPE ${code})`,
        detail: describeGaps("INDKP101", [{ ...g, codes: [code] }]),
        variable: "INDKOMSTTYPE",
        codes: [code],
      });
    }
    return false;
  });

  const rows: (IncomeRow & { income_type: IncomeType })[] = [];
  const seen = new Set<string>();
  const dropped: string[] = [];
  for (const r of extract.rows) {
    if (r.value === null) continue;
    const area = r.codes.OMRÅDE;
    if (!isKeptArea(area)) {
      dropped.push(area);
      continue;
    }
    const type = INCOME_TYPES[r.codes.INDKOMSTTYPE as keyof typeof INCOME_TYPES];
    if (!type) continue;
    const year = periodYear(r.codes.TID);
    const key = `${area}|${type.id}|${year}`;
    if (seen.has(key)) throw new Error(`INDKP101: duplicate row for OMRÅDE=${area} ENHED=116 KOEN=MOK INDKOMSTTYPE=${r.codes.INDKOMSTTYPE} Tid=${r.codes.TID}`);
    seen.add(key);
    rows.push({ area, year, income_type: type.id, kr: r.value });
  }
  rows.sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year || a.income_type.localeCompare(b.income_type));
  missing.push(
    ...municipalitiesMissing(
      "INDKP101",
      rows.map((r) => r.area),
    ),
  );
  const droppedNote = droppedAreasNote("INDKP101", dropped);
  return {
    columns: incomeColumns(rows),
    meta: datasetMeta({
      dataset: "income",
      title: TITLE,
      sources: [provenance],
      rows: rows.length,
      missing,
      columns: COLUMNS,
      notes: [
        "Gennemsnit for alle personer i INDKP101 (ENHED 116), mænd og kvinder i alt (KOEN MOK), løbende priser.",
        TAX_BASE_NOTE,
        ...(droppedNote ? [droppedNote] : []),
      ],
    }),
  };
}

function incomeColumns(rows: { area: string; year: number; income_type: string; kr: number }[]): Dataset["columns"] {
  return {
    area: { type: "string", values: rows.map((r) => r.area) },
    year: { type: "int16", values: rows.map((r) => r.year) },
    income_type: { type: "string", values: rows.map((r) => r.income_type) },
    kr: { type: "float64", values: rows.map((r) => r.kr) },
  };
}

function emptyIncome(missing: MissingPart[]): Dataset {
  return {
    columns: incomeColumns([]),
    meta: datasetMeta({ dataset: "income", title: TITLE, sources: [], rows: 0, missing, columns: COLUMNS, notes: [TAX_BASE_NOTE] }),
  };
}
