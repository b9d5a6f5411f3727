/**
 * A survey file's bytes to text: UTF-8 (a BOM is skipped), or — for a file saved as UTF-16 or
 * Latin-1/Windows-1252, as Excel does unless told otherwise — the problems that say so, each bad
 * field by line and column with the text as Latin-1 would read it, and how to save the file again.
 */
import { delimiterCounts, delimiterOf, tokenize } from "./csv.js";
import { q, truncate } from "./messages.js";
import type { SurveyProblem } from "./types.js";

/** How to fix a file that is not UTF-8; ends several messages. */
export const SAVE_AS_UTF8 = `Gem filen som "CSV UTF-8 (kommasepareret)" i Excel (eller UTF-8 i jeres spørgeskemaværktøj), og indlæs den igen`;

/** The text without a leading byte order mark (U+FEFF). */
export const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The file's text, or the problems that keep it from being read as UTF-8 text. */
export type DecodedSurvey = { ok: true; text: string } | { ok: false; problems: SurveyProblem[] };

/**
 * Decode a survey file: text is taken as it is (a BOM dropped); bytes must be UTF-8 (a BOM is
 * skipped). UTF-16 (by its BOM or NUL bytes near the start), bytes that are not UTF-8 and text with
 * NUL characters are refused with problems saying how to save the file.
 */
export function decodeSurvey(input: string | Uint8Array): DecodedSurvey {
  let text: string;
  if (typeof input === "string") {
    text = stripBom(input);
  } else {
    const bytes = input;
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 1 && bytes.subarray(0, 200).includes(0))) {
      return { ok: false, problems: [{ line: null, column: null, message: `filen er gemt som UTF-16 ("Unicode-tekst"), ikke som CSV. ${SAVE_AS_UTF8}.` }] };
    }
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    } catch {
      return { ok: false, problems: encodingReport(bytes, start, invalidUtf8Offsets(bytes, start)) };
    }
  }
  if (text.includes("\u0000")) {
    return {
      ok: false,
      problems: [
        {
          line: null,
          column: null,
          message: `filen indeholder NUL-tegn; den er vist gemt som UTF-16 ("Unicode-tekst") eller er ikke en tekstfil. ${SAVE_AS_UTF8}.`,
        },
      ],
    };
  }
  return { ok: true, text };
}

/** Byte offsets where a byte sequence is not valid UTF-8 (one per bad sequence). */
function invalidUtf8Offsets(b: Uint8Array, start: number): number[] {
  const out: number[] = [];
  let i = start;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [need, cp] = [1, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, cp] = [2, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, cp] = [3, c & 0x07];
    else {
      out.push(i++);
      continue;
    }
    let ok = i + need < b.length;
    for (let k = 1; ok && k <= need; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (d & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) out.push(i++);
    else i += need + 1;
  }
  return out;
}

/** Single-byte decoding (Windows-1252, the superset of Latin-1 Excel writes): one char per byte. */
function decodeSingleByte(bytes: Uint8Array): string {
  try {
    const s = new TextDecoder("windows-1252").decode(bytes);
    if (s.length === bytes.length) return s;
  } catch {
    // fall through: plain Latin-1
  }
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/**
 * The bytes are not UTF-8: one problem for each line and column with bytes that are not, showing
 * the text as Latin-1/Windows-1252 would read it (one character per byte, so offsets match).
 */
function encodingReport(bytes: Uint8Array, start: number, offsets: number[]): SurveyProblem[] {
  const problems: SurveyProblem[] = [];
  const text = decodeSingleByte(bytes.subarray(start));
  const records = tokenize(text, delimiterOf(delimiterCounts(text)));
  const header = records[0]?.fields.map((h) => h.trim()) ?? [];
  const seen = new Set<string>();
  let r = 0;
  for (const byte of offsets) {
    const off = byte - start;
    while (r + 1 < records.length && records[r + 1].starts[0] <= off) r++;
    const rec = records[r];
    let f = 0;
    while (f + 1 < rec.starts.length && rec.starts[f + 1] <= off) f++;
    const column = r === 0 ? null : (header[f] ?? null);
    const key = `${rec.line}\u0000${f}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = rec.fields[f] ?? "";
    problems.push({
      line: rec.line,
      column,
      message: `${q(truncate(value.trim()))} er ikke gyldig UTF-8; filen ser ud til at være gemt som Latin-1/Windows-1252 (fx "CSV (semikolonsepareret)" i Excel). ${SAVE_AS_UTF8}.`,
    });
  }
  return problems;
}
