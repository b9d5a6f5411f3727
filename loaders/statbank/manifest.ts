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

/** Data rows of a BULK/CSV text (or its UTF-8 bytes): non-empty lines after the header. */
export function countDataRows(text: string | Uint8Array): number {
  if (typeof text !== "string") return countDataRowsInBytes(text);
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

/**
 * countDataRows of the bytes without decoding them: a '\n' byte is a line break in UTF-8 and in
 * nothing else, and a line is blank when trim() leaves nothing of it, i.e. it holds ASCII blanks
 * only, or other bytes that decode to blanks (decoded to tell, which is rare).
 */
function countDataRowsInBytes(bytes: Uint8Array): number {
  let lines = 0;
  let start = 0;
  const n = bytes.length;
  while (start < n) {
    let blank = true;
    let nonAscii = false;
    let end = start;
    for (; end < n; end++) {
      const b = bytes[end];
      if (b === 10) break;
      if (!blank) continue;
      if (b >= 0x80) nonAscii = true;
      else if (b !== 32 && (b < 9 || b > 13)) blank = false;
    }
    if (
      !blank ||
      (nonAscii &&
        Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start)
          .toString("utf8")
          .trim() !== "")
    )
      lines++;
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
    const rows = countDataRows(bytes);
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
