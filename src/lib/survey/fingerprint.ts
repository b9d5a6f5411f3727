/**
 * The content fingerprint of a survey file's rows. The shipped example (data/survey/eksempel.csv) is
 * recognised by its content, not its name: src/data/survey/eksempel-fingerprint.json.ts computes
 * its fingerprint at build, and importSurvey (import.ts) compares it with that of the imported file.
 */
import { delimiterCounts, delimiterOf, isBlank, tokenize } from "./csv.js";
import { stripBom } from "./decode.js";

/**
 * A 64-bit hash of a string's UTF-16 code units, as 16 hex digits (two 32-bit lanes in the style of
 * cyrb53). Not cryptographic: it recognises a file, it does not guard against a forged one.
 */
function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/**
 * The fingerprint of a file's rows: the header (trimmed, lower case) and every non-blank record
 * (fields trimmed), so it does not change when the same rows are saved again with another line end,
 * delimiter, quoting or without BOM — but does when one answer, row or column differs.
 */
export function fingerprintRecords(header: readonly string[], records: readonly (readonly string[])[]): string {
  const rows = [header.map((h) => h.trim().toLowerCase()), ...records.map((r) => r.map((f) => f.trim()))];
  return `${records.length}-${hash64(rows.map((r) => r.join("\u001f")).join("\u001e"))}`;
}

/**
 * The fingerprint of a survey file's rows (see fingerprintRecords), read as importSurvey reads it;
 * null for a file with no header. The build computes it for the shipped example
 * (src/data/survey/eksempel-fingerprint.json.ts) and the page passes it to importSurvey as
 * `exampleFingerprint`: an uploaded copy of the example, under any name, is labelled "Eksempeldata".
 */
export function surveyFileFingerprint(input: string | Uint8Array): string | null {
  const raw = typeof input === "string" ? input : new TextDecoder("utf-8", { ignoreBOM: true }).decode(input);
  const text = stripBom(raw);
  if (text.trim() === "") return null;
  const all = tokenize(text, delimiterOf(delimiterCounts(text)));
  return fingerprintRecords(
    all[0].fields,
    all
      .slice(1)
      .filter((r) => r.error !== null || !isBlank(r.fields))
      .map((r) => r.fields),
  );
}
