/**
 * DuckDB-wasm for the SQL workbench: the site's datasets registered as tables when a query reads
 * them, files opened from disk read in the browser only, and the analyst's SQL run one statement
 * at a time on the shared connection (src/components/db.ts).
 *
 * The database is closed off before the first query: no extension is installed or loaded (that
 * would fetch from extensions.duckdb.org), nothing but the files under /lokal/ (the ones the
 * analyst opened) can be read, no URL can be fetched, and the settings are locked.
 */
// apache-arrow only as a type here: it is loaded when a user opens an Arrow file of their own.
import type { Table } from "apache-arrow";
import { createTableSql, quoteIdent, sqlTypeName, valueKind } from "../arrowTypes.js";
import { DATASET_NAMES, type DatasetName } from "../data.js";
import { exclusive, registerDataset } from "../db.js";
import type { ResultColumn, Row } from "./infer.js";
import { bindKommune, fileKind, isolateStatement, readsCatalog, referencedTables, splitStatements } from "./sqlText.js";

const LOCAL_DIR = "/lokal/";

let sandbox: Promise<void> | null = null;
let startMs: number | null = null;

/** Start DuckDB-wasm (once) and close it off. */
export function startEngine(): Promise<void> {
  sandbox ??= exclusive(async (conn) => {
    const t0 = performance.now();
    for (const statement of [
      "SET autoinstall_known_extensions = false",
      "SET autoload_known_extensions = false",
      `SET allowed_directories = ['${LOCAL_DIR}']`,
      "SET enable_external_access = false",
      "SET lock_configuration = true",
    ]) await conn.query(statement);
    startMs = (globalThis as { __duckdbStartMs?: number }).__duckdbStartMs ?? performance.now() - t0;
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
  rows: Row[];
  /** Milliseconds the statements took in DuckDB (tables loaded on the way included). */
  ms: number;
  /** The datasets the query read (for the source line). */
  datasets: DatasetName[];
  statements: number;
  usedKommune: boolean;
  /** The text sent to DuckDB (`:kommune` replaced), for error positions. */
  text: string;
}

/** An error from DuckDB with the text it refers to (positions count in the editor's text). */
export class QueryError extends Error {
  constructor(message: string, readonly text: string) {
    super(message);
  }
}

function missingDataset(message: string): DatasetName | null {
  const name = /Table with name (\S+) does not exist/.exec(message)?.[1]?.toLowerCase();
  return (name && DATASET_NAMES.find((n) => n.toLowerCase() === name)) || null;
}

/**
 * Run the analyst's SQL: `:kommune` becomes the chosen code, the datasets it reads are registered
 * first (all of them for a look at the catalog; a table DuckDB then still misses is registered and
 * the statement run again), statements run in order, and the last one's rows are returned.
 */
export async function runQuery(sql: string, kommune: string): Promise<QueryResult> {
  await startEngine();
  const { text, used } = bindKommune(sql, kommune);
  const statements = splitStatements(text);
  if (statements.length === 0) throw new QueryError("Der er ingen forespørgsel at køre.", text);
  const wanted = (readsCatalog(text) ? [...DATASET_NAMES] : referencedTables(text, DATASET_NAMES)) as DatasetName[];
  const datasets = new Set<DatasetName>(wanted);
  const t0 = performance.now();
  await Promise.all(wanted.map(registerDataset));
  let table: Table | null = null;
  for (const range of statements) {
    const piece = isolateStatement(text, range);
    for (;;) {
      try {
        // DuckDB-wasm hands back apache-arrow 17 tables; only the common API (schema, getChildAt, get) is used.
        table = (await exclusive((conn) => conn.query(piece))) as unknown as Table;
        break;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const name = missingDataset(message);
        if (name && !datasets.has(name)) {
          datasets.add(name);
          await registerDataset(name);
          continue;
        }
        throw new QueryError(message, text);
      }
    }
  }
  const ms = performance.now() - t0;
  const { columns, rows } = tableRows(table!);
  return { columns, rows, ms, datasets: DATASET_NAMES.filter((n) => datasets.has(n)), statements: statements.length, usedKommune: used, text };
}

/** Rows as plain objects; a column name that repeats gets _2, _3 (SELECT a.area, b.area). */
export function tableRows(table: Table): { columns: ResultColumn[]; rows: Row[] } {
  const seen = new Map<string, number>();
  const columns: ResultColumn[] = table.schema.fields.map((f) => {
    const n = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, n);
    return { name: n === 1 ? f.name : `${f.name}_${n}`, kind: valueKind(f.type), sqlType: sqlTypeName(f.type) };
  });
  const values = columns.map((c, j) => {
    const v = table.getChildAt(j)!;
    const out: unknown[] = new Array(table.numRows);
    for (let i = 0; i < table.numRows; i++) {
      const x = v.get(i);
      out[i] = typeof x === "bigint" ? Number(x) : x !== null && typeof x === "object" && "toJSON" in x ? (x as { toJSON(): unknown }).toJSON() : x;
    }
    return out;
  });
  const rows: Row[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    for (let j = 0; j < columns.length; j++) row[columns[j].name] = values[j][i];
    rows[i] = row;
  }
  return { columns, rows };
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
  const kind = fileKind(fileName);
  if (!kind) throw new Error(`${fileName}: kun CSV- og Arrow-filer kan åbnes (.csv, .tsv, .txt, .arrow, .feather); Parquet kan ikke læses her.`);
  const notes: string[] = [];
  const table = quoteIdent(name);
  await exclusive(async (conn, db) => {
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
      return;
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
  });
  return { name, fileName, notes, ...(await describeTable(name)) };
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
  await exclusive((conn) => conn.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`));
}
