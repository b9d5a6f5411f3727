/**
 * Statistics Denmark's municipal population projection (befolkningsfremskrivning), in the seven
 * age groups of agegroups.ts plus the total, both sexes, by municipality and year.
 *
 * The table is renamed with every vintage (FRKM125 in 2025, FRKM126 in 2026, …; old vintages
 * become inactive), so its id is never hard-coded: it is resolved on every run from the list of
 * tables (`client.tables()`: live the /v1/tables listing, on a mirror the files it holds) as the
 * highest id matching FRKM1yy; the vintage year is 2000 + yy. FRKM2yy (components of change),
 * FRDK1yy (national) and FRLD1yy (landsdele) do not match.
 *
 * FRKM1yy: KOMMUNEDK (98 municipalities and Christiansø 411), ALDER (TOT, 0…99, 100-),
 * KØN (M and K only: no both-sexes code), Tid (years). The request names every variable with "*";
 * M and K are added (a sex total is used instead should a source have one), ALDER TOT gives
 * "total", and single ages are summed into the groups, a group only when all its ages are there.
 *
 * A mirror may hold, instead of the table, `FRKM1yy_agegroups.csv` (header
 * KOMMUNEDK;ALDERGRP;TID;INDHOLD): a third party's sums of FRKM1yy into the same seven groups and
 * TOT, M and K added. It is NOT a StatBank table. It is used only when the source has no FRKM1yy
 * table, and it is marked as third-party sums in every row (`source`) and in the provenance
 * (table id FRKM1yy_AGEGROUPS, title and attribution); the live API is never asked for it.
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { Provenance, StatbankClient } from "../statbank/client.ts";
import { abbreviate } from "../statbank/errors.ts";
import { MirrorTransport } from "../statbank/mirror.ts";
import { periodYear } from "../statbank/period.ts";
import type { TableListing } from "../statbank/transport.ts";
import { AGE_BANDS, ageBand } from "./agegroups.ts";
import { isMunicipality, yearRuns } from "./codes.ts";
import { fetchOrMissing } from "./fetchTable.ts";
import type { ProjectionRow } from "../../src/lib/datasets.ts";

const API_ID = /^FRKM1(\d\d)$/i;
const THIRD_PARTY_ID = /^(FRKM1\d\d)_AGEGROUPS$/i;
const SEX_TOTALS = new Set(["TOT", "IALT", "MOK"]);
const GROUP_ORDER = new Map<string, number>([["total", 0], ...AGE_BANDS.map((b, i): [string, number] => [b.id, i + 1])]);

export interface ProjectionTable {
  /** The listing's id, e.g. "FRKM126" or, for a mirror's third-party file, "FRKM126_AGEGROUPS". */
  id: string;
  /** The projection table the id stands for, e.g. "FRKM126". */
  vintage: string;
  /** The vintage year, e.g. 2026. */
  year: number;
}

/** The newest FRKM1yy table of a listing (or null). */
export function newestProjectionTable(listing: readonly Pick<TableListing, "id">[]): ProjectionTable | null {
  return newest(listing, API_ID);
}

/** The newest third-party FRKM1yy_agegroups file of a mirror's listing (or null). */
export function newestThirdPartyProjection(listing: readonly Pick<TableListing, "id">[]): ProjectionTable | null {
  return newest(listing, THIRD_PARTY_ID);
}

function newest(listing: readonly Pick<TableListing, "id">[], pattern: RegExp): ProjectionTable | null {
  let best: ProjectionTable | null = null;
  for (const { id } of listing) {
    const m = pattern.exec(id);
    if (!m) continue;
    const vintage = (pattern === API_ID ? id : m[1]).toUpperCase();
    const year = 2000 + Number(vintage.slice(5, 7));
    if (!best || year > best.year) best = { id: id.toUpperCase(), vintage, year };
  }
  return best;
}

type Row = ProjectionRow;

const TITLE = "Danmarks Statistiks befolkningsfremskrivning for kommunerne, aldersgrupper";

const COLUMNS = {
  area: "Kommunekode",
  year: "År (1. januar)",
  age_group: `Aldersgruppe: total eller ${AGE_BANDS.map((b) => b.id).join(", ")} (80- = 80 år og derover)`,
  population: "Fremskrevet folketal, personer (begge køn)",
  vintage: "Fremskrivningens tabel i Statistikbanken, fx FRKM126 = fremskrivningen fra 2026",
  source: "Hvor tallet kommer fra: tabellen selv (fx FRKM126), eller FRKM126_agegroups = en tredjeparts summer af FRKM126 (ikke en Statistikbank-tabel)",
};

const BASE_NOTES = [
  "Danmarks Statistiks egen fremskrivning (en modelberegning), ikke kommunens vedtagne befolkningsprognose.",
  "Tabellens id skifter hvert år (FRKM125, FRKM126, …); den nyeste findes i Statistikbankens tabelliste ved hver kørsel.",
];

export async function projection(client: StatbankClient): Promise<Dataset> {
  const listing = await client.tables();
  const api = newestProjectionTable(listing);
  if (api) return fromTable(client, api);
  const third = client.source.kind === "mirror" ? newestThirdPartyProjection(listing) : null;
  if (third) return fromThirdParty(client, third);
  const where = client.source.kind === "mirror" ? `the mirror ${client.source.location}` : `the /v1/tables listing of ${client.source.location}`;
  return emptyProjection([{ table: "FRKM1xx", what: "hele tabellen", detail: `no FRKM1yy projection table in ${where}` }]);
}

async function fromTable(client: StatbankClient, table: ProjectionTable): Promise<Dataset> {
  const result = await fetchOrMissing(client, { table: table.vintage, variables: { KOMMUNEDK: ["*"], ALDER: ["*"], KØN: ["*"], Tid: ["*"] } });
  if ("missing" in result) return emptyProjection(result.missing);
  const { extract, provenance } = result;
  for (const d of ["KOMMUNEDK", "ALDER", "KØN", "TID"]) {
    if (!extract.dimensions.includes(d)) throw new Error(`${table.vintage}: no column ${d} in the extract (columns ${extract.dimensions.join(", ")})`);
  }
  const hasSexTotal = extract.rows.some((r) => SEX_TOTALS.has(r.codes.KØN.toUpperCase()));
  const dropped = new Set<string>();
  // area|year|group -> population and the single ages seen
  const sums = new Map<string, { pop: number | null; ages: Set<number> }>();
  const seen = new Set<string>();
  for (const r of extract.rows) {
    const area = r.codes.KOMMUNEDK;
    if (!isMunicipality(area)) {
      dropped.add(area);
      continue;
    }
    if (hasSexTotal !== SEX_TOTALS.has(r.codes.KØN.toUpperCase())) continue;
    const cell = `${area}|${r.codes.ALDER}|${r.codes.KØN}|${r.codes.TID}`;
    if (seen.has(cell)) throw new Error(`${table.vintage}: duplicate row for KOMMUNEDK=${area} ALDER=${r.codes.ALDER} KØN=${r.codes.KØN} Tid=${r.codes.TID}`);
    seen.add(cell);
    const age = ageOf(r.codes.ALDER, table.vintage);
    const group = age === null ? "total" : ageBand(age);
    const key = `${area}|${periodYear(r.codes.TID)}|${group}`;
    const s = sums.get(key) ?? { pop: 0, ages: new Set<number>() };
    s.pop = s.pop === null || r.value === null ? null : s.pop + r.value;
    if (age !== null) s.ages.add(age);
    sums.set(key, s);
  }
  const rows: Row[] = [];
  const incomplete: string[] = [];
  for (const [key, s] of sums) {
    const [area, year, group] = key.split("|");
    if (group !== "total") {
      const band = AGE_BANDS.find((b) => b.id === group)!;
      const last = Math.min(band.to, 100); // FRKM's last age code is "100-" (100 and over)
      if (s.ages.size < last - band.from + 1) {
        incomplete.push(`${area} ${year} ${group}`);
        continue;
      }
    }
    if (s.pop === null) continue;
    rows.push({ area, year: Number(year), age_group: group, population: s.pop, vintage: table.vintage, source: table.vintage });
  }
  const missing: MissingPart[] = [];
  if (incomplete.length > 0) {
    missing.push({
      table: table.vintage,
      what: `${incomplete.length} aldersgruppe${incomplete.length === 1 ? "" : "r"} (enkeltår mangler)`,
      detail: `${table.vintage}: single ages missing, so these groups are left out: ${abbreviate(incomplete.sort())}`,
    });
  }
  return projectionDataset(rows, [provenance], missing, [
    ...BASE_NOTES,
    `Fremskrivningen ${table.year} (${table.vintage}). ${hasSexTotal ? "Køn i alt fra tabellen." : "Mænd og kvinder er lagt sammen (tabellen har ingen total for køn)."} Aldersgrupperne er summeret her af enkeltårsalder; total er tabellens egen ALDER=TOT.`,
    ...(dropped.size > 0 ? [`Udeladt: KOMMUNEDK ${[...dropped].sort().join(", ")} (ikke en kommune).`] : []),
  ]);
}

/** "TOT" -> null (the total); "37" -> 37; "100-" -> 100. */
function ageOf(code: string, table: string): number | null {
  if (code.toUpperCase() === "TOT") return null;
  const m = /^(\d{1,3})-?$/.exec(code);
  if (!m) throw new Error(`${table}: ALDER code ${JSON.stringify(code)} is neither TOT nor an age (0, 1, …, 100-)`);
  return Number(m[1]);
}

async function fromThirdParty(client: StatbankClient, file: ProjectionTable): Promise<Dataset> {
  const stem = `${file.vintage}_agegroups`;
  const third = await fetchOrMissing(client, { table: stem, variables: { KOMMUNEDK: ["*"], ALDERGRP: ["*"], Tid: ["*"] } });
  if ("missing" in third) return emptyProjection(third.missing);
  const provenance: Provenance = {
    ...third.provenance,
    title: `${file.vintage} (befolkningsfremskrivning ${file.year}) summeret i syv aldersgrupper, begge køn, af tredjepart (ikke en Statistikbank-tabel)`,
    attribution: `Kilde: Danmarks Statistik, ${file.vintage} (aldersgrupper og køn summeret af tredjepart)`,
  };
  const rows: Row[] = [];
  const dropped = new Set<string>();
  const seen = new Set<string>();
  for (const r of third.extract.rows) {
    const area = r.codes.KOMMUNEDK;
    if (!isMunicipality(area)) {
      dropped.add(area);
      continue;
    }
    const code = r.codes.ALDERGRP;
    const group = code.toUpperCase() === "TOT" || code.toUpperCase() === "IALT" ? "total" : code;
    if (!GROUP_ORDER.has(group)) {
      throw new Error(`${stem}: ALDERGRP code ${JSON.stringify(code)} is not TOT nor one of ${AGE_BANDS.map((b) => b.id).join(", ")}`);
    }
    const year = periodYear(r.codes.TID);
    const key = `${area}|${year}|${group}`;
    if (seen.has(key)) throw new Error(`${stem}: duplicate row for KOMMUNEDK=${area} ALDERGRP=${code} Tid=${r.codes.TID}`);
    seen.add(key);
    if (r.value === null) continue;
    rows.push({ area, year, age_group: group, population: r.value, vintage: file.vintage, source: stem });
  }
  // The years the projection has but the file does not (from the stored tableinfo, where there is one).
  const missing: MissingPart[] = [];
  if (client.transport instanceof MirrorTransport) {
    const info = await client.transport.storedTableInfo(file.vintage);
    const time = info?.variables.find((v) => v.time);
    const present = new Set(rows.map((r) => r.year));
    const absent = (time?.values ?? []).map((v) => Number(v.id)).filter((y) => Number.isFinite(y) && !present.has(y));
    if (absent.length > 0) {
      missing.push({
        table: file.vintage,
        what: `år ${yearRuns(absent)}`,
        detail: `${file.vintage} runs to ${Math.max(...absent, ...present)} (tableinfo), the third party's ${stem}.csv only ${yearRuns([...present])}`,
        variable: "Tid",
        codes: absent.map(String),
      });
    }
  }
  return projectionDataset(rows, [provenance], missing, [
    ...BASE_NOTES,
    `Fremskrivningen ${file.year} (${file.vintage}), men kilden her er ${stem}: en tredjeparts summer af ${file.vintage} i syv aldersgrupper (mænd og kvinder lagt sammen af tredjeparten), ikke en tabel i Statistikbanken. Den bruges, fordi kilden ikke har ${file.vintage} selv; hver række er mærket i kolonnen source.`,
    "Tredjepartens aldersgrupper summer til total inden for få personer, fordi Danmarks Statistik afrunder hver celle.",
    ...(dropped.size > 0 ? [`Udeladt: KOMMUNEDK ${[...dropped].sort().join(", ")} (ikke en kommune).`] : []),
  ]);
}

function projectionDataset(rows: Row[], sources: Provenance[], missing: MissingPart[], notes: string[]): Dataset {
  rows.sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year || GROUP_ORDER.get(a.age_group)! - GROUP_ORDER.get(b.age_group)!);
  return {
    columns: projectionColumns(rows),
    meta: datasetMeta({ dataset: "projection", title: TITLE, sources, rows: rows.length, missing, columns: COLUMNS, notes }),
  };
}

function projectionColumns(rows: Row[]): Dataset["columns"] {
  return {
    area: { type: "string", values: rows.map((r) => r.area) },
    year: { type: "int16", values: rows.map((r) => r.year) },
    age_group: { type: "string", values: rows.map((r) => r.age_group) },
    population: { type: "int32", values: rows.map((r) => r.population) },
    vintage: { type: "string", values: rows.map((r) => r.vintage) },
    source: { type: "string", values: rows.map((r) => r.source) },
  };
}

function emptyProjection(missing: MissingPart[]): Dataset {
  return {
    columns: projectionColumns([]),
    meta: datasetMeta({ dataset: "projection", title: TITLE, sources: [], rows: 0, missing, columns: COLUMNS, notes: BASE_NOTES }),
  };
}

/**
 * The projection's totals (age group "total") for every municipality: what /prognose compares the
 * chosen municipality's growth with (a group's sum), a small shared file; the age groups come one
 * municipality at a time (src/data/by-area/projection.zip.ts).
 */
export async function projectionTotals(client: StatbankClient): Promise<Dataset> {
  const all = await projection(client);
  const keep = all.columns.age_group.values.flatMap((g, i) => (g === "total" ? [i] : []));
  const columns = Object.fromEntries(
    Object.entries(all.columns).map(([name, c]) => [name, { type: c.type, values: keep.map((i) => c.values[i]) }]),
  ) as Dataset["columns"];
  return {
    columns,
    meta: { ...all.meta, dataset: "projection_totals", title: `${TITLE}: i alt`, rows: keep.length },
  };
}
