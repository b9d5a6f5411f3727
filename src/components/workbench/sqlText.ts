/**
 * Reading the SQL text of the workbench without a parser: which parts are code (not strings,
 * quoted names or comments), which datasets a query reads, the `:kommune` placeholder, statements
 * separated by `;`, and table names for files opened from disk. Pure functions (tested in node).
 */
import { asciiSlug } from "../../lib/text.js";

export type SegmentKind = "code" | "string" | "ident" | "comment";
export interface Segment {
  start: number;
  end: number;
  kind: SegmentKind;
}

/** Split SQL into code, 'strings', "quoted names", $$dollar strings$$ and comments (-- and block). */
export function scanSql(sql: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let codeStart = 0;
  const push = (start: number, end: number, kind: SegmentKind) => {
    if (end > start) out.push({ start, end, kind });
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    let end = -1;
    let kind: SegmentKind = "code";
    if (c === "'" || c === '"') {
      kind = c === "'" ? "string" : "ident";
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(c, j);
        if (k < 0) {
          end = sql.length;
          break;
        }
        if (sql[k + 1] === c) {
          j = k + 2;
          continue;
        } // '' or "" inside
        end = k + 1;
        break;
      }
    } else if (c === "-" && next === "-") {
      kind = "comment";
      const k = sql.indexOf("\n", i);
      end = k < 0 ? sql.length : k;
    } else if (c === "/" && next === "*") {
      kind = "comment";
      const k = sql.indexOf("*/", i + 2);
      end = k < 0 ? sql.length : k + 2;
    } else if (c === "$" && next === "$") {
      kind = "string";
      const k = sql.indexOf("$$", i + 2);
      end = k < 0 ? sql.length : k + 2;
    }
    if (end < 0) {
      i++;
      continue;
    }
    push(codeStart, i, "code");
    push(i, end, kind);
    i = end;
    codeStart = end;
  }
  push(codeStart, sql.length, "code");
  return out;
}

/** The SQL with every string and comment blanked out (same length, newlines kept): for searching code. */
export function codeOnly(sql: string): string {
  return scanSql(sql)
    .map((s) => (s.kind === "code" || s.kind === "ident" ? sql.slice(s.start, s.end) : blank(sql.slice(s.start, s.end))))
    .join("");
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

/** Keywords after which a table name follows. */
const TABLE_KEYWORDS = new Set(["from", "join", "into", "update", "table", "describe", "summarize", "pivot", "unpivot"]);
/** Keywords that end a FROM list (after them a comma no longer separates tables). */
const CLAUSE_END = new Set([
  "where",
  "group",
  "having",
  "order",
  "limit",
  "qualify",
  "window",
  "union",
  "except",
  "intersect",
  "on",
  "using",
  "select",
  "returning",
  "set",
  "values",
  "offset",
]);

interface Token {
  text: string;
  kind: "word" | "ident" | "punct";
  start: number;
}

function tokens(sql: string): Token[] {
  const out: Token[] = [];
  for (const seg of scanSql(sql)) {
    if (seg.kind === "comment") continue;
    if (seg.kind === "string") {
      out.push({ text: "''", kind: "punct", start: seg.start });
      continue;
    }
    if (seg.kind === "ident") {
      out.push({ text: sql.slice(seg.start + 1, seg.end - 1).replace(/""/g, '"'), kind: "ident", start: seg.start });
      continue;
    }
    const re = /[A-Za-z_\u00c0-\u024f][A-Za-z0-9_$\u00c0-\u024f]*|\S/g;
    const text = sql.slice(seg.start, seg.end);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ text: m[0], kind: /^[A-Za-z_\u00c0-\u024f]/.test(m[0]) ? "word" : "punct", start: seg.start + m.index });
    }
  }
  return out;
}

/**
 * The names out of `names` that the SQL reads as tables (after FROM, JOIN, in a FROM list, …),
 * in order of first use; compared case-insensitively, as DuckDB does. A column that happens to
 * share a table's name (population.population) is not counted.
 */
export function referencedTables(sql: string, names: readonly string[]): string[] {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const found: string[] = [];
  const add = (name: string) => {
    const hit = byLower.get(name.toLowerCase());
    if (hit && !found.includes(hit)) found.push(hit);
  };
  const toks = tokens(sql);
  // Paren depth at which a FROM list is open (a comma there starts another table).
  const fromDepth: number[] = [];
  let depth = 0;
  let expectTable = false;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const lower = t.kind === "word" ? t.text.toLowerCase() : null;
    if (t.text === "(" && t.kind === "punct") {
      depth++;
      expectTable = false;
      continue;
    }
    if (t.text === ")" && t.kind === "punct") {
      while (fromDepth.length && fromDepth[fromDepth.length - 1] >= depth) fromDepth.pop();
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (expectTable && (t.kind === "word" || t.kind === "ident") && !(lower && TABLE_KEYWORDS.has(lower))) {
      // schema-qualified: main.population
      let name = t.text;
      if (toks[i + 1]?.text === "." && (toks[i + 2]?.kind === "word" || toks[i + 2]?.kind === "ident")) {
        name = toks[i + 2].text;
        i += 2;
      }
      add(name);
      expectTable = false;
      continue;
    }
    if (lower && TABLE_KEYWORDS.has(lower)) {
      expectTable = true;
      if (lower === "from") fromDepth.push(depth);
      continue;
    }
    if (lower && CLAUSE_END.has(lower)) {
      while (fromDepth.length && fromDepth[fromDepth.length - 1] >= depth) fromDepth.pop();
      expectTable = false;
      continue;
    }
    if (t.text === "," && fromDepth.length && fromDepth[fromDepth.length - 1] === depth) {
      expectTable = true;
      continue;
    }
    expectTable = false;
  }
  return found;
}

/** Queries that look at the catalog (every dataset must be registered first for them to list it). */
export function readsCatalog(sql: string): boolean {
  return /\b(information_schema|duckdb_tables|duckdb_columns|duckdb_views|sqlite_master|pg_tables|show\s+(all\s+)?tables)\b/i.test(codeOnly(sql));
}

export const KOMMUNE_PLACEHOLDER = ":kommune";

/**
 * Replace the `:kommune` placeholder (in code, not in strings or comments) with the municipality
 * code as an SQL string. The replacement is padded with spaces to the placeholder's length, so
 * DuckDB's error positions still point into the text the analyst wrote.
 */
export function bindKommune(sql: string, code: string): { text: string; used: boolean } {
  if (!/^\d{3}$/.test(code)) throw new Error(`kommunekode ${JSON.stringify(code)} er ikke tre cifre`);
  const literal = `'${code}'`.padEnd(KOMMUNE_PLACEHOLDER.length, " ");
  let used = false;
  const text = scanSql(sql)
    .map((s) => {
      const part = sql.slice(s.start, s.end);
      if (s.kind !== "code") return part;
      return part.replace(/(^|[^:A-Za-z0-9_]):kommune(?![A-Za-z0-9_])/gi, (_m, before: string) => {
        used = true;
        return before + literal;
      });
    })
    .join("");
  return { text, used };
}

/** The statements of a script: ranges between `;` outside strings and comments, empty ones left out. */
export function splitStatements(sql: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const code = codeOnly(sql);
  const segments = scanSql(sql);
  const hasCode = (from: number, to: number) =>
    segments.some(
      (s) =>
        s.kind !== "comment" && s.end > from && s.start < to && (s.kind !== "code" || sql.slice(Math.max(s.start, from), Math.min(s.end, to)).trim() !== ""),
    );
  for (let i = 0; i <= code.length; i++) {
    if (i === code.length || code[i] === ";") {
      if (hasCode(start, i)) out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

/**
 * The whole text with everything outside [start, end) blanked (newlines kept): one statement sent
 * on its own, at the same line and column as in the editor.
 */
export function isolateStatement(sql: string, range: { start: number; end: number }): string {
  return blank(sql.slice(0, range.start)) + sql.slice(range.start, range.end) + blank(sql.slice(range.end));
}

/** The kinds of file the workbench opens from disk, by file name. */
export type FileKind = "csv" | "parquet" | "arrow";

export function fileKind(fileName: string): FileKind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "tsv" || ext === "txt") return "csv";
  if (ext === "parquet" || ext === "pq") return "parquet";
  if (ext === "arrow" || ext === "arrows" || ext === "feather" || ext === "ipc") return "arrow";
  return null;
}

/** Words that cannot be a table name without quotes. */
const RESERVED = new Set([
  "all",
  "and",
  "any",
  "array",
  "as",
  "asc",
  "case",
  "cast",
  "check",
  "column",
  "create",
  "default",
  "desc",
  "distinct",
  "do",
  "else",
  "end",
  "except",
  "false",
  "for",
  "foreign",
  "from",
  "grant",
  "group",
  "having",
  "in",
  "intersect",
  "into",
  "join",
  "limit",
  "not",
  "null",
  "offset",
  "on",
  "or",
  "order",
  "primary",
  "references",
  "select",
  "table",
  "then",
  "to",
  "true",
  "union",
  "unique",
  "using",
  "when",
  "where",
  "window",
  "with",
]);

/**
 * A table name for a file: "Mine tal 2024.csv" -> "mine_tal_2024", "2024.csv" -> "t_2024". A name
 * already `taken` (a dataset, another file) or an SQL keyword gets "_fil" (then "_fil2", …).
 */
export function tableNameFromFile(fileName: string, taken: Iterable<string>): string {
  const takenLower = new Set([...taken].map((t) => t.toLowerCase()));
  let base = asciiSlug(fileName.replace(/\.[a-z0-9]+$/i, ""), "-").replace(/-/g, "_") || "fil";
  if (/^\d/.test(base)) base = `t_${base}`;
  if (!takenLower.has(base) && !RESERVED.has(base)) return base;
  for (let n = 1; ; n++) {
    const candidate = `${base}_fil${n === 1 ? "" : n}`;
    if (!takenLower.has(candidate)) return candidate;
  }
}

/** Words that begin a statement which only reads (a query, a look at a table). */
const READING = new Set(["select", "with", "from", "values", "table", "describe", "show", "summarize", "pivot", "unpivot", "explain"]);
/** Words that change data or settings wherever they stand in a statement (WITH … INSERT, SELECT … INTO is not DuckDB). */
const WRITING = new Set([
  "insert",
  "update",
  "delete",
  "create",
  "drop",
  "alter",
  "copy",
  "attach",
  "detach",
  "set",
  "reset",
  "call",
  "export",
  "import",
  "install",
  "load",
  "checkpoint",
  "vacuum",
  "truncate",
  "merge",
  "pragma",
  "begin",
  "commit",
  "rollback",
  "use",
]);

/**
 * Whether a statement only reads, so running it a second time (for the CSV of every row) gives
 * the same rows and changes nothing. Judged by its words in code (not strings, quoted names or
 * comments): it starts with SELECT, WITH, FROM, … and holds no INSERT, CREATE, SET, COPY, ….
 * When in doubt it says no.
 */
export function isReadOnly(sql: string): boolean {
  const words = tokens(sql)
    .filter((t) => t.kind === "word")
    .map((t) => t.text.toLowerCase());
  if (words.length === 0 || !READING.has(words[0])) return false;
  return !words.some((w) => WRITING.has(w));
}
