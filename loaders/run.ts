/**
 * The body of every thin Framework loader in src/data (one runner per output kind: Arrow, JSON,
 * a file passed through): build a dataset with the client chosen by the environment, then write
 * it to stdout in one piece. Errors go to stderr with the message
 * that names the table, file, line or code, and the loader exits non-zero so Framework keeps
 * the last good output.
 */
import { toArrowIPC, writeStdout, type ColumnSpec } from "./arrow.ts";
import type { DatasetMeta } from "./provenance.ts";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CSV_FILE, DEFAULT_GEO_DIR, parseKommunerCsv } from "./geo.ts";
import { partitionColumns, WHOLE, type SliceContext } from "./partition.ts";
import { clientFromEnv, type StatbankClient } from "./statbank/client.ts";
import { zipArchive } from "./zip.ts";

export interface Dataset {
  columns: Record<string, ColumnSpec>;
  meta: DatasetMeta;
}

export type DatasetBuilder = (client: StatbankClient) => Promise<Dataset>;

export async function runArrowLoader(build: DatasetBuilder): Promise<void> {
  try {
    const { columns, meta } = await buildLogged(build);
    await writeStdout(toArrowIPC(columns, meta));
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
}

/**
 * The body of a loader of a dataset that pages fetch one municipality at a time
 * (src/data/by-area/<dataset>.zip.ts): a ZIP with the whole dataset as `all.arrow` (first, for the
 * SQL workbench and "Om data") and one `<area>.arrow` per value of `key`, with an empty slice for
 * each of the 98 municipalities that has no rows. One build, one fetch.
 */
export async function runPartitionedLoader(
  build: DatasetBuilder,
  key = "area",
  context?: (columns: Dataset["columns"]) => SliceContext | Promise<SliceContext>,
): Promise<void> {
  try {
    const { columns, meta } = await buildLogged(build);
    const codes = parseKommunerCsv(await readFile(join(process.env.GEO_DIR || DEFAULT_GEO_DIR, CSV_FILE), "utf8"), CSV_FILE).map((m) => m.code);
    const slices = partitionColumns(columns, meta, key, codes, await context?.(columns));
    const members = [
      { name: `${WHOLE}.arrow`, bytes: toArrowIPC(columns, meta) },
      ...slices.map((s) => ({ name: `${s.value}.arrow`, bytes: toArrowIPC(s.columns, s.meta) })),
    ];
    process.stderr.write(`${meta.dataset}: ${slices.length} slices by ${key}\n`);
    await writeStdout(zipArchive(members));
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
}

/**
 * The body of a loader that writes several datasets cut per municipality into one ZIP, as
 * `<name>/<area>.arrow` (src/data/by-area/analyses.zip.ts: the pages' analyses computed at build
 * time). Every municipality gets a file for every dataset, empty when it has no rows.
 */
export async function runAreaArchive(build: (client: StatbankClient) => Promise<Map<string, Dataset>>, key = "area"): Promise<void> {
  try {
    const started = performance.now();
    const datasets = await build(clientFromEnv());
    const codes = parseKommunerCsv(await readFile(join(process.env.GEO_DIR || DEFAULT_GEO_DIR, CSV_FILE), "utf8"), CSV_FILE).map((m) => m.code);
    const members: { name: string; bytes: Uint8Array }[] = [];
    for (const [name, { columns, meta }] of datasets) {
      const slices = partitionColumns(columns, meta, key, codes);
      for (const s of slices) members.push({ name: `${name}/${s.value}.arrow`, bytes: toArrowIPC(s.columns, s.meta) });
      process.stderr.write(`${name}: ${meta.rows} rows, ${meta.status}, ${slices.length} slices by ${key}\n`);
    }
    process.stderr.write(`${datasets.size} datasets in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await writeStdout(zipArchive(members));
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
}

async function buildLogged(build: DatasetBuilder): Promise<Dataset> {
  const started = performance.now();
  const client = clientFromEnv();
  const { columns, meta } = await build(client);
  const where = client.source.kind === "mirror" ? `mirror ${client.source.location}` : client.source.location;
  const tables = meta.sources.map((s) => `${s.table} ${s.rows} rows`).join(", ");
  const from = meta.sources.length ? ` from ${where} (${tables})` : "";
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`${meta.dataset}: ${meta.rows} rows, ${meta.status}, ${seconds} s${from}\n`);
  for (const m of meta.missing) process.stderr.write(`  data mangler: ${m.detail}\n`);
  for (const a of new Set(meta.sources.flatMap((s) => s.adaptations ?? []))) process.stderr.write(`  tilpasset: ${a}\n`);
  return { columns, meta };
}

/**
 * The body of a loader that writes JSON: `build` gets the client too (the municipality list reads
 * FOLK1A's tableinfo); loaders of the municipality's own files ignore it. `describe` gives the
 * line logged to stderr ("goals: 17 goals of Halsnæs Kommune …").
 */
export async function runJsonLoader<T>(build: (client: StatbankClient) => Promise<T>, describe?: (value: T) => string): Promise<void> {
  try {
    const value = await build(clientFromEnv());
    if (describe) process.stderr.write(`${describe(value)}\n`);
    await writeStdout(JSON.stringify(value));
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
}

/** The body of a loader that passes a file of the municipality's own through unchanged (the survey schema, its example). */
export async function runFileLoader(read: () => Promise<Uint8Array | string>): Promise<void> {
  try {
    await writeStdout(await read());
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
}
