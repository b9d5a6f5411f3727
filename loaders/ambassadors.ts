/**
 * The ambassador scheme (landsbyambassadører): data/ambassadoerer/*.csv, per community and period
 * the number of ambassadors, contacts from potential or actual newcomers, and events (schema in
 * data/ambassadoerer/README.md). Validated with file, line and column; a community must be one of
 * the municipality's local communities in data/lokalsamfund where that municipality has any.
 * Returned as the "ambassadors" dataset; the scorecard's indicator village_ambassador_communities
 * is computed from the same rows (withAmbassadorIndicator), so the goal and the page read one number.
 */
import { basename } from "node:path";
import { ambassadorIndicator, type AmbassadorRow } from "../src/lib/ambassadors.ts";
import {
  CsvFileError,
  exampleAndRealFiles,
  exampleNote,
  fileNotes,
  FirstSeen,
  KeysOnce,
  lenientColumns,
  municipalityCodeProblem,
  noCsvFile,
  parseCsvRows,
  readCsvFiles,
  rowColumns,
  wholeCountProblem,
  type CsvProblem,
  type CsvSchema,
  type ParsedCsv,
} from "./csvFile.ts";
import { addDerivedIndicators, parsePeriod, type PeriodKind } from "./manualIndicators.ts";
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";

export const AMBASSADOR_COLUMNS = ["kommune", "lokalsamfund", "periode", "ambassadoerer", "henvendelser", "arrangementer", "note"] as const;
export type AmbassadorColumn = (typeof AMBASSADOR_COLUMNS)[number];

/** The indicator of data/goals.yaml that this file feeds. */
export const AMBASSADOR_INDICATOR = "village_ambassador_communities";

export type ParsedAmbassadors = ParsedCsv<AmbassadorRow & { kind: PeriodKind }>;

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

const countProblem = (text: string) => wholeCountProblem(text, { hint: " (leave it empty when it is not known)" });

const count = (text: string | null) => (text === null || text === "" ? null : Number(text));

/**
 * One file's text. `communities` (municipality → its community names in data/lokalsamfund) makes a
 * name that is not among the municipality's communities a problem; a municipality without
 * communities there is not checked.
 */
export function parseAmbassadors(text: string, file: string, communities: ReadonlyMap<string, ReadonlySet<string>> = new Map()): ParsedAmbassadors {
  const keys = new KeysOnce(["kommune", "lokalsamfund", "periode"]);
  return parseCsvRows(text, file, SCHEMA, (row) => {
    const area = row.check("kommune", (v) => municipalityCodeProblem(v, "420"));
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
    row.field("note"); // read for its encoding only: the note is not in the dataset
    if (!row.ok || !area || !community || !periodText || !keys.first(row, [area, community, periodText])) return null;
    const period = parsePeriod(periodText)!;
    return {
      area,
      community,
      period: periodText,
      year: period.year,
      kind: period.kind,
      ambassadors: count(ambassadors),
      contacts: count(contacts),
      events: count(events),
    };
  });
}

/** Municipality → community names in data/lokalsamfund/*.csv, read leniently (the BY1 check is the communities loader's). */
export async function communityNames(dir = "data/lokalsamfund"): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const [area, community] of await lenientColumns(dir, ["kommune", "lokalsamfund"]))
    if (area && community) out.set(area, (out.get(area) ?? new Set()).add(community));
  return out;
}

/** Every file in `dir`, validated together: the same community and period in two files, and one kind of period per municipality. */
export async function readAmbassadorFiles(dir = "data/ambassadoerer", communityDir = "data/lokalsamfund"): Promise<ParsedAmbassadors[]> {
  const names = await communityNames(communityDir);
  const { parsed } = await readCsvFiles(dir, (text, path) => parseAmbassadors(text, path, names), {
    error: (problems) => new AmbassadorError(problems),
    rows: (p) => p.rows,
    unique: { key: (r) => `${r.area};${r.community};${r.period}`, what: "duplicate" },
    check: (all) => {
      const problems: CsvProblem[] = [];
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
      return problems;
    },
  });
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
  const notes = [
    ...fileNotes(parsed),
    `Succeskriteriet tælles som lokalsamfund med mindst én henvendelse i året; samme tal er indikatoren ${AMBASSADOR_INDICATOR} på forsiden.`,
  ];
  return {
    columns: rowColumns(rows, {
      area: "string",
      community: "string",
      period: "string",
      year: "int16",
      ambassadors: "int32",
      contacts: "int32",
      events: "int32",
      example: "int16",
    }),
    meta: datasetMeta({
      dataset: "ambassadors",
      title: TITLE,
      sources: [],
      rows: rows.length,
      columns: COLUMNS,
      notes,
      missing: noCsvFile(parsed.length, { table: "data/ambassadoerer", what: "ingen tal for landsbyambassadører", dir }),
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
  const derived = ambassadorIndicator(parsed.flatMap((p) => p.rows)).map((d) => ({
    indicator: AMBASSADOR_INDICATOR,
    area: d.area,
    period: String(d.year),
    year: d.year,
    breakdown: null,
    value: d.value,
    unit: "antal",
  }));
  const { examples } = exampleAndRealFiles(parsed);
  return addDerivedIndicators(manual, derived, {
    refused: (typed) =>
      `data/indicators: ${AMBASSADOR_INDICATOR} (${[...new Set(typed.map((t) => `${t.area} ${t.period}`))].slice(0, 5).join(", ")}) is computed from data/ambassadoerer/*.csv (communities with at least one newcomer contact in the year); remove it from data/indicators so the scorecard and the page /lokalsamfund read the same number`,
    exampleNote: exampleNote(examples.map((e) => `data/ambassadoerer/${e}`)),
    note: `${AMBASSADOR_INDICATOR} beregnes af data/ambassadoerer/*.csv: lokalsamfund med mindst én henvendelse fra tilflyttere i året (samme tal som siden Lokalsamfund).`,
  });
}
