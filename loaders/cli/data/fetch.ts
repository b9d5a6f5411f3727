/**
 * `npm run data -- TABLE VAR=specs … [--out FILE]`: fetch a checked selection, put its rows in the
 * table's order and write them as Arrow (codes as strings, INDHOLD as float64, provenance in the
 * schema metadata) or BULK-like CSV, with FILE.provenance.json beside it. Nothing is written
 * unless the whole selection was read; the two files are replaced together (./output.ts).
 */
import { basename, extname, join, resolve } from "node:path";
import { toArrowIPC, type ColumnSpec } from "../../arrow.ts";
import { datasetMeta, gapsAsMissing } from "../../provenance.ts";
import type { FetchResult, StatbankClient } from "../../statbank/client.ts";
import type { ExtractRow } from "../../statbank/csv.ts";
import { describeGaps, MirrorGapError, StatbankApiError, StatbankQueryError } from "../../statbank/errors.ts";
import { comparePeriods, danishPeriod } from "../../statbank/period.ts";
import type { TableInfo } from "../../statbank/transport.ts";
import { CliError, type CliIO } from "../common.ts";
import { checkOutputTarget, writeOutputs } from "./output.ts";
import { checkSelection, explainGaps, type Selection } from "./selection.ts";
import { tableInfoOrExplain } from "./tableInfo.ts";

export type OutputFormat = "arrow" | "csv";

/** The value column of every output, as in the API's BULK/CSV answers. */
export const VALUE_COLUMN = "INDHOLD";

/** What to fetch and where to write it, as the command line gave it. */
export interface FetchRequest {
  table: string;
  selection: Selection;
  format?: OutputFormat;
  out?: string;
  allowGaps: boolean;
}

export async function fetchToFile(client: StatbankClient, opts: FetchRequest, io: CliIO): Promise<void> {
  const table = opts.table;
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

function outputPath(opts: FetchRequest, cwd: string, table: string): { format: OutputFormat; path: string } {
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
