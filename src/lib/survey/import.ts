/**
 * The import of a survey file (CSV) for the preference analysis (præferenceanalyse): the file's text
 * (decode.ts) split into records (csv.ts) and checked against a schema (schema.ts) — respondent id,
 * optional design weight, grouping columns, Likert items, multi-choice questions and free text. The
 * format is documented in data/survey/README.md.
 *
 * Every problem is reported with line and column; the import either succeeds with tidy rows
 * (respondents, answers, choices, texts, memberships) or throws one SurveyImportError listing them
 * all. Messages are Danish, as they are shown to the planner.
 */
import { delimiterCounts, delimiterOf, isBlank, tokenize, type RawRecord } from "./csv.js";
import { decodeSurvey, SAVE_AS_UTF8 } from "./decode.js";
import { fingerprintRecords } from "./fingerprint.js";
import { listOf, q, SurveyImportError, truncate } from "./messages.js";
import { parseSchema } from "./schema.js";
import { columnSuggestions, didYouMean, missingColumnMessage } from "./suggest.js";
import type { SurveyAnswer, SurveyChoice, SurveyImport, SurveyMembership, SurveyProblem, SurveyRespondent, SurveySchema, SurveyText } from "./types.js";

const WEIGHT = /^\d+(?:[.,]\d+)?$/;

/**
 * Read a survey file and check it against the schema. `input` is the file's text, or its bytes
 * (decoded as UTF-8; a BOM is skipped; Latin-1/Windows-1252 or UTF-16 files are refused with a
 * message saying how to save them). The delimiter is ';' (Danish Excel) or ',' — whichever the
 * header uses. Throws a SurveyImportError listing every problem by line and column.
 * `options.exampleFingerprint` is the shipped example's surveyFileFingerprint: a file with the same
 * rows is marked `example`, whatever its name.
 */
export function importSurvey(
  input: string | Uint8Array,
  schema: SurveySchema,
  fileName: string,
  options: { exampleFingerprint?: string | null } = {},
): SurveyImport {
  const s = parseSchema(schema);
  const problems: SurveyProblem[] = [];
  const warnings: string[] = [];
  const report = (line: number | null, column: string | null, message: string) => problems.push({ line, column, message });
  const fail = () => new SurveyImportError(fileName, problems);

  // 1. Text
  const decoded = decodeSurvey(input);
  if (!decoded.ok) {
    problems.push(...decoded.problems);
    throw fail();
  }
  const text = decoded.text;
  if (text.trim() === "") {
    report(null, null, `filen er tom; den skal have en overskriftslinje med kolonnenavnene (${s.id};…) og én linje pr. besvarelse`);
    throw fail();
  }

  // 2. Delimiter
  const counts = delimiterCounts(text);
  if (counts.semicolon === 0 && counts.comma === 0) {
    if (counts.tab > 0)
      report(
        1,
        null,
        `kolonnerne er adskilt med tabulator (fx gemt som "Tekst (tabulatorsepareret)" eller "Unicode-tekst"). ${SAVE_AS_UTF8}, med semikolon eller komma mellem kolonnerne.`,
      );
    else report(1, null, `overskriftslinjen ${q(truncate(text.split(/\r?\n|\r/)[0]))} har hverken semikolon (;) eller komma (,) mellem kolonnerne`);
    throw fail();
  }
  const delimiter = delimiterOf(counts);
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
  [
    s.id,
    ...(s.weight ? [s.weight] : []),
    ...s.groups.map((g) => g.column),
    ...s.items.map((i) => i.column),
    ...s.multi.map((m) => m.column),
    ...s.freeText,
  ].forEach(addKnown);
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
  for (const name of unknownColumns) warnings.push(`Kolonnen ${q(name)} står ikke i skemaet og bliver ikke læst${didYouMean(name, absentKnown)}.`);
  if (s.weight && !index.has(s.weight.toLowerCase()))
    warnings.push(`Kolonnen ${s.weight} (vægte) findes ikke i filen${didYouMean(s.weight, unknownColumns)}; alle besvarelser tæller lige meget.`);
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
      else if (delimiter === "," && r.fields.length > header.length)
        hint = `; står der et decimaltal med komma (fx 1,5)? Sæt det i anførselstegn, eller brug semikolon mellem kolonnerne`;
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
          bad(
            s.weight,
            /^-/.test(t)
              ? `vægten ${q(t)} er negativ; en vægt skal være et tal større end 0`
              : `vægten ${q(t)} er ikke et tal (skriv fx 1,25 uden tusindtalsseparator)`,
          );
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
      else if (v === "" || isMissing(v))
        bad(
          g.column,
          `${g.label.toLowerCase()} mangler (${v === "" ? "tomt felt" : q(v)}); skriv en af ${codes} — har nogle besvarelser ingen værdi, så tilføj fx "ukendt" under "values" i skemaet`,
        );
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
        const splitter = [",", ";", "/", "+"].find(
          (c) => c !== m.separator && v.includes(c) && v.split(c).every((p) => findCode(multiLookups[k], p.trim()) !== undefined),
        );
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
      if (raw === "")
        report(w.line, header[weightIndex!], `vægten mangler; ${given} andre besvarelser har en vægt, så alle skal have én (eller lad hele kolonnen være tom)`);
    }
  }

  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw fail();
  }
  for (const item of s.items) if (!answered.has(item.column)) warnings.push(`Spørgsmålet ${item.column} (${item.label}) har ingen svar i filen.`);
  for (const m of s.multi) if (!answered.has(m.column)) warnings.push(`Spørgsmålet ${m.column} (${m.label}) har ingen svar i filen.`);

  const fingerprint = fingerprintRecords(
    headerRecord.fields,
    records.map((r) => r.fields),
  );
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
