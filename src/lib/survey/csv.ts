/**
 * The survey file's CSV tokenizer: which delimiter the header uses, and the file split into records
 * with the line and offset of each field (RFC 4180 as Excel writes it). Text in, records out; what
 * the fields mean is import.ts's job.
 */
import { q, truncate } from "./messages.js";

export type Delimiter = ";" | ",";

export interface RawRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  /** Offset in the text where each field starts. */
  starts: number[];
  /** Offset after the record. */
  end: number;
  error: string | null;
}

/** Count ';', ',' and tabs outside quotes on the first line. */
export function delimiterCounts(text: string): { semicolon: number; comma: number; tab: number } {
  const counts = { semicolon: 0, comma: 0, tab: 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === "\n" || c === "\r") break;
    else if (c === ";") counts.semicolon++;
    else if (c === ",") counts.comma++;
    else if (c === "\t") counts.tab++;
  }
  return counts;
}

/** The delimiter of a header with these counts: ';' (Danish Excel) unless ',' is more frequent. */
export function delimiterOf(counts: { semicolon: number; comma: number }): Delimiter {
  return counts.semicolon >= counts.comma ? ";" : ",";
}

/** A record whose fields are all empty or spaces (also Excel's ";;;;" rows). */
export const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === "");

/**
 * Split CSV text into records (RFC 4180 as Excel writes it): fields may be quoted with "…", a quote
 * inside a quoted field is written "", and quoted fields may hold the delimiter and line breaks.
 * CRLF, LF and CR end lines. A quote inside an unquoted field is kept as it is.
 */
export function tokenize(text: string, delimiter: Delimiter): RawRecord[] {
  const records: RawRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const rec: RawRecord = { line, fields: [], starts: [], end: n, error: null };
    for (;;) {
      rec.starts.push(i);
      let value = "";
      if (text[i] === '"') {
        const openLine = line;
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
          value += c;
          i++;
        }
        if (!closed) {
          rec.error ??= `et anførselstegn (") åbnet på linje ${openLine} lukkes aldrig`;
        } else {
          let extra = "";
          while (i < n && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") extra += text[i++];
          if (extra.trim() !== "")
            rec.error ??= `tekst efter et afsluttende anførselstegn: ${q(truncate(`"${value}"${extra}`))}; skriv et anførselstegn inde i et felt som ""`;
        }
        value = value.replace(/\r\n?/g, "\n");
      } else {
        const startAt = i;
        while (i < n && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") i++;
        value = text.slice(startAt, i);
      }
      rec.fields.push(value);
      if (i >= n) break;
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      break;
    }
    rec.end = i;
    records.push(rec);
  }
  return records;
}
