/**
 * The council's goals, in data/goals.yaml (documented in data/README-goals.md): per goal a Danish
 * title, an area, an indicator, a baseline year and a rule saying what counts as met. Parsed with
 * yaml's parseDocument and a LineCounter so that every problem names the file, the line and the
 * goal; all problems are collected and thrown as one GoalsError (the first 20 listed, then
 * "… og N flere"). The rule kinds, areas and units are those of src/lib/goals/vocabulary.ts,
 * which evaluates the goals in the page.
 *
 * A little over 400 lines: one validator that reports every problem of the YAML file with its line
 * and goal; the vocabulary and the indicator catalogue it checks against are in src/lib.
 */
import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from "yaml";
import {
  AGGREGATES,
  BASELINE_RULES,
  GOAL_AREAS,
  RULE_KINDS,
  SENTENCE_PLACEHOLDERS,
  TREND_RULES,
  DEFAULT_TREND_YEARS,
  UNITS,
  VALUE_RULES,
  type Aggregate,
  type Goal,
  type GoalArea,
  type RuleKind,
  type Unit,
} from "../src/lib/goals/vocabulary.ts";

export type { Goal } from "../src/lib/goals/vocabulary.ts";

// ---------------------------------------------------------------------------------------------
// Indicators

// The catalogue (src/lib/indicators.ts) says which indicator ids exist, with label, unit and source.
import { listProblems } from "../src/lib/text.ts";
import { DEFAULT_MANUAL_INDICATORS, indicatorDef, STATBANK_INDICATORS, STATBANK_INDICATOR_IDS, type StatbankIndicator } from "../src/lib/indicators.ts";

export { DEFAULT_MANUAL_INDICATORS, STATBANK_INDICATORS, STATBANK_INDICATOR_IDS, type StatbankIndicator };

// ---------------------------------------------------------------------------------------------
// Problems

export interface GoalProblem {
  file: string;
  /** 1-based line; null for the file as a whole. */
  line: number | null;
  /** The goal's id (or "mål nr. N" when it has none); null outside a goal. */
  goal: string | null;
  message: string;
}

export function formatGoalProblem(p: GoalProblem): string {
  return `${p.file}${p.line === null ? "" : `, line ${p.line}`}${p.goal === null ? "" : `, goal ${p.goal}`}: ${p.message}`;
}

/** Every problem found in the goals file; the message lists up to 20, then "… og N flere". */
export class GoalsError extends Error {
  constructor(readonly problems: GoalProblem[]) {
    const file = problems[0]?.file ?? "goals";
    const head = `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the goals file; the format is described in data/README-goals.md`;
    super(listProblems(head, problems.map(formatGoalProblem)));
    this.name = "GoalsError";
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** The fields a goal may have. */
export const GOAL_FIELDS = [
  "id",
  "title",
  "area",
  "indicator",
  "baseline",
  "rule",
  "value",
  "by",
  "years",
  "unit",
  "source",
  "expected",
  "note",
  "sentence",
  "aggregate",
] as const;
type GoalField = (typeof GOAL_FIELDS)[number];

const REQUIRED: readonly GoalField[] = ["id", "title", "area", "indicator", "rule"];
/** Required unless the indicator is in the catalogue (src/lib/indicators.ts), which then gives them. */
const FROM_CATALOGUE: readonly GoalField[] = ["unit", "source"];
const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const list = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(", ");

/**
 * Parse and validate the goals file's text. `file` names it in messages; `knownIndicators` are
 * the indicator ids a goal may use. Throws one GoalsError listing every problem found.
 */
/** Whose goals these are: the council (or body) that adopted them, for which municipality, when. */
export interface GoalsOwner {
  /** StatBank's 3-digit municipality code. */
  kommune: string;
  /** "Halsnæs Kommune" */
  name: string;
  /** "Byrådet" */
  body: string;
  /** Year adopted. */
  year: number;
  /** The document the goals come from. */
  document: string | null;
}

export interface GoalsFile {
  owner: GoalsOwner | null;
  goals: Goal[];
}

export function parseGoals(text: string, file: string, knownIndicators: ReadonlySet<string>): Goal[] {
  return parseGoalsFile(text, file, knownIndicators).goals;
}

/** The goals and, under "owner:", whose goals they are (a page never applies them as another council's). */
export function parseGoalsFile(text: string, file: string, knownIndicators: ReadonlySet<string>): GoalsFile {
  const problems: GoalProblem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined, fallback: number | null = null): number | null =>
    node?.range ? lineCounter.linePos(node.range[0]).line : fallback;

  if (doc.errors.length > 0) {
    const lines = text.split(/\r?\n/);
    for (const e of doc.errors) {
      let line = e.linePos?.[0]?.line ?? null;
      let message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      // The parser reports an unclosed quote where the file ends; point at the line that opens it.
      const quote = e.code === "MISSING_CHAR" ? /closing (["'])quote/.exec(message)?.[1] : undefined;
      if (quote && line !== null) {
        for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
          if ((lines[i].split(quote).length - 1) % 2 === 1) {
            line = i + 1;
            message = `the quote ${quote} opened on this line is never closed`;
            break;
          }
        }
      }
      problems.push({ file, line, goal: line === null ? null : goalNear(lines, line), message: `YAML syntax error: ${message}` });
    }
    throw new GoalsError(problems);
  }

  const root = doc.contents;
  if (!isMap(root)) {
    problems.push({
      file,
      line: lineOf(root as YamlNode | null, 1),
      goal: null,
      message: 'the file must be a mapping with the key "goals:" holding a list of goals',
    });
    throw new GoalsError(problems);
  }
  let goalsNode: unknown = null;
  let owner: GoalsOwner | null = null;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key === "goals") goalsNode = pair.value;
    else if (key === "owner") owner = parseOwner(pair.value, file, lineOf(pair.key as YamlNode), problems);
    else
      problems.push({
        file,
        line: lineOf(pair.key as YamlNode),
        goal: null,
        message: `unknown top-level key ${JSON.stringify(key)}; the file has the keys "owner:" and "goals:"`,
      });
  }
  if (!isSeq(goalsNode)) {
    problems.push({
      file,
      line: lineOf(goalsNode as YamlNode | null, lineOf(root)),
      goal: null,
      message: '"goals:" must hold a list of goals, each starting with "- id: …"',
    });
    throw new GoalsError(problems);
  }

  const goals: Goal[] = [];
  const ids = new Map<string, number>();
  goalsNode.items.forEach((item, index) => {
    const itemLine = lineOf(item as YamlNode, lineOf(goalsNode as YamlNode)) ?? 1;
    if (!isMap(item)) {
      problems.push({ file, line: itemLine, goal: `mål nr. ${index + 1}`, message: "a goal must be a mapping of fields (id: …, title: …, …)" });
      return;
    }
    const fields = new Map<GoalField, { node: unknown; line: number }>();
    const unknownFields: { key: string; line: number }[] = [];
    for (const pair of item.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const line = lineOf(pair.key as YamlNode, itemLine) ?? itemLine;
      const known = GOAL_FIELDS.find((f) => f === key);
      if (known) fields.set(known, { node: pair.value, line });
      else unknownFields.push({ key, line });
    }
    const idField = fields.get("id");
    const idValue = idField && isScalar(idField.node) ? idField.node.value : undefined;
    const goalName = typeof idValue === "string" && idValue.trim() !== "" ? idValue.trim() : `mål nr. ${index + 1}`;
    let ok = true;
    const report = (line: number, message: string) => {
      problems.push({ file, line, goal: goalName, message });
      ok = false;
    };
    for (const u of unknownFields) report(u.line, `unknown field ${JSON.stringify(u.key)}; a goal has the fields ${GOAL_FIELDS.join(", ")}`);

    for (const f of REQUIRED) {
      const field = fields.get(f);
      if (!field || (isScalar(field.node) && (field.node.value === null || field.node.value === ""))) {
        report(field?.line ?? itemLine, `the field "${f}" is missing`);
        fields.delete(f);
      }
    }
    for (const f of FROM_CATALOGUE) {
      const field = fields.get(f);
      if (field && isScalar(field.node) && (field.node.value === null || field.node.value === "")) fields.delete(f);
    }

    /** A scalar field as a trimmed string; reports non-scalars. */
    const str = (f: GoalField): { value: string; line: number } | null => {
      const field = fields.get(f);
      if (!field) return null;
      const line = lineOf(field.node as YamlNode, field.line) ?? field.line;
      if (!isScalar(field.node) || field.node.value === null) {
        if (field.node === null || (isScalar(field.node) && field.node.value === null)) report(line, `the field "${f}" is empty`);
        else report(line, `the field "${f}" must be a single value, not a list or mapping`);
        return null;
      }
      return { value: String(field.node.value).trim(), line };
    };
    /** A scalar field as a number (YAML number, or a string with a decimal comma). */
    const num = (f: GoalField): { value: number; line: number; text: string } | null => {
      const s = str(f);
      if (!s) return null;
      const text = s.value;
      if (!/^-?\d+([.,]\d+)?$/.test(text)) {
        const hint = /%\s*$/.test(text) ? ' (write the number without "%"; the unit is in "unit")' : "";
        report(s.line, `"${f}" must be a number, got ${JSON.stringify(text)}${hint}`);
        return null;
      }
      return { value: Number(text.replace(",", ".")), line: s.line, text };
    };
    const year = (f: GoalField): number | null => {
      const n = num(f);
      if (!n) return null;
      if (!Number.isInteger(n.value) || n.value < MIN_YEAR || n.value > MAX_YEAR) {
        report(n.line, `"${f}" must be a year (4 digits, ${MIN_YEAR}–${MAX_YEAR}), got ${JSON.stringify(n.text)}`);
        return null;
      }
      return n.value;
    };

    // id
    const id = str("id");
    if (id) {
      if (!ID_PATTERN.test(id.value)) {
        report(
          id.line,
          `id ${JSON.stringify(id.value)} must be lower-case letters a–z, digits and "_" (starting with a letter), e.g. "fastholde_boernefamilier"`,
        );
      }
      const first = ids.get(id.value);
      if (first !== undefined) report(id.line, `duplicate id ${JSON.stringify(id.value)}: also the id of the goal on line ${first}`);
      else ids.set(id.value, id.line);
    }
    const title = str("title");
    const source = str("source");

    // area
    const areaField = str("area");
    let area: GoalArea | undefined;
    if (areaField) {
      area = GOAL_AREAS.find((a) => a === areaField.value);
      if (!area) {
        const hint = GOAL_AREAS.find((a) => a.toLowerCase() === areaField.value.toLowerCase());
        report(
          areaField.line,
          `unknown area ${JSON.stringify(areaField.value)}${hint ? ` (write ${JSON.stringify(hint)})` : ""}; the area must be one of ${list(GOAL_AREAS)}`,
        );
      }
    }

    // rule
    const ruleField = str("rule");
    let rule: RuleKind | undefined;
    if (ruleField) {
      rule = RULE_KINDS.find((r) => r === ruleField.value);
      if (!rule) report(ruleField.line, `unknown rule ${JSON.stringify(ruleField.value)}; the rule must be one of ${RULE_KINDS.join(", ")}`);
    }

    // indicator
    const indicatorField = str("indicator");
    if (indicatorField && !knownIndicators.has(indicatorField.value)) {
      const hint = indicatorField.value.includes(":") ? " (a breakdown is not part of the indicator id; the page shows the total)" : "";
      report(
        indicatorField.line,
        `unknown indicator ${JSON.stringify(indicatorField.value)}${hint}; known indicators: ${[...knownIndicators].sort().join(", ")}`,
      );
    }

    // unit and source: given, or the catalogue's for its indicators
    const def = indicatorField ? indicatorDef(indicatorField.value) : undefined;
    const unitField = str("unit");
    let unit: Unit | undefined;
    if (!unitField) {
      if (def) unit = def.unit;
      else
        report(
          itemLine,
          `the field "unit" is missing${indicatorField ? ` (${indicatorField.value} is not in the indicator catalogue, so the goal must give its unit)` : ""}`,
        );
    }
    const sourceText = source?.value ?? def?.source;
    if (!sourceText)
      report(
        itemLine,
        `the field "source" is missing${indicatorField ? ` (${indicatorField.value} is not in the indicator catalogue, so the goal must give its source)` : ""}`,
      );
    if (unitField) {
      unit = UNITS.find((u) => u === unitField.value);
      if (!unit) report(unitField.line, `unknown unit ${JSON.stringify(unitField.value)}; the unit must be one of ${list(UNITS)}`);
      const statbank = indicatorField ? STATBANK_INDICATORS[indicatorField.value as StatbankIndicator] : undefined;
      if (unit && statbank && statbank.unit !== unit) {
        report(
          unitField.line,
          `unit ${JSON.stringify(unit)} does not match the indicator ${indicatorField!.value}, which is in ${JSON.stringify(statbank.unit)}`,
        );
      }
    }

    // baseline, value, by, years, aggregate: what the rule needs
    const baseline = fields.has("baseline") ? year("baseline") : null;
    const value = fields.has("value") ? num("value") : null;
    const by = fields.has("by") ? year("by") : null;
    const yearsField = fields.has("years") ? num("years") : null;
    if (rule) {
      if (BASELINE_RULES.includes(rule) && !fields.has("baseline")) {
        report(itemLine, `the rule ${rule} compares with a baseline year, but "baseline" is missing (e.g. "baseline: 2011")`);
      }
      if (VALUE_RULES.includes(rule)) {
        if (!fields.has("value")) report(itemLine, `the rule ${rule} needs "value" (the number to reach, e.g. "value: 80")`);
        if (!fields.has("by")) report(itemLine, `the rule ${rule} needs "by" (the year the value is to be reached by, e.g. "by: 2015")`);
      } else {
        for (const f of ["value", "by"] as const) {
          if (fields.has(f)) report(fields.get(f)!.line, `"${f}" only applies to the rules at_least_value and at_most_value, not to ${rule}`);
        }
      }
      if (fields.has("years") && !TREND_RULES.includes(rule))
        report(fields.get("years")!.line, `"years" only applies to the rules trend_up and trend_down, not to ${rule}`);
    }
    if (yearsField && (!Number.isInteger(yearsField.value) || yearsField.value < 2 || yearsField.value > 30)) {
      report(yearsField.line, `"years" must be a whole number of figures from 2 to 30, got ${JSON.stringify(yearsField.text)}`);
    }
    if (baseline !== null && by !== null && by < baseline) report(fields.get("by")!.line, `"by" (${by}) is before the baseline year (${baseline})`);

    const aggregateField = fields.has("aggregate") ? str("aggregate") : null;
    let aggregate: Aggregate = "last";
    if (aggregateField) {
      const a = AGGREGATES.find((x) => x === aggregateField.value);
      if (!a) report(aggregateField.line, `unknown aggregate ${JSON.stringify(aggregateField.value)}; it must be ${list(AGGREGATES)}`);
      else aggregate = a;
    }

    // optional texts
    const expected = fields.has("expected") ? str("expected") : null;
    const note = fields.has("note") ? str("note") : null;
    const sentence = fields.has("sentence") ? str("sentence") : null;
    if (sentence) {
      const unknown = [...sentence.value.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((p) => !SENTENCE_PLACEHOLDERS.some((k) => k === p));
      if (unknown.length > 0) {
        report(
          sentence.line,
          `unknown placeholder${unknown.length === 1 ? "" : "s"} ${unknown.map((p) => `{${p}}`).join(", ")} in "sentence"; allowed: ${SENTENCE_PLACEHOLDERS.map((p) => `{${p}}`).join(" ")}`,
        );
      }
    }

    if (ok && id && title && area && indicatorField && rule && unit && sourceText) {
      goals.push({
        id: id.value,
        title: title.value,
        area,
        indicator: indicatorField.value,
        baseline,
        rule,
        value: value?.value ?? null,
        by,
        years: TREND_RULES.includes(rule) ? (yearsField?.value ?? DEFAULT_TREND_YEARS) : null,
        unit,
        source: sourceText,
        expected: expected?.value || null,
        note: note?.value || null,
        sentence: sentence?.value || null,
        aggregate,
        line: itemLine,
      });
    }
  });
  if (goalsNode.items.length === 0) problems.push({ file, line: lineOf(goalsNode), goal: null, message: '"goals:" holds no goals' });
  if (problems.length > 0) throw new GoalsError(problems);
  return { owner, goals };
}

/** owner: {kommune: "260", name: …, body: …, year: 2013, document: …}; problems name the line. */
function parseOwner(node: unknown, file: string, line: number | null, problems: GoalProblem[]): GoalsOwner | null {
  const value = isMap(node) ? (node.toJSON() as Record<string, unknown>) : null;
  const fail = (message: string) => {
    problems.push({ file, line, goal: null, message: `owner: ${message}` });
    return null;
  };
  if (!value) return fail('must be a mapping: kommune: "260", name: Halsnæs Kommune, body: Byrådet, year: 2013');
  const kommune = String(value.kommune ?? "").trim();
  if (!/^\d{3}$/.test(kommune)) return fail(`kommune ${JSON.stringify(value.kommune ?? null)} must be StatBank's 3-digit municipality code, e.g. "260"`);
  const year = Number(value.year);
  if (!Number.isInteger(year) || year < 1970 || year > 2100)
    return fail(`year ${JSON.stringify(value.year ?? null)} must be the year the goals were adopted, e.g. 2013`);
  for (const k of Object.keys(value))
    if (!["kommune", "name", "body", "year", "document"].includes(k)) return fail(`unknown field ${JSON.stringify(k)} (kommune, name, body, year, document)`);
  const text = (k: string) => (typeof value[k] === "string" && (value[k] as string).trim() !== "" ? (value[k] as string).trim() : null);
  if (!text("name") || !text("body")) return fail("name and body are required (e.g. name: Halsnæs Kommune, body: Byrådet)");
  return { kommune, name: text("name")!, body: text("body")!, year, document: text("document") };
}

/** The id of the goal a line belongs to: the last "id:" at or above it (for YAML syntax errors). */
function goalNear(lines: readonly string[], line: number): string | null {
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^\s*(?:-\s+)?id:\s*["']?([^"'#\s]+)/.exec(lines[i]);
    if (m) return m[1];
  }
  return null;
}

/** Read and validate the goals file. */
export async function readGoals(path = "data/goals.yaml", knownIndicators: ReadonlySet<string> = defaultKnownIndicators()): Promise<Goal[]> {
  return (await readGoalsFile(path, knownIndicators)).goals;
}

export async function readGoalsFile(path = "data/goals.yaml", knownIndicators: ReadonlySet<string> = defaultKnownIndicators()): Promise<GoalsFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  return parseGoalsFile(text, path, knownIndicators);
}

/** The StatBank indicators, the default manual ones and any `extra` ids (e.g. those found in data/indicators/). */
export function defaultKnownIndicators(extra: Iterable<string> = []): Set<string> {
  return new Set([...STATBANK_INDICATOR_IDS, ...Object.keys(DEFAULT_MANUAL_INDICATORS), ...extra]);
}
