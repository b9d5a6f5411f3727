/**
 * The pages' analyses, run at build time: every SQL file of src/sql that a page shows (the
 * analyses the SQL workbench also offers) is run once, unfiltered, in native DuckDB over the same
 * datasets the browser gets, and its result is cut per municipality
 * (src/data/by-area/analyses.zip.ts → /data/by-area/analyses/<analysis>/<area>.arrow). A page then
 * fetches the chosen municipality's rows of each result and filters them by year and age group,
 * so switching municipality, year or age group runs no SQL in the browser. It is the same SQL
 * text through the same filter wrapper (src/lib/analysis.ts) as DuckDB-wasm and the node tests
 * run; the SQL workbench still runs it in the browser on the whole datasets.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ANALYSES, type AnalysisName } from "../src/lib/analyses.ts";
import { AREA_ANALYSES } from "../src/lib/byArea.ts";
import type { ColumnSpec, ColumnType } from "./arrow.ts";
import { toArrowIPC } from "./arrow.ts";
import { openDuckDB, registerArrow } from "./duck.ts";
import { geographyDataset, neighboursDataset, readGeography } from "./geo.ts";
import type { Provenance } from "../src/lib/types.ts";
import type { DatasetMeta, MissingPart } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import type { StatbankClient } from "./statbank/client.ts";
import { compareGroups } from "./compareGroups.ts";
import { commuting, commutingDistance } from "./tables/commuting.ts";
import { flowPairs, migrationAges, migrationTotals } from "./tables/flows.ts";
import { movements } from "./tables/movements.ts";
import { populationAges, populationTotals } from "./tables/population.ts";

/** The analyses a page shows, computed at build time (every analysis the workbench offers). */
export const PAGE_ANALYSES = AREA_ANALYSES;

/** The builder of each dataset an analysis reads. */
const INPUTS: Record<string, (client: StatbankClient) => Promise<Dataset>> = {
  flow_pairs: flowPairs,
  migration_ages: migrationAges,
  migration_totals: migrationTotals,
  population: populationTotals,
  population_ages: populationAges,
  movements,
  commuting,
  commuting_distance: commutingDistance,
  geography: async () => geographyDataset(await readGeography()),
  neighbours: async () => neighboursDataset(await readGeography()),
  compare_groups: compareGroups,
};

/** The type of a result column, from its values (booleans, whole numbers, other numbers, text). */
function columnType(values: unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return "string";
  if (present.every((v) => typeof v === "boolean")) return "bool";
  if (present.every((v) => typeof v === "number")) return present.every((v) => Number.isInteger(v)) ? "int32" : "float64";
  return "string";
}

function worst(statuses: DatasetMeta["status"][]): DatasetMeta["status"] {
  return statuses.includes("missing") ? "missing" : statuses.includes("partial") ? "partial" : "ok";
}

/**
 * Every page analysis over the datasets built with `client`: one dataset per analysis whose
 * provenance is that of its inputs (their sources, what they miss, the worst status).
 */
export async function analysisResults(client: StatbankClient, names: readonly AnalysisName[] = PAGE_ANALYSES): Promise<Map<AnalysisName, Dataset>> {
  const needed = [...new Set(names.flatMap((n) => ANALYSES[n].datasets))];
  const inputs = new Map<string, Dataset>();
  for (const name of needed) {
    const build = INPUTS[name];
    if (!build) throw new Error(`analysis input ${name} has no builder in loaders/analysisResults.ts`);
    inputs.set(name, await build(client));
  }
  const conn = await openDuckDB();
  for (const [name, ds] of inputs) await registerArrow(conn, name, toArrowIPC(ds.columns, ds.meta));
  const out = new Map<AnalysisName, Dataset>();
  for (const name of names) {
    const sql = await readFile(join(process.cwd(), "src/sql", `${name}.sql`), "utf8");
    // the page's filter wrapper with no filter: the same text DuckDB-wasm runs, unfiltered
    const reader = await conn.runAndReadAll(`SELECT * FROM (${sql.trim().replace(/;\s*$/, "")}) AS analysis`);
    const columnNames = reader.columnNames();
    const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    const columns: Record<string, ColumnSpec> = {};
    for (const c of columnNames) {
      const values = rows.map((r) => (typeof r[c] === "bigint" ? Number(r[c]) : (r[c] ?? null))) as (string | number | boolean | null)[];
      const type = columnType(values);
      columns[c] = { type, values: type === "string" ? values.map((v) => (v === null ? null : String(v))) : values };
    }
    const metas = ANALYSES[name].datasets.map((d) => inputs.get(d)!.meta);
    const sources = dedupe(metas.flatMap((m) => m.sources));
    const missing = dedupeMissing(metas.flatMap((m) => m.missing));
    const meta: DatasetMeta = {
      dataset: name,
      title: ANALYSES[name].label,
      status: worst(metas.map((m) => m.status)),
      sources,
      missing,
      columns: {},
      rows: rows.length,
      builtAt: new Date().toISOString(),
      notes: [
        `Beregnet ved bygningen med src/sql/${name}.sql over ${ANALYSES[name].datasets.join(", ")} (samme SQL som SQL-arbejdsbordet kører).`,
        ...new Set(sources.flatMap((s) => s.adaptations ?? [])),
      ],
    };
    out.set(name, { columns, meta });
  }
  conn.closeSync();
  return out;
}

function dedupe(sources: Provenance[]): Provenance[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.table}|${s.selection}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeMissing(parts: MissingPart[]): MissingPart[] {
  const seen = new Set<string>();
  return parts.filter((m) => {
    const key = `${m.table}|${m.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
