/**
 * DuckDB-wasm for the SQL workbench: the site's datasets registered as tables when a query reads
 * them, files opened from disk read in the browser only, and the analyst's SQL run one statement
 * at a time on the shared connection (src/components/db.ts).
 *
 * The database is closed off before the first query: no extension is installed or loaded (that
 * would fetch from extensions.duckdb.org), nothing but the files under /lokal/ (the ones the
 * analyst opened) can be read, no URL can be fetched, and the settings are locked.
 *
 * Every statement is sent with `send()`, which DuckDB-wasm runs in slices of about 0.1 s in its
 * worker, so a cancel gets between two slices: "Stop" ends even an endless query at once. The last
 * statement's rows are streamed and read up to a display cap; the CSV download runs it again for
 * all of them. A query DuckDB cannot interrupt (one long call inside a single function) ends
 * with the worker: it is terminated and DuckDB started afresh, the analyst's files read again.
 *
 * A little over 400 lines: the workbench's one connection, its locking down, its tables and its
 * statement runner share state and are kept together.
 */
// apache-arrow only as a type here: it is loaded when a user opens an Arrow file of their own.
import type { Table } from "apache-arrow";
import type { AsyncDuckDB, AsyncDuckDBConnection } from "@duckdb/duckdb-wasm";
import { createTableSql, quoteIdent } from "../arrowTypes.js";
import { DATASET_NAMES, type DatasetName } from "../data.js";
import { duckdb, exclusive, registerDataset, restartDuckdb } from "../db.js";
import { plainErrorMessage } from "./errors.js";
import type { ResultColumn, Row } from "./infer.js";
import { batchRows, CSV_LIMIT, DISPLAY_LIMIT, type ArrowBatch, type ArrowSchema } from "./resultRows.js";
import { bindKommune, fileKind, isolateStatement, isReadOnly, readsCatalog, referencedTables, splitStatements } from "./sqlText.js";

const LOCAL_DIR = "/lokal/";
/** How long a cancel may go unanswered before DuckDB counts as stuck and is restarted. */
const STOP_GRACE_MS = 1000;

let sandbox: Promise<void> | null = null;
let ready = false;
let startMs: number | null = null;

/** The analyst's own files, kept so that they can be read again into a restarted DuckDB. */
const localFiles = new Map<string, { fileName: string; blob: Blob }>();

/** Close the database off (see above) and read the analyst's files into it (after a restart). */
async function configure(conn: AsyncDuckDBConnection, db: AsyncDuckDB): Promise<void> {
  for (const statement of [
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    `SET allowed_directories = ['${LOCAL_DIR}']`,
    "SET enable_external_access = false",
    "SET lock_configuration = true",
  ])
    await conn.query(statement);
  for (const [name, file] of localFiles) {
    try {
      await loadFile(conn, db, name, file.fileName, new Uint8Array(await file.blob.arrayBuffer()));
    } catch {
      localFiles.delete(name); // it was read once; if it no longer reads, the query says the table is missing
    }
  }
}

/** Start DuckDB-wasm (once) and close it off. */
export function startEngine(): Promise<void> {
  sandbox ??= exclusive(async (conn, db) => {
    const t0 = performance.now();
    await configure(conn, db);
    startMs = (globalThis as { __duckdbStartMs?: number }).__duckdbStartMs ?? performance.now() - t0;
    ready = true;
  });
  return sandbox;
}

export function engineState(): { started: boolean; startMs: number | null } {
  return { started: sandbox !== null, startMs };
}

/** Register a dataset when the list entry is opened, if DuckDB already runs (never starts it). */
export function prefetchDataset(name: DatasetName): void {
  if (sandbox) void sandbox.then(() => registerDataset(name)).catch(() => undefined);
}

export interface QueryResult {
  columns: ResultColumn[];
  /** The rows read: all of them, or the first `limit` when `truncated`. */
  rows: Row[];
  /** Whether the last statement gave more rows than were read. */
  truncated: boolean;
  /** Whether the last statement only reads, so that it can be run again for every row (CSV). */
  rerunnable: boolean;
  /** Milliseconds the statements took in DuckDB (tables loaded on the way included). */
  ms: number;
  /** The datasets the query read (for the source line). */
  datasets: DatasetName[];
  statements: number;
  usedKommune: boolean;
  /** The text sent to DuckDB (`:kommune` replaced), for error positions. */
  text: string;
  /** The last statement's place in `text`: the one whose rows are shown. */
  last: { start: number; end: number };
}

/** An error from DuckDB with the text it refers to (positions count in the editor's text). */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly text: string,
  ) {
    super(message);
  }
}

/** What became of a stopped query: cancelled by DuckDB, or ended with a restart of DuckDB. */
export type StopOutcome = "stopped" | "restarted";

/** The run was stopped (its AbortSignal fired); `outcome` says how DuckDB took it. */
export class QueryStopped extends Error {
  constructor(readonly outcome: Promise<StopOutcome>) {
    super("Forespørgslen blev stoppet.");
  }
}

export interface RunOptions {
  /** Rows of the last statement to read at most (default DISPLAY_LIMIT). */
  limit?: number;
  /** Stops the run: the promise rejects with QueryStopped at once, and DuckDB is made to let go. */
  signal?: AbortSignal;
}

const stops = new WeakMap<AbortSignal, Promise<StopOutcome>>();

/** The stop belonging to `signal`, started on the first ask (once per signal). */
function stopFor(signal: AbortSignal): QueryStopped {
  let outcome = stops.get(signal);
  if (!outcome) {
    outcome = letGo();
    stops.set(signal, outcome);
  }
  return new QueryStopped(outcome);
}

/**
 * Make DuckDB let go of what it is running. The cancel is sent at once, past the queue (DuckDB
 * answers it between two slices of the running query); what is queued next is a check that the
 * worker answers, before any later statement: a worker that does not answer in time is
 * terminated and DuckDB started afresh (closed off again, the analyst's files read again).
 */
function letGo(): Promise<StopOutcome> {
  if (!ready) return Promise.resolve("stopped");
  const cancelled = duckdb()
    .then(({ conn }) => conn.cancelSent())
    .then(
      () => true,
      () => true,
    );
  return exclusive(async (conn) => {
    // a cancel that is answered means the worker is between slices; then a query must come back
    // too (it also closes a result that was being streamed)
    const answered = await within(cancelled, STOP_GRACE_MS);
    if (
      answered &&
      (await within(
        conn.query("SELECT 1").then(() => true),
        2 * STOP_GRACE_MS,
      ))
    )
      return "stopped";
    restartDuckdb();
    const fresh = await duckdb();
    await configure(fresh.conn, fresh.db);
    return "restarted";
  });
}

/** Whether `p` settles well within `ms` (false on timeout or error; the promise is left to itself). */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

/** `p`, or a QueryStopped rejection as soon as `signal` fires (then `p` is left to itself). */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  p.catch(() => undefined);
  if (signal.aborted) return Promise.reject(stopFor(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopFor(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function missingDataset(message: string): DatasetName | null {
  const name = /Table with name (\S+) does not exist/.exec(message)?.[1]?.toLowerCase();
  return (name && DATASET_NAMES.find((n) => n.toLowerCase() === name)) || null;
}

interface StreamedReader extends AsyncIterable<ArrowBatch> {
  schema: ArrowSchema;
  open(): Promise<unknown>;
}

/**
 * Send one statement. `limit` null: run it to the end and read nothing (a statement before the
 * last). Otherwise stream its rows and read until more than `limit` are in hand.
 */
async function sendStatement(
  conn: AsyncDuckDBConnection,
  piece: string,
  limit: number | null,
  signal?: AbortSignal,
  onRows?: (n: number) => void,
): Promise<{ schema: ArrowSchema; batches: ArrowBatch[] } | null> {
  const reader = (await conn.send(piece, limit !== null)) as unknown as StreamedReader;
  if (limit === null) return null;
  await reader.open();
  // (taken before reading: a reader that is left or done forgets its schema)
  const schema = reader.schema;
  const batches: ArrowBatch[] = [];
  let n = 0;
  for await (const batch of reader) {
    if (signal?.aborted) break;
    batches.push(batch);
    n += batch.numRows;
    onRows?.(n);
    if (n > limit) break;
  }
  return { schema, batches };
}

/**
 * Run `statements` of `text` in order on the shared connection, each after the datasets it needs
 * are registered (a table DuckDB then still misses is registered and the statement sent again);
 * the last one's rows are read up to `limit`.
 */
async function runStatements(
  text: string,
  statements: { start: number; end: number }[],
  wanted: DatasetName[],
  limit: number,
  signal?: AbortSignal,
  onRows?: (n: number) => void,
) {
  const datasets = new Set<DatasetName>(wanted);
  const t0 = performance.now();
  await abortable(Promise.all(wanted.map((name) => registerDataset(name))), signal);
  let read: { schema: ArrowSchema; batches: ArrowBatch[] } | null = null;
  for (const [i, range] of statements.entries()) {
    const piece = isolateStatement(text, range);
    const isLast = i === statements.length - 1;
    for (;;) {
      try {
        // abortable inside too: a stopped statement must not hold the queue (the check that
        // DuckDB let go of it comes next), nor start when its turn comes after the stop
        read = await abortable(
          exclusive((conn) =>
            signal?.aborted ? Promise.reject(stopFor(signal)) : abortable(sendStatement(conn, piece, isLast ? limit : null, signal, onRows), signal),
          ),
          signal,
        );
        break;
      } catch (e) {
        if (e instanceof QueryStopped) throw e;
        const message = plainErrorMessage(e instanceof Error ? e.message : String(e));
        const name = missingDataset(message);
        if (name && !datasets.has(name)) {
          datasets.add(name);
          await abortable(registerDataset(name), signal);
          continue;
        }
        throw new QueryError(message, text);
      }
    }
  }
  const { columns, rows, truncated } = batchRows(read!.schema, read!.batches, limit);
  return { columns, rows, truncated, ms: performance.now() - t0, datasets: DATASET_NAMES.filter((n) => datasets.has(n)) };
}

/**
 * Run the analyst's SQL: `:kommune` becomes the chosen code, the datasets it reads are registered
 * first (all of them for a look at the catalog), statements run in order, and the last one's rows
 * are returned, at most `limit` of them (DISPLAY_LIMIT).
 */
export async function runQuery(sql: string, kommune: string, { limit = DISPLAY_LIMIT, signal }: RunOptions = {}): Promise<QueryResult> {
  await abortable(startEngine(), signal);
  const { text, used } = bindKommune(sql, kommune);
  const statements = splitStatements(text);
  if (statements.length === 0) throw new QueryError("Der er ingen forespørgsel at køre.", text);
  const wanted = (readsCatalog(text) ? [...DATASET_NAMES] : referencedTables(text, DATASET_NAMES)) as DatasetName[];
  const last = statements[statements.length - 1];
  const run = await runStatements(text, statements, wanted, limit, signal);
  return { ...run, rerunnable: isReadOnly(text.slice(last.start, last.end)), statements: statements.length, usedKommune: used, text, last };
}

/**
 * Every row of a result's last statement, sent again (for the CSV download), up to CSV_LIMIT;
 * only for a `rerunnable` one. `onRows` hears how many rows are in so far.
 */
export async function fetchAllRows(
  result: QueryResult,
  { signal, onRows }: { signal?: AbortSignal; onRows?: (n: number) => void } = {},
): Promise<{ columns: ResultColumn[]; rows: Row[]; truncated: boolean }> {
  if (!result.rerunnable) throw new Error("Forespørgslen ændrer data og køres ikke igen.");
  await abortable(startEngine(), signal);
  const { columns, rows, truncated } = await runStatements(result.text, [result.last], result.datasets, CSV_LIMIT, signal, onRows);
  return { columns, rows, truncated };
}

export interface LocalTable {
  name: string;
  fileName: string;
  rows: number;
  columns: { name: string; type: string }[];
  /** What was done to read the file, in Danish (e.g. "omkodet fra Windows-1252"). */
  notes: string[];
}

/** UTF-8 as is; anything else is taken to be Windows-1252 (Danish Excel's "CSV (semikolonsepareret)"). */
function asUtf8(bytes: Uint8Array): { bytes: Uint8Array; recoded: boolean } {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { bytes, recoded: false };
  } catch {
    return { bytes: new TextEncoder().encode(new TextDecoder("windows-1252").decode(bytes)), recoded: true };
  }
}

const PARQUET_UNAVAILABLE =
  "Parquet-filer kan ikke læses her: DuckDB-wasm 1.32 har ikke Parquet-læseren indbygget, og siden henter ingen udvidelser udefra. Gem filen som CSV (eller Arrow uden komprimering) og åbn den igen.";

/** Read a file from disk into table `name` (replacing an earlier one). The bytes stay in this browser. */
export async function openLocalFile(name: string, fileName: string, input: Uint8Array): Promise<LocalTable> {
  await startEngine();
  if (!fileKind(fileName)) throw new Error(`${fileName}: kun CSV- og Arrow-filer kan åbnes (.csv, .tsv, .txt, .arrow, .feather); Parquet kan ikke læses her.`);
  // kept (in the browser) before DuckDB takes the bytes, to be read again if DuckDB is restarted
  const blob = new Blob([input as Uint8Array<ArrayBuffer>]);
  const notes = await exclusive((conn, db) => loadFile(conn, db, name, fileName, input));
  localFiles.set(name, { fileName, blob });
  return { name, fileName, notes, ...(await describeTable(name)) };
}

/** Read `input` into table `name` on this connection; the notes say what was done to read it. */
async function loadFile(conn: AsyncDuckDBConnection, db: AsyncDuckDB, name: string, fileName: string, input: Uint8Array): Promise<string[]> {
  const kind = fileKind(fileName);
  if (!kind) throw new Error(`${fileName}: kun CSV- og Arrow-filer kan åbnes (.csv, .tsv, .txt, .arrow, .feather); Parquet kan ikke læses her.`);
  const notes: string[] = [];
  const table = quoteIdent(name);
  if (kind === "arrow") {
    const { tableFromIPC, tableToIPC } = await import("apache-arrow");
    let arrowTable: Table;
    try {
      arrowTable = tableFromIPC(input);
    } catch (e) {
      throw new Error(`${fileName} kan ikke læses som Arrow: ${e instanceof Error ? e.message : e}`);
    }
    await conn.query(`DROP TABLE IF EXISTS ${table}`);
    if (arrowTable.numRows === 0) await conn.query(createTableSql(name, arrowTable.schema));
    else {
      // A connection of its own: a failed Arrow insert leaves its connection unable to insert again.
      const own = await db.connect();
      try {
        await own.insertArrowFromIPCStream(tableToIPC(arrowTable, "stream"), { name, create: true });
      } finally {
        await own.close();
      }
    }
    return notes;
  }
  const path = `${LOCAL_DIR}${name}.${kind}`;
  let bytes = input;
  if (kind === "csv") {
    const utf8 = asUtf8(input);
    bytes = utf8.bytes;
    if (utf8.recoded) notes.push("omkodet fra Windows-1252 til UTF-8");
  }
  await db.registerFileBuffer(path, bytes);
  try {
    if (kind === "csv") {
      const sniff = (await conn.query(`SELECT Delimiter AS d FROM sniff_csv('${path}')`)).toArray()[0]?.toJSON() as { d?: string } | undefined;
      // Semicolons mean Danish Excel, where the decimal separator is a comma.
      const danish = sniff?.d === ";";
      if (danish) notes.push("semikolon-separeret, decimalkomma");
      await conn.query(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv('${path}'${danish ? ", decimal_separator = ','" : ""})`);
    } else {
      try {
        await conn.query(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_parquet('${path}')`);
      } catch (e) {
        if (/parquet extension/i.test(e instanceof Error ? e.message : String(e))) throw new Error(PARQUET_UNAVAILABLE);
        throw e;
      }
    }
  } finally {
    await db.dropFile(path);
  }
  return notes;
}

/** Columns with DuckDB's types, and the row count, of a registered table. */
export async function describeTable(name: string): Promise<{ rows: number; columns: { name: string; type: string }[] }> {
  return exclusive(async (conn) => {
    const described = (await conn.query(`DESCRIBE ${quoteIdent(name)}`)).toArray().map((r) => r.toJSON() as { column_name: string; column_type: string });
    const count = (await conn.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(name)}`)).toArray()[0].toJSON() as { n: number };
    return { rows: Number(count.n), columns: described.map((d) => ({ name: d.column_name, type: d.column_type })) };
  });
}

export async function dropLocalTable(name: string): Promise<void> {
  localFiles.delete(name);
  await exclusive((conn) => conn.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`));
}
