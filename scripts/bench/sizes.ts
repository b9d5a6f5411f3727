/**
 * Arrow vs CSV size of every dataset the loaders built: the Arrow file as the browser downloads it
 * (provenance in its schema metadata included), and the same table written as CSV (header, `;`
 * separator, decimal comma, empty = missing, the way StatBank's own files are), raw and gzipped.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Schema, Table, tableFromIPC, tableToIPC } from "apache-arrow";
import { wholeDatasetFiles } from "../../loaders/datasetFiles.ts";

export interface SizeRow {
  dataset: string;
  rows: number;
  arrow: number;
  arrowGzip: number;
  csv: number;
  csvGzip: number;
  /** Bytes of the provenance JSON in the Arrow schema metadata (not in the CSV). */
  metadata: number;
  /** The same Arrow file without that metadata, gzipped: what the data alone costs. */
  arrowGzipWithoutMetadata: number;
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v).replace(".", ",");
  if (typeof v === "bigint") return String(v);
  const s = String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableToCsv(table: Table): string {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => table.getChild(n)!);
  const lines = [names.map(csvField).join(";")];
  for (let i = 0; i < table.numRows; i++) lines.push(columns.map((c) => csvField(c.get(i))).join(";"));
  return `${lines.join("\n")}\n`;
}

const gzip = (bytes: Uint8Array | string) => gzipSync(bytes, { level: 9 }).length;

export function arrowVsCsv(dataDir: string): SizeRow[] {
  return wholeDatasetFiles(dataDir).map(({ dataset, path }) => {
    const bytes = new Uint8Array(readFileSync(path));
    const table = tableFromIPC(bytes);
    const csv = Buffer.from(tableToCsv(table));
    return {
      dataset,
      rows: table.numRows,
      arrow: bytes.length,
      arrowGzip: gzip(bytes),
      csv: csv.length,
      csvGzip: gzip(csv),
      metadata: Buffer.byteLength(table.schema.metadata.get("provenance") ?? ""),
      arrowGzipWithoutMetadata: gzip(tableToIPC(new Table(new Schema(table.schema.fields), table.batches), "stream")),
    };
  });
}
