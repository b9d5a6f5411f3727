/**
 * Population 1 January in seven age groups (0–5, 6–16, 17–19, 20–34, 35–64, 65–79, 80+), by sex
 * where the source has it: the margins a survey is weighted to, and the groups DST's projection
 * (FRKM) uses.
 *
 * Sums are made here from FOLK1A single ages (KØN 1 and 2; TOT = their sum) for every area-year
 * whose ages are complete. Where FOLK1A has no single ages (a partial mirror), a mirror may hold
 * `FOLK1A_agegroups.csv`: a third party's sums of the same FOLK1A cells, both sexes only. It is
 * used for what FOLK1A lacks and marked as such in every row (`source`) and in the provenance;
 * the live API has no such table and is never asked for it.
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { Provenance, StatbankClient } from "../statbank/client.ts";
import { periodYear } from "../statbank/period.ts";
import { isMunicipality } from "./codes.ts";
import { fetchOrMissing } from "./fetchTable.ts";
import type { AgeGroupRow } from "../../src/lib/datasets.ts";

export const AGE_BANDS = [
  { id: "0-5", from: 0, to: 5 },
  { id: "6-16", from: 6, to: 16 },
  { id: "17-19", from: 17, to: 19 },
  { id: "20-34", from: 20, to: 34 },
  { id: "35-64", from: 35, to: 64 },
  { id: "65-79", from: 65, to: 79 },
  { id: "80-", from: 80, to: 125 },
] as const;

/** The third-party file in the mirror; not a StatBank table id. */
export const THIRD_PARTY_TABLE = "FOLK1A_agegroups";

export function ageBand(age: number): string {
  return AGE_BANDS.find((b) => age >= b.from && age <= b.to)!.id;
}

type Row = AgeGroupRow;

export async function populationAgeGroups(client: StatbankClient): Promise<Dataset> {
  const sources: Provenance[] = [];
  const missing: MissingPart[] = [];
  const rows: Row[] = [];
  const covered = new Set<string>(); // area|year|age_group with a FOLK1A total

  const result = await fetchOrMissing(
    client,
    { table: "FOLK1A", variables: { OMRÅDE: ["*"], KØN: ["1", "2"], ALDER: ["*"], CIVILSTAND: ["TOT"], Tid: ["*K1"] } },
    { allowGaps: true },
  );
  if ("missing" in result) missing.push(...result.missing);
  else {
    result.provenance.gaps = []; // FOLK1A's gaps are reported by population_ages; here only the coverage below matters
    sources.push(result.provenance);
  }
  const sums = new Map<string, { pop: number; ages: Set<number> }>();
  for (const r of "missing" in result ? [] : result.extract.rows) {
    if (r.codes.ALDER === "IALT" || r.value === null) continue;
    const age = Number(r.codes.ALDER);
    const sex = r.codes.KØN === "1" ? "M" : "K";
    const year = periodYear(r.codes.TID);
    const band = ageBand(age);
    for (const s of [sex, "TOT"]) {
      const key = `${r.codes.OMRÅDE}|${s}|${band}|${year}`;
      const cell = sums.get(key) ?? { pop: 0, ages: new Set() };
      cell.pop += r.value;
      cell.ages.add(age);
      sums.set(key, cell);
    }
  }
  for (const [key, cell] of sums) {
    const [area, sex, age_group, year] = key.split("|");
    const band = AGE_BANDS.find((b) => b.id === age_group)!;
    const needed = Math.min(band.to, 99) - band.from + 1; // ages above 99 are few and often absent
    const present = [...cell.ages].filter((a) => a <= 99).length;
    if (present < needed) continue; // an incomplete group would understate the margin
    rows.push({ area, sex, age_group, year: Number(year), population: cell.pop, source: "FOLK1A" });
    if (sex === "TOT") covered.add(`${area}|${year}|${age_group}`);
  }

  // The third party's file is optional: a mirror without it (or lacking what is asked) adds nothing.
  if (client.source.kind === "mirror") {
    const third = await fetchOrMissing(client, {
      table: THIRD_PARTY_TABLE,
      variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDERGRP: ["*"], CIVILSTAND: ["TOT"], Tid: ["*"] },
    });
    if (!("missing" in third)) {
      sources.push({ ...third.provenance, title: "FOLK1A summeret i syv aldersgrupper af tredjepart (ikke en Statistikbank-tabel)" });
      for (const r of third.extract.rows) {
        const year = periodYear(r.codes.TID);
        if (r.codes.ALDERGRP === "IALT" || r.value === null || covered.has(`${r.codes.OMRÅDE}|${year}|${r.codes.ALDERGRP}`)) continue;
        rows.push({ area: r.codes.OMRÅDE, sex: "TOT", age_group: r.codes.ALDERGRP, year, population: r.value, source: THIRD_PARTY_TABLE });
      }
    }
  }

  rows.sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year || a.sex.localeCompare(b.sex) || a.age_group.localeCompare(b.age_group));
  const bySex = new Set(rows.filter((r) => r.sex !== "TOT" && isMunicipality(r.area)).map((r) => r.area));
  if (rows.length > 0 && bySex.size < 98) {
    missing.push({
      table: "FOLK1A",
      what: `aldersgrupper efter køn for ${98 - bySex.size} af 98 kommuner`,
      detail: `FOLK1A single ages by sex (needed for sex margins) present for ${bySex.size} municipalities`,
    });
  }
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      sex: { type: "string", values: rows.map((r) => r.sex) },
      age_group: { type: "string", values: rows.map((r) => r.age_group) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      population: { type: "int32", values: rows.map((r) => r.population) },
      source: { type: "string", values: rows.map((r) => r.source) },
    },
    meta: datasetMeta({
      dataset: "population_agegroups",
      title: "Folketal 1. januar i aldersgrupper (og køn, hvor kilden har det)",
      sources,
      rows: rows.length,
      missing,
      columns: {
        area: "Område",
        sex: "Køn: M, K eller TOT (begge)",
        age_group: `Aldersgruppe: ${AGE_BANDS.map((b) => b.id).join(", ")} (80- = 80 år og derover)`,
        year: "År (1. januar)",
        population: "Folketal, personer",
        source: `FOLK1A (summeret her fra enkeltår) eller ${THIRD_PARTY_TABLE} (en tredjeparts summer af FOLK1A, kun begge køn)`,
      },
      notes: [
        "Aldersgrupper summeres af enkeltårsalder fra FOLK1A; en gruppe bruges kun, når alle dens aldre 0–99 findes.",
        `Hvor FOLK1A mangler, bruges ${THIRD_PARTY_TABLE} fra spejlet: en tredjeparts summer af de samme FOLK1A-celler (ikke en tabel i Statistikbanken).`,
      ],
    }),
  };
}
