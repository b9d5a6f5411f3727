/**
 * Persons on public benefits in full-time equivalents (fuldtidsmodtagere) from AUK01
 * ("Offentligt forsørgede", quarterly), by area and year.
 *
 * Codes (research notes §2 "Income, tax base, benefits"; value lists in josca42/varro_dst
 * auk01.md; AUK01 has 41 YDELSESTYPE codes with hierarchical subtotals):
 *   YDELSESTYPE TOT  "I alt": every benefit type, student grants (SU) included. TOTUSU would be
 *                    the total without SU; the subtotals must never be added up.
 *   KØN TOT, ALDER TOT  both sexes, all ages.
 * ⚠ The shared mirror has no AUK01 (the YDELSESTYPE code of the one real extract found could not
 * be confirmed), so TOT is taken from the notes, not from a stored tableinfo.
 *
 * The yearly figure is the mean of the year's four quarters, and only complete years are kept:
 * a year with a quarter absent or marked ".." is left out for that area (and named in a note),
 * because the mean of fewer quarters would mix seasons.
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { parsePeriod } from "../statbank/period.ts";
import { yearRuns } from "./codes.ts";
import { fetchOrMissing, requireDimensions } from "./fetchTable.ts";
import { AREA_COLUMN, droppedAreasNote, isKeptArea, municipalitiesMissing } from "./income.ts";
import type { BenefitsRow } from "../../src/lib/datasets.ts";

const QUERY = {
  table: "AUK01",
  variables: { OMRÅDE: ["*"], YDELSESTYPE: ["TOT"], KØN: ["TOT"], ALDER: ["TOT"], Tid: ["*"] },
};

const TITLE = "Offentligt forsørgede (fuldtidspersoner), årsgennemsnit";

const COLUMNS = {
  area: AREA_COLUMN,
  year: "År",
  fte: "Offentligt forsørgede i alt (alle ydelsestyper, også SU), fuldtidspersoner; gennemsnit af årets fire kvartaler",
};

const NOTES = [
  "AUK01 ydelsestype i alt (TOT, alle ydelser inkl. SU), begge køn (TOT), alle aldre (TOT).",
  "Årstallet er gennemsnittet af årets fire kvartaler; år, hvor et kvartal mangler, er udeladt.",
];

export async function benefits(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, QUERY, { allowGaps: true });
  if ("missing" in result) return emptyBenefits(result.missing);
  const { extract, provenance } = result;
  requireDimensions("AUK01", extract, ["OMRÅDE", "YDELSESTYPE", "KØN", "ALDER", "TID"]);
  const quarters = new Map<string, { area: string; year: number; values: Map<number, number | null> }>();
  const dropped: string[] = [];
  for (const r of extract.rows) {
    const area = r.codes.OMRÅDE;
    if (!isKeptArea(area)) {
      dropped.push(area);
      continue;
    }
    const p = parsePeriod(r.codes.TID);
    if (!p || p.frequency !== "quarter") throw new Error(`AUK01: Tid=${r.codes.TID} is not a quarter (expected e.g. 2024K1)`);
    const key = `${area}|${p.year}`;
    const cell = quarters.get(key) ?? { area, year: p.year, values: new Map() };
    if (cell.values.has(p.sub)) throw new Error(`AUK01: duplicate row for OMRÅDE=${area} YDELSESTYPE=TOT KØN=TOT ALDER=TOT Tid=${r.codes.TID}`);
    cell.values.set(p.sub, r.value);
    quarters.set(key, cell);
  }
  const rows: BenefitsRow[] = [];
  const incomplete = new Set<number>();
  for (const { area, year, values } of quarters.values()) {
    const complete = [1, 2, 3, 4].every((q) => values.get(q) !== undefined && values.get(q) !== null);
    if (!complete) {
      incomplete.add(year);
      continue;
    }
    const sum = [1, 2, 3, 4].reduce((s, q) => s + values.get(q)!, 0);
    rows.push({ area, year, fte: sum / 4 });
  }
  rows.sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year);
  const missing: MissingPart[] = municipalitiesMissing(
    "AUK01",
    rows.map((r) => r.area),
  );
  const droppedNote = droppedAreasNote("AUK01", dropped);
  return {
    columns: benefitColumns(rows),
    meta: datasetMeta({
      dataset: "benefits",
      title: TITLE,
      sources: [provenance],
      rows: rows.length,
      missing,
      columns: COLUMNS,
      notes: [
        ...NOTES,
        ...(incomplete.size > 0 ? [`Ufuldstændige år udeladt (for mindst ét område): ${yearRuns([...incomplete])}.`] : []),
        ...(droppedNote ? [droppedNote] : []),
      ],
    }),
  };
}

function benefitColumns(rows: { area: string; year: number; fte: number }[]): Dataset["columns"] {
  return {
    area: { type: "string", values: rows.map((r) => r.area) },
    year: { type: "int16", values: rows.map((r) => r.year) },
    fte: { type: "float64", values: rows.map((r) => r.fte) },
  };
}

function emptyBenefits(missing: MissingPart[]): Dataset {
  return {
    columns: benefitColumns([]),
    meta: datasetMeta({ dataset: "benefits", title: TITLE, sources: [], rows: 0, missing, columns: COLUMNS, notes: NOTES }),
  };
}
