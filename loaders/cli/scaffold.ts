/**
 * `npm run new-loader -- TABLE [--name NAME] [--force]`: write a typed loader for a StatBank table
 * from its tableinfo, on the loaders' own client (the live API, or a mirror folder with
 * STATBANK_MIRROR=<dir> or --mirror <dir>; a mirror's tableinfo lists the codes its file holds).
 *
 * It writes, for the dataset NAME (the lower-case table id unless --name says otherwise):
 *
 *   loaders/tables/NAME.ts                  a DatasetBuilder with a default selection, typed rows
 *   src/data/NAME.arrow.ts                  the thin Framework loader (runArrowLoader)
 *   test/loaders/NAME.test.ts               a test of the loader on the fixture below
 *   test/fixtures/loaders/NAME/TABLE.csv    a small BULK/Code fixture with invented values
 *
 * and registers NAME in src/components/data.ts (FILES and DatasetRows), found with the
 * TypeScript parser and left alone when it is there already. The fixture has a folder of its
 * own, so it never changes what the other tests see in test/fixtures/mirror.
 *
 * Everything is computed before the first file is written; existing files are an error that
 * names them unless --force is given. Exit codes: 0 done, 1 table or file error, 2 usage.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import ts from "typescript";
import { writeFileAtomic } from "../arrow.ts";
import { clientFromEnv, type StatbankClient } from "../statbank/client.ts";
import { StatbankHttpError } from "../statbank/errors.ts";
import { comparePeriods, danishPeriod, isTimeVariable } from "../statbank/period.ts";
import { describeQuery, type Query } from "../statbank/query.ts";
import type { SourceDescription, TableInfo, TableValue, TableVariable } from "../statbank/transport.ts";
import { compareCodes } from "../tables/codes.ts";
import { checkTableId, CliError, reportError, tableInfoOrExplain, usageError, type CliIO } from "./data.ts";
import { asciiSlug } from "../../src/lib/text.ts";

export const USAGE = `npm run new-loader -- TABLE [--name NAME] [--force] [--mirror DIR]

Writes a typed loader for the StatBank table TABLE from its tableinfo, read with the loaders'
client: the live API (https://api.statbank.dk/v1), or a mirror folder with STATBANK_MIRROR=DIR or
--mirror DIR (a mirror's tableinfo lists only the codes its file holds).

  --name NAME   the dataset's name: lower-case letters, digits and _ (default: the table id in
                lower case). The files are loaders/tables/NAME.ts, src/data/NAME.arrow.ts,
                test/loaders/NAME.test.ts and test/fixtures/loaders/NAME/TABLE.csv; NAME is
                registered in src/components/data.ts.
  --force       overwrite those files if they exist (the registry entry is kept as it is).
  --mirror DIR  read the mirror folder DIR (same as STATBANK_MIRROR=DIR).

Example:
  STATBANK_MIRROR=../shared/statbank npm run new-loader -- FOLK1A
`;

/** Paths the scaffold writes, relative to the project root. */
export interface ScaffoldPaths {
  loader: string;
  thinLoader: string;
  test: string;
  fixture: string;
  registry: string;
}

export function scaffoldPaths(name: string, table: string): ScaffoldPaths {
  return {
    loader: `loaders/tables/${name}.ts`,
    thinLoader: `src/data/${name}.arrow.ts`,
    test: `test/loaders/${name}.test.ts`,
    fixture: `test/fixtures/loaders/${name}/${table}.csv`,
    registry: "src/components/data.ts",
  };
}

export interface ScaffoldOptions {
  table: string;
  /** Dataset name; default the lower-case table id. */
  name?: string;
  force?: boolean;
  /** Project root (the folder with loaders/, src/ and test/). */
  root: string;
  client: StatbankClient;
}

export interface WrittenFile {
  path: string;
  action: "written" | "overwritten" | "updated" | "unchanged";
}

export interface ScaffoldResult {
  table: string;
  name: string;
  title: string;
  source: SourceDescription;
  query: Query;
  plan: VariablePlan[];
  files: WrittenFile[];
  /** What to do next, for the terminal. */
  report: string;
}

// ---------------------------------------------------------------------------------------------
// Names

const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function " +
    "if import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval").split(" "),
);

/** A code as a lower-case identifier part: "OMRÅDE" -> "omraade", "KØN" -> "koen". */
export function asciiName(id: string): string {
  const s = asciiSlug(id, "_");
  return s === "" ? "v" : /^\d/.test(s) ? `v${s}` : s;
}

export function defaultName(table: string): string {
  return asciiName(table);
}

export function checkName(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new CliError(`--name ${JSON.stringify(name)}: use lower-case letters, digits and _, starting with a letter (e.g. folk1a)`, 2);
  }
  return name;
}

function camel(name: string): string {
  const parts = name.split("_").filter(Boolean);
  const s = parts.map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join("");
  return RESERVED.has(s) ? `${s}Dataset` : s;
}

function pascal(name: string): string {
  const c = camel(name);
  return c[0].toUpperCase() + c.slice(1);
}

// ---------------------------------------------------------------------------------------------
// The default selection

export type Role = "time" | "area" | "total" | "unit" | "all" | "first";

export interface VariablePlan {
  /** The key in the query ("Tid" for the time variable, else the tableinfo id). */
  key: string;
  /** The column name in the BULK header ("TID", "OMRÅDE", …). */
  header: string;
  /** The dataset's column for this variable. */
  column: string;
  text: string;
  role: Role;
  specs: string[];
  values: TableValue[];
}

/** Codes StatBank tables use for "all" of a variable. */
const TOTAL_CODES = ["TOT", "IALT", "I_ALT", "MOK", "TOTAL"];
const TOTAL_TEXT = /\bi alt\b|\btotal\b|\bin all\b|^all\b|^alle\b/i;
const AREA_IDS = /^(OMRÅDE|OMR\w*|REGION|LANDSDEL|KOMMUNE\w*|\w*KOMMUNE|BOPOMR|BOPKOM|BOPAEL\w*|BOPÆL\w*|ARBKOM|ARBOMR|BYER)$/i;
const UNIT_IDS = /^(ENHED|ENHED\d*|MÅLING|UNIT|PRISENHED)$/i;
/** Variables without a total and with at most this many values are selected whole ("*"). */
export const SMALL_VARIABLE = 12;

/**
 * The variable's total: a value with a total code anywhere in the list, else the first value when
 * its text says total ("Afgørelsestype i alt", "Men and women, total"). A later value whose text
 * says total is a subtotal ("Straffelov i alt", "Pre-tax income, total"), not the default.
 */
export function totalValue(v: TableVariable): TableValue | undefined {
  const byCode = v.values.find((x) => TOTAL_CODES.includes(x.id.toUpperCase()));
  if (byCode) return byCode;
  const first = v.values[0];
  return first && TOTAL_TEXT.test(oneLine(first.text)) ? first : undefined;
}

function isArea(v: TableVariable): boolean {
  if (v.map) return true;
  if (AREA_IDS.test(v.id)) return true;
  // Municipality codes: København 101 and at least two of Frederiksberg, Odense, Aarhus, Aalborg
  // (other 3-digit code lists, such as income types 100, 105, 110, … do not have them).
  const codes = new Set(v.values.map((x) => x.id));
  return codes.has("101") && ["147", "461", "751", "851"].filter((c) => codes.has(c)).length >= 2;
}

/**
 * The default selection, per variable: the time variable every period, an area variable every
 * area, another variable its total where it has one; without a total, a unit variable its first
 * unit (values of different units must not share a column), a small variable all its values,
 * a large one its first value.
 */
export function planSelection(info: TableInfo): VariablePlan[] {
  const areas = info.variables.filter((v) => !v.time && !isTimeVariable(v.id) && isArea(v));
  const used = new Set<string>(["value"]);
  const unique = (want: string) => {
    let c = want;
    for (let i = 2; used.has(c); i++) c = `${want}_${i}`;
    used.add(c);
    return c;
  };
  return info.variables.map((v): VariablePlan => {
    const time = v.time || isTimeVariable(v.id);
    const values = time ? v.values.map((x) => ({ id: danishPeriod(x.id), text: x.text })) : v.values;
    const base = { header: time ? "TID" : v.id.toUpperCase(), text: oneLine(v.text || v.id), values };
    if (time) return { ...base, key: "Tid", column: unique("period"), role: "time", specs: ["*"] };
    const column = unique(areas.length === 1 && areas[0] === v ? "area" : asciiName(v.id));
    if (areas.includes(v)) return { ...base, key: v.id, column, role: "area", specs: ["*"] };
    const total = totalValue(v);
    if (total) return { ...base, key: v.id, column, role: "total", specs: [total.id] };
    if (values.length === 0) return { ...base, key: v.id, column, role: "all", specs: ["*"] };
    if (UNIT_IDS.test(v.id) || /^(enhed|unit)\b/i.test(v.text)) return { ...base, key: v.id, column, role: "unit", specs: [values[0].id] };
    if (values.length <= SMALL_VARIABLE) return { ...base, key: v.id, column, role: "all", specs: ["*"] };
    return { ...base, key: v.id, column, role: "first", specs: [values[0].id] };
  });
}

export function queryOf(table: string, plan: VariablePlan[]): Query {
  return { table, variables: Object.fromEntries(plan.map((p) => [p.key, p.specs])) };
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Context {
  table: string;
  name: string;
  fn: string;
  rowType: string;
  queryName: string;
  info: TableInfo;
  source: SourceDescription;
  plan: VariablePlan[];
  paths: ScaffoldPaths;
}

const q = (s: string) => JSON.stringify(s);

/** Characters no StatBank code has, and that could end a comment, a string or a CSV field. */
const UNSAFE_CODE = /[\u0000-\u001f\u007f\u2028\u2029`\\";]|\*\/|\/\*/;

/** A text from tableinfo as it may stand in a generated comment: one line, no comment end. */
export function commentSafe(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, " ").replace(/\*\//g, "* /").trim();
}

/**
 * The tableinfo the generated files are written from: every text one line without "*\/", and
 * every id checked to be a code (ids go into the code as JSON string literals, but also into
 * comments and the CSV fixture). A hostile id is refused, naming it; nothing is written then.
 */
export function safeTableInfo(info: TableInfo, table: string): TableInfo {
  const checkId = (id: string, what: string) => {
    if (typeof id !== "string" || id === "" || UNSAFE_CODE.test(id)) {
      throw new CliError(`${table}: the tableinfo's ${what} ${JSON.stringify(id)} is not a StatBank code (it has a line break, quote, ';', '*/' or similar). Nothing was written.`);
    }
    return id;
  };
  return {
    ...info,
    id: info.id,
    text: commentSafe(info.text ?? ""),
    unit: commentSafe(info.unit ?? ""),
    ...(info.description !== undefined ? { description: commentSafe(info.description) } : {}),
    variables: info.variables.map((v) => ({
      ...v,
      id: checkId(v.id, "variable id"),
      text: commentSafe(v.text ?? ""),
      ...(v.map !== undefined ? { map: commentSafe(v.map) } : {}),
      values: v.values.map((x) => ({ id: checkId(x.id, `${v.id} code`), text: commentSafe(x.text ?? "") })),
    })),
  };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function valueLabel(x: TableValue): string {
  return x.text && x.text !== x.id ? `${x.id} = ${oneLine(x.text)}` : x.id;
}

function listValues(values: TableValue[], max = 6): string {
  const shown = values.slice(0, max).map(valueLabel);
  return values.length > max ? `${shown.join(", ")}, …` : shown.join(", ");
}

function timeExample(last: string | undefined): string {
  if (!last) return `[">=2015"]`;
  if (/K\d$/.test(last)) return `["*K1"] (1st quarter only), [">=2015K1"] or ["(-n+8)"] (the newest 8)`;
  if (/M\d\d$/.test(last)) return `["*M01"] (January only), [">=2020M01"] or ["(-n+13)"] (the newest 13)`;
  return `[">=${Math.max(Number(last.slice(0, 4)) - 9, 1900)}"] or ["(-n+10)"] (the newest 10)`;
}

/** The comment above one variable of the query: what it holds and why the default. */
function variableComment(p: VariablePlan): string[] {
  const n = p.values.length;
  const head = `${p.key} "${p.text}"`;
  const values = (k: number) => `${k} value${k === 1 ? "" : "s"}`;
  switch (p.role) {
    case "time": {
      const span = n > 1 ? `${p.values[0].id}–${p.values[n - 1].id}` : (p.values[0]?.id ?? "none listed");
      return [`${head}: ${n} period${n === 1 ? "" : "s"}, ${span}. Default: every period.`, `Edit me, e.g. ${timeExample(p.values[n - 1]?.id)}.`];
    }
    case "area":
      return [`${head}: ${values(n)} (${listValues(p.values, 4)}). The area variable; default: every area.`, `Edit me, e.g. ["101", "147"], or keep "*" and filter on the page.`];
    case "total": {
      const t = p.values.find((x) => x.id === p.specs[0])!;
      return [`${head}: ${values(n)} (${listValues(p.values)}).`, `Default: the total, ${valueLabel(t)}. Edit me, e.g. ["*"] for every value (the total included).`];
    }
    case "unit":
      return [`${head}: ${values(n)} (${listValues(p.values)}).`, `A unit without a total; default: the first, ${valueLabel(p.values[0])} (values in different units must not share a column). Edit me.`];
    case "all":
      return [`${head}: ${values(n)} (${listValues(p.values)}), no total code.`, `Default: all of them, a row each. Edit me to keep fewer.`];
    case "first":
      return [`${head}: ${values(n)} (${listValues(p.values)}), no total code.`, `Default: the first, ${valueLabel(p.values[0])}. Edit me, e.g. ["*"] or a list of codes.`];
  }
}

function columnDescription(p: VariablePlan): string {
  const label = p.text ? p.text[0].toUpperCase() + p.text.slice(1) : p.key;
  if (p.role === "time") return `${label}: periodekode, fx ${p.values[p.values.length - 1]?.id ?? "2024"}`;
  const examples = p.values
    .slice(0, 2)
    .map((x) => (x.text && x.text !== x.id ? `${x.id} = ${oneLine(x.text)}` : x.id))
    .join(", ");
  return `${label} (${p.header}): Statistikbankens kode${examples ? `, fx ${examples}` : ""}`;
}

function sourceWords(source: SourceDescription): string {
  return source.kind === "mirror"
    ? "a StatBank mirror, whose tableinfo lists only the codes its file holds (the live API may have more)"
    : "the live StatBank API";
}

function renderLoader(c: Context): string {
  const { info, plan, table, name, fn, rowType, queryName } = c;
  const title = oneLine(info.text || table);
  const unit = oneLine(info.unit || "");
  const lines: string[] = [];
  lines.push("/**");
  lines.push(` * ${table} "${title}"${unit ? ` (unit: ${unit})` : ""} as the dataset "${name}".`);
  if (info.description && oneLine(info.description) !== title) lines.push(` * ${oneLine(info.description)}.`);
  lines.push(" *");
  lines.push(` * Written by \`npm run new-loader -- ${table}\` from the table's tableinfo, read from`);
  lines.push(` * ${sourceWords(c.source)}.`);
  lines.push(" * A starting point, meant to be edited:");
  lines.push(` *   - ${queryName} selects the default extract; each variable's comment says what it holds`);
  lines.push(" *     and why the default. Narrow it to what the page needs;");
  lines.push(" *   - every variable becomes a string column of StatBank codes (convert them where a page");
  lines.push(" *     needs numbers, e.g. periodYear() for a year), the number goes into `value` (float64,");
  lines.push(' *     null where StatBank writes "..");');
  lines.push(` *   - ${c.paths.test} pins the output on the invented fixture`);
  lines.push(` *     ${c.paths.fixture}: change both along with the selection.`);
  lines.push(" */");
  lines.push('import { datasetMeta, missingTable, type MissingPart } from "../provenance.ts";');
  lines.push('import type { Dataset } from "../run.ts";');
  lines.push('import type { Provenance, StatbankClient } from "../statbank/client.ts";');
  if (plan.some((p) => p.role === "time")) lines.push('import { comparePeriods } from "../statbank/period.ts";');
  lines.push('import type { Query } from "../statbank/query.ts";');
  if (plan.some((p) => p.role !== "time")) lines.push('import { compareCodes } from "./codes.ts";');
  lines.push("");
  lines.push("/**");
  lines.push(" * The extract. BULK requests name every variable; value specs as in the API: \"101\", \"*\",");
  lines.push(' * "2023*", "*K1", ">=2010K1<=2015K4", "(1)", "(-n+3)" (see loaders/statbank/query.ts).');
  lines.push(` * \`npm run data -- --info ${table}\` lists every code.`);
  lines.push(" */");
  lines.push(`export const ${queryName}: Query = {`);
  lines.push(`  table: ${q(table)},`);
  lines.push("  variables: {");
  for (const p of plan) {
    for (const l of variableComment(p)) lines.push(`    // ${l}`);
    lines.push(`    ${propertyKey(p.key)}: [${p.specs.map(q).join(", ")}],`);
  }
  lines.push("  },");
  lines.push("};");
  lines.push("");
  lines.push("/** One row: the codes of the selection, a column per variable, and the value. */");
  lines.push(`export interface ${rowType} {`);
  for (const p of plan) {
    lines.push(`  /** ${p.header} "${p.text}" (code) */`);
    lines.push(`  ${p.column}: string;`);
  }
  lines.push(`  /** ${unit || "the value"}; null where StatBank writes ".." */`);
  lines.push("  value: number | null;");
  lines.push("}");
  lines.push("");
  lines.push('/** Title and column descriptions for the "Om data" page, in Danish. Edit me along with the columns. */');
  lines.push(`const TITLE = ${q(title)};`);
  lines.push(`const COLUMNS: Record<keyof ${rowType}, string> = {`);
  for (const p of plan) lines.push(`  ${p.column}: ${q(columnDescription(p))},`);
  lines.push(`  value: ${q(`${unit || "Værdi"}; tom, hvor Statistikbanken skriver ".."`)},`);
  lines.push("};");
  lines.push("");
  lines.push("/** The header columns the rows are read from. */");
  lines.push(`const HEADER = [${plan.map((p) => q(p.header)).join(", ")}];`);
  lines.push("");
  lines.push(`export async function ${fn}(client: StatbankClient): Promise<Dataset> {`);
  lines.push("  let result;");
  lines.push("  try {");
  lines.push("    // allowGaps: a source that lacks some selected codes still gives the rest, and meta.missing names the gap.");
  lines.push(`    result = await client.fetch(${queryName}, { allowGaps: true });`);
  lines.push("  } catch (e) {");
  lines.push("    // A source without the table (a mirror without its file) gives an empty dataset that says so.");
  lines.push("    const missing = missingTable(e);");
  lines.push("    if (!missing) throw e;");
  lines.push(`    return ${fn}Dataset([], [], missing);`);
  lines.push("  }");
  lines.push("  const { extract, provenance } = result;");
  lines.push("  for (const d of HEADER) {");
  lines.push(`    if (!extract.dimensions.includes(d)) throw new Error(\`${table}: no column \${d} in the extract (columns \${extract.dimensions.join(", ")})\`);`);
  lines.push("  }");
  lines.push(`  const rows: ${rowType}[] = extract.rows.map((r) => ({`);
  for (const p of plan) lines.push(`    ${p.column}: r.codes[${q(p.header)}],`);
  lines.push("    value: r.value,");
  lines.push("  }));");
  lines.push(`  rows.sort(${sortComparator(plan)});`);
  lines.push("  const notes = provenance.absentMeansZero");
  lines.push('    ? ["En kombination uden række i udtrækket er 0 (Statistikbanken udelader nuller i BULK-formatet)."]');
  lines.push("    : [];");
  lines.push(`  return ${fn}Dataset(rows, [provenance], [], notes);`);
  lines.push("}");
  lines.push("");
  lines.push(`function ${fn}Dataset(rows: ${rowType}[], sources: Provenance[], missing: MissingPart[], notes: string[] = []): Dataset {`);
  lines.push("  return {");
  lines.push("    columns: {");
  for (const p of plan) lines.push(`      ${p.column}: { type: "string", values: rows.map((r) => r.${p.column}) },`);
  lines.push('      value: { type: "float64", values: rows.map((r) => r.value) },');
  lines.push("    },");
  lines.push(`    meta: datasetMeta({ dataset: ${q(name)}, title: TITLE, sources, rows: rows.length, missing, columns: COLUMNS, notes }),`);
  lines.push("  };");
  lines.push("}");
  return lines.join("\n") + "\n";
}

function propertyKey(key: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(key) ? key : q(key);
}

function sortComparator(plan: VariablePlan[]): string {
  if (plan.length === 0) return "() => 0";
  const parts = plan.map((p) => `${p.role === "time" ? "comparePeriods" : "compareCodes"}(a.${p.column}, b.${p.column})`);
  return `(a, b) => ${parts.join(" || ")}`;
}

function renderThinLoader(c: Context): string {
  return [
    'import { runArrowLoader } from "../../loaders/run.ts";',
    `import { ${c.fn} } from "../../loaders/tables/${c.name}.ts";`,
    "",
    `await runArrowLoader(${c.fn});`,
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// The fixture and the test

export interface Fixture {
  header: string[];
  /** Rows as written (codes, then the INDHOLD text). */
  rows: { codes: string[]; indhold: string }[];
  /** The rows the default selection keeps, as the loader returns them (sorted), column -> value. */
  expected: Record<string, string | number | null>[];
}

function fixtureCodes(p: VariablePlan): { all: string[]; kept: string[] } {
  const ids = p.values.map((x) => x.id);
  if (ids.length === 0) return { all: [], kept: [] };
  switch (p.role) {
    case "time": {
      const last = ids.slice(-2);
      return { all: last, kept: last };
    }
    case "area":
    case "all": {
      const two = ids.slice(0, 2);
      return { all: two, kept: two };
    }
    case "total":
    case "unit":
    case "first": {
      const other = ids.find((c) => c !== p.specs[0]);
      return { all: other ? [p.specs[0], other] : [p.specs[0]], kept: [p.specs[0]] };
    }
  }
}

/**
 * A small fixture: every combination of two codes per variable (the selected code and one that
 * the selection leaves out; the newest two periods; two areas), invented values 1000, 1037, …
 * in file order, the time variable changing slowest as in no particular order of the API, and
 * ".." in the last kept row.
 */
export function makeFixture(plan: VariablePlan[]): Fixture {
  const codes = plan.map(fixtureCodes);
  if (codes.some((c) => c.all.length === 0)) throw new CliError("the table has a variable without values: no fixture can be made");
  // Time slowest: iterate the time variable in the outer loop.
  const order = [...plan.keys()].sort((a, b) => Number(plan[b].role === "time") - Number(plan[a].role === "time"));
  let combos: string[][] = [new Array(plan.length).fill("")];
  for (const i of order) {
    combos = combos.flatMap((c) => codes[i].all.map((code) => c.map((x, j) => (j === i ? code : x))));
  }
  const isKept = (c: string[]) => c.every((code, i) => codes[i].kept.includes(code));
  const lastKept = combos.map(isKept).lastIndexOf(true);
  const rows = combos.map((c, i) => ({ codes: c, indhold: i === lastKept ? ".." : String(1000 + 37 * i) }));
  const expected = rows
    .filter((r) => isKept(r.codes))
    .map((r) => {
      const o: Record<string, string | number | null> = {};
      plan.forEach((p, i) => (o[p.column] = r.codes[i]));
      o.value = r.indhold === ".." ? null : Number(r.indhold);
      return o;
    })
    .sort((a, b) => {
      for (const p of plan) {
        const d = p.role === "time" ? comparePeriods(a[p.column] as string, b[p.column] as string) : compareCodes(a[p.column] as string, b[p.column] as string);
        if (d !== 0) return d;
      }
      return 0;
    });
  return { header: [...plan.map((p) => p.header), "INDHOLD"], rows, expected };
}

/** The fixture as the API sends a BULK/Code body: UTF-8 BOM, ";" separated, CRLF. */
export function fixtureText(f: Fixture): string {
  const lines = [f.header.join(";"), ...f.rows.map((r) => [...r.codes, r.indhold].join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function renderTest(c: Context, f: Fixture): string {
  const { table, name, fn, rowType, plan, paths } = c;
  const kept = plan.filter((p) => p.role === "total" || p.role === "unit" || p.role === "first");
  const keptWords = kept.length > 0 ? kept.map((p) => `${p.header}=${p.specs[0]}`).join(", ") : "every code";
  const nullRow = f.expected.find((r) => r.value === null);
  const nullWords = nullRow ? plan.map((p) => nullRow[p.column]).join(" ") : "";
  const fixtureDir = paths.fixture.replace(/^test\/fixtures\//, "").replace(/\/[^/]+$/, "");
  const L: string[] = [];
  L.push("/**");
  L.push(` * The ${name} loader (${table}) on its fixture ${paths.fixture}: a body as the API's`);
  L.push(' * BULK/Code answer (UTF-8 BOM, ";", CRLF, INDHOLD last, ".." for a missing value) with invented');
  L.push(` * values, written by \`npm run new-loader -- ${table}\`. Change the fixture and the expected rows`);
  L.push(" * along with the loader's selection.");
  L.push(" */");
  L.push('import { mkdtempSync, rmSync } from "node:fs";');
  L.push('import { tmpdir } from "node:os";');
  L.push('import { join } from "node:path";');
  L.push('import { describe, expect, it } from "vitest";');
  L.push('import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";');
  L.push('import { StatbankClient } from "../../loaders/statbank/client.ts";');
  L.push('import { MirrorTransport } from "../../loaders/statbank/mirror.ts";');
  L.push(`import { ${fn}, type ${rowType} } from "../../loaders/tables/${name}.ts";`);
  L.push('import { rows } from "../helpers.ts";');
  L.push('import { fixturesDir } from "../paths.ts";');
  L.push("");
  L.push(`const fixture = () => new StatbankClient(new MirrorTransport(join(fixturesDir, ${fixtureDir.split("/").map(q).join(", ")})));`);
  L.push("");
  L.push(`describe("${name} (${table}) on a fixture in the BULK format", () => {`);
  L.push("  it(\"keeps the rows of the default selection with the fixture's values\", async () => {");
  L.push(`    const ds = await ${fn}(fixture());`);
  L.push(`    // From ${paths.fixture}: ${f.rows.length} rows, of which the selection (${keptWords}) keeps ${f.expected.length}`);
  L.push(`    // in code order, periods oldest first${nullRow ? `; "${nullWords}" is ".." in the file, so its value is null` : ""}.`);
  L.push(`    const expected: ${rowType}[] = [`);
  for (const r of f.expected) {
    const cells = [...plan.map((p) => `${p.column}: ${q(r[p.column] as string)}`), `value: ${r.value === null ? "null" : r.value}`];
    L.push(`      { ${cells.join(", ")} },`);
  }
  L.push("    ];");
  L.push("    expect(rows(ds)).toEqual(expected);");
  L.push(`    expect(ds.meta.rows).toBe(${f.expected.length});`);
  L.push('    expect(ds.meta.status).toBe("ok");');
  L.push(`    expect(ds.meta.sources[0].selection).toBe(${q(describeQuery(queryOf(table, plan)))});`);
  L.push("  });");
  L.push("");
  L.push("  it(\"writes Arrow: a string column per variable and a float64 value\", async () => {");
  L.push(`    const ds = await ${fn}(fixture());`);
  L.push("    const { table, meta } = readArrow(toArrowIPC(ds.columns, ds.meta));");
  L.push(`    expect(table.schema.fields.map((f) => f.name)).toEqual([${[...plan.map((p) => q(p.column)), q("value")].join(", ")}]);`);
  L.push('    expect(String(table.schema.fields.at(-1)!.type)).toBe("Float64");');
  L.push(`    expect(table.numRows).toBe(${f.expected.length});`);
  L.push(`    expect(meta.dataset).toBe(${q(name)});`);
  L.push("  });");
  L.push("");
  L.push(`  it("a source without ${table} gives an empty dataset that says so", async () => {`);
  L.push(`    const empty = mkdtempSync(join(tmpdir(), ${q(`no-${name}-`)}));`);
  L.push("    try {");
  L.push(`      const ds = await ${fn}(new StatbankClient(new MirrorTransport(empty)));`);
  L.push('      expect(ds.meta.status).toBe("missing");');
  L.push("      expect(ds.meta.rows).toBe(0);");
  L.push(`      expect(ds.meta.missing[0]).toMatchObject({ table: ${q(table)}, what: "hele tabellen" });`);
  L.push("      expect(ds.columns.value.values).toEqual([]);");
  L.push("    } finally {");
  L.push("      rmSync(empty, { recursive: true, force: true });");
  L.push("    }");
  L.push("  });");
  L.push("});");
  return L.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// The registry in src/components/data.ts

export interface RegistryEntry {
  name: string;
  rowType: string;
  /** Module the row type is imported from, as written in data.ts. */
  from: string;
}

interface Edit {
  pos: number;
  text: string;
}

function parse(text: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function filesObject(sf: ts.SourceFile): ts.ObjectLiteralExpression | null {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== "FILES") continue;
      let init = d.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
      if (init && ts.isObjectLiteralExpression(init)) return init;
    }
  }
  return null;
}

function rowsInterface(sf: ts.SourceFile): ts.InterfaceDeclaration | null {
  return sf.statements.find((st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === "DatasetRows") ?? null;
}

function memberName(m: ts.ObjectLiteralElementLike | ts.TypeElement, sf: ts.SourceFile): string | null {
  if (!m.name) return null;
  if (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) return m.name.text;
  return m.name.getText(sf);
}

/** Does data.ts register `name` in FILES? */
export function isRegistered(source: string, name: string, file = "data.ts"): boolean {
  const obj = filesObject(parse(source, file));
  const sf = obj?.getSourceFile();
  return !!obj && obj.properties.some((p) => memberName(p, sf!) === name);
}

/** Insert `line` as the last member of a `{ … }` list (object literal or interface body). */
function appendMember(text: string, sf: ts.SourceFile, members: ts.NodeArray<ts.Node>, open: number, line: string, sep: "," | ";"): Edit {
  if (members.length === 0) return { pos: open + 1, text: `\n  ${line}${sep}` };
  const last = members[members.length - 1];
  const start = last.getStart(sf);
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  let pos = last.end;
  const after = /^[ \t]*([,;])/.exec(text.slice(pos));
  if (after) pos += after[0].length;
  else if (sep === ",") return { pos, text: `,\n${indent}${line}` };
  return { pos, text: `\n${indent}${line}${sep}` };
}

/**
 * Register a dataset in data.ts: a FileAttachment entry in FILES, its row type in DatasetRows
 * (imported type-only from the loader). Parts already there are left as they are, so running
 * it twice changes nothing. Throws when FILES or DatasetRows cannot be found.
 */
export function registerDataset(source: string, entry: RegistryEntry, file = "src/components/data.ts"): { text: string; changed: boolean } {
  const sf = parse(source, file);
  const obj = filesObject(sf);
  const rows = rowsInterface(sf);
  if (!obj || !rows) {
    throw new CliError(
      `${file}: ${!obj ? "no `const FILES = { … }` registry" : "no `interface DatasetRows { … }`"} found; nothing was written. ` +
        `Register "${entry.name}" by hand: ${entry.name}: () => FileAttachment("../data/${entry.name}.arrow").arrayBuffer()`,
    );
  }
  const edits: Edit[] = [];
  const hasFile = obj.properties.some((p) => memberName(p, sf) === entry.name);
  const hasRows = rows.members.some((m) => memberName(m, sf) === entry.name);
  let alias = entry.rowType;
  if (!hasRows) {
    const imports = sf.statements.filter(ts.isImportDeclaration);
    const existing = imports.find((i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === entry.from);
    const bound = existing?.importClause?.namedBindings;
    const binding = bound && ts.isNamedImports(bound) ? bound.elements.find((e) => (e.propertyName ?? e.name).text === entry.rowType) : undefined;
    if (binding) alias = binding.name.text;
    else {
      const taken = declaredNames(sf);
      for (let i = 2; taken.has(alias); i++) alias = `${entry.rowType.replace(/Row$/, "")}DatasetRow${i === 2 ? "" : i}`;
      const spec = alias === entry.rowType ? entry.rowType : `${entry.rowType} as ${alias}`;
      const line = `import type { ${spec} } from ${q(entry.from)};`;
      const lastImport = imports[imports.length - 1];
      edits.push(lastImport ? { pos: lastImport.end, text: `\n${line}` } : { pos: 0, text: `${line}\n` });
    }
    edits.push(appendMember(source, sf, rows.members, rows.members.pos - 1, `${entry.name}: ${alias}`, ";"));
  }
  if (!hasFile) {
    edits.push(appendMember(source, sf, obj.properties, obj.getStart(sf), `${entry.name}: () => FileAttachment("../data/${entry.name}.arrow").arrayBuffer()`, ","));
  }
  if (edits.length === 0) return { text: source, changed: false };
  let text = source;
  for (const e of edits.sort((a, b) => b.pos - a.pos)) text = text.slice(0, e.pos) + e.text + text.slice(e.pos);
  const check = ts.transpileModule(text, { reportDiagnostics: true, fileName: file }).diagnostics ?? [];
  if (check.length > 0) {
    throw new CliError(`${file}: registering "${entry.name}" would break the file (${ts.flattenDiagnosticMessageText(check[0].messageText, " ")}); nothing was written`);
  }
  return { text, changed: true };
}

function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name) names.add(st.name.text);
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.name) names.add(c.name.text);
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings)) c.namedBindings.elements.forEach((e) => names.add(e.name.text));
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings)) names.add(c.namedBindings.name.text);
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) st.exportClause.elements.forEach((e) => names.add(e.name.text));
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// The scaffold

/** Files and registry entries that already exist for `name`. */
export function existingParts(root: string, name: string, table: string): string[] {
  const paths = scaffoldPaths(name, table);
  const found = [paths.loader, paths.thinLoader, paths.test, paths.fixture].filter((p) => existsSync(join(root, p)));
  // Any other loader in src/data with the same stem (name.json.ts, name.csv, …) writes a file of that name.
  const dataDir = join(root, "src/data");
  if (existsSync(dataDir)) {
    for (const f of readdirSync(dataDir)) if (f.startsWith(`${name}.`) && `src/data/${f}` !== paths.thinLoader) found.push(`src/data/${f}`);
  }
  const registry = join(root, paths.registry);
  if (existsSync(registry) && isRegistered(readFileSync(registry, "utf8"), name)) found.push(`${paths.registry} (FILES already has "${name}")`);
  return found;
}

function freeName(root: string, base: string, table: string): string {
  if (existingParts(root, base, table).length === 0) return base;
  for (let i = 2; ; i++) if (existingParts(root, `${base}_${i}`, table).length === 0) return `${base}_${i}`;
}

export async function scaffoldLoader(opts: ScaffoldOptions): Promise<ScaffoldResult> {
  const table = checkTableId(opts.table);
  const name = checkName(opts.name ?? defaultName(table));
  const root = resolve(opts.root);
  const paths = scaffoldPaths(name, table);
  const registryPath = join(root, paths.registry);
  if (!existsSync(registryPath)) throw new CliError(`${registryPath} not found: is ${root} the project folder?`);

  const clash = existingParts(root, name, table);
  if (clash.length > 0 && !opts.force) {
    const suggestion = freeName(root, name === defaultName(table) ? `${name}_data` : defaultName(table), table);
    throw new CliError(
      [
        `"${name}" is taken: these already exist:`,
        ...clash.map((p) => `  ${p}`),
        `Nothing was written. Pick another name with --name (e.g. --name ${suggestion}), or pass --force to overwrite the files.`,
      ].join("\n"),
    );
  }

  const rawInfo = await tableInfoOrExplain(opts.client, table).catch((e: unknown) => {
    if (e instanceof StatbankHttpError) {
      throw new CliError(`${e.message}\nNothing was written. Without internet, read the mirror: STATBANK_MIRROR=../shared/statbank npm run new-loader -- ${table}`);
    }
    throw e;
  });
  // Tableinfo comes from the API or any mirror folder: untrusted text that must never become code.
  const info = safeTableInfo(rawInfo, table);
  const plan = planSelection(info);
  if (plan.length === 0) throw new CliError(`${table}: its tableinfo lists no variables`);
  const ctx: Context = {
    table,
    name,
    fn: camel(name),
    rowType: `${pascal(name)}Row`,
    queryName: `${name.toUpperCase()}_QUERY`,
    info,
    source: opts.client.source,
    plan,
    paths,
  };
  const fixture = makeFixture(plan);
  const registry = registerDataset(readFileSync(registryPath, "utf8"), { name, rowType: ctx.rowType, from: `../../loaders/tables/${name}.ts` }, paths.registry);
  const outputs: Array<[string, string]> = [
    [paths.loader, renderLoader(ctx)],
    [paths.thinLoader, renderThinLoader(ctx)],
    [paths.fixture, fixtureText(fixture)],
    [paths.test, renderTest(ctx, fixture)],
  ];

  // Everything is rendered: write.
  const files: WrittenFile[] = [];
  for (const [path, text] of outputs) {
    const existed = existsSync(join(root, path));
    await writeFileAtomic(join(root, path), text);
    files.push({ path, action: existed ? "overwritten" : "written" });
  }
  if (registry.changed) await writeFileAtomic(registryPath, registry.text);
  files.push({ path: paths.registry, action: registry.changed ? "updated" : "unchanged" });

  const query = queryOf(table, plan);
  const result: ScaffoldResult = { table, name, title: oneLine(info.text || table), source: opts.client.source, query, plan, files, report: "" };
  result.report = reportText(result, ctx);
  return result;
}

const WHAT: Record<keyof ScaffoldPaths, string> = {
  loader: "the loader: the selection and the typed columns",
  thinLoader: "the Framework data loader (writes data/NAME.arrow)",
  test: "its test",
  fixture: "the test's fixture (BULK format, invented values)",
  registry: "the dataset registry (FILES and DatasetRows)",
};

function reportText(r: ScaffoldResult, c: Context): string {
  const { name, table, paths, fn } = { ...r, paths: c.paths, fn: c.fn };
  const width = Math.max(...r.files.map((f) => f.path.length)) + 2;
  const keyOf = (path: string) => (Object.keys(paths) as (keyof ScaffoldPaths)[]).find((k) => paths[k] === path)!;
  const area = c.plan.find((p) => p.column === "area");
  const time = c.plan.find((p) => p.role === "time");
  const filter = area ? `.filter((d) => d.area === kommune)` : "";
  const out: string[] = [];
  out.push(`${table} "${r.title}" -> dataset "${name}" (tableinfo from ${r.source.kind === "mirror" ? `the mirror ${r.source.location}` : `the live API ${r.source.location}`})`);
  out.push("");
  for (const f of r.files) {
    const action = f.action === "unchanged" ? `unchanged (already registers "${name}")` : f.action;
    out.push(`  ${action.padEnd(11)} ${f.path.padEnd(width)}${WHAT[keyOf(f.path)].replace("NAME", name)}`);
  }
  out.push("");
  out.push(`Default selection: ${describeQuery(r.query)}`);
  if (r.source.kind === "mirror") out.push("  (made from the codes the mirror holds; the live API may have more)");
  out.push("");
  out.push("Next steps:");
  out.push(`  1. Edit the selection ${c.queryName} in ${paths.loader}: each variable's comment lists its`);
  out.push(`     codes and why the default (npm run data -- --info ${table} lists them all). Rename the`);
  out.push("     columns and the Danish TITLE/COLUMNS there too.");
  out.push(`  2. Run the test: npx vitest run ${paths.test}`);
  out.push(`     It passes as written; after editing the loader, change the fixture ${paths.fixture}`);
  out.push("     and the expected rows in the test along with it.");
  out.push("  3. Build with the data: STATBANK_MIRROR=../shared/statbank npm run build (or npm start, or");
  out.push(`     without STATBANK_MIRROR for the live API). The log says "${name}: N rows, ok" or what is missing.`);
  out.push("  4. Add a chart to a page (src/*.md): import loadDataset from ./components/data.js and card from");
  out.push("     ./components/card.js (and Plot), then");
  out.push("       ```js");
  out.push(`       const ${fn} = await loadDataset(${q(name)});`);
  out.push(`       display(card(Plot.plot({marks: [Plot.line(${fn}.rows${filter}, {x: ${q(time ? "period" : c.plan[0].column)}, y: "value"})]}), {`);
  out.push(`         title: "…", subtitle: "${oneLine(c.info.unit || "Enhed")}, …", sources: [${fn}.meta], missing: ${fn}.meta.missing`);
  out.push("       }));");
  out.push("       ```");
  out.push(`     The "Om data" page and the SQL-arbejdsbord list "${name}" by themselves (from the registry in src/components/data.ts).`);
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Command line

export async function runNewLoaderCli(argv: string[], io: CliIO & { root: string }): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { help: { type: "boolean", short: "h" }, name: { type: "string" }, force: { type: "boolean" }, mirror: { type: "string" } },
      });
    } catch (e) {
      throw usageError(e);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new CliError(positionals.length === 0 ? "Name a table, e.g. npm run new-loader -- FOLK1A" : `One table at a time (got ${positionals.join(" ")})`, 2);
    }
    const env = { ...io.env };
    const mirror = values.mirror?.trim() || env.STATBANK_MIRROR?.trim();
    if (mirror) env.STATBANK_MIRROR = resolve(io.cwd, mirror);
    else delete env.STATBANK_MIRROR;
    const result = await scaffoldLoader({ table: positionals[0], name: values.name, force: values.force ?? false, root: io.root, client: clientFromEnv(env) });
    io.stdout.write(result.report);
    return 0;
  } catch (e) {
    return reportError(e, io, USAGE, "npm run new-loader");
  }
}
