/**
 * Population by urban area (byområde) and rural district (landdistrikt) from BY1, 1 January.
 *
 * BY1's BYER codes are 8 digits: the municipality's 3-digit code and a 5-digit area number,
 * with texts like "260-10077 Frederiksværk". Special numbers: 99999 Landdistrikter, 99997 Uden
 * fast bopæl, 00KKK the municipality as a whole, and 00001100 Hovedstadsområdet (the capital's
 * urban area over 18 municipalities: the sum of their KKK01100 rows). KKK01100 is the part of
 * Hovedstadsområdet that lies in municipality KKK ("101-01100 København (del af
 * Hovedstadsområdet)"): an urban area of its own in that municipality, not a sum of the
 * municipality's other rows, so it is kept as a town like any town split by a municipal border.
 * In the real BY1 answer (2026) the municipality row equals the sum of towns, KKK01100, 99997
 * and 99999 for all 99 areas; without KKK01100, København, Frederiksberg and Gentofte would
 * have no towns at all. The request leaves out ALDER and KØN (CSV format, so the API eliminates
 * them to totals): about 1,900 areas × the years asked for, well under the cell limit.
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { periodYear } from "../statbank/period.ts";
import { fetchOrMissing } from "./fetchTable.ts";
import type { TownRow } from "../../src/lib/datasets.ts";
import { townSliceRows, townSummaries, type TownSummaryRow } from "../../src/lib/towns.ts";
import type { SliceContext } from "../partition.ts";
import { municipalities } from "./municipalities.ts";

export type TownKind = "by" | "landdistrikt" | "uden fast bopæl";

export interface TownCode {
  area: string;
  kind: TownKind | "kommune i alt" | "sum af kommuner";
}

export function classifyTownCode(code: string): TownCode {
  if (!/^\d{8}$/.test(code)) throw new Error(`BY1: BYER code ${JSON.stringify(code)} is not 8 digits`);
  const area = code.slice(0, 3);
  const rest = code.slice(3);
  if (area === "000") return { area, kind: "sum af kommuner" };
  if (rest === `00${area}`) return { area, kind: "kommune i alt" };
  if (rest === "99999") return { area, kind: "landdistrikt" };
  if (rest === "99997") return { area, kind: "uden fast bopæl" };
  // KKK01100 (the municipality's part of Hovedstadsområdet) is an urban area in the municipality:
  // it belongs with the parts that add up to the municipality row, as every other town does.
  if (rest === "01100") return { area, kind: "by" };
  return { area, kind: "by" };
}

/** "260-10077 Frederiksværk" -> "Frederiksværk"; a label without the prefix is kept as it is. */
export function townName(text: string): string {
  return text.replace(/^\d{3}-\d{5}\s+/, "").trim();
}

const columns = {
  area: "Kommunekode",
  town_code: "Byområdets kode i BY1 (kommunekode + 5 cifre)",
  town: "Byområde, landdistrikter eller uden fast bopæl",
  kind: "Type: by, landdistrikt, uden fast bopæl",
  year: "År (1. januar)",
  population: "Folketal, personer",
};

export async function towns(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, { table: "BY1", format: "CSV", variables: { BYER: ["*"], Tid: ["*"] } });
  if ("missing" in result) return empty(result.missing);
  const { extract, provenance } = result;
  const info = await client.tableInfo("BY1");
  const byer = info.variables.find((v) => v.id.toUpperCase() === "BYER");
  const names = new Map(byer?.values.map((v) => [v.id, townName(v.text)]) ?? []);
  const totals = new Map<string, number>();
  const rows: (TownRow & { kind: TownKind })[] = [];
  for (const r of extract.rows) {
    if (r.value === null) continue;
    const code = r.codes.BYER;
    const { area, kind } = classifyTownCode(code);
    const year = periodYear(r.codes.TID);
    if (kind === "sum af kommuner") continue;
    if (kind === "kommune i alt") {
      totals.set(`${area}|${year}`, r.value);
      continue;
    }
    rows.push({ area, town_code: code, town: names.get(code) ?? code, kind, year, population: r.value });
  }
  rows.sort((a, b) => a.area.localeCompare(b.area) || a.town_code.localeCompare(b.town_code) || a.year - b.year);
  const missing: MissingPart[] = [];
  // Where the table also carries the municipality as a whole, the parts must add up to it.
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(`${r.area}|${r.year}`, (sums.get(`${r.area}|${r.year}`) ?? 0) + r.population);
  for (const [key, total] of totals) {
    const sum = sums.get(key) ?? 0;
    if (sum !== total) {
      const [area, year] = key.split("|");
      missing.push({
        table: "BY1",
        what: `byområder i ${area} ${year} summer ikke til kommunen`,
        detail: `BY1 ${area} ${year}: parts add up to ${sum}, the municipality row says ${total}`,
      });
    }
  }
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      town_code: { type: "string", values: rows.map((r) => r.town_code) },
      town: { type: "string", values: rows.map((r) => r.town) },
      kind: { type: "string", values: rows.map((r) => r.kind) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      population: { type: "int32", values: rows.map((r) => r.population) },
    },
    meta: datasetMeta({
      dataset: "towns",
      title: "Folketal i byområder og landdistrikter 1. januar",
      sources: [provenance],
      rows: rows.length,
      missing,
      columns,
      notes: ["Køn og alder er elimineret (summeret) i udtrækket.", "Byområder, der ligger i flere kommuner, optræder med den del, der ligger i kommunen."],
    }),
  };
}

function empty(missing: MissingPart[]): Dataset {
  return {
    columns: Object.fromEntries(
      Object.keys(columns).map((k) => [k, { type: k === "year" ? "int16" : k === "population" ? "int32" : "string", values: [] }]),
    ) as Dataset["columns"],
    meta: datasetMeta({ dataset: "towns", title: "Folketal i byområder og landdistrikter 1. januar", sources: [], rows: 0, missing, columns }),
  };
}

/**
 * How the towns dataset is cut per municipality (src/data/by-area/towns.zip.ts): each file has the
 * municipality's rows and the other parts of its towns that a border splits (src/lib/towns.ts
 * townSliceRows), so a page can class a town by its whole size from the one file.
 */
export function townSliceContext(columns: Dataset["columns"]): SliceContext {
  const rows = columns.area.values.map((area, i) => ({
    area: String(area),
    kind: String(columns.kind.values[i]) as TownRow["kind"],
    town_code: String(columns.town_code.values[i]),
  }));
  return {
    rows: (area) => townSliceRows(rows, area),
    note: "Filen for én kommune har også de dele af dens byer, der ligger i andre kommuner, så byens samlede størrelse kan ses.",
  };
}

const SUMMARY_COLUMNS = {
  scope: 'Kommunekode, region ("region 084") eller hele landet ("land")',
  year: "År (1. januar)",
  size_class: "Størrelsesklasse efter hele byens indbyggertal (src/lib/towns.ts SIZE_CLASSES)",
  population: "Indbyggere i størrelsesklassen i området",
  towns: "Byer med en del i området (en by delt af en kommunegrænse tælles én gang); tom for landdistrikter og uden fast bopæl",
};

/**
 * Inhabitants and towns by size class for every municipality, every region and the whole country
 * (src/lib/towns.ts townSummaries), from the same BY1 rows as the towns dataset: what /lokalsamfund
 * compares the chosen municipality with, without fetching every municipality's towns.
 */
export async function townSummariesDataset(client: StatbankClient): Promise<Dataset> {
  const [all, list] = await Promise.all([towns(client), municipalities(client)]);
  const c = all.columns;
  const rows: TownRow[] = c.area.values.map((area, i) => ({
    area: String(area),
    town_code: String(c.town_code.values[i]),
    town: String(c.town.values[i]),
    kind: String(c.kind.values[i]) as TownRow["kind"],
    year: Number(c.year.values[i]),
    population: Number(c.population.values[i]),
  }));
  const summaries: TownSummaryRow[] = townSummaries(rows, list.municipalities);
  return {
    columns: {
      scope: { type: "string", values: summaries.map((r) => r.scope) },
      year: { type: "int16", values: summaries.map((r) => r.year) },
      size_class: { type: "string", values: summaries.map((r) => r.size_class) },
      population: { type: "int32", values: summaries.map((r) => r.population) },
      towns: { type: "int32", values: summaries.map((r) => r.towns) },
    },
    meta: {
      ...all.meta,
      dataset: "town_summaries",
      title: "Folketal i byer efter størrelse: kommuner, regioner og hele landet, 1. januar",
      rows: summaries.length,
      columns: SUMMARY_COLUMNS,
      notes: [...(all.meta.notes ?? []), "Beregnet ved bygningen ud fra BY1 (src/lib/towns.ts townSummaries): en bys størrelsesklasse er hele byens."],
    },
  };
}
