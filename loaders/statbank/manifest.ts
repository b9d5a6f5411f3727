/**
 * A mirror folder's MANIFEST.json says, per table file, how many data rows it has and its sha256.
 * `checkMirrorFile` compares a file's bytes with that entry, so a file that was cut, appended to
 * or edited after the manifest was written is refused by name instead of being read as data.
 */
import { createHash } from "node:crypto";

export interface ManifestFileEntry {
  id: string;
  file?: string;
  sha256?: string;
  rows?: number;
}

/** Data rows of a BULK/CSV text: non-empty lines after the header. */
export function countDataRows(text: string): number {
  let lines = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (text.slice(start, end).trim() !== "") lines++;
    start = end + 1;
  }
  return Math.max(0, lines - 1);
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The problems of one file against its MANIFEST entry (empty when it matches or the entry gives
 * neither rows nor sha256). Each problem names the file and what differs.
 */
export function checkMirrorFile(path: string, bytes: Uint8Array, entry: ManifestFileEntry | undefined): string[] {
  if (!entry) return [];
  const problems: string[] = [];
  if (typeof entry.rows === "number") {
    const rows = countDataRows(Buffer.from(bytes).toString("utf8"));
    if (rows !== entry.rows) {
      problems.push(
        `${path}: ${rows} data rows, but MANIFEST.json says ${entry.rows} for ${entry.id} (the file was cut, extended or replaced after the manifest was written)`,
      );
    }
  }
  if (typeof entry.sha256 === "string" && entry.sha256 !== "") {
    const actual = sha256Hex(bytes);
    if (actual !== entry.sha256.toLowerCase()) {
      problems.push(
        `${path}: sha256 ${actual} differs from MANIFEST.json's ${entry.sha256} for ${entry.id} (the file's content changed after the manifest was written)`,
      );
    }
  }
  return problems;
}

export class ManifestMismatchError extends Error {
  constructor(
    readonly table: string,
    readonly problems: string[],
  ) {
    super(`${table}: the mirror file does not match MANIFEST.json\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ManifestMismatchError";
  }
}
