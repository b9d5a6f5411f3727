/**
 * `npm run data -- …`: the analysts' StatBank command line, on the same client as the loaders
 * (live API, or a mirror folder with STATBANK_MIRROR=<dir> or --mirror <dir>).
 *
 *   --info TABLE [--all]            the table's variables and values (a mirror: what it holds)
 *   TABLE VAR=specs … [--out FILE]  fetch a selection to Arrow (default) or CSV, with
 *                                   <FILE>.provenance.json beside it
 *
 * Every error names the table, variable or code and lists the valid ones; nothing is written
 * unless the whole selection was read. Exit codes: 0 done, 1 data, selection or file error, 2 usage.
 *
 * The output and its provenance file are written together (writeOutputs): each must be a regular
 * file (or a symbolic link to one, which is written through) or a new path, never a directory,
 * device, FIFO or socket, and never a read-only file, even as root; an existing file keeps its
 * mode. Both are written to temporary files beside them, then renamed into place; if the second
 * rename fails the first is undone, so neither is left without the other. A failure names the
 * path and the OS's error code and text.
 */
import { randomBytes } from "node:crypto";
import { constants as fsConstants, type Stats } from "node:fs";
import { access, copyFile, link, lstat, mkdir, open, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { toArrowIPC, type ColumnSpec } from "../arrow.ts";
import { datasetMeta, gapsAsMissing } from "../provenance.ts";
import { clientFromEnv, type FetchResult, type StatbankClient } from "../statbank/client.ts";
import type { ExtractRow } from "../statbank/csv.ts";
import { describeGaps, MirrorGapError, StatbankApiError, StatbankQueryError } from "../statbank/errors.ts";
import { MirrorTransport, type ManifestTable } from "../statbank/mirror.ts";
import { comparePeriods, danishPeriod } from "../statbank/period.ts";
import { MAX_NTH_COUNT, parseValueSpec, resolveSelection, type Query } from "../statbank/query.ts";
import type { TableInfo, TableVariable } from "../statbank/transport.ts";

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Relative paths (--out, --mirror, STATBANK_MIRROR) are resolved against this folder. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type OutputFormat = "arrow" | "csv";

/** The value column of every output, as in the API's BULK/CSV answers. */
export const VALUE_COLUMN = "INDHOLD";
/** Values listed per variable by --info unless --all is given. */
export const INFO_VALUES = 20;
/** Valid codes listed in an error message before it abbreviates. */
export const ERROR_CODES = 40;

/** An error meant for the user: the message is the whole story (no stack), with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const USAGE = `npm run data -- --info TABLE [--all]
npm run data -- TABLE VAR=specs [VAR=specs …] [--out FILE] [--format arrow|csv] [--allow-gaps]

Reads StatBank tables with the same client as the dashboard's loaders: the live API
(https://api.statbank.dk/v1), or a mirror folder with STATBANK_MIRROR=DIR or --mirror DIR.

  --info TABLE    the table's title, unit, variables and values (first ${INFO_VALUES} per variable;
                  --all lists every value). On a mirror: what the mirror holds of it and what
                  MANIFEST.json says the file covers and lacks.
  TABLE VAR=specs fetch a selection. Name every variable of the table; specs are comma-separated:
                  101  *  2023*  *K1  >=2010K1<=2015K4  (1)  (-n+3)  -(-n+3)
                  (quote specs with > < ( ) * for the shell). Variable names ignore case (Tid = TID).
                  The numbers of an nth rule are at most ${MAX_NTH_COUNT}.
  --out FILE      where to write (default: TABLE.arrow, or TABLE.csv with --format csv, in the
                  current folder). The format follows the extension (.arrow, .csv) unless --format
                  says it. FILE.provenance.json is written beside it; the two are replaced
                  together or not at all. FILE must be a new path or a regular file (a link to
                  one is written through); a directory, device (/dev/null), FIFO or read-only
                  file is refused, even as root. A replaced file keeps its mode.
  --format F      arrow (default): a string column of codes per variable and INDHOLD (float64,
                  null where StatBank writes ".."), provenance in the schema metadata.
                  csv: ';'-separated UTF-8, header of variable codes and INDHOLD, decimal point,
                  ".." for missing, as the API's BULK answer.
  --allow-gaps    accept a mirror that lacks some requested codes: write what it holds and list
                  the gaps on stderr and in the provenance. Unknown codes are always an error.
  --mirror DIR    read the mirror folder DIR (same as STATBANK_MIRROR=DIR).

Examples:
  STATBANK_MIRROR=../shared/statbank npm run data -- --info FOLK1A
  npm run data -- FOLK1A OMRÅDE=101,461 KØN=TOT ALDER=IALT CIVILSTAND=TOT 'Tid=>=2015K1'
  npm run data -- AFSTB4 BOPOMR='*' SOCIO=02 KØN=TOT 'Tid=(-n+3)' --out pendling.csv

Exit code 0 when done, 1 for a table, variable or code the source does not have or a file that
cannot be written (the message names the path and the OS's error, e.g. EACCES), 2 for a usage error.
Kilde: Danmarks Statistik.
`;

interface Options {
  help: boolean;
  info?: string;
  all: boolean;
  mirror?: string;
  format?: OutputFormat;
  out?: string;
  allowGaps: boolean;
  table?: string;
  /** VAR -> specs, as typed (merged when a variable is named twice). */
  selection: Array<{ variable: string; specs: string[] }>;
}

export async function runDataCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const opts = parseOptions(argv);
    if (opts.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const client = clientFor(opts, io);
    if (opts.info) {
      io.stdout.write(await infoText(client, opts.info, opts.all));
      return 0;
    }
    await fetchToFile(client, opts, io);
    return 0;
  } catch (e) {
    return reportError(e, io, USAGE, "npm run data");
  }
}

/**
 * Write an error to stderr and return the exit code: a CliError's message (with the usage's first
 * paragraph after a usage error), else the error's message with exit code 1.
 */
export function reportError(e: unknown, io: Pick<CliIO, "stderr">, usage: string, command: string): number {
  if (e instanceof CliError) {
    io.stderr.write(`${e.message}\n`);
    if (e.exitCode === 2) io.stderr.write(`\nUsage:\n${indent(usage.split("\n\n")[0], "  ")}\n${command} -- --help for more.\n`);
    return e.exitCode;
  }
  io.stderr.write(`${(e as Error).message ?? String(e)}\n`);
  return 1;
}

/** node's parseArgs error as a usage error; its note about positionals after "--" is left out. */
export function usageError(e: unknown): CliError {
  return new CliError((e as Error).message.replace(/\. To specify a positional.*$/s, ""), 2);
}

// ---------------------------------------------------------------------------------------------
// Arguments

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        info: { type: "string" },
        all: { type: "boolean" },
        mirror: { type: "string" },
        format: { type: "string" },
        out: { type: "string", short: "o" },
        "allow-gaps": { type: "boolean" },
      },
    });
  } catch (e) {
    throw usageError(e);
  }
  const { values, positionals } = parsed;
  const opts: Options = {
    help: values.help ?? false,
    all: values.all ?? false,
    allowGaps: values["allow-gaps"] ?? false,
    mirror: values.mirror,
    out: values.out,
    selection: [],
  };
  if (opts.help) return opts;
  if (argv.length === 0) throw new CliError("Name a table: --info TABLE, or TABLE VAR=specs …", 2);
  if (values.format !== undefined) {
    const f = values.format.toLowerCase();
    if (f !== "arrow" && f !== "csv") throw new CliError(`--format ${values.format}: use arrow or csv`, 2);
    opts.format = f;
  }
  if (values.info !== undefined) {
    if (positionals.length > 0) {
      throw new CliError(`--info shows a table; it takes no selection (got ${positionals.join(" ")})`, 2);
    }
    if (values.out !== undefined || values.format !== undefined || opts.allowGaps) {
      throw new CliError("--info writes no file: leave out --out, --format and --allow-gaps", 2);
    }
    opts.info = checkTableId(values.info);
    return opts;
  }
  if (opts.all) throw new CliError("--all goes with --info TABLE", 2);
  const [table, ...rest] = positionals;
  if (table === undefined) throw new CliError("Name a table: TABLE VAR=specs …", 2);
  if (table.includes("=")) throw new CliError(`The first argument must be the table id, not ${JSON.stringify(table)}`, 2);
  opts.table = checkTableId(table);
  if (rest.length === 0) {
    throw new CliError(`Select values for the variables of ${opts.table}, e.g. VAR=*  (npm run data -- --info ${opts.table} lists them)`, 2);
  }
  for (const arg of rest) {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new CliError(`${JSON.stringify(arg)} is not VAR=specs (e.g. OMRÅDE=101,461 or 'Tid=(-n+3)')`, 2);
    const variable = arg.slice(0, eq).trim();
    const specs = arg
      .slice(eq + 1)
      .split(",")
      .map((s) => s.trim());
    if (specs.some((s) => s === "")) throw new CliError(`${variable}: empty value spec in ${JSON.stringify(arg)}`, 2);
    const existing = opts.selection.find((s) => s.variable.toUpperCase() === variable.toUpperCase());
    if (existing) existing.specs.push(...specs);
    else opts.selection.push({ variable, specs });
  }
  return opts;
}

export function checkTableId(id: string): string {
  const t = id.trim();
  if (!/^[A-Za-zÆØÅæøå0-9_]+$/.test(t)) {
    throw new CliError(`${JSON.stringify(id)} is not a StatBank table id (letters, digits, _; e.g. FOLK1A)`, 2);
  }
  return t.toUpperCase();
}

function clientFor(opts: Options, io: CliIO): StatbankClient {
  const env = { ...io.env };
  const mirror = opts.mirror?.trim() || env.STATBANK_MIRROR?.trim();
  if (mirror) env.STATBANK_MIRROR = resolve(io.cwd, mirror);
  else delete env.STATBANK_MIRROR;
  return clientFromEnv(env);
}

// ---------------------------------------------------------------------------------------------
// Table info

/** The table's tableinfo (a mirror: what its file holds), or an error that says which tables exist. */
export async function tableInfoOrExplain(client: StatbankClient, table: string): Promise<TableInfo> {
  try {
    return await client.tableInfo(table);
  } catch (e) {
    if (e instanceof MirrorGapError && e.gaps.some((g) => g.reason === "table-not-in-mirror")) {
      const mirror = client.transport as MirrorTransport;
      const ids = await mirrorTableIds(mirror.source.location);
      const similar = similarIds(table, ids);
      const stored = await mirror.storedTableInfo(table).catch(() => null);
      const lines = [`${table} is not in the mirror ${mirror.source.location} (there is no ${table}.csv).`];
      if (stored) lines.push(`The mirror has its tableinfo (tableinfo/${table}.json) but no rows of ${table}.`);
      if (similar.length > 0) lines.push(`Similar tables in the mirror: ${similar.join(", ")}`);
      lines.push(`Tables in the mirror: ${ids.join(", ") || "none"}`);
      lines.push("Without STATBANK_MIRROR and --mirror the live API is asked.");
      throw new CliError(lines.join("\n"));
    }
    if (e instanceof StatbankApiError) {
      const lines = [`StatBank API ${client.source.location} has no table ${table}: ${e.apiMessage} (${e.errorTypeCode})`];
      const listing = await client.tables().catch(() => null);
      if (listing) {
        const similar = similarIds(
          table,
          listing.map((t) => t.id),
        );
        if (similar.length > 0) lines.push(`Similar tables: ${similar.join(", ")}`);
      }
      throw new CliError(lines.join("\n"));
    }
    throw e;
  }
}

async function mirrorTableIds(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files
    .filter((f) => f.toLowerCase().endsWith(".csv"))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Ids close to `id`: same stem, one containing the other, or at most two edits apart. */
export function similarIds(id: string, ids: string[], max = 8): string[] {
  const a = id.toUpperCase();
  const scored = ids
    .map((candidate) => {
      const b = candidate.toUpperCase();
      const d = editDistance(a, b);
      const prefix = commonPrefix(a, b);
      const near = d <= 2 || (prefix >= 4 && prefix >= Math.min(a.length, b.length) - 2) || (a.length >= 3 && (b.includes(a) || a.includes(b)));
      return { candidate, d, near };
    })
    .filter((s) => s.near && s.candidate.toUpperCase() !== a)
    .sort((x, y) => x.d - y.d || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The plain-text description --info prints. */
export async function infoText(client: StatbankClient, table: string, all = false): Promise<string> {
  const info = await tableInfoOrExplain(client, table);
  const mirror = client.transport instanceof MirrorTransport ? client.transport : null;
  const stored = mirror ? await mirror.storedTableInfo(table) : null;
  const entry = mirror ? await mirror.manifestEntry(table) : undefined;
  const out: string[] = [];
  out.push(`${info.id}: ${info.text}`);
  if (info.description && info.description !== info.text) out.push(`Description: ${info.description}`);
  out.push(`Unit: ${info.unit || "(not stated)"}`);
  if (info.updated) out.push(`Updated: ${info.updated}${mirror ? " (per the stored tableinfo)" : ""}`);
  if (mirror) {
    out.push(`Source: mirror ${mirror.source.location}, not the live API: the values below are those ${entry?.file ?? `${info.id}.csv`} holds.`);
    out.push(
      stored
        ? `  tableinfo/${info.id}.json is stored: texts and the full table's values come from it.`
        : `  No tableinfo/${info.id}.json: variables and codes are those of the file, without texts.`,
    );
    if (entry) out.push(...manifestLines(entry));
    else out.push("  MANIFEST.json says nothing about this file.");
  } else {
    out.push(`Source: live API ${client.source.location}`);
  }
  out.push("", `Variables (${info.variables.length}); a selection names every one, e.g. ${exampleSelection(info)}:`);
  for (const v of info.variables) {
    const storedVar = stored?.variables.find((s) => s.id.toUpperCase() === v.id.toUpperCase());
    out.push("", ...wrap(variableHeading(v, storedVar ?? null, !!mirror), "  ", "      "));
    const shown = all ? v.values : v.values.slice(0, INFO_VALUES);
    const width = Math.min(12, Math.max(...shown.map((x) => x.id.length), 1));
    for (const value of shown) {
      out.push(value.text && value.text !== value.id ? `    ${value.id.padEnd(width)}  ${value.text}` : `    ${value.id}`);
    }
    if (shown.length < v.values.length) out.push(`    … ${v.values.length - shown.length} more (--all lists every value)`);
  }
  out.push("", `Kilde: Danmarks Statistik, ${info.id}`, "");
  return out.join("\n");
}

function variableHeading(v: TableVariable, storedVar: TableVariable | null, isMirror: boolean): string {
  const codes = v.values.map((x) => x.id);
  const noun = (n: number) => `${n} value${n === 1 ? "" : "s"}`;
  let head = `${v.id} (${v.text})${v.time ? ", time" : ""}: ${noun(codes.length)}${isMirror ? " in the mirror" : ""}`;
  if (v.time && codes.length > 1) head += `, ${codes[0]}–${codes[codes.length - 1]}`;
  if (!isMirror) return head;
  if (!storedVar) return head;
  const full = storedVar.values.map((x) => (v.time ? danishPeriod(x.id) : x.id));
  const held = new Set(codes.map((c) => c.toUpperCase()));
  const lacking = full.filter((c) => !held.has(c.toUpperCase()));
  const known = new Set(full.map((c) => c.toUpperCase()));
  const extra = codes.filter((c) => !known.has(c.toUpperCase()));
  const notes = [`the stored tableinfo has ${full.length}`];
  if (lacking.length > 0) notes.push(`not in the mirror: ${listCodes(lacking, 12)}`);
  if (extra.length > 0) notes.push(`in the mirror but not in the stored tableinfo: ${listCodes(extra, 12)}`);
  return `${head} (${notes.join("; ")})`;
}

function manifestLines(entry: ManifestTable): string[] {
  const out = [`  MANIFEST.json on ${entry.file ?? entry.id}${entry.rows !== undefined ? ` (${entry.rows} rows)` : ""}:`];
  if (entry.title && entry.title !== entry.id) out.push(...wrap(`title: ${entry.title}`, "    "));
  if (entry.periods !== undefined) out.push(...wrap(`periods: ${coverage(entry.periods)}`, "    "));
  const variables = entry.variables;
  if (variables && typeof variables === "object" && !Array.isArray(variables)) {
    for (const [k, v] of Object.entries(variables as Record<string, unknown>)) out.push(...wrap(`${k}: ${coverage(v)}`, "    "));
  }
  if (Array.isArray(entry.slices)) {
    out.push(`    covers ${entry.slices.length} slices:`);
    for (const slice of entry.slices as Array<Record<string, unknown>>) {
      const parts = Object.entries(slice)
        .filter(([k]) => !["rows", "source", "note"].includes(k))
        .map(([k, v]) => `${k} ${coverage(v)}`);
      out.push(...wrap(`${slice.rows ?? "?"} rows: ${parts.join("; ")}`, "      "));
    }
  }
  if (entry.gaps) out.push(...wrap(`lacks: ${entry.gaps}`, "    "));
  return out;
}

function coverage(v: unknown): string {
  if (Array.isArray(v)) return listCodes(v.map(String), 12);
  if (typeof v === "string" || typeof v === "number") return String(v);
  return JSON.stringify(v);
}

function exampleSelection(info: TableInfo): string {
  return info.variables
    .map((v) => {
      const id = v.time ? "Tid" : v.id;
      const spec = v.time ? "(1)" : (v.values[0]?.id ?? "*");
      return /[*()<>]/.test(spec) ? `'${id}=${spec}'` : `${id}=${spec}`;
    })
    .join(" ");
}

// ---------------------------------------------------------------------------------------------
// Fetching a selection

async function fetchToFile(client: StatbankClient, opts: Options, io: CliIO): Promise<void> {
  const table = opts.table!;
  const { format, path } = outputPath(opts, io.cwd, table);
  const sidecarPath = `${path}.provenance.json`;
  // Refuse a directory, device or read-only file before asking StatBank (writeOutputs checks again).
  await checkOutputTarget(path, `Name a file, e.g. ${join(path, `${table}.${format}`)}.`);
  await checkOutputTarget(sidecarPath, `npm run data writes the provenance of ${basename(path)} there: move it away or choose another --out.`);
  const info = await tableInfoOrExplain(client, table);
  const query = checkSelection(table, info, opts.selection, client.source.kind === "live");
  let result: FetchResult;
  try {
    result = await client.fetch(query, { allowGaps: opts.allowGaps });
  } catch (e) {
    if (e instanceof MirrorGapError) throw new CliError(explainGaps(e, info, opts.allowGaps));
    if (e instanceof StatbankQueryError || e instanceof StatbankApiError) throw new CliError(`${e.message}\nNothing was written.`);
    throw e;
  }
  const { extract, provenance } = result;
  const rows = sortRows(extract.rows, extract.dimensions, info);
  const variableText = (d: string) => info.variables.find((v) => v.id.toUpperCase() === d.toUpperCase())?.text ?? d;
  const columnDescriptions: Record<string, string> = {};
  for (const d of extract.dimensions) columnDescriptions[d] = `${variableText(d)} (kode)`;
  columnDescriptions[VALUE_COLUMN] = `${provenance.title}${provenance.unit ? ` (${provenance.unit})` : ""}`;

  const meta = datasetMeta({
    dataset: table,
    title: `${table}: ${provenance.title}`,
    sources: [provenance],
    columns: columnDescriptions,
    rows: rows.length,
    notes: [`Udtræk med npm run data: ${provenance.selection}`],
  });
  const sidecar = {
    ...provenance,
    missing: gapsAsMissing(table, provenance.gaps),
    file: basename(path),
    format,
    columns: columnDescriptions,
    ...(format === "csv" ? { csv: { encoding: "UTF-8", delimiter: ";", decimal: ".", missing: "..", lineEnd: "\\n" } } : {}),
    createdBy: "npm run data",
  };
  let bytes: Uint8Array | string;
  if (format === "arrow") {
    const columns: Record<string, ColumnSpec> = {};
    for (const d of extract.dimensions) columns[d] = { type: "string", values: rows.map((r) => r.codes[d]) };
    columns[VALUE_COLUMN] = { type: "float64", values: rows.map((r) => r.value) };
    bytes = toArrowIPC(columns, meta);
  } else {
    bytes = toCsv(extract.dimensions, rows);
  }
  // Both contents are complete before the first byte is written; both files are replaced together.
  await writeOutputs([
    { path, bytes },
    { path: sidecarPath, bytes: `${JSON.stringify(sidecar, null, 2)}\n` },
  ]);

  for (const g of provenance.gaps) io.stderr.write(`data mangler (--allow-gaps): ${describeGaps(table, [g])}\n`);
  if (rows.length === 0) io.stderr.write(`${table}: the selection has no rows in this source.\n`);
  if (provenance.absentMeansZero && client.source.kind === "mirror") {
    io.stderr.write(`${table}: combinations absent from the rows are 0 (the file omits zero rows, as BULK does).\n`);
  }
  const where = provenance.source.kind === "mirror" ? `mirror ${provenance.source.location}` : `live API ${provenance.source.location}`;
  const periods = provenance.periods.length === 0 ? "" : `, ${provenance.periods[0]}${provenance.periods.length > 1 ? `–${provenance.periods.at(-1)}` : ""}`;
  io.stdout.write(
    `${table}: ${rows.length} row${rows.length === 1 ? "" : "s"}${periods} from ${where}\n` +
      `wrote ${path} (${format})\n` +
      `      ${sidecarPath}\n`,
  );
}

function outputPath(opts: Options, cwd: string, table: string): { format: OutputFormat; path: string } {
  if (opts.out === undefined) {
    const format = opts.format ?? "arrow";
    return { format, path: resolve(cwd, `${table}.${format}`) };
  }
  const out = opts.out.trim();
  if (out === "" || out.endsWith("/")) throw new CliError(`--out ${JSON.stringify(opts.out)}: name a file, e.g. ${table}.arrow`, 2);
  const ext = extname(out).toLowerCase();
  const byExt: OutputFormat | undefined = ext === ".csv" ? "csv" : [".arrow", ".arrows", ".ipc"].includes(ext) ? "arrow" : undefined;
  if (opts.format && byExt && opts.format !== byExt) {
    throw new CliError(`--format ${opts.format} contradicts --out ${out} (a ${byExt} file name)`, 2);
  }
  const format = opts.format ?? byExt;
  if (!format) throw new CliError(`--out ${out}: cannot tell the format from "${ext || "no extension"}"; add --format arrow or --format csv`, 2);
  return { format, path: resolve(cwd, out) };
}

// ---------------------------------------------------------------------------------------------
// Writing the output and its provenance file

/** A refused or failed write: names the path and, where the OS gave one, its error code. Exit code 1. */
export class OutputError extends CliError {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message, 1);
    this.name = "OutputError";
  }
}

/** What an output path is now: new, or an existing regular file (through a symbolic link, if `real` differs). */
export interface OutputTarget {
  /** The path as given. */
  path: string;
  /** Where the bytes go: `path`, or the regular file a symbolic link at `path` points to. */
  real: string;
  /** The existing file's permission bits and owner, kept when it is replaced; null for a new path. */
  existing: { mode: number; uid: number; gid: number } | null;
}

const isRoot = () => process.getuid?.() === 0;

/** The OS's text for an error code, as node words it: "EACCES: permission denied, open '…'" -> "permission denied". */
function osText(e: NodeJS.ErrnoException): string {
  return /^[A-Z0-9_]+: ([^,]*)/.exec(e.message)?.[1] ?? e.message;
}

/** An OS error while writing `path` as an OutputError: path, code, the OS's text, and the call that failed. */
export function outputFailure(e: unknown, path: string, after = "Nothing was written."): OutputError {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  if (e instanceof OutputError) return e;
  if (!err?.code) return new OutputError(path, undefined, `Cannot write ${path}: ${err?.message ?? String(e)}\n${after}`);
  const call = err.syscall ? ` (${err.syscall}${err.path ? ` ${err.path}` : ""}${err.dest ? ` -> ${err.dest}` : ""})` : "";
  return new OutputError(path, err.code, `Cannot write ${path}: ${err.code}: ${osText(err)}${call}\n${after}`);
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * May `path` be written? A new path (its folder is created if need be), or an existing regular
 * file that is not read-only. A symbolic link counts as what it points to. Refused: a directory
 * (EISDIR), a device such as /dev/null, a FIFO or socket (npm run data would otherwise replace it
 * with a regular file, as root even /dev/null), a dangling link, and a read-only file. Root may
 * write any file, so the mode bits are checked here: a file without any write permission bit is
 * read-only for everyone, root included; other users also get the OS's verdict (access W_OK).
 */
export async function checkOutputTarget(path: string, hint?: string): Promise<OutputTarget> {
  const refuse = (code: string | undefined, why: string) =>
    new OutputError(path, code, `Cannot write ${path}: ${why}\nNothing was written.`);
  let st: Stats;
  try {
    st = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { path, real: path, existing: null };
    throw outputFailure(e, path);
  }
  let real = path;
  let via = "";
  if (st.isSymbolicLink()) {
    try {
      real = await realpath(path);
      st = await stat(real);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "ENOENT") throw refuse("ENOENT", "it is a symbolic link to a path that does not exist (ENOENT: no such file or directory).");
      throw outputFailure(e, path);
    }
    via = `it is a symbolic link to ${real}, `;
  }
  if (!st.isFile()) {
    const kind = kindOf(st);
    if (st.isDirectory()) {
      throw refuse("EISDIR", `${via || "it is "}${kind} (EISDIR: illegal operation on a directory).${hint ? ` ${hint}` : ""}`);
    }
    throw refuse(
      undefined,
      `${via || "it is "}${kind}, not a regular file. npm run data writes only a regular file or a new path, and never replaces a device, FIFO or socket.`,
    );
  }
  const mode = st.mode & 0o777;
  const readOnly = (why: string) =>
    refuse(
      "EACCES",
      `${via}the file is read-only (mode ${mode.toString(8).padStart(4, "0")}; ${why}). npm run data does not replace a read-only file, ` +
        `even when run as root (the OS would let root do it). Make it writable (chmod u+w) or choose another --out.`,
    );
  if ((mode & 0o222) === 0) throw readOnly("EACCES: permission denied, no write permission bit is set");
  if (!isRoot()) {
    try {
      await access(real, fsConstants.W_OK);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "EACCES" || err.code === "EPERM" || err.code === "EROFS") throw readOnly(`${err.code}: ${osText(err)}`);
      throw outputFailure(e, path);
    }
  }
  return { path, real, existing: { mode, uid: st.uid, gid: st.gid } };
}

/** A file ready to be renamed into place: its temporary file beside the target. */
export interface PreparedOutput extends OutputTarget {
  tmp: string;
}

/** A temporary name beside `real` (same folder, so the rename is atomic), with a suffix. */
function besides(real: string, suffix: string): string {
  return `${real}.${process.pid}.${randomBytes(4).toString("hex")}.${suffix}`;
}

/**
 * Check every target and write each file's bytes to a temporary file beside it, with the
 * existing file's mode (and, as root, its owner); nothing is replaced yet. On failure every
 * temporary file is removed and the error names the path.
 */
export async function prepareOutputs(files: ReadonlyArray<{ path: string; bytes: Uint8Array | string }>): Promise<PreparedOutput[]> {
  const prepared: PreparedOutput[] = [];
  try {
    for (const f of files) {
      const target = await checkOutputTarget(f.path);
      const same = prepared.find((p) => p.real === target.real);
      if (same) {
        throw new OutputError(f.path, undefined, `Cannot write ${f.path}: it is the same file as ${same.path} (${target.real}).\nNothing was written.`);
      }
      try {
        await mkdir(dirname(target.real), { recursive: true });
        const tmp = besides(target.real, "tmp");
        const handle = await open(tmp, "wx", 0o666);
        prepared.push({ ...target, tmp });
        try {
          if (target.existing) {
            if (isRoot()) await handle.chown(target.existing.uid, target.existing.gid);
            await handle.chmod(target.existing.mode);
          }
          await handle.writeFile(f.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (e) {
        throw outputFailure(e, f.path);
      }
    }
    return prepared;
  } catch (e) {
    await Promise.all(prepared.map((p) => rm(p.tmp, { force: true }).catch(() => {})));
    throw e;
  }
}

/**
 * Rename prepared files into place, in order. Before the first renames, each existing target is
 * kept under a temporary name (a hard link; a copy where the file system has none), so that if a
 * later rename fails the earlier ones are undone: the previous file is restored, or a file that
 * did not exist is removed. Neither file is then left without the other.
 */
export async function commitOutputs(prepared: readonly PreparedOutput[]): Promise<void> {
  const backups = new Map<PreparedOutput, string>();
  const done: PreparedOutput[] = [];
  const cleanUp = () =>
    Promise.all([...prepared.map((p) => p.tmp), ...backups.values()].map((f) => rm(f, { force: true }).catch(() => {})));
  try {
    for (const p of prepared.slice(0, -1)) {
      if (!p.existing) continue;
      const backup = besides(p.real, "bak");
      try {
        await link(p.real, backup);
      } catch {
        await copyFile(p.real, backup, fsConstants.COPYFILE_EXCL).catch((e) => {
          throw outputFailure(e, p.path);
        });
      }
      backups.set(p, backup);
    }
  } catch (e) {
    await cleanUp();
    throw e;
  }
  for (const p of prepared) {
    try {
      await rename(p.tmp, p.real);
      done.push(p);
    } catch (e) {
      const undone: string[] = [];
      const failed: string[] = [];
      for (const q of done.reverse()) {
        const backup = backups.get(q);
        try {
          if (backup) {
            await rename(backup, q.real);
            backups.delete(q);
          } else await rm(q.real, { force: true });
          undone.push(backup ? `${q.path} restored` : `${q.path} removed again`);
        } catch (r) {
          failed.push(`${q.path} could not be ${backup ? `restored (its previous content is in ${backup})` : "removed"}: ${outputFailure(r, q.path).message.split("\n")[0]}`);
          if (backup) backups.delete(q); // keep the only copy of the previous content
        }
      }
      await cleanUp();
      const after =
        failed.length > 0
          ? `The files are out of step: ${[...undone, ...failed].join("; ")}.`
          : `Nothing was written${undone.length > 0 ? ` (${undone.join(", ")})` : ""}.`;
      throw outputFailure(e, p.path, after);
    }
  }
  await cleanUp();
}

/** Write files so that either all of them are replaced or none (prepareOutputs, then commitOutputs). */
export async function writeOutputs(files: ReadonlyArray<{ path: string; bytes: Uint8Array | string }>): Promise<void> {
  await commitOutputs(await prepareOutputs(files));
}

/**
 * Map the typed variables to the table's ids, insist on every variable (BULK), and check every
 * spec's syntax. On the live API also resolve the specs against tableinfo, so that a wrong code
 * is named with the valid ones before any data request. A mirror resolves them in the client,
 * which knows what the file lacks (gaps) from what the table lacks (unknown codes).
 */
function checkSelection(
  table: string,
  info: TableInfo,
  selection: Options["selection"],
  resolveAgainstInfo: boolean,
): Query {
  const ids = info.variables.map((v) => v.id);
  const variables: Record<string, string[]> = {};
  for (const { variable, specs } of selection) {
    const v = info.variables.find((x) => x.id.toUpperCase() === variable.toUpperCase());
    if (!v) {
      const similar = similarIds(variable, ids, 3);
      throw new CliError(
        `${table} has no variable ${variable}.` +
          (similar.length > 0 ? ` Did you mean ${similar.join(" or ")}?` : "") +
          `\nThe variables of ${table} are: ${info.variables.map((x) => `${x.id} (${x.text})`).join(", ")}\nNothing was written.`,
      );
    }
    for (const spec of specs) {
      try {
        parseValueSpec(spec, table);
      } catch (e) {
        throw new CliError(`${v.id}=${spec}: ${(e as Error).message}\nNothing was written.`);
      }
    }
    variables[v.id] = specs;
  }
  const missing = info.variables.filter((v) => !(v.id in variables));
  if (missing.length > 0) {
    throw new CliError(
      `Select values for every variable of ${table}; missing: ${missing.map((v) => v.id).join(", ")}.\n` +
        missing.map((v) => `  ${v.id} (${v.text}): ${listCodes(v.values.map((x) => x.id), 10)}`).join("\n") +
        `\nUse VAR=* for every value, or a total code such as TOT or IALT.\nNothing was written.`,
    );
  }
  if (resolveAgainstInfo) {
    for (const v of info.variables) {
      const codes = v.values.map((x) => (v.time ? danishPeriod(x.id) : x.id));
      let unmatched: string[];
      try {
        unmatched = resolveSelection(v.id, codes, variables[v.id], table).unmatched;
      } catch (e) {
        throw new CliError(`${(e as Error).message}\nNothing was written.`);
      }
      if (unmatched.length > 0) {
        const explicit = unmatched.filter(isExplicitCode);
        const what = explicit.length === unmatched.length ? `no code ${unmatched.join(", ")}` : `nothing matching ${unmatched.join(", ")}`;
        throw new CliError(
          `${table} ${v.id} has ${what}.\n${validCodesLine(v.id, codes, table, "")}\nNothing was written.`,
        );
      }
    }
  }
  return { table, variables };
}

/**
 * A mirror gap as a message that lists the codes the mirror does hold for that variable. Codes the
 * mirror holds but not in this combination are named only when nothing else is wrong: a wrong
 * code empties the selection, and every other code would then look absent too.
 */
function explainGaps(e: MirrorGapError, info: TableInfo, allowGaps: boolean): string {
  const lines = [`${e.table}: the mirror ${e.dir} lacks part of the selection:`];
  const heldOf = (variable: string | null) => {
    const v = info.variables.find((x) => x.id.toUpperCase() === (variable ?? "").toUpperCase());
    return { v, held: v ? v.values.map((x) => x.id) : [] };
  };
  const isHeld = (variable: string | null, code: string) =>
    isExplicitCode(code) && heldOf(variable).held.some((h) => h.toUpperCase() === danishPeriod(code).toUpperCase());
  const wrong = e.gaps.filter((g) => g.reason !== "not-in-mirror" || g.codes.some((c) => !isHeld(g.variable, c)));
  for (const g of e.gaps) {
    if (g.reason === "table-not-in-mirror") {
      lines.push(`  the whole table (no ${e.table}.csv)`);
      continue;
    }
    const { v, held } = heldOf(g.variable);
    if (g.reason === "unknown-code") {
      lines.push(`  ${g.variable}=${g.codes.join(",")}: not a code of ${e.table} ${g.variable} (per the stored tableinfo)`);
    } else {
      const absent = g.codes.filter((c) => !isHeld(g.variable, c));
      const combination = g.codes.filter((c) => isHeld(g.variable, c));
      if (combination.length > 0 && wrong.length === 0) {
        lines.push(
          `  ${g.variable}=${listCodes(combination, 12)}: the mirror holds these codes, but not together with the rest of the selection` +
            ` (npm run data -- --info ${e.table} shows what the file covers)`,
        );
      }
      if (absent.length === 0) continue;
      lines.push(`  ${g.variable}=${absent.join(",")}: not in the mirror`);
    }
    if (v) lines.push(`    ${validCodesLine(v.id, held, e.table, " in the mirror")}`);
  }
  if (!allowGaps && e.gaps.every((g) => g.reason === "not-in-mirror")) {
    lines.push("Add --allow-gaps to write what the mirror holds (the gaps go into the provenance).");
  }
  lines.push("Nothing was written.");
  return lines.join("\n");
}

function validCodesLine(variable: string, codes: string[], table: string, where: string): string {
  const list = listCodes(codes, ERROR_CODES);
  const more = codes.length > ERROR_CODES ? `; npm run data -- --info ${table} --all lists every value` : "";
  return `Valid codes of ${variable}${where} (${codes.length}): ${list}${more}`;
}

/** "a, b, c" or "a, b, … (N in all)". */
export function listCodes(codes: string[], max: number): string {
  if (codes.length <= max) return codes.join(", ");
  return `${codes.slice(0, max).join(", ")}, … (${codes.length} in all)`;
}

function isExplicitCode(spec: string): boolean {
  return !/[*<>()]/.test(spec);
}

/** Rows in the table's order: by variable in header order, codes in tableinfo order (time chronologically). */
function sortRows(rows: ExtractRow[], dimensions: string[], info: TableInfo): ExtractRow[] {
  const ranks = dimensions.map((d) => {
    const v = info.variables.find((x) => x.id.toUpperCase() === d.toUpperCase());
    return new Map((v?.values ?? []).map((x, i) => [(v!.time ? danishPeriod(x.id) : x.id).toUpperCase(), i]));
  });
  const time = dimensions.map((d) => info.variables.find((x) => x.id.toUpperCase() === d.toUpperCase())?.time ?? false);
  return [...rows].sort((a, b) => {
    for (let i = 0; i < dimensions.length; i++) {
      const x = a.codes[dimensions[i]];
      const y = b.codes[dimensions[i]];
      if (x === y) continue;
      if (time[i]) {
        const c = comparePeriods(danishPeriod(x), danishPeriod(y));
        if (c !== 0 && !Number.isNaN(c)) return c;
      }
      const rx = ranks[i].get(x.toUpperCase()) ?? Infinity;
      const ry = ranks[i].get(y.toUpperCase()) ?? Infinity;
      if (rx !== ry) return rx - ry;
      return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** BULK-like CSV: ';', UTF-8 without BOM, "\n", header of variable codes and INDHOLD, decimal point, ".." for missing. */
export function toCsv(dimensions: string[], rows: ExtractRow[]): string {
  const lines = [[...dimensions, VALUE_COLUMN].join(";")];
  for (const r of rows) lines.push([...dimensions.map((d) => r.codes[d]), formatValue(r.value)].join(";"));
  return `${lines.join("\n")}\n`;
}

function formatValue(v: number | null): string {
  if (v === null) return "..";
  const s = String(v);
  if (!/e/i.test(s)) return s;
  // Never exponent notation: a reader of the API's format expects plain digits.
  return v.toFixed(20).replace(/\.?0+$/, "");
}

// ---------------------------------------------------------------------------------------------

/** Word-wrap `text` to `width` columns; the first line starts with `prefix`, the others with `next`. */
function wrap(text: string, prefix: string, next = prefix, width = 100): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const p = lines.length === 0 ? prefix : next;
    if (line && p.length + line.length + 1 + w.length > width) {
      lines.push(p + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push((lines.length === 0 ? prefix : next) + line);
  return lines;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => (l ? prefix + l : l))
    .join("\n");
}

