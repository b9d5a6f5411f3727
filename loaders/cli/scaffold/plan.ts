/**
 * What `npm run new-loader` will write, decided before any text is made: the dataset's names
 * (file, function, row type, query constant), the paths of the files, and the default selection per
 * variable with the reason for it (its role). The result is a plain ScaffoldPlan that the
 * templates (./render.ts) and the fixture (./fixture.ts) are made from.
 */
import { danishPeriod, isTimeVariable } from "../../statbank/period.ts";
import type { Query } from "../../statbank/query.ts";
import type { SourceDescription, TableInfo, TableValue, TableVariable } from "../../statbank/transport.ts";
import { asciiSlug } from "../../../src/lib/text.ts";
import { CliError } from "../common.ts";

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

/** Everything the generated files are written from. */
export interface ScaffoldPlan {
  table: string;
  /** The dataset's name: its files, its registry key and meta.dataset. */
  name: string;
  /** The loader's function, e.g. folk1a. */
  fn: string;
  /** The row type, e.g. Folk1aRow. */
  rowType: string;
  /** The query constant, e.g. FOLK1A_QUERY. */
  queryName: string;
  /** The tableinfo, made safe to write into code (./safeInfo.ts). */
  info: TableInfo;
  source: SourceDescription;
  /** One per variable, in tableinfo order. */
  plan: VariablePlan[];
  paths: ScaffoldPaths;
}

/** The plan for the dataset `name` of `table`, from its (safe) tableinfo. */
export function scaffoldPlan(table: string, name: string, info: TableInfo, source: SourceDescription): ScaffoldPlan {
  const plan = planSelection(info);
  if (plan.length === 0) throw new CliError(`${table}: its tableinfo lists no variables`);
  return {
    table,
    name,
    fn: camel(name),
    rowType: `${pascal(name)}Row`,
    queryName: `${name.toUpperCase()}_QUERY`,
    info,
    source,
    plan,
    paths: scaffoldPaths(name, table),
  };
}

// ---------------------------------------------------------------------------------------------
// Names

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function " +
    "if import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval"
  ).split(" "),
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

export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
