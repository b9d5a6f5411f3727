/**
 * The ambassador scheme (landsbyambassadører): data/ambassadoerer/*.csv, per community and period
 * the number of ambassadors, contacts from potential or actual newcomers, and events (schema in
 * data/ambassadoerer/README.md). Validated with file, line and column; a community must be one of
 * the municipality's local communities in data/lokalsamfund where that municipality has any.
 * Returned as the "ambassadors" dataset; the scorecard's indicator village_ambassador_communities
 * is computed from the same rows (withAmbassadorIndicator), so the goal and the page read one number.
 */
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ambassadorIndicator, type AmbassadorRow } from "../src/lib/ambassadors.ts";
import { EXAMPLE_NOTE_PREFIX, isExampleData, isExampleFile } from "../src/lib/example.ts";
import {
  countShape,
  CsvFile,
  CsvFileError,
  csvFileNames,
  csvLines,
  dagiCodeProblem,
  duplicateRows,
  exampleAndRealFiles,
  FirstSeen,
  readCsvFolder,
  type CsvProblem,
  type CsvSchema,
} from "./csvFile.ts";
import { parsePeriod, type PeriodKind } from "./manualIndicators.ts";
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";
import { splitLine } from "./statbank/csv.ts";
import { isMunicipality } from "./tables/codes.ts";

export const AMBASSADOR_COLUMNS = ["kommune", "lokalsamfund", "periode", "ambassadoerer", "henvendelser", "arrangementer", "note"] as const;
export type AmbassadorColumn = (typeof AMBASSADOR_COLUMNS)[number];

/** The indicator of data/goals.yaml that this file feeds. */
export const AMBASSADOR_INDICATOR = "village_ambassador_communities";

export interface ParsedAmbassadors {
  file: string;
  example: boolean;
  rows: (AmbassadorRow & { file: string; line: number; kind: PeriodKind })[];
}

export class AmbassadorError extends CsvFileError {
  constructor(problems: CsvProblem[]) {
    super(problems, "the ambassador scheme (landsbyambassadører)", "data/ambassadoerer/README.md");
    this.name = "AmbassadorError";
  }
}

const SCHEMA: CsvSchema<AmbassadorColumn> = {
  columns: AMBASSADOR_COLUMNS,
  optional: ["arrangementer", "note"],
  danishLetters: "accept",
  linePer: "community and period",
  error: (problems) => new AmbassadorError(problems),
};

function countProblem(text: string): string | null {
  switch (countShape(text)) {
    case "count":
    case "empty":
      return null;
    case "negative":
      return `${text} is negative; write 0 or more`;
    case "thousands":
      return `${JSON.stringify(text)} is not an integer (write it without a thousands separator)`;
    default:
      return `${JSON.stringify(text)} is not a whole number (leave it empty when it is not known)`;
  }
}

const count = (text: string | null) => (text === null || text === "" ? null : Number(text));

/**
 * One file's text. `communities` (municipality → its community names in data/lokalsamfund) makes a
 * name that is not among the municipality's communities a problem; a municipality without
 * communities there is not checked.
 */
export function parseAmbassadors(text: string, file: string, communities: ReadonlyMap<string, ReadonlySet<string>> = new Map()): ParsedAmbassadors {
  const csv = new CsvFile(text, file, SCHEMA);
  csv.throwIfProblems();
  const rows: ParsedAmbassadors["rows"] = [];
  const keys = new FirstSeen<number>();
  for (const row of csv.rows()) {
    const area = row.check("kommune", (v) =>
      isMunicipality(v) ? null : (dagiCodeProblem(v) ?? `${JSON.stringify(v)} is not a municipality code; use StatBank's 3-digit code such as 420`),
    );
    const community = row.check("lokalsamfund", (v) => {
      if (v === "") return "the community's name is empty";
      const known = area ? communities.get(area) : undefined;
      if (known && !known.has(v))
        return `unknown community ${JSON.stringify(v)}: not among municipality ${area}'s communities in data/lokalsamfund (${[...known].sort().join(", ")})`;
      return null;
    });
    const periodText = row.check("periode", (v) =>
      parsePeriod(v) ? null : `unknown period ${JSON.stringify(v)}; expected a year (2014), a month (2014-05) or a quarter (2014K2)`,
    );
    const ambassadors = row.check("ambassadoerer", countProblem);
    const contacts = row.check("henvendelser", countProblem);
    const events = row.check("arrangementer", countProblem);
    const note = row.field("note");
    void note;
    if (row.ok && area && community && periodText) {
      const key = `${area};${community};${periodText}`;
      const first = keys.previous(key, row.line);
      if (first !== undefined) {
        row.reject(`duplicate ${key} (kommune;lokalsamfund;periode), also on line ${first}`);
        continue;
      }
      const period = parsePeriod(periodText)!;
      rows.push({
        area,
        community,
        period: periodText,
        year: period.year,
        kind: period.kind,
        ambassadors: count(ambassadors),
        contacts: count(contacts),
        events: count(events),
        file,
        line: row.line,
      });
    }
  }
  csv.throwIfProblems();
  return { file, example: isExampleFile(file), rows };
}

/** Municipality → community names in data/lokalsamfund/*.csv, read leniently (the BY1 check is the communities loader's). */
export async function communityNames(dir = "data/lokalsamfund"): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const name of await csvFileNames(dir)) {
    const [headerLine, ...lines] = csvLines(await readFile(join(dir, name), "utf8"));
    const header = (splitLine(headerLine ?? "") ?? []).map((h) => h.trim().toLowerCase());
    const [k, l] = [header.indexOf("kommune"), header.indexOf("lokalsamfund")];
    if (k < 0 || l < 0) continue;
    for (const line of lines) {
      const f = splitLine(line);
      const area = f?.[k]?.trim();
      const community = f?.[l]?.trim();
      if (area && community) out.set(area, (out.get(area) ?? new Set()).add(community));
    }
  }
  return out;
}

/** Every file in `dir`, validated together: the same community and period in two files, and one kind of period per municipality. */
export async function readAmbassadorFiles(dir = "data/ambassadoerer", communityDir = "data/lokalsamfund"): Promise<ParsedAmbassadors[]> {
  const names = await communityNames(communityDir);
  const { parsed, problems } = await readCsvFolder(dir, (text, path) => parseAmbassadors(text, path, names));
  const all = parsed.flatMap((p) => p.rows);
  if (problems.length === 0) problems.push(...duplicateRows(all, (r) => `${r.area};${r.community};${r.period}`, "duplicate"));
  const kinds = new FirstSeen<(typeof all)[number]>();
  for (const r of all) {
    const first = kinds.previous(r.area, r);
    if (first && first.kind !== r.kind) {
      problems.push({
        file: r.file,
        line: r.line,
        column: null,
        columnName: "periode",
        message: `${r.period} is a ${r.kind}, but ${basename(first.file)} line ${first.line} has a ${first.kind} (${first.period}); use one kind of period per municipality`,
      });
    }
  }
  if (problems.length > 0) throw new AmbassadorError(problems);
  return parsed;
}

const TITLE = "Landsbyambassadører: henvendelser fra tilflyttere pr. lokalsamfund";

const COLUMNS = {
  area: "Kommunekode",
  community: "Lokalsamfund",
  period: "Periode som i filen: år, måned (2014-05) eller kvartal (2014K2)",
  year: "År",
  ambassadors: "Antal ambassadører i lokalsamfundet; tom når det ikke er oplyst",
  contacts: "Henvendelser fra mulige eller nye tilflyttere; tom når det ikke er oplyst",
  events: "Arrangementer; tom når det ikke er oplyst",
  example: "1 når rækken kommer fra en eksempelfil (*.eksempel.csv), ellers 0",
};

/** The "ambassadors" dataset from every `*.csv` in `dir`; empty (and saying so) when there is none. */
export async function ambassadors(dir = "data/ambassadoerer", communityDir = "data/lokalsamfund"): Promise<Dataset> {
  const parsed = await readAmbassadorFiles(dir, communityDir);
  const rows = parsed
    .flatMap((p) => p.rows.map((r) => ({ ...r, example: p.example ? 1 : 0 })))
    .sort((a, b) => a.area.localeCompare(b.area) || a.community.localeCompare(b.community, "da") || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const { examples, real } = exampleAndRealFiles(parsed);
  const notes = [
    ...(examples.length ? [`${EXAMPLE_NOTE_PREFIX} ${examples.join(", ")} er opdigtede tal til at vise siden, ikke kommunens egne tal.`] : []),
    ...(real.length ? [`Kommunens egne tal: ${real.join(", ")}.`] : []),
    `Succeskriteriet tælles som lokalsamfund med mindst én henvendelse i året; samme tal er indikatoren ${AMBASSADOR_INDICATOR} på forsiden.`,
  ];
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      community: { type: "string", values: rows.map((r) => r.community) },
      period: { type: "string", values: rows.map((r) => r.period) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      ambassadors: { type: "int32", values: rows.map((r) => r.ambassadors) },
      contacts: { type: "int32", values: rows.map((r) => r.contacts) },
      events: { type: "int32", values: rows.map((r) => r.events) },
      example: { type: "int16", values: rows.map((r) => r.example) },
    },
    meta: datasetMeta({
      dataset: "ambassadors",
      title: TITLE,
      sources: [],
      rows: rows.length,
      columns: COLUMNS,
      notes,
      missing:
        parsed.length === 0
          ? [
              {
                table: "data/ambassadoerer",
                what: "ingen tal for landsbyambassadører",
                detail: `no *.csv file in ${dir}; the format is described in data/ambassadoerer/README.md`,
              },
            ]
          : [],
    }),
  };
}

/**
 * The manual indicators dataset (data/indicators) with village_ambassador_communities added from
 * the ambassador files, so the scorecard's goal reads the number the page /lokalsamfund shows. A
 * figure of that indicator typed into data/indicators as well is refused: one number, one source.
 */
export async function withAmbassadorIndicator(manual: Dataset, dir = "data/ambassadoerer", communityDir = "data/lokalsamfund"): Promise<Dataset> {
  const parsed = await readAmbassadorFiles(dir, communityDir);
  const derived = ambassadorIndicator(parsed.flatMap((p) => p.rows));
  if (derived.length === 0) return manual;
  const c = manual.columns;
  const n = c.indicator.values.length;
  const typed = Array.from({ length: n }, (_, i) => i).filter((i) => c.indicator.values[i] === AMBASSADOR_INDICATOR);
  if (typed.length > 0) {
    const where = [...new Set(typed.map((i) => `${c.area.values[i]} ${c.period.values[i]}`))].slice(0, 5).join(", ");
    throw new Error(
      `data/indicators: ${AMBASSADOR_INDICATOR} (${where}) is computed from data/ambassadoerer/*.csv (communities with at least one newcomer contact in the year); remove it from data/indicators so the scorecard and the page /lokalsamfund read the same number`,
    );
  }
  const names = Object.keys(c);
  const rows = Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, c[k].values[i]])));
  for (const d of derived)
    rows.push({ indicator: AMBASSADOR_INDICATOR, area: d.area, period: String(d.year), year: d.year, breakdown: null, value: d.value, unit: "antal" });
  rows.sort(
    (a, b) =>
      String(a.indicator).localeCompare(String(b.indicator)) ||
      String(a.area).localeCompare(String(b.area)) ||
      String(a.period).localeCompare(String(b.period)) ||
      String(a.breakdown ?? "").localeCompare(String(b.breakdown ?? "")),
  );
  const { examples } = exampleAndRealFiles(parsed);
  const exampleNote = examples.length
    ? [`${EXAMPLE_NOTE_PREFIX} ${examples.map((e) => `data/ambassadoerer/${e}`).join(", ")} er opdigtede tal til at vise siden, ikke kommunens egne tal.`]
    : [];
  const notes = [
    ...(isExampleData(manual.meta) ? [] : exampleNote),
    ...(manual.meta.notes ?? []),
    ...(isExampleData(manual.meta) ? exampleNote : []),
    `${AMBASSADOR_INDICATOR} beregnes af data/ambassadoerer/*.csv: lokalsamfund med mindst én henvendelse fra tilflyttere i året (samme tal som siden Lokalsamfund).`,
  ];
  return {
    columns: Object.fromEntries(names.map((k) => [k, { ...c[k], values: rows.map((r) => r[k]) }])) as Dataset["columns"],
    meta: datasetMeta({
      ...manual.meta,
      rows: rows.length,
      notes,
      missing: manual.meta.missing.filter((m) => m.table !== "data/indicators" || rows.length === 0),
    }),
  };
}
