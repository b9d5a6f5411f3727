/**
 * The survey schema (data/survey/schema.json, documented in data/survey/README.md): parseSchema
 * checks the parsed JSON — respondent id, optional design weight, grouping columns (with the
 * population margin each may be raked to), Likert items on named scales, multi-choice questions
 * and free text — and returns it with defaults filled in, or throws one SurveySchemaError listing
 * every problem.
 */
import { listOf, q, SurveySchemaError } from "./messages.js";
import type { SurveyGroup, SurveyItem, SurveyMargin, SurveyMulti, SurveyProblem, SurveyScale, SurveySchema } from "./types.js";

export const SURVEY_MARGINS: readonly SurveyMargin[] = ["age", "sex"];

/**
 * The categories a margin's codes must come from: those of the population dataset the page rakes
 * to (population_agegroups, from FOLK1A: age groups and sex "M"/"K"). A group need not use them all.
 */
export const MARGIN_CATEGORIES: Readonly<Record<SurveyMargin, readonly string[]>> = {
  age: ["0-5", "6-16", "17-19", "20-34", "35-64", "65-79", "80-"],
  sex: ["M", "K"],
};

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

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
      if (!allowed.includes(k) && !k.startsWith("_"))
        report(column, `${where}: ukendt nøgle ${q(k)} (tilladt: ${allowed.join(", ")}; nøgler, der starter med "_", er kommentarer)`);
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
  if (json.scales === undefined || json.scales === null)
    report(null, `"scales" mangler (fx {"tilfredshed": {"1": "Meget utilfreds", …, "5": "Meget tilfreds"}})`);
  else if (!isRecord(json.scales) || Object.keys(json.scales).length === 0)
    report(null, `"scales" skal være et objekt med mindst én skala, fx {"tilfredshed": {"1": "Meget utilfreds", …}}`);
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
      else if (values.some((v, i) => i > 0 && v !== values[i - 1] + 1))
        report(null, `${where}: svarkoderne skal følge efter hinanden uden huller (fik ${values.join(", ")})`);
      else if (codes.some((c) => String(Number(c)) !== c)) report(null, `${where}: skriv svarkoderne uden foranstillede nuller (fik ${listOf(codes.map(q))})`);
      else scales[name] = map;
    }
  }

  // missing
  let missing = [""];
  if (json.missing !== undefined && json.missing !== null) {
    if (!Array.isArray(json.missing) || json.missing.some((m) => typeof m !== "string"))
      report(null, `"missing" skal være en liste af tekster, fx ["", "ved ikke"]`);
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
      else if (isRecord(json.scales) && scale in json.scales)
        scaleOk = false; // the scale's own problem is reported above
      else {
        const known = isRecord(json.scales) ? Object.keys(json.scales) : [];
        report(column, `${w}: skalaen ${q(scale)} findes ikke under "scales"${known.length ? ` (der er: ${known.join(", ")})` : ""}`);
      }
    }
    if (topic !== null && scale !== null) {
      const key = `${topic}\u0000${scale}`;
      const other = topicScales.get(key);
      if (other)
        report(column, `${w}: emnet ${q(topic)} har allerede et spørgsmål på skalaen ${q(scale)} (${other}); hvert emne kan have ét spørgsmål pr. skala`);
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
