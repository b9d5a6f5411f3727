/**
 * The 98 municipalities with their names and regions, from FOLK1A's tableinfo (OMRÅDE). In the
 * tableinfo each region comes right before its municipalities ("084 Region Hovedstaden", "101
 * København", …), which gives the grouping. Christiansø (411) is in the table but is not a
 * municipality and is left out.
 */
import type { StatbankClient } from "../statbank/client.ts";
import { isMunicipality, isRegion } from "./codes.ts";

export interface Municipality {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
}

export interface MunicipalityList {
  municipalities: Municipality[];
  regions: { code: string; name: string }[];
  source: string;
  fetchedAt: string;
}

export async function municipalities(client: StatbankClient): Promise<MunicipalityList> {
  const info = await client.tableInfo("FOLK1A");
  const omr = info.variables.find((v) => v.id.toUpperCase() === "OMRÅDE");
  if (!omr) throw new Error("FOLK1A tableinfo has no OMRÅDE variable");
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
