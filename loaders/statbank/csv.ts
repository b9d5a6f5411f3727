/**
 * Parser for the API's CSV and BULK bodies: optional UTF-8 BOM, ';' separator, CRLF or LF line
 * ends, a header of variable codes ending in INDHOLD, codes kept as strings, numbers with a
 * decimal point or comma (never a thousands separator), and ".." / "-" / "" as missing.
 */
import { StatbankParseError } from "./errors.ts";

export interface ExtractRow {
  /** Variable code (as in the header) -> value code. */
  codes: Record<string, string>;
  /** INDHOLD; null where the source marks the value missing (".." or "-"). */
  value: number | null;
}

export interface Extract {
  table: string;
  /** Header without INDHOLD, in the body's order, e.g. ["OMRÅDE","KØN","ALDER","CIVILSTAND","TID"]. */
  dimensions: string[];
  rows: ExtractRow[];
  /** The file or request the rows were read from (for error messages). */
  source?: string;
  /** The body's line of each row, where rows are as parsed (validation names it). */
  lines?: number[];
}

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;
export const MISSING_MARKERS = new Set(["..", "-", ""]);

/** Parse one INDHOLD cell. Returns undefined when it is neither a number nor a missing marker. */
export function parseValue(raw: string): number | null | undefined {
  const s = raw.trim();
  if (MISSING_MARKERS.has(s)) return null;
  if (!NUMBER.test(s)) return undefined;
  return Number(s.replace(",", "."));
}

/** Split one line on ';', honouring double quotes ("a;b" and "" escapes) as the CSV format may quote labels. */
export function splitLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(";");
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') {
      if (field !== "") return null;
      quoted = true;
    } else if (c === ";") {
      out.push(field);
      field = "";
    } else field += c;
  }
  if (quoted) return null;
  out.push(field);
  return out;
}

/**
 * Parse a whole body. `source` names the file or request in error messages. `table` is stored
 * on the result. Blank lines at the end are allowed; anywhere else they are an error.
 */
export function parseStatbankCsv(text: string, source: string, table: string): Extract {
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  if (body.includes("\uFFFD")) {
    const line = body.slice(0, body.indexOf("\uFFFD")).split("\n").length;
    throw new StatbankParseError(source, line, "not valid UTF-8 (a Latin-1 export? save it as UTF-8)");
  }
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new StatbankParseError(source, null, "empty body (no header line)");
  if (/^\s*</.test(lines[0])) {
    // A proxy's login page or a server's error page answered with 200: say so rather than "no ';'".
    throw new StatbankParseError(source, 1, `an HTML/XML page, not CSV: ${JSON.stringify(truncate(lines[0]))}`);
  }
  const header = lines[0].split(";").map((h) => h.trim());
  if (header.length < 2) {
    const hint = lines[0].includes(",") || lines[0].includes("\t") ? " (is it comma- or tab-separated? StatBank uses ';')" : "";
    throw new StatbankParseError(source, 1, `header ${JSON.stringify(lines[0])} has no ';'-separated columns${hint}`);
  }
  if (header[header.length - 1].toUpperCase() !== "INDHOLD") {
    throw new StatbankParseError(source, 1, `the last column is ${JSON.stringify(header[header.length - 1])}, expected INDHOLD`);
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (h === "") throw new StatbankParseError(source, 1, "empty column name in header");
    if (seen.has(h.toUpperCase())) throw new StatbankParseError(source, 1, `column ${h} appears twice`);
    seen.add(h.toUpperCase());
  }
  const dimensions = header.slice(0, -1);
  const width = header.length;
  const rows: ExtractRow[] = new Array(lines.length - 1);
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i];
    if (line === "") throw new StatbankParseError(source, lineNo, "blank line inside the data");
    const fields = splitLine(line);
    if (!fields) throw new StatbankParseError(source, lineNo, `unbalanced quotes in ${JSON.stringify(truncate(line))}`);
    if (fields.length !== width) {
      throw new StatbankParseError(source, lineNo, `${fields.length} fields, expected ${width} (${header.join(";")}): ${JSON.stringify(truncate(line))}`);
    }
    const codes: Record<string, string> = {};
    for (let j = 0; j < dimensions.length; j++) codes[dimensions[j]] = fields[j];
    const raw = fields[width - 1];
    const value = parseValue(raw);
    if (value === undefined) {
      throw new StatbankParseError(source, lineNo, `INDHOLD ${JSON.stringify(raw)} is not a number (nor "..", "-")`);
    }
    rows[i - 1] = { codes, value };
  }
  // Row i comes from line i + 2: a blank line inside the data is an error above.
  return { table, dimensions, rows, source, lines: Array.from(rows, (_, i) => i + 2) };
}

function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
