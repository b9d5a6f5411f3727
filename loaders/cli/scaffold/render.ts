/**
 * The text of the files `npm run new-loader` writes and of its closing report: the templates in
 * loaders/cli/templates/ filled from a ScaffoldPlan. The templates hold the fixed text; the
 * functions here make the parts that depend on the table (one comment per variable and why its
 * default, the columns, the sort order, the fixture's expected rows).
 */
import { readFileSync } from "node:fs";
import { describeQuery } from "../../statbank/query.ts";
import type { SourceDescription, TableValue } from "../../statbank/transport.ts";
import { fill, type TemplateValues } from "./fill.ts";
import type { Fixture } from "./fixture.ts";
import { oneLine, queryOf, type ScaffoldPaths, type ScaffoldPlan, type VariablePlan } from "./plan.ts";

/** A template of loaders/cli/templates/ filled with `values`. */
function render(template: string, values: TemplateValues): string {
  return fill(readFileSync(new URL(`../templates/${template}`, import.meta.url), "utf8"), values, template);
}

const q = (s: string) => JSON.stringify(s);

/** loaders/tables/NAME.ts: the query with a comment per variable, the row type, the loader. */
export function renderLoader(c: ScaffoldPlan): string {
  const { info, plan, table } = c;
  const title = oneLine(info.text || table);
  const unit = oneLine(info.unit || "");
  return render("loader.ts.tmpl", {
    table,
    name: c.name,
    fn: c.fn,
    rowType: c.rowType,
    queryName: c.queryName,
    title,
    unitNote: unit ? ` (unit: ${unit})` : "",
    descriptionLine: info.description && oneLine(info.description) !== title ? [` * ${oneLine(info.description)}.`] : [],
    sourceWords: sourceWords(c.source),
    testPath: c.paths.test,
    fixturePath: c.paths.fixture,
    periodImport: plan.some((p) => p.role === "time") ? ['import { comparePeriods } from "../statbank/period.ts";'] : [],
    codesImport: plan.some((p) => p.role !== "time") ? ['import { compareCodes } from "./codes.ts";'] : [],
    tableLiteral: q(table),
    queryVariables: plan.flatMap((p) => [...variableComment(p).map((l) => `// ${l}`), `${propertyKey(p.key)}: [${p.specs.map(q).join(", ")}],`]),
    rowFields: plan.flatMap((p) => [`/** ${p.header} "${p.text}" (code) */`, `${p.column}: string;`]),
    valueDoc: unit || "the value",
    titleLiteral: q(title),
    columnDescriptions: plan.map((p) => `${p.column}: ${q(columnDescription(p))},`),
    valueDescription: q(`${unit || "Værdi"}; tom, hvor Statistikbanken skriver ".."`),
    headerList: plan.map((p) => q(p.header)).join(", "),
    rowMapping: plan.map((p) => `${p.column}: r.codes[${q(p.header)}],`),
    comparator: sortComparator(plan),
    columnSpecs: plan.map((p) => `${p.column}: { type: "string", values: rows.map((r) => r.${p.column}) },`),
    nameLiteral: q(c.name),
  });
}

/** src/data/NAME.arrow.ts: the thin Framework loader. */
export function renderThinLoader(c: ScaffoldPlan): string {
  return render("thin-loader.ts.tmpl", { fn: c.fn, name: c.name });
}

/** test/loaders/NAME.test.ts: the loader on its fixture, its Arrow output, and a source without the table. */
export function renderTest(c: ScaffoldPlan, f: Fixture): string {
  const { table, name, plan, paths } = c;
  const kept = plan.filter((p) => p.role === "total" || p.role === "unit" || p.role === "first");
  const keptWords = kept.length > 0 ? kept.map((p) => `${p.header}=${p.specs[0]}`).join(", ") : "every code";
  const nullRow = f.expected.find((r) => r.value === null);
  const nullWords = nullRow ? plan.map((p) => nullRow[p.column]).join(" ") : "";
  const fixtureDir = paths.fixture.replace(/^test\/fixtures\//, "").replace(/\/[^/]+$/, "");
  return render("loader.test.ts.tmpl", {
    name,
    table,
    fn: c.fn,
    rowType: c.rowType,
    fixturePath: paths.fixture,
    fixtureDirParts: fixtureDir.split("/").map(q).join(", "),
    fixtureRowCount: String(f.rows.length),
    keptWords,
    expectedRowCount: String(f.expected.length),
    nullNote: nullRow ? `; "${nullWords}" is ".." in the file, so its value is null` : "",
    expectedRows: f.expected.map((r) => {
      const cells = [...plan.map((p) => `${p.column}: ${q(r[p.column] as string)}`), `value: ${r.value === null ? "null" : r.value}`];
      return `{ ${cells.join(", ")} },`;
    }),
    selectionLiteral: q(describeQuery(queryOf(table, plan))),
    fieldNames: [...plan.map((p) => q(p.column)), q("value")].join(", "),
    nameLiteral: q(name),
    tmpPrefixLiteral: q(`no-${name}-`),
    tableLiteral: q(table),
  });
}

/** What each written file is, for the report. */
const WHAT: Record<keyof ScaffoldPaths, string> = {
  loader: "the loader: the selection and the typed columns",
  thinLoader: "the Framework data loader (writes data/NAME.arrow)",
  test: "its test",
  fixture: "the test's fixture (BULK format, invented values)",
  registry: "the dataset registry (FILES and DatasetRows)",
};

export interface ReportedFile {
  path: string;
  action: "written" | "overwritten" | "updated" | "unchanged";
}

/** What the command prints when done: the files, the default selection and the next steps. */
export function renderReport(c: ScaffoldPlan, files: readonly ReportedFile[]): string {
  const { name, table, paths, fn } = c;
  const title = oneLine(c.info.text || table);
  const width = Math.max(...files.map((f) => f.path.length)) + 2;
  const keyOf = (path: string) => (Object.keys(paths) as (keyof ScaffoldPaths)[]).find((k) => paths[k] === path)!;
  const area = c.plan.find((p) => p.column === "area");
  const time = c.plan.find((p) => p.role === "time");
  return render("report.txt.tmpl", {
    table,
    title,
    name,
    sourceWhere: c.source.kind === "mirror" ? `the mirror ${c.source.location}` : `the live API ${c.source.location}`,
    files: files.map((f) => {
      const action = f.action === "unchanged" ? `unchanged (already registers "${name}")` : f.action;
      return `${action.padEnd(11)} ${f.path.padEnd(width)}${WHAT[keyOf(f.path)].replace("NAME", name)}`;
    }),
    selection: describeQuery(queryOf(table, c.plan)),
    mirrorNote: c.source.kind === "mirror" ? ["(made from the codes the mirror holds; the live API may have more)"] : [],
    queryName: c.queryName,
    loaderPath: paths.loader,
    testPath: paths.test,
    fixturePath: paths.fixture,
    fn,
    nameLiteral: q(name),
    filter: area ? `.filter((d) => d.area === kommune)` : "",
    xLiteral: q(time ? "period" : c.plan[0].column),
    unit: oneLine(c.info.unit || "Enhed"),
  });
}

// ---------------------------------------------------------------------------------------------
// The parts that depend on the table

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
      return [
        `${head}: ${values(n)} (${listValues(p.values, 4)}). The area variable; default: every area.`,
        `Edit me, e.g. ["101", "147"], or keep "*" and filter on the page.`,
      ];
    case "total": {
      const t = p.values.find((x) => x.id === p.specs[0])!;
      return [
        `${head}: ${values(n)} (${listValues(p.values)}).`,
        `Default: the total, ${valueLabel(t)}. Edit me, e.g. ["*"] for every value (the total included).`,
      ];
    }
    case "unit":
      return [
        `${head}: ${values(n)} (${listValues(p.values)}).`,
        `A unit without a total; default: the first, ${valueLabel(p.values[0])} (values in different units must not share a column). Edit me.`,
      ];
    case "all":
      return [`${head}: ${values(n)} (${listValues(p.values)}), no total code.`, `Default: all of them, a row each. Edit me to keep fewer.`];
    case "first":
      return [
        `${head}: ${values(n)} (${listValues(p.values)}), no total code.`,
        `Default: the first, ${valueLabel(p.values[0])}. Edit me, e.g. ["*"] or a list of codes.`,
      ];
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

function propertyKey(key: string): string {
  return /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(key) ? key : q(key);
}

function sortComparator(plan: VariablePlan[]): string {
  if (plan.length === 0) return "() => 0";
  const parts = plan.map((p) => `${p.role === "time" ? "comparePeriods" : "compareCodes"}(a.${p.column}, b.${p.column})`);
  return `(a, b) => ${parts.join(" || ")}`;
}
