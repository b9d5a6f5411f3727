/**
 * The body of every thin Framework loader in src/data (one runner per output kind: Arrow, JSON,
 * a file passed through): build a dataset with the client chosen by the environment, then write
 * it to stdout in one piece. Errors go to stderr with the message
 * that names the table, file, line or code, and the loader exits non-zero so Framework keeps
 * the last good output.
 */
import { toArrowIPC, writeStdout, type ColumnSpec } from "./arrow.ts";
import type { DatasetMeta } from "./provenance.ts";
import { clientFromEnv, type StatbankClient } from "./statbank/client.ts";

export interface Dataset {
  columns: Record<string, ColumnSpec>;
  meta: DatasetMeta;
}

export type DatasetBuilder = (client: StatbankClient) => Promise<Dataset>;

export async function runArrowLoader(build: DatasetBuilder): Promise<void> {
  try {
    const started = performance.now();
    const client = clientFromEnv();
    const { columns, meta } = await build(client);
    const bytes = toArrowIPC(columns, meta);
    const where = client.source.kind === "mirror" ? `mirror ${client.source.location}` : client.source.location;
    const tables = meta.sources.map((s) => `${s.table} ${s.rows} rows`).join(", ");
    const from = meta.sources.length ? ` from ${where} (${tables})` : "";
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${meta.dataset}: ${meta.rows} rows, ${meta.status}, ${seconds} s${from}\n`);
    for (const m of meta.missing) process.stderr.write(`  data mangler: ${m.detail}\n`);
    for (const a of new Set(meta.sources.flatMap((s) => s.adaptations ?? []))) process.stderr.write(`  tilpasset: ${a}\n`);
    await writeStdout(bytes);
  } catch (e) {
    process.stderr.write(`\n${(e as Error).message}\n`);
    process.exit(1);
  }
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
