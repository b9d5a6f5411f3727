/**
 * The 98 municipalities with their names and regions, from FOLK1A's tableinfo (OMRÅDE). In the
 * tableinfo each region comes right before its municipalities ("084 Region Hovedstaden", "101
 * København", …), which gives the grouping. Christiansø (411) is in the table but is not a
 * municipality and is left out.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { missingTable, missingVariable, type MissingPart } from "../provenance.ts";
import type { StatbankClient } from "../statbank/client.ts";
import type { TableInfo } from "../statbank/transport.ts";
import { isMunicipality, isRegion } from "./codes.ts";
import type { Municipality, MunicipalityList } from "../../src/lib/types.ts";

export type { Municipality, MunicipalityList };

/**
 * The list from FOLK1A's tableinfo. When the source lacks FOLK1A or its OMRÅDE variable (see
 * missingTable), every page still needs its municipality picker: the list then comes from the
 * geography folder's kommuner.csv (the same DST names and regions; GEO_DIR, default snapshot/geo),
 * and says so in `source` and `missing`.
 */
export async function municipalities(client: StatbankClient, geoDir = process.env.GEO_DIR || "snapshot/geo"): Promise<MunicipalityList> {
  let info: TableInfo;
  try {
    info = await client.tableInfo("FOLK1A");
  } catch (e) {
    const missing = missingTable(e);
    if (!missing) throw e;
    return fromGeography(geoDir, missing);
  }
  const omr = info.variables.find((v) => v.id.toUpperCase() === "OMRÅDE");
  if (!omr)
    return fromGeography(geoDir, [
      missingVariable(
        "FOLK1A",
        "OMRÅDE",
        info.variables.map((v) => v.id),
      ),
    ]);
  const regions: { code: string; name: string }[] = [];
  const list: Municipality[] = [];
  let region: { code: string; name: string } | null = null;
  for (const v of omr.values) {
    if (isRegion(v.id)) {
      region = { code: v.id, name: v.text };
      regions.push(region);
    } else if (isMunicipality(v.id)) {
      if (!region) throw new Error(`FOLK1A tableinfo: municipality ${v.id} comes before any region`);
      if (v.text === v.id) throw new Error(`FOLK1A tableinfo has no name for municipality ${v.id} (a mirror without tableinfo/FOLK1A.json?)`);
      list.push({ code: v.id, name: v.text, regionCode: region.code, regionName: region.name });
    }
  }
  if (list.length !== 98) throw new Error(`FOLK1A tableinfo lists ${list.length} municipalities, expected 98`);
  return {
    municipalities: list.sort((a, b) => a.name.localeCompare(b.name, "da")),
    regions: regions.sort((a, b) => a.code.localeCompare(b.code)),
    source: `Kilde: Danmarks Statistik, FOLK1A (tableinfo, ${client.source.kind === "mirror" ? "spejl" : "API"})`,
    fetchedAt: new Date().toISOString(),
  };
}

/** The 98 municipalities of the geography folder's kommuner.csv, when FOLK1A cannot give them. */
async function fromGeography(dir: string, missing: MissingPart[]): Promise<MunicipalityList> {
  const { CSV_FILE, parseKommunerCsv } = await import("../geo.ts");
  const file = join(dir, CSV_FILE);
  const rows = parseKommunerCsv(await readFile(file, "utf8"), file);
  const regions = new Map(rows.map((r) => [r.regionCode, r.regionName]));
  return {
    municipalities: rows
      .map((r) => ({ code: r.code, name: r.name, regionCode: r.regionCode, regionName: r.regionName }))
      .sort((a, b) => a.name.localeCompare(b.name, "da")),
    regions: [...regions].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
    source: `Kommunelisten fra ${CSV_FILE} (FOLK1A mangler i kilden: ${missing.map((m) => m.what).join("; ")})`,
    fetchedAt: new Date().toISOString(),
    missing,
  };
}
