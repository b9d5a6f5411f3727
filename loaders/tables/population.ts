/**
 * Population from FOLK1A (1st day of the quarter; we keep the first quarter = 1 January) and
 * FOLK1AM (1st day of the month, for the newest count).
 *
 * Datasets:
 *   population        area × year: total population 1 January (KØN=TOT, ALDER=IALT, CIVILSTAND=TOT)
 *   population_ages   area × sex × age × year: single ages by sex, 1 January; from FOLK1A, and from
 *                     BY2 (population 1 January by municipality, sex and single age) for an area
 *                     and year where FOLK1A lacks single ages and BY2 has them all; each row
 *                     says which table it comes from (column `table`)
 *   population_monthly area × month: total population on the 1st of the month (newest 13 months)
 */
import { datasetMeta, describeCodes, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { Provenance, StatbankClient } from "../statbank/client.ts";
import { abbreviate } from "../statbank/errors.ts";
import { periodYear } from "../statbank/period.ts";
import { compareCodes, yearRuns } from "./codes.ts";
import { fetchOrMissing } from "./fetchTable.ts";

const totalsColumns = {
  area: "Område (kommune 101–860, region 081–085, hele landet 000)",
  year: "År (1. januar = 1. kvartal)",
  population: "Folketal, personer",
};

export async function populationTotals(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(
    client,
    {
      table: "FOLK1A",
      variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["*K1"] },
    },
    { allowGaps: true },
  );
  const rows =
    "missing" in result
      ? []
      : result.extract.rows
          .filter((r) => r.value !== null)
          .map((r) => ({ area: r.codes.OMRÅDE, year: periodYear(r.codes.TID), population: r.value! }))
          .sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year);
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      population: { type: "int32", values: rows.map((r) => r.population) },
    },
    meta: datasetMeta({
      dataset: "population",
      title: "Folketal 1. januar",
      sources: "missing" in result ? [] : [result.provenance],
      rows: rows.length,
      missing: "missing" in result ? result.missing : [],
      columns: totalsColumns,
    }),
  };
}

type AgeRow = { area: string; sex: string; age: number; year: number; population: number; table: string };

export async function populationAges(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(
    client,
    {
      table: "FOLK1A",
      variables: { OMRÅDE: ["*"], KØN: ["1", "2"], ALDER: ["*"], CIVILSTAND: ["TOT"], Tid: ["*K1"] },
    },
    { allowGaps: true },
  );
  if ("missing" in result) return agesDataset([], [], result.missing);
  const { extract, provenance } = result;
  // ALDER=* includes the total IALT, which is not kept: its absence for KØN 1/2 is no gap.
  provenance.gaps = provenance.gaps
    .map((g) => (g.variable === "ALDER" ? { ...g, codes: g.codes.filter((c) => c !== "IALT") } : g))
    .filter((g) => g.reason === "table-not-in-mirror" || g.codes.length > 0);
  // Every area and year the answer holds a row for (IALT rows included): the grid whose single
  // ages are checked below. Codes with no row at all are the transport's gaps above.
  const areas = new Set<string>();
  const years = new Set<number>();
  for (const r of extract.rows) {
    areas.add(r.codes.OMRÅDE);
    years.add(periodYear(r.codes.TID));
  }
  const folk = extract.rows
    .filter((r) => r.codes.ALDER !== "IALT" && r.value !== null)
    .map(
      (r): AgeRow => ({
        area: r.codes.OMRÅDE,
        sex: r.codes.KØN === "1" ? "M" : "K",
        age: Number(r.codes.ALDER),
        year: periodYear(r.codes.TID),
        population: r.value!,
        table: "FOLK1A",
      }),
    );
  const bad = folk.find((r) => !Number.isInteger(r.age));
  if (bad) throw new Error(`FOLK1A: ALDER code ${JSON.stringify(bad.age)} is not a single age`);

  // BY2 fills the area-years where FOLK1A's single ages are incomplete. Its variable ids come from
  // its tableinfo (KOMK, KØN, ALDER, Tid; the town size BYST is eliminated by a CSV request); a BY2
  // the source lacks leaves FOLK1A as it is.
  const by2 = await fetchOrMissing(
    client,
    { table: "BY2", format: "CSV", variables: { KOMK: ["*"], KØN: ["1", "2"], ALDER: ["*"], Tid: ["*"] } },
    { allowGaps: true },
  );
  const by2Rows: AgeRow[] =
    "missing" in by2
      ? []
      : by2.extract.rows
          .filter((r) => r.value !== null && /^\d+$/.test(r.codes.ALDER))
          .map((r) => ({
            area: r.codes.KOMK,
            sex: r.codes.KØN === "1" ? "M" : "K",
            age: Number(r.codes.ALDER),
            year: periodYear(r.codes.TID),
            population: r.value!,
            table: "BY2",
          }));
  for (const r of by2Rows) years.add(r.year);
  const rows = preferComplete(folk, by2Rows);
  rows.sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year || a.sex.localeCompare(b.sex) || a.age - b.age);
  const sources = "missing" in by2 || !rows.some((r) => r.table === "BY2") ? [provenance] : [provenance, by2.provenance];
  return agesDataset(rows, sources, missingAges(rows, [...areas], [...years]));
}

/**
 * Per area and year, the rows of the first table whose single ages are complete (every age from 0
 * to the highest age any row has, for both sexes); where none is, those of the table with most.
 */
export function preferComplete(...tables: AgeRow[][]): AgeRow[] {
  const maxAge = tables.flat().reduce((m, r) => Math.max(m, r.age), 0);
  const byKey = tables.map((rows) => {
    const m = new Map<string, AgeRow[]>();
    for (const r of rows) {
      const k = `${r.area}|${r.year}`;
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  });
  const complete = (list: AgeRow[] | undefined) => {
    if (!list) return false;
    const have = new Set(list.map((r) => `${r.sex}|${r.age}`));
    for (let a = 0; a <= maxAge; a++) if (!have.has(`M|${a}`) || !have.has(`K|${a}`)) return false;
    return true;
  };
  const keys = new Set(byKey.flatMap((m) => [...m.keys()]));
  const out: AgeRow[] = [];
  for (const k of keys) {
    const lists = byKey.map((m) => m.get(k));
    const chosen = lists.find(complete) ?? lists.reduce((best, l) => ((l?.length ?? 0) > (best?.length ?? 0) ? l : best), undefined as AgeRow[] | undefined);
    if (chosen) out.push(...chosen);
  }
  return out;
}

function agesDataset(rows: AgeRow[], sources: Provenance[], missing: MissingPart[]): Dataset {
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      sex: { type: "string", values: rows.map((r) => r.sex) },
      age: { type: "int16", values: rows.map((r) => r.age) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      population: { type: "int32", values: rows.map((r) => r.population) },
      table: { type: "string", values: rows.map((r) => r.table) },
    },
    meta: datasetMeta({
      dataset: "population_ages",
      title: "Folketal 1. januar efter køn og alder",
      sources,
      rows: rows.length,
      missing,
      columns: {
        area: "Område (kommune, region, hele landet)",
        sex: "Køn (M = mænd, K = kvinder)",
        age: "Alder, år",
        year: "År (1. januar)",
        population: "Folketal, personer",
        table: "Statistikbankens tabel, tallet kommer fra (FOLK1A; BY2 hvor FOLK1A mangler enkeltår)",
      },
    }),
  };
}

/**
 * Single ages absent per area and year. The mirror holds single ages for some areas in some years
 * only (and may lack an age there), so completeness is checked for every area × year of the
 * answer: an age counts as absent when either sex lacks it inside 0…the highest age in the rows.
 * Area-years that lack the same ages are described together: one part per set of absent ages and
 * set of years, naming the areas. An area-year without any single age is a part about OMRÅDE
 * (the areas), one with some ages absent a part about ALDER (the ages).
 */
export function missingAges(rows: { area: string; sex: string; age: number; year: number }[], areas: string[], years: number[]): MissingPart[] {
  if (rows.length === 0) return [];
  const maxAge = rows.reduce((m, r) => Math.max(m, r.age), 0);
  const present = new Map<string, Set<string>>(); // area|year -> sex|age
  for (const r of rows) {
    const key = `${r.area}|${r.year}`;
    const set = present.get(key) ?? new Set<string>();
    set.add(`${r.sex}|${r.age}`);
    present.set(key, set);
  }
  // absent ages (as a key) -> area -> years
  const groups = new Map<string, Map<string, number[]>>();
  for (const area of areas) {
    for (const year of years) {
      const have = present.get(`${area}|${year}`);
      const absent: number[] = [];
      for (let a = 0; a <= maxAge; a++) if (!have?.has(`M|${a}`) || !have?.has(`K|${a}`)) absent.push(a);
      if (absent.length === 0) continue;
      const key = have ? absent.join(",") : "";
      const byArea = groups.get(key) ?? new Map<string, number[]>();
      byArea.set(area, [...(byArea.get(area) ?? []), year]);
      groups.set(key, byArea);
    }
  }
  const parts: MissingPart[] = [];
  for (const [key, byArea] of groups) {
    const ages = key === "" ? [] : key.split(",").map(Number);
    // areas that lack these ages in the same years share one part
    const byYears = new Map<string, string[]>();
    for (const [area, ys] of byArea) {
      const y = yearRuns(ys);
      byYears.set(y, [...(byYears.get(y) ?? []), area]);
    }
    for (const [yearText, areaCodes] of byYears) {
      areaCodes.sort(compareCodes);
      const where = `${describeCodes("OMRÅDE", areaCodes)}, 1. januar ${yearText}`;
      parts.push(
        ages.length === 0
          ? {
              table: "FOLK1A",
              what: `enkeltår og køn for ${where}`,
              detail: `FOLK1A has no single ages by sex for OMRÅDE=${abbreviate(areaCodes)} in ${yearText}`,
              variable: "OMRÅDE",
              codes: areaCodes,
            }
          : {
              table: "FOLK1A",
              what: `alder ${yearRuns(ages)} år for ${where}`,
              detail: `FOLK1A has no rows for ALDER=${yearRuns(ages)} for one or both sexes, OMRÅDE=${abbreviate(areaCodes)} in ${yearText}`,
              variable: "ALDER",
              codes: ages.map(String),
              areas: areaCodes,
            },
      );
    }
  }
  return parts;
}

export async function populationMonthly(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, {
    table: "FOLK1AM",
    variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(-n+13)"] },
  });
  const rows = ("missing" in result ? [] : result.extract.rows)
    .filter((r) => r.value !== null)
    .map((r) => ({ area: r.codes.OMRÅDE, month: r.codes.TID, population: r.value! }))
    .sort((a, b) => a.area.localeCompare(b.area) || a.month.localeCompare(b.month));
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      month: { type: "string", values: rows.map((r) => r.month) },
      population: { type: "int32", values: rows.map((r) => r.population) },
    },
    meta: datasetMeta({
      dataset: "population_monthly",
      title: "Folketal den 1. i måneden (nyeste 13 måneder)",
      sources: "missing" in result ? [] : [result.provenance],
      rows: rows.length,
      missing: "missing" in result ? result.missing : [],
      columns: { area: "Område", month: "Måned (fx 2026M01 = 1. januar 2026)", population: "Folketal, personer" },
    }),
  };
}
