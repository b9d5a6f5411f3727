/**
 * Importer for the preference analysis (præferenceanalyse): a survey file (CSV) checked against a
 * schema (data/survey/schema.json) that names its columns — respondent id, optional design weight,
 * grouping columns, Likert items on named 1–5 scales, multi-choice questions and free text. The
 * format is documented in data/survey/README.md.
 *
 * Pure and browser-safe (no node imports): the page parses the planner's file in the browser.
 * Every problem is reported with line and column; the import either succeeds with tidy rows
 * (respondents, answers, choices, texts, memberships) or throws one SurveyImportError listing them
 * all. Messages are Danish, as they are shown to the planner.
 *
 * The shipped example (data/survey/eksempel.csv) is recognised by its content, not its name: the
 * fingerprint of its rows (surveyFileFingerprint) is computed at build by
 * src/data/survey/eksempel-fingerprint.json.ts and compared with that of the imported file.
 */

// ---------------------------------------------------------------------------------------------
// Types

/** A population margin a grouping column can be raked to: age groups or sex (see MARGIN_CATEGORIES). */
export type SurveyMargin = "age" | "sex";
export const SURVEY_MARGINS: readonly SurveyMargin[] = ["age", "sex"];

/** A grouping column, e.g. familietype: codes in the file → Danish labels, in display order. */
export interface SurveyGroup {
  column: string;
  label: string;
  values: Record<string, string>;
  /** Ties the column to a population margin for raking; null when it has none. */
  margin: SurveyMargin | null;
}

/** A Likert scale: integer codes ("1".."5", consecutive) → Danish labels. */
export type SurveyScale = Record<string, string>;

/** One Likert item (one column). Items sharing a topic pair importance with satisfaction. */
export interface SurveyItem {
  column: string;
  label: string;
  /** A key of SurveySchema.scales. */
  scale: string;
  topic: string | null;
}

/** A multi-choice question: the chosen codes in one column, joined by `separator`. */
export interface SurveyMulti {
  column: string;
  label: string;
  separator: string;
  values: Record<string, string>;
}

/** A validated schema (parseSchema fills in the defaults of optional keys). */
export interface SurveySchema {
  title: string;
  /** The respondent id column. */
  id: string;
  /** The design-weight column, or null for none. */
  weight: string | null;
  groups: SurveyGroup[];
  scales: Record<string, SurveyScale>;
  /** Answers read as no answer (compared trimmed, ignoring case). Default [""]. */
  missing: string[];
  items: SurveyItem[];
  multi: SurveyMulti[];
  /** Free-text columns; never shown by default. */
  freeText: string[];
}

export interface SurveyProblem {
  /** 1-based line in the file (where the row starts); null for the file or schema as a whole. */
  line: number | null;
  /** The column's name, when the problem is in one column. */
  column: string | null;
  message: string;
  /** Set when the problem is a column the schema needs and the file's header lacks. */
  kind?: "missing-column";
  /** For a missing column: the file's own columns that look like it (columnSuggestions), nearest first; may be empty. */
  suggestions?: string[];
}

export interface SurveyRespondent {
  id: string;
  /** The design weight; null when the survey is unweighted (no weight column, or it is empty). */
  weight: number | null;
  /** Group column → code, for every group in the schema. */
  groups: Record<string, string>;
}

export interface SurveyAnswer {
  respondent: string;
  /** The item's column. */
  item: string;
  value: number;
}

export interface SurveyChoice {
  respondent: string;
  /** The multi-choice question's column. */
  question: string;
  /** The chosen code. */
  choice: string;
}

export interface SurveyText {
  respondent: string;
  column: string;
  text: string;
}

export interface SurveyMembership {
  respondent: string;
  /** The group column. */
  variable: string;
  /** The code. */
  value: string;
}

export interface SurveyImport {
  fileName: string;
  schema: SurveySchema;
  /**
   * The file is the shipped example survey (invented answers): its fingerprint equals the one passed
   * as `exampleFingerprint`, whatever the file is called. Every chart then says "Eksempeldata".
   */
  example: boolean;
  /** The fingerprint of the file's rows (surveyFileFingerprint). */
  fingerprint: string;
  /** In file order. */
  respondents: SurveyRespondent[];
  /** One row per respondent × item answered (none for missing answers), in file and schema order. */
  answers: SurveyAnswer[];
  choices: SurveyChoice[];
  texts: SurveyText[];
  /** One row per respondent × group column. */
  memberships: SurveyMembership[];
  /** What the planner should know but does not stop the import (e.g. columns not in the schema). */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Errors

/** At most this many problems are listed in an error message; the rest are counted. */
const MAX_LISTED = 20;

export function formatSurveyProblem(fileName: string, p: SurveyProblem): string {
  const line = p.line === null ? "" : `, linje ${p.line}`;
  const column = p.column === null ? "" : `, kolonne ${p.column}`;
  return `${fileName}${line}${column}: ${p.message}`;
}

/** Every problem found in a survey file; the message lists up to 20, then "… og N flere". */
export class SurveyImportError extends Error {
  readonly problems: SurveyProblem[];
  constructor(
    readonly fileName: string,
    problems: SurveyProblem[],
    head = `${problems.length} fejl i spørgeskemafilen, som derfor ikke er indlæst (formatet er beskrevet i data/survey/README.md)`,
  ) {
    const listed = problems.slice(0, MAX_LISTED).map((p) => `  ${formatSurveyProblem(fileName, p)}`);
    const rest = problems.length > MAX_LISTED ? [`  … og ${problems.length - MAX_LISTED} flere`] : [];
    super([`${fileName}: ${head}`, ...listed, ...rest].join("\n"));
    this.name = "SurveyImportError";
    this.problems = problems;
  }
}

/** Problems in the schema itself (thrown by parseSchema). */
export class SurveySchemaError extends SurveyImportError {
  constructor(source: string, problems: SurveyProblem[]) {
    super(source, problems, `${problems.length} fejl i skemaet (formatet er beskrevet i data/survey/README.md)`);
    this.name = "SurveySchemaError";
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const q = (s: string) => JSON.stringify(s);
const truncate = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);
const listOf = (xs: readonly string[], n = 12) => (xs.length > n ? `${xs.slice(0, n).join(", ")}, …` : xs.join(", "));
const DANISH_LETTERS: Record<string, string> = { æ: "ae", ø: "oe", å: "aa" };
/** "Køn" → "koen": how a column name with æ, ø, å is usually written in a schema. */
const asciiName = (s: string) => s.toLowerCase().replace(/[æøå]/g, (c) => DANISH_LETTERS[c]);
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
/** "a", "a eller b", "a, b eller c". */
const orList = (xs: readonly string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} eller ${xs[xs.length - 1]}`);

// ---------------------------------------------------------------------------------------------
// Column suggestions

/** "Tilfreds Skole", "tilfreds-skole" → "tilfredsskole": a column name as compared for suggestions. */
const looseName = (s: string) => asciiName(s.normalize("NFC").trim()).replace(/[^a-z0-9]/g, "");

/** Edit distance with adjacent transpositions (optimal string alignment): "skloe" → "skole" is 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The columns among `candidates` (the file's own) that look like `wanted` (a column the schema
 * needs), nearest first, at most `max`. Case, æ/ø/å written as ae/oe/aa, spaces and punctuation do
 * not count; beyond that a candidate may differ by a quarter of the longer name's letters (at least
 * 1 edit, at most 3). Only plausible slips are suggested: "tilfreds_skolen" or "Tilfreds skole" for
 * tilfreds_skole, "Køn" for koen — not "tilfreds_bolig" or "vigtig_skole".
 */
export function columnSuggestions(wanted: string, candidates: readonly string[], max = 3): string[] {
  const w = looseName(wanted);
  if (w === "") return [];
  const scored: { name: string; d: number; order: number }[] = [];
  candidates.forEach((name, order) => {
    const c = looseName(name);
    if (c === "") return;
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(w.length, c.length) / 4)));
    if (Math.abs(w.length - c.length) > limit) return;
    const d = editDistance(w, c);
    if (d <= limit && !scored.some((s) => s.name === name)) scored.push({ name, d, order });
  });
  return scored
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .slice(0, max)
    .map((s) => s.name);
}

/** The importer's message for a column the header lacks, with the file's look-alikes if any. */
function missingColumnMessage(column: string, suggestions: readonly string[]): string {
  if (suggestions.length === 0) return `kolonnen ${column} mangler i overskriften`;
  return `kolonnen ${column} mangler i overskriften. Mente du ${orList(suggestions.map(q))}? Så omdøb den til ${column}`;
}

/**
 * The categories a margin's codes must come from: those of the population dataset the page rakes
 * to (population_agegroups, from FOLK1A: age groups and sex "M"/"K"). A group need not use them all.
 */
export const MARGIN_CATEGORIES: Readonly<Record<SurveyMargin, readonly string[]>> = {
  age: ["0-5", "6-16", "17-19", "20-34", "35-64", "65-79", "80-"],
  sex: ["M", "K"],
};

// ---------------------------------------------------------------------------------------------
// Schema

const TOP_KEYS = ["title", "id", "weight", "groups", "scales", "missing", "items", "multi", "freeText"];
const GROUP_KEYS = ["column", "label", "values", "margin"];
const ITEM_KEYS = ["column", "label", "scale", "topic"];
const MULTI_KEYS = ["column", "label", "separator", "values"];

/**
 * Validate a schema (the parsed JSON of data/survey/schema.json) and return it with defaults filled
 * in. Throws a SurveySchemaError listing every problem. Keys starting with "_" are comments and
 * ignored; any other unknown key is an error (it is usually a typo).
 */
export function parseSchema(json: unknown, source = "schema.json"): SurveySchema {
  const problems: SurveyProblem[] = [];
  const report = (column: string | null, message: string) => problems.push({ line: null, column, message });
  if (!isRecord(json)) {
    report(null, "skemaet skal være et JSON-objekt { … }");
    throw new SurveySchemaError(source, problems);
  }
  const unknownKeys = (obj: Record<string, unknown>, allowed: string[], where: string, column: string | null) => {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k) && !k.startsWith("_")) report(column, `${where}: ukendt nøgle ${q(k)} (tilladt: ${allowed.join(", ")}; nøgler, der starter med "_", er kommentarer)`);
    }
  };
  const str = (obj: Record<string, unknown>, key: string, where: string, column: string | null, optional = false): string | null => {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (!optional) report(column, `${where}: ${q(key)} mangler`);
      return null;
    }
    if (typeof v !== "string" || v.trim() === "") {
      report(column, `${where}: ${q(key)} skal være en tekst, der ikke er tom`);
      return null;
    }
    return v.trim();
  };
  /** A code → label object; codes and labels non-empty strings. */
  const codeMap = (v: unknown, where: string, column: string | null, key = "values"): Record<string, string> | null => {
    if (v === undefined || v === null) {
      report(column, `${where}: ${q(key)} mangler (koderne i filen og deres tekster, fx {"ja": "Ja", "nej": "Nej"})`);
      return null;
    }
    if (!isRecord(v)) {
      report(column, `${where}: ${q(key)} skal være et objekt med koder og tekster, fx {"ja": "Ja", "nej": "Nej"}`);
      return null;
    }
    const entries = Object.entries(v);
    if (entries.length === 0) {
      report(column, `${where}: ${q(key)} er tom; skriv mindst én kode og dens tekst`);
      return null;
    }
    const out: Record<string, string> = {};
    let ok = true;
    const seen = new Map<string, string>();
    for (const [code, label] of entries) {
      if (code.trim() === "" || code !== code.trim()) {
        report(column, `${where}: koden ${q(code)} må ikke være tom eller begynde/slutte med mellemrum`);
        ok = false;
      }
      if (typeof label !== "string" || label.trim() === "") {
        report(column, `${where}: koden ${q(code)} skal have en tekst (ikke tom)`);
        ok = false;
        continue;
      }
      const other = seen.get(code.toLowerCase());
      if (other !== undefined) {
        report(column, `${where}: koderne ${q(other)} og ${q(code)} er ens, når der ses bort fra store og små bogstaver`);
        ok = false;
      }
      seen.set(code.toLowerCase(), code);
      out[code] = label.trim();
    }
    return ok ? out : null;
  };
  const array = (key: string, optional: boolean): unknown[] => {
    const v = json[key];
    if (v === undefined || v === null) {
      if (!optional) report(null, `${q(key)} mangler`);
      return [];
    }
    if (!Array.isArray(v)) {
      report(null, `${q(key)} skal være en liste [ … ]`);
      return [];
    }
    return v;
  };

  unknownKeys(json, TOP_KEYS, "skemaet", null);
  const title = str(json, "title", "skemaet", null) ?? "";
  const id = str(json, "id", "skemaet", null) ?? "";
  const weight = str(json, "weight", "skemaet", null, true);

  // scales
  const scales: Record<string, SurveyScale> = {};
  if (json.scales === undefined || json.scales === null) report(null, `"scales" mangler (fx {"tilfredshed": {"1": "Meget utilfreds", …, "5": "Meget tilfreds"}})`);
  else if (!isRecord(json.scales) || Object.keys(json.scales).length === 0) report(null, `"scales" skal være et objekt med mindst én skala, fx {"tilfredshed": {"1": "Meget utilfreds", …}}`);
  else {
    for (const [name, raw] of Object.entries(json.scales)) {
      const where = `skalaen ${q(name)}`;
      const map = codeMap(raw, where, null, name);
      if (!map) continue;
      const codes = Object.keys(map);
      if (codes.some((c) => !/^\d+$/.test(c))) {
        report(null, `${where}: svarkoderne skal være hele tal som "1", "2", … (fik ${listOf(codes.map(q))})`);
        continue;
      }
      const values = codes.map(Number).sort((a, b) => a - b);
      if (values.length < 2) report(null, `${where}: en skala skal have mindst to svarmuligheder`);
      else if (values.some((v, i) => i > 0 && v !== values[i - 1] + 1)) report(null, `${where}: svarkoderne skal følge efter hinanden uden huller (fik ${values.join(", ")})`);
      else if (codes.some((c) => String(Number(c)) !== c)) report(null, `${where}: skriv svarkoderne uden foranstillede nuller (fik ${listOf(codes.map(q))})`);
      else scales[name] = map;
    }
  }

  // missing
  let missing = [""];
  if (json.missing !== undefined && json.missing !== null) {
    if (!Array.isArray(json.missing) || json.missing.some((m) => typeof m !== "string")) report(null, `"missing" skal være en liste af tekster, fx ["", "ved ikke"]`);
    else missing = [...new Set(json.missing.map((m: string) => m.trim().toLowerCase()))];
  }
  for (const [name, scale] of Object.entries(scales)) {
    for (const m of missing) if (m in scale) report(null, `"missing" indeholder ${q(m)}, som også er et svar på skalaen ${q(name)}`);
  }

  // columns, in one namespace
  const columns = new Map<string, string>();
  const claim = (column: string | null, what: string) => {
    if (column === null) return;
    const key = column.toLowerCase();
    const other = columns.get(key);
    if (other) report(column, `kolonnen ${q(column)} er brugt to gange i skemaet (${other} og ${what})`);
    else columns.set(key, what);
  };
  claim(id || null, `"id"`);
  claim(weight, `"weight"`);

  const groups: SurveyGroup[] = [];
  array("groups", true).forEach((raw, i) => {
    const where = `"groups" nr. ${i + 1}`;
    if (!isRecord(raw)) return report(null, `${where} skal være et objekt {"column": …, "label": …, "values": {…}}`);
    const column = str(raw, "column", where, null);
    const w = column ? `${where} (${column})` : where;
    unknownKeys(raw, GROUP_KEYS, w, column);
    claim(column, `"groups" nr. ${i + 1}`);
    const label = str(raw, "label", w, column);
    const values = codeMap(raw.values, w, column);
    let margin: SurveyMargin | null = null;
    if (raw.margin !== undefined && raw.margin !== null) {
      if (!SURVEY_MARGINS.includes(raw.margin as SurveyMargin)) {
        report(column, `${w}: "margin" skal være ${SURVEY_MARGINS.map(q).join(" eller ")} (fik ${JSON.stringify(raw.margin)})`);
      } else margin = raw.margin as SurveyMargin;
    }
    if (values && margin) {
      const allowed = MARGIN_CATEGORIES[margin];
      const bad = Object.keys(values).filter((c) => !allowed.includes(c));
      const what = margin === "age" ? "aldersgrupperne i befolkningstallene" : "kønnene i befolkningstallene (M = mand, K = kvinde)";
      if (bad.length) report(column, `${w}: ${listOf(bad.map(q))} er ikke blandt ${what}, som svarene vægtes til; brug ${allowed.map(q).join(", ")}`);
    }
    if (column && label && values) groups.push({ column, label, values, margin });
  });

  const items: SurveyItem[] = [];
  const topicScales = new Map<string, string>();
  const itemList = array("items", false);
  if (Array.isArray(json.items) && itemList.length === 0) report(null, `"items" er tom; skriv mindst ét spørgsmål`);
  itemList.forEach((raw, i) => {
    const where = `"items" nr. ${i + 1}`;
    if (!isRecord(raw)) return report(null, `${where} skal være et objekt {"column": …, "label": …, "scale": …}`);
    const column = str(raw, "column", where, null);
    const w = column ? `${where} (${column})` : where;
    unknownKeys(raw, ITEM_KEYS, w, column);
    claim(column, where);
    const label = str(raw, "label", w, column);
    const scale = str(raw, "scale", w, column);
    const topic = str(raw, "topic", w, column, true);
    let scaleOk = false;
    if (scale !== null) {
      if (scale in scales) scaleOk = true;
      else if (isRecord(json.scales) && scale in json.scales) scaleOk = false; // the scale's own problem is reported above
      else {
        const known = isRecord(json.scales) ? Object.keys(json.scales) : [];
        report(column, `${w}: skalaen ${q(scale)} findes ikke under "scales"${known.length ? ` (der er: ${known.join(", ")})` : ""}`);
      }
    }
    if (topic !== null && scale !== null) {
      const key = `${topic}\u0000${scale}`;
      const other = topicScales.get(key);
      if (other) report(column, `${w}: emnet ${q(topic)} har allerede et spørgsmål på skalaen ${q(scale)} (${other}); hvert emne kan have ét spørgsmål pr. skala`);
      else if (column) topicScales.set(key, column);
    }
    if (column && label && scale && scaleOk) items.push({ column, label, scale, topic });
  });

  const multi: SurveyMulti[] = [];
  array("multi", true).forEach((raw, i) => {
    const where = `"multi" nr. ${i + 1}`;
    if (!isRecord(raw)) return report(null, `${where} skal være et objekt {"column": …, "label": …, "separator": "|", "values": {…}}`);
    const column = str(raw, "column", where, null);
    const w = column ? `${where} (${column})` : where;
    unknownKeys(raw, MULTI_KEYS, w, column);
    claim(column, where);
    const label = str(raw, "label", w, column);
    let separator: string | null = "|";
    if (raw.separator !== undefined) {
      if (typeof raw.separator !== "string" || raw.separator.trim() === "" || raw.separator.includes('"')) {
        report(column, `${w}: "separator" skal være et tegn som "|" (ikke tomt, ikke ")`);
        separator = null;
      } else separator = raw.separator;
    }
    const values = codeMap(raw.values, w, column);
    if (values && separator) {
      const bad = Object.keys(values).filter((c) => c.includes(separator!));
      if (bad.length) report(column, `${w}: koderne ${listOf(bad.map(q))} indeholder skilletegnet ${q(separator)}`);
    }
    if (column && label && values && separator) multi.push({ column, label, separator, values });
  });

  const freeText: string[] = [];
  array("freeText", true).forEach((raw, i) => {
    if (typeof raw !== "string" || raw.trim() === "") return report(null, `"freeText" nr. ${i + 1} skal være et kolonnenavn (tekst)`);
    claim(raw.trim(), `"freeText" nr. ${i + 1}`);
    freeText.push(raw.trim());
  });

  if (problems.length > 0) throw new SurveySchemaError(source, problems);
  return { title, id, weight, groups, scales, missing, items, multi, freeText };
}

// ---------------------------------------------------------------------------------------------
// Decoding

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

const SAVE_AS_UTF8 = `Gem filen som "CSV UTF-8 (kommasepareret)" i Excel (eller UTF-8 i jeres spørgeskemaværktøj), og indlæs den igen`;

// ---------------------------------------------------------------------------------------------
// CSV

type Delimiter = ";" | ",";

interface RawRecord {
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
function delimiterCounts(text: string): { semicolon: number; comma: number; tab: number } {
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

/**
 * Split CSV text into records (RFC 4180 as Excel writes it): fields may be quoted with "…", a quote
 * inside a quoted field is written "", and quoted fields may hold the delimiter and line breaks.
 * CRLF, LF and CR end lines. A quote inside an unquoted field is kept as it is.
 */
function tokenize(text: string, delimiter: Delimiter): RawRecord[] {
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
          if (extra.trim() !== "") rec.error ??= `tekst efter et afsluttende anførselstegn: ${q(truncate(`"${value}"${extra}`))}; skriv et anførselstegn inde i et felt som ""`;
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

// ---------------------------------------------------------------------------------------------
// Fingerprint

const isBlank = (fields: string[]) => fields.every((f) => f.trim() === "");

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
function fingerprintRecords(header: readonly string[], records: readonly (readonly string[])[]): string {
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
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === "") return null;
  const counts = delimiterCounts(text);
  const all = tokenize(text, counts.semicolon >= counts.comma ? ";" : ",");
  return fingerprintRecords(all[0].fields, all.slice(1).filter((r) => r.error !== null || !isBlank(r.fields)).map((r) => r.fields));
}

// ---------------------------------------------------------------------------------------------
// Import
const WEIGHT = /^\d+(?:[.,]\d+)?$/;

/**
 * Read a survey file and check it against the schema. `input` is the file's text, or its bytes
 * (decoded as UTF-8; a BOM is skipped; Latin-1/Windows-1252 or UTF-16 files are refused with a
 * message saying how to save them). The delimiter is ';' (Danish Excel) or ',' — whichever the
 * header uses. Throws a SurveyImportError listing every problem by line and column.
 * `options.exampleFingerprint` is the shipped example's surveyFileFingerprint: a file with the same
 * rows is marked `example`, whatever its name.
 */
export function importSurvey(input: string | Uint8Array, schema: SurveySchema, fileName: string, options: { exampleFingerprint?: string | null } = {}): SurveyImport {
  const s = parseSchema(schema);
  const problems: SurveyProblem[] = [];
  const warnings: string[] = [];
  const report = (line: number | null, column: string | null, message: string) => problems.push({ line, column, message });
  const fail = () => new SurveyImportError(fileName, problems);

  // 1. Text
  let text: string;
  if (typeof input === "string") {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const bytes = input;
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 1 && bytes.subarray(0, 200).includes(0))) {
      report(null, null, `filen er gemt som UTF-16 ("Unicode-tekst"), ikke som CSV. ${SAVE_AS_UTF8}.`);
      throw fail();
    }
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    } catch {
      reportEncoding(bytes, start, invalidUtf8Offsets(bytes, start), report);
      throw fail();
    }
  }
  if (text.includes("\u0000")) {
    report(null, null, `filen indeholder NUL-tegn; den er vist gemt som UTF-16 ("Unicode-tekst") eller er ikke en tekstfil. ${SAVE_AS_UTF8}.`);
    throw fail();
  }
  if (text.trim() === "") {
    report(null, null, `filen er tom; den skal have en overskriftslinje med kolonnenavnene (${s.id};…) og én linje pr. besvarelse`);
    throw fail();
  }

  // 2. Delimiter
  const counts = delimiterCounts(text);
  if (counts.semicolon === 0 && counts.comma === 0) {
    if (counts.tab > 0) report(1, null, `kolonnerne er adskilt med tabulator (fx gemt som "Tekst (tabulatorsepareret)" eller "Unicode-tekst"). ${SAVE_AS_UTF8}, med semikolon eller komma mellem kolonnerne.`);
    else report(1, null, `overskriftslinjen ${q(truncate(text.split(/\r?\n|\r/)[0]))} har hverken semikolon (;) eller komma (,) mellem kolonnerne`);
    throw fail();
  }
  const delimiter: Delimiter = counts.semicolon >= counts.comma ? ";" : ",";
  const other = delimiter === ";" ? "," : ";";

  // 3. Records; blank lines (also Excel's ";;;;" rows) are skipped, with a warning unless they end the file.
  const all = tokenize(text, delimiter);
  const headerRecord = all[0];
  let last = all.length - 1;
  while (last > 0 && all[last].error === null && isBlank(all[last].fields)) last--;
  const records: RawRecord[] = [];
  let blank = 0;
  for (const r of all.slice(1, last + 1)) {
    if (r.error === null && isBlank(r.fields)) blank++;
    else records.push(r);
  }
  // 4. Header
  if (headerRecord.error) {
    report(1, null, headerRecord.error);
    throw fail();
  }
  const header = headerRecord.fields.map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((name, j) => {
    if (name.includes("\uFFFD")) {
      report(1, name, `kolonnenavnet indeholder ugyldige tegn (\uFFFD); filen er vist ikke gemt som UTF-8. ${SAVE_AS_UTF8}.`);
      return;
    }
    if (name === "") {
      warnings.push(`Kolonne nr. ${j + 1} har ingen overskrift og bliver ikke læst.`);
      return;
    }
    const key = name.toLowerCase();
    if (index.has(key)) report(1, name, `kolonnen står to gange i overskriften (kolonne nr. ${index.get(key)! + 1} og ${j + 1})`);
    else index.set(key, j);
  });
  const known = new Map<string, string>();
  const addKnown = (c: string) => known.set(c.toLowerCase(), c);
  [s.id, ...(s.weight ? [s.weight] : []), ...s.groups.map((g) => g.column), ...s.items.map((i) => i.column), ...s.multi.map((m) => m.column), ...s.freeText].forEach(addKnown);
  // The file's columns the schema does not know: where a missing column's look-alikes are found.
  const unknownColumns = [...index].filter(([key]) => !known.has(key)).map(([, j]) => header[j]);
  const absentKnown = [...known.values()].filter((c) => !index.has(c.toLowerCase()));
  const required = [s.id, ...s.groups.map((g) => g.column), ...s.items.map((i) => i.column), ...s.multi.map((m) => m.column)];
  const missingColumns: string[] = [];
  for (const c of required) {
    if (!index.has(c.toLowerCase())) {
      missingColumns.push(c);
      const suggestions = columnSuggestions(c, unknownColumns);
      problems.push({ line: 1, column: c, message: missingColumnMessage(c, suggestions), kind: "missing-column", suggestions });
    }
  }
  const didYouMean = (column: string, among: readonly string[]) => {
    const like = columnSuggestions(column, among);
    return like.length ? ` (mente du ${orList(like.map(q))}?)` : "";
  };
  for (const name of unknownColumns) warnings.push(`Kolonnen ${q(name)} står ikke i skemaet og bliver ikke læst${didYouMean(name, absentKnown)}.`);
  if (s.weight && !index.has(s.weight.toLowerCase())) warnings.push(`Kolonnen ${s.weight} (vægte) findes ikke i filen${didYouMean(s.weight, unknownColumns)}; alle besvarelser tæller lige meget.`);
  for (const c of s.freeText) if (!index.has(c.toLowerCase())) warnings.push(`Fritekstkolonnen ${c} findes ikke i filen${didYouMean(c, unknownColumns)}.`);
  if (blank > 0) warnings.push(`${blank} tom${blank === 1 ? " linje" : "me linjer"} i filen er sprunget over.`);
  if (records.length === 0) report(null, null, "filen har kun en overskriftslinje og ingen besvarelser");
  if (missingColumns.length > 0 || problems.length > 0) throw fail();

  // 5. Lookups
  const col = (c: string) => index.get(c.toLowerCase());
  const missingSet = new Set(s.missing);
  const isMissing = (v: string) => missingSet.has(v.trim().toLowerCase());
  const missingList = s.missing.map(q).join(", ");
  interface CodeLookup {
    exact: Map<string, string>;
    folded: Map<string, string>;
    byLabel: Map<string, string>;
    codes: string[];
  }
  const lookup = (values: Record<string, string>): CodeLookup => ({
    exact: new Map(Object.keys(values).map((c) => [c, c])),
    folded: new Map(Object.keys(values).map((c) => [c.toLowerCase(), c])),
    byLabel: new Map(Object.entries(values).map(([c, l]) => [l.toLowerCase(), c])),
    codes: Object.keys(values),
  });
  const findCode = (l: CodeLookup, v: string) => l.exact.get(v) ?? l.folded.get(v.toLowerCase());
  const groupLookups = s.groups.map((g) => lookup(g.values));
  const multiLookups = s.multi.map((m) => lookup(m.values));
  const scaleInfo = Object.fromEntries(
    Object.entries(s.scales).map(([name, scale]) => {
      const values = Object.keys(scale).map(Number);
      const min = Math.min(...values);
      const max = Math.max(...values);
      return [name, { min, max, byLabel: new Map(Object.entries(scale).map(([c, l]) => [l.toLowerCase(), c])) }];
    }),
  );
  const weightIndex = s.weight ? col(s.weight) : undefined;

  // 6. Rows
  const respondents: SurveyRespondent[] = [];
  const answers: SurveyAnswer[] = [];
  const choices: SurveyChoice[] = [];
  const texts: SurveyText[] = [];
  const memberships: SurveyMembership[] = [];
  const idLines = new Map<string, number>();
  const weights: { line: number; weight: number | null }[] = [];
  const answered = new Map<string, number>();

  for (const r of records) {
    const line = r.line;
    if (r.error) {
      report(line, null, r.error);
      continue;
    }
    if (r.fields.length !== header.length) {
      const raw = text.slice(r.starts[0], r.end).replace(/\r?\n$|\r$/, "");
      let hint = "";
      if (r.fields.length === 1 && raw.includes(other)) hint = `; linjen er adskilt med ${q(other)}, men overskriften med ${q(delimiter)}`;
      else if (r.fields.length === 1 && raw.includes("\t")) hint = "; linjen er adskilt med tabulator";
      else if (delimiter === "," && r.fields.length > header.length) hint = `; står der et decimaltal med komma (fx 1,5)? Sæt det i anførselstegn, eller brug semikolon mellem kolonnerne`;
      else if (r.fields.length > header.length) hint = `; indeholder et felt ${q(delimiter)}? Sæt det i anførselstegn`;
      report(line, null, `${r.fields.length} felt${r.fields.length === 1 ? "" : "er"}, men overskriften har ${header.length}${hint}: ${q(truncate(raw))}`);
      continue;
    }
    let rowOk = true;
    const field = (column: string): string | null => {
      const j = col(column);
      if (j === undefined) return null;
      const v = r.fields[j];
      if (v.includes("\uFFFD")) {
        report(line, header[j], `${q(truncate(v))} indeholder ugyldige tegn (\uFFFD); filen er vist ikke gemt som UTF-8. ${SAVE_AS_UTF8}.`);
        rowOk = false;
        return null;
      }
      return v;
    };
    const bad = (column: string, message: string) => {
      report(line, header[col(column)!], message);
      rowOk = false;
    };

    // id
    const idRaw = field(s.id);
    const id = idRaw === null ? null : idRaw.trim();
    if (id === "") bad(s.id, "besvarelsen har intet id");
    else if (id !== null) {
      const first = idLines.get(id);
      if (first !== undefined) bad(s.id, `id ${q(id)} står også på linje ${first}; hver besvarelse skal have sit eget id`);
      else idLines.set(id, line);
    }

    // weight
    let weight: number | null = null;
    if (s.weight && weightIndex !== undefined) {
      const w = field(s.weight);
      if (w !== null && w.trim() !== "") {
        const t = w.trim();
        if (!WEIGHT.test(t)) {
          bad(s.weight, /^-/.test(t) ? `vægten ${q(t)} er negativ; en vægt skal være et tal større end 0` : `vægten ${q(t)} er ikke et tal (skriv fx 1,25 uden tusindtalsseparator)`);
        } else {
          weight = Number(t.replace(",", "."));
          if (!(weight > 0)) {
            bad(s.weight, `vægten ${q(t)} er 0; en vægt skal være større end 0`);
            weight = null;
          }
        }
      }
      weights.push({ line, weight });
    }

    // groups
    const groups: Record<string, string> = {};
    s.groups.forEach((g, k) => {
      const raw = field(g.column);
      if (raw === null) return;
      const v = raw.trim();
      const code = findCode(groupLookups[k], v);
      if (code !== undefined) {
        groups[g.column] = code;
        return;
      }
      const codes = listOf(groupLookups[k].codes);
      const byLabel = groupLookups[k].byLabel.get(v.toLowerCase());
      if (byLabel !== undefined) bad(g.column, `skriv koden ${q(byLabel)}, ikke teksten ${q(v)}`);
      else if (v === "" || isMissing(v)) bad(g.column, `${g.label.toLowerCase()} mangler (${v === "" ? "tomt felt" : q(v)}); skriv en af ${codes} — har nogle besvarelser ingen værdi, så tilføj fx "ukendt" under "values" i skemaet`);
      else bad(g.column, `ukendt værdi ${q(v)}; skriv en af ${codes}`);
    });

    // items
    const rowAnswers: SurveyAnswer[] = [];
    for (const item of s.items) {
      const raw = field(item.column);
      if (raw === null || isMissing(raw)) continue;
      const v = raw.trim();
      const info = scaleInfo[item.scale];
      const range = `${info.min}–${info.max}`;
      if (/^\d+$/.test(v)) {
        const n = Number(v);
        if (n >= info.min && n <= info.max) rowAnswers.push({ respondent: id ?? "", item: item.column, value: n });
        else bad(item.column, `${v} ligger uden for skalaen ${item.scale} (${range})`);
      } else if (/^-?\d+[.,]\d+$/.test(v) || /^-\d+$/.test(v)) {
        bad(item.column, `${q(v)} er ikke et helt tal på skalaen ${item.scale} (${range})`);
      } else {
        const byLabel = info.byLabel.get(v.toLowerCase());
        if (byLabel !== undefined) bad(item.column, `skriv koden ${byLabel}, ikke teksten ${q(v)}`);
        else bad(item.column, `${q(truncate(v))} er hverken et svar på skalaen ${item.scale} (${range}) eller et manglende svar (${missingList})`);
      }
    }

    // multi
    const rowChoices: SurveyChoice[] = [];
    s.multi.forEach((m, k) => {
      const raw = field(m.column);
      if (raw === null || isMissing(raw)) return;
      const seen = new Set<string>();
      const unknown: string[] = [];
      for (const part of raw.split(m.separator)) {
        const v = part.trim();
        if (v === "") continue;
        const code = findCode(multiLookups[k], v);
        if (code === undefined) unknown.push(v);
        else if (!seen.has(code)) {
          seen.add(code);
          rowChoices.push({ respondent: id ?? "", question: m.column, choice: code });
        }
      }
      for (const v of unknown) {
        const byLabel = multiLookups[k].byLabel.get(v.toLowerCase());
        const splitter = [",", ";", "/", "+"].find((c) => c !== m.separator && v.includes(c) && v.split(c).every((p) => findCode(multiLookups[k], p.trim()) !== undefined));
        if (splitter) bad(m.column, `${q(v)}: adskil valgene med ${q(m.separator)}, ikke ${q(splitter)}`);
        else if (byLabel !== undefined) bad(m.column, `skriv koden ${q(byLabel)}, ikke teksten ${q(v)}`);
        else bad(m.column, `ukendt valg ${q(truncate(v))}; skriv en eller flere af ${listOf(multiLookups[k].codes)} adskilt med ${q(m.separator)}`);
      }
    });

    // free text
    const rowTexts: SurveyText[] = [];
    for (const c of s.freeText) {
      const raw = field(c);
      if (raw === null || isMissing(raw)) continue;
      rowTexts.push({ respondent: id ?? "", column: c, text: raw.trim() });
    }

    if (!rowOk || id === null) continue;
    respondents.push({ id, weight, groups });
    for (const g of s.groups) memberships.push({ respondent: id, variable: g.column, value: groups[g.column] });
    answers.push(...rowAnswers);
    choices.push(...rowChoices);
    texts.push(...rowTexts);
    for (const a of rowAnswers) answered.set(a.item, (answered.get(a.item) ?? 0) + 1);
    for (const c of rowChoices) answered.set(c.question, (answered.get(c.question) ?? 0) + 1);
  }

  // Weights: all empty (unweighted) or all given.
  const given = weights.filter((w) => w.weight !== null).length;
  if (s.weight && given > 0 && given < weights.length) {
    const rows = weights.filter((w) => w.weight === null);
    for (const w of rows) {
      const raw = records.find((r) => r.line === w.line)!.fields[weightIndex!].trim();
      if (raw === "") report(w.line, header[weightIndex!], `vægten mangler; ${given} andre besvarelser har en vægt, så alle skal have én (eller lad hele kolonnen være tom)`);
    }
  }

  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw fail();
  }
  for (const item of s.items) if (!answered.has(item.column)) warnings.push(`Spørgsmålet ${item.column} (${item.label}) har ingen svar i filen.`);
  for (const m of s.multi) if (!answered.has(m.column)) warnings.push(`Spørgsmålet ${m.column} (${m.label}) har ingen svar i filen.`);

  const fingerprint = fingerprintRecords(headerRecord.fields, records.map((r) => r.fields));
  return {
    fileName,
    schema: s,
    example: options.exampleFingerprint != null && fingerprint === options.exampleFingerprint,
    fingerprint,
    respondents,
    answers,
    choices,
    texts,
    memberships,
    warnings,
  };
}

/**
 * The bytes are not UTF-8: report each line and column with bytes that are not, showing the text as
 * Latin-1/Windows-1252 would read it (one character per byte, so offsets match).
 */
function reportEncoding(bytes: Uint8Array, start: number, offsets: number[], report: (line: number | null, column: string | null, message: string) => void) {
  const text = decodeSingleByte(bytes.subarray(start));
  const counts = delimiterCounts(text);
  const delimiter: Delimiter = counts.semicolon >= counts.comma ? ";" : ",";
  const records = tokenize(text, delimiter);
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
    report(
      rec.line,
      column,
      `${q(truncate(value.trim()))} er ikke gyldig UTF-8; filen ser ud til at være gemt som Latin-1/Windows-1252 (fx "CSV (semikolonsepareret)" i Excel). ${SAVE_AS_UTF8}.`,
    );
  }
}
