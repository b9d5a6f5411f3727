/**
 * Population from FOLK1A (1st day of the quarter; we keep the first quarter = 1 January) and
 * FOLK1AM (1st day of the month, for the newest count).
 *
 * Datasets:
 *   population        area × year: total population 1 January (KØN=TOT, ALDER=IALT, CIVILSTAND=TOT)
 *   population_ages   area × sex × age × year: single ages by sex, 1 January
 *   population_monthly area × month: total population on the 1st of the month (newest 13 months)
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { periodYear } from "../statbank/period.ts";

export async function populationTotals(client: StatbankClient): Promise<Dataset> {
  const { extract, provenance } = await client.fetch({
    table: "FOLK1A",
    variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], CIVILSTAND: ["TOT"], Tid: ["*K1"] },
  }, { allowGaps: true });
  const rows = extract.rows
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
      sources: [provenance],
      rows: rows.length,
      columns: {
        area: "Område (kommune 101–860, region 081–085, hele landet 000)",
        year: "År (1. januar = 1. kvartal)",
        population: "Folketal, personer",
      },
    }),
  };
}

export async function populationAges(client: StatbankClient): Promise<Dataset> {
  const { extract, provenance } = await client.fetch({
    table: "FOLK1A",
    variables: { OMRÅDE: ["*"], KØN: ["1", "2"], ALDER: ["*"], CIVILSTAND: ["TOT"], Tid: ["*K1"] },
  }, { allowGaps: true });
  // ALDER=* includes the total IALT, which is not kept: its absence for KØN 1/2 is no gap.
  provenance.gaps = provenance.gaps
    .map((g) => (g.variable === "ALDER" ? { ...g, codes: g.codes.filter((c) => c !== "IALT") } : g))
    .filter((g) => g.reason === "table-not-in-mirror" || g.codes.length > 0);
  const rows = extract.rows
    .filter((r) => r.codes.ALDER !== "IALT" && r.value !== null)
    .map((r) => ({
      area: r.codes.OMRÅDE,
      sex: r.codes.KØN === "1" ? "M" : "K",
      age: Number(r.codes.ALDER),
      year: periodYear(r.codes.TID),
      population: r.value!,
    }))
    .sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year || a.sex.localeCompare(b.sex) || a.age - b.age);
  const bad = rows.find((r) => !Number.isInteger(r.age));
  if (bad) throw new Error(`FOLK1A: ALDER code ${JSON.stringify(bad.age)} is not a single age`);
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      sex: { type: "string", values: rows.map((r) => r.sex) },
      age: { type: "int16", values: rows.map((r) => r.age) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      population: { type: "int32", values: rows.map((r) => r.population) },
    },
    meta: datasetMeta({
      dataset: "population_ages",
      title: "Folketal 1. januar efter køn og alder",
      sources: [provenance],
      rows: rows.length,
      missing: missingAges(rows),
      columns: {
        area: "Område (kommune, region, hele landet)",
        sex: "Køn (M = mænd, K = kvinder)",
        age: "Alder, år",
        year: "År (1. januar)",
        population: "Folketal, personer",
      },
    }),
  };
}

/** Single ages absent inside the 0…max range of the rows (a request for ALDER=* cannot name them). */
function missingAges(rows: { age: number }[]): MissingPart[] {
  if (rows.length === 0) return [];
  const ages = new Set(rows.map((r) => r.age));
  const absent: number[] = [];
  for (let a = 0; a <= Math.max(...ages); a++) if (!ages.has(a)) absent.push(a);
  if (absent.length === 0) return [];
  return [{ table: "FOLK1A", what: `alder ${absent.join(", ")} år`, detail: `FOLK1A has no rows for ALDER=${absent.join(",")}`, variable: "ALDER", codes: absent.map(String) }];
}

export async function populationMonthly(client: StatbankClient): Promise<Dataset> {
  const { extract, provenance } = await client.fetch({
    table: "FOLK1AM",
    variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDER: ["IALT"], Tid: ["(-n+13)"] },
  });
  const rows = extract.rows
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
      sources: [provenance],
      rows: rows.length,
      columns: { area: "Område", month: "Måned (fx 2026M01 = 1. januar 2026)", population: "Folketal, personer" },
    }),
  };
}
