/**
 * DuckDB-wasm, self-hosted (worker and wasm are copied from node_modules by loaders in
 * src/data/duckdb/) and started only when a page first asks for a query, so the first chart
 * never waits for it. Datasets are registered from the same Arrow bytes the charts use.
 */
import { FileAttachment } from "observablehq:stdlib";
import type { AsyncDuckDB, AsyncDuckDBConnection, AsyncPreparedStatement } from "@duckdb/duckdb-wasm";
import { filtered, type Filters } from "../lib/analysis.js";
import { isByArea, loadAreaDatasetFile, loadDatasetFile, type AreaDatasetName, type DatasetFile, type DatasetName } from "./data.js";

let started: Promise<{ db: AsyncDuckDB; conn: AsyncDuckDBConnection }> | null = null;
const registered = new Map<string, Promise<void>>();

/** Start DuckDB-wasm once; later calls share the same instance and connection. */
export function duckdb(): Promise<{ db: AsyncDuckDB; conn: AsyncDuckDBConnection }> {
  started ??= (async () => {
    const t0 = performance.now();
    const duck = await import("@duckdb/duckdb-wasm");
    const workerUrl = FileAttachment("../data/duckdb/duckdb-browser-eh.worker.js").href;
    const wasmUrl = FileAttachment("../data/duckdb/duckdb-eh.wasm").href;
    const worker = new Worker(new URL(workerUrl, location.href).href);
    const db = new duck.AsyncDuckDB(new duck.VoidLogger(), worker);
    await db.instantiate(new URL(wasmUrl, location.href).href);
    // sum() of integers is HUGEINT in DuckDB; hand JS plain numbers, as node's getRowObjectsJS does.
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const conn = await db.connect();
    (globalThis as { __duckdbStartMs?: number }).__duckdbStartMs = performance.now() - t0;
    return { db, conn };
  })();
  return started;
}

/**
 * Register a dataset as a table of the same name (once). A dataset without rows (a table the
 * source lacks) becomes an empty table of the same columns: DuckDB-wasm cannot read a zero-row
 * stream with dictionary columns, and a failed insert would break the inserts after it.
 *
 * With `area`, a dataset that is cut per municipality (BY_AREA) gets only that municipality's
 * rows, appended to the table's earlier slices: an analysis filtered to the area reads the same
 * rows as over the whole dataset, and a page for one municipality downloads only its slice. Asking
 * for the whole dataset after slices replaces them with it; slices after the whole are no-ops.
 */
export function registerDataset(name: DatasetName, area?: string): Promise<void> {
  const sliced = area !== undefined && isByArea(name);
  const key = sliced ? `${name}/${area}` : name;
  if (registered.has(name)) return registered.get(name)!;
  if (!registered.has(key)) {
    const previous = chains.get(name) ?? Promise.resolve();
    const work = previous.then(async () => {
      const { conn } = await duckdb();
      if (!sliced) {
        // the whole dataset replaces any slices registered before
        if (slicesOf.get(name)?.size) {
          for (const [text, stmt] of prepared)
            if (text.includes(name)) {
              prepared.delete(text);
              await (await stmt).close();
            }
          await conn.query(`DROP TABLE IF EXISTS "${name}"`);
        }
        slicesOf.delete(name);
        for (const k of [...registered.keys()]) if (k.startsWith(`${name}/`)) registered.delete(k);
        await insert(conn, name, await loadDatasetFile(name), true);
        return;
      }
      const file = await loadAreaDatasetFile(name as AreaDatasetName, area);
      // a slice that could not be fetched is an error here, not an empty table of no columns
      if (file.failed) throw new Error(`${name}: ${file.failed}`);
      const done = slicesOf.get(name) ?? new Set<string>();
      await insert(conn, name, file, done.size === 0);
      done.add(area);
      slicesOf.set(name, done);
    });
    const settled = work.catch(() => undefined);
    chains.set(name, settled);
    // a failed registration is forgotten, so that asking again tries again
    work.catch(() => registered.get(key) === work && registered.delete(key));
    registered.set(key, work);
  }
  return registered.get(key)!;
}

/** The slices of each by-area dataset already in its table. */
const slicesOf = new Map<string, Set<string>>();
/** Registrations of one dataset run one after another (the first slice creates the table). */
const chains = new Map<string, Promise<unknown>>();

async function insert(conn: AsyncDuckDBConnection, name: string, file: DatasetFile, create: boolean): Promise<void> {
  if (file.table.numRows === 0) {
    // (arrowTypes is loaded only for such an empty dataset)
    if (create) await conn.query((await import("./arrowTypes.js")).createTableSql(name, file.table.schema));
    return;
  }
  // A copy: DuckDB-wasm transfers the buffer to its worker, which detaches it, and the
  // dataset's Arrow table (rows for the charts) still reads from the original.
  await conn.insertArrowFromIPCStream(file.bytes.slice(), { name, create });
}

/**
 * End the DuckDB worker and forget what was registered in it, for a query that DuckDB cannot
 * interrupt (the SQL workbench's "Stop", when a cancel is not answered): the next call to
 * duckdb() starts a fresh instance, and datasets are registered again when asked for. Call it
 * from inside exclusive(), so that nothing queued runs on the old connection.
 */
export function restartDuckdb(): void {
  const old = started;
  started = null;
  registered.clear();
  lastTables.clear();
  slicesOf.clear();
  chains.clear();
  prepared.clear();
  void old?.then(({ db }) => db.terminate()).catch(() => undefined);
}

/** Whether registerDataset has been asked for `name` (it may still be on its way). */
export function isRegistered(name: DatasetName): boolean {
  return registered.has(name);
}

/** Run `work` alone on the shared connection, after every query already queued (the SQL workbench's own statements). */
export function exclusive<T>(work: (conn: AsyncDuckDBConnection, db: AsyncDuckDB) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const { db, conn } = await duckdb();
    return work(conn, db);
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Register rows held in the browser (an uploaded survey) as table `name`, replacing an earlier
 * one. The rows never leave the page: they go to the DuckDB-wasm worker as Arrow. New rows for a
 * table of the same columns and types (other weights, another file of the same survey) replace
 * its rows in place, so the statements prepared over it stay valid and are not prepared again.
 */
export async function registerTable(
  name: string,
  columns: Record<string, { type: "string" | "int16" | "float64"; values: ReadonlyArray<string | number | null> }>,
): Promise<void> {
  // The same columns as last time (the survey's answers when only the municipality changed): the
  // table is already there, and its prepared statements stay valid.
  const last = lastTables.get(name);
  if (last && sameColumns(last, columns)) return;
  const sameShape = last !== undefined && sameTypes(last, columns);
  lastTables.set(name, columns);
  // Encoded with flechette (15 KiB gzip; apache-arrow 21 would be another 59 KiB beside the
  // apache-arrow 17 that DuckDB-wasm brings for its results).
  const [{ conn }, fl] = await Promise.all([duckdb(), import("@uwdata/flechette")]);
  const type = { string: fl.utf8(), int16: fl.int16(), float64: fl.float64() };
  const table = fl.tableFromArrays(Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.values as unknown[]])), {
    types: Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, type[c.type]])),
  });
  const bytes = fl.tableToIPC(table, { format: "stream" })!;
  const run = queue.then(async () => {
    if (sameShape) {
      await conn.query(`DELETE FROM "${name}"`);
      await conn.insertArrowFromIPCStream(bytes, { name, create: false });
      return;
    }
    for (const [text, stmt] of prepared)
      if (text.includes(name)) {
        prepared.delete(text);
        await (await stmt).close();
      }
    await conn.query(`DROP TABLE IF EXISTS "${name}"`);
    await conn.insertArrowFromIPCStream(bytes, { name, create: true });
  });
  queue = run.catch(() => undefined);
  await run.catch((e) => {
    lastTables.delete(name);
    throw e;
  });
}

type Columns = Record<string, { type: "string" | "int16" | "float64"; values: ReadonlyArray<string | number | null> }>;
const lastTables = new Map<string, Columns>();

/** The same column names, in the same order, with the same types. */
function sameTypes(a: Columns, b: Columns): boolean {
  const keys = Object.keys(a);
  const other = Object.keys(b);
  return keys.length === other.length && keys.every((k, i) => other[i] === k && a[k].type === b[k].type);
}

function sameColumns(a: Columns, b: Columns): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (!y || x.type !== y.type || x.values.length !== y.values.length) return false;
    for (let i = 0; i < x.values.length; i++) if (!Object.is(x.values[i], y.values[i])) return false;
  }
  return true;
}

/**
 * Run one analysis from src/sql over the datasets it names, keeping the rows that match `filters`
 * (an area code, or e.g. {area: "260", year: 2024, age_group: "i alt"}). The node tests run the
 * very same SQL text through the same wrapper (src/lib/analysis.ts).
 */
export async function runAnalysis<T>(sql: string, datasets: readonly DatasetName[], filters: Filters | string): Promise<T[]> {
  // filtered to one municipality: a dataset cut per municipality needs only its slice
  const area = typeof filters === "string" ? filters : typeof filters.area === "string" ? filters.area : undefined;
  await Promise.all(datasets.map((name) => registerDataset(name, area)));
  // One connection runs one query at a time anyway; queueing here keeps each measure to its own run.
  const run = queue.then(async () => execute<T>((await duckdb()).conn, sql, filters));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function execute<T>(conn: AsyncDuckDBConnection, sql: string, filters: Filters | string): Promise<T[]> {
  const { text, params } = filtered(sql, filters);
  const started = performance.now();
  // Prepared once per query text: later control changes only bind new parameters.
  if (!prepared.has(text)) prepared.set(text, conn.prepare(text));
  const stmt = await prepared.get(text)!;
  {
    const result = await stmt.query(...params);
    // Timings for `npm run bench` (and the browser's performance panel): one measure per query.
    performance.measure("analysis", { start: started, end: performance.now(), detail: { sql: sql.trim().split("\n")[0], filters } });
    return result.toArray().map((row) => {
      const o = row.toJSON() as Record<string, unknown>;
      for (const k of Object.keys(o)) if (typeof o[k] === "bigint") o[k] = Number(o[k]);
      return o as T;
    });
  }
}

const prepared = new Map<string, Promise<AsyncPreparedStatement>>();
