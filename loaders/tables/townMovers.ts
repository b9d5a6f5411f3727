/**
 * The municipality's own register extract of newcomers by urban area: in-movers per BY1 urban area
 * (or the rural district), age group and where they came from, one CSV per file in
 * data/extracts/byomraader/ (schema in data/extracts/README.md, section "Tilflyttere pr.
 * byområde"). Small counts are protected as in the mover extract, with the same functions
 * (src/lib/disclosure.ts): no cell below 3 is written, and no hidden cell can be worked out from
 * the totals the page shows (TOWN_GROUPINGS); auditNoRecovery checks the output and the loader
 * refuses to write a leak. Returned as the "town_movers" dataset.
 */
import { auditNoRecovery, hideSmallCounts } from "../../src/lib/disclosure.ts";
import {
  countShape,
  CsvFileError,
  fileNotes,
  KeysOnce,
  MAX_LISTED,
  municipalityCodeProblem,
  noCsvFile,
  parseCsvRows,
  readCsvFiles,
  rowColumns,
  type CsvProblem,
  type CsvSchema,
} from "../csvFile.ts";
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { by1CodeProblem, by1Codes, type By1Code } from "./by1Codes.ts";
import { isMunicipality } from "./codes.ts";
import { towns } from "./towns.ts";
import type { TownMoverRow as DatasetTownMoverRow } from "../../src/lib/datasets.ts";

export const TOWN_MOVER_COLUMNS = ["kommune", "aar", "byomraade", "aldersgruppe", "fra", "antal"] as const;
export type TownMoverColumn = (typeof TOWN_MOVER_COLUMNS)[number];

/** Age groups, as on the page /tilflyttere. */
export const AGE_GROUPS = ["0-17", "18-24", "25-44", "45-64", "65+"] as const;
/** Where the newcomers came from. */
export const ORIGINS = {
  egen_kommune: "Fra en anden by eller et landdistrikt i kommunen",
  nabokommune: "Fra en nabokommune",
  region: "Fra resten af regionen",
  landet: "Fra resten af landet",
  udland: "Fra udlandet",
} as const;
export type Origin = keyof typeof ORIGINS;
const ORIGIN_CODES = Object.keys(ORIGINS) as Origin[];

export interface TownMoverCell {
  area: string;
  year: number;
  town_code: string;
  age_group: string;
  origin: string;
  count: number | null;
}

/** The totals the page may show (and the suppression protects): per year, per urban area, by age group and by origin. */
export type TownMoverKey = "area" | "year" | "town_code" | "age_group" | "origin";
export const TOWN_GROUPINGS: readonly (readonly TownMoverKey[])[] = [
  ["area", "year"],
  ["area", "year", "town_code"],
  ["area", "year", "town_code", "age_group"],
  ["area", "year", "town_code", "origin"],
  ["area", "year", "age_group"],
  ["area", "year", "origin"],
];

export class TownMoverError extends CsvFileError {
  constructor(problems: CsvProblem[]) {
    super(problems, "the register extract of newcomers by urban area", "data/extracts/README.md");
    this.name = "TownMoverError";
  }
}

const SCHEMA: CsvSchema<TownMoverColumn> = {
  columns: TOWN_MOVER_COLUMNS,
  danishLetters: "hint",
  linePer: "cell",
  error: (problems) => new TownMoverError(problems),
};

function antalProblem(text: string): string | null {
  switch (countShape(text)) {
    case "count":
    case "empty":
    case "not-disclosed":
      return null;
    case "negative":
      return `${text} is negative; antal is a number of persons (0 or more)`;
    case "thousands":
      return `${JSON.stringify(text)} is not an integer (write it without a thousands separator)`;
    default:
      return `${JSON.stringify(text)} is not a number of persons (an integer, or ".." or empty when not disclosed)`;
  }
}

export interface ParsedTownMovers {
  file: string;
  example: boolean;
  cells: (TownMoverCell & { file: string; line: number })[];
}

/** One file, checked against the BY1 codes (towns, rural district and no fixed address of the municipality). */
export function parseTownMovers(text: string, file: string, codes: ReadonlyMap<string, By1Code>): ParsedTownMovers {
  const keys = new KeysOnce(["kommune", "aar", "byomraade", "aldersgruppe", "fra"], "duplicate cell");
  const { rows: cells, ...parsed } = parseCsvRows(text, file, SCHEMA, (row) => {
    const area = row.check("kommune", (v) => municipalityCodeProblem(v, "420"));
    const yearText = row.check("aar", (v) => (/^(19|20)\d\d$/.test(v) ? null : `${JSON.stringify(v)} is not a 4-digit year`));
    const town = row.check("byomraade", (v) => by1CodeProblem(v, area && isMunicipality(area) ? area : null, codes, ["landdistrikt", "uden fast bopæl"]));
    const age = row.check("aldersgruppe", (v) =>
      (AGE_GROUPS as readonly string[]).includes(v) ? null : `unknown aldersgruppe ${JSON.stringify(v)}; expected one of ${AGE_GROUPS.join(", ")}`,
    );
    const origin = row.check("fra", (v) =>
      ORIGIN_CODES.includes(v.toLowerCase() as Origin) ? null : `unknown fra ${JSON.stringify(v)}; expected one of ${ORIGIN_CODES.join(", ")}`,
    );
    const countText = row.check("antal", antalProblem);
    if (!row.ok || !area || !yearText || !town || !age || !origin || countText === null) return null;
    if (!keys.first(row, [area, yearText, town, age, origin.toLowerCase()])) return null;
    return {
      area,
      year: Number(yearText),
      town_code: town,
      age_group: age,
      origin: origin.toLowerCase(),
      count: countShape(countText) === "count" ? Number(countText) : null,
    };
  });
  return { ...parsed, cells };
}

const ageIndex = new Map<string, number>(AGE_GROUPS.map((a, i) => [a, i]));
const originIndex = new Map<string, number>(ORIGIN_CODES.map((o, i) => [o, i]));

/** Row order: area, year, urban area, age group, origin (the suppression's ties follow it). */
export function compareTownCells(a: TownMoverCell, b: TownMoverCell): number {
  return (
    a.area.localeCompare(b.area) ||
    a.year - b.year ||
    a.town_code.localeCompare(b.town_code) ||
    ageIndex.get(a.age_group)! - ageIndex.get(b.age_group)! ||
    originIndex.get(a.origin)! - originIndex.get(b.origin)!
  );
}

/** The dataset's row (src/lib/datasets.ts), with `suppressed` a flag. */
export type TownMoverRow = DatasetTownMoverRow & { suppressed: 0 | 1 };

/** Hide small counts (and what would give them away) and prove that nothing is recoverable. */
export function protectTownMovers(
  cells: readonly TownMoverCell[],
  names: ReadonlyMap<string, By1Code>,
): { rows: TownMoverRow[]; primary: number; secondary: number } {
  const sorted = [...cells].sort(compareTownCells);
  const { hidden, suppressed, primary, secondary } = hideSmallCounts(sorted, TOWN_GROUPINGS, "town_movers");
  const rows: TownMoverRow[] = sorted.map((c, i) => ({
    area: c.area,
    year: c.year,
    town_code: c.town_code,
    town: names.get(c.town_code)?.name ?? c.town_code,
    age_group: c.age_group,
    origin: c.origin,
    movers: hidden[i] ? null : c.count,
    suppressed: suppressed[i] ? 1 : 0,
  }));
  const leaks = auditNoRecovery(
    rows,
    TOWN_GROUPINGS,
    sorted.map((c) => c.count),
  );
  if (leaks.length > 0)
    throw new Error(
      `town_movers: the suppression leaves ${leaks.length} cell(s) recoverable (a bug):\n${leaks
        .slice(0, MAX_LISTED)
        .map((l) => `  ${l.message}`)
        .join("\n")}`,
    );
  return { rows, primary, secondary };
}

const TITLE = "Tilflyttere pr. byområde efter alder og hvorfra (særkørsel)";

const COLUMNS = {
  area: "Kommunekode",
  year: "År for tilflytningen",
  town_code: "Byområdets kode i BY1 (KKK99999: landdistrikter, KKK99997: uden fast bopæl)",
  town: "Byområdets navn",
  age_group: `Aldersgruppe: ${AGE_GROUPS.join(", ")}`,
  origin: `Hvorfra: ${ORIGIN_CODES.map((o) => `${o} = ${ORIGINS[o]}`).join("; ")}`,
  movers: "Tilflyttere, personer; tom når tallet er skjult (færre end 3 eller for at beskytte et sådant tal) eller ikke oplyst",
  suppressed: "1 når tallet er skjult af diskretionshensyn, ellers 0",
};

export const TOWN_SUPPRESSION_NOTE =
  "Små tal: celler med færre end 3 personer vises ikke, og yderligere celler er skjult, så de ikke kan regnes ud som en total minus de viste celler " +
  "(totaler pr. år, pr. byområde, pr. byområde og aldersgruppe, pr. byområde og hvorfra, pr. aldersgruppe og pr. hvorfra). Skjulte celler må ikke tælles som 0.";

/** The "town_movers" dataset from data/extracts/byomraader/*.csv. */
export async function townMovers(client: StatbankClient, dir = "data/extracts/byomraader"): Promise<Dataset> {
  const by1 = await towns(client);
  if (by1.meta.rows === 0) return empty(by1.meta.missing.length ? by1.meta.missing : [{ table: "BY1", what: "ingen byområder", detail: "towns: 0 rows" }], []);
  const codes = by1Codes(by1);
  const { files, parsed } = await readCsvFiles(dir, (text, path) => parseTownMovers(text, path, codes), {
    error: (problems) => new TownMoverError(problems),
    rows: (p) => p.cells,
    unique: { key: (c) => [c.area, c.year, c.town_code, c.age_group, c.origin].join(";"), what: "duplicate cell", always: true },
  });
  if (files.length === 0)
    return empty(
      noCsvFile(0, { table: "data/extracts/byomraader", what: "ingen særkørsel pr. byområde", dir, readme: "data/extracts/README.md" }),
      by1.meta.sources,
    );
  const cells = parsed.flatMap((p) => p.cells.map(({ file: _f, line: _l, ...c }) => c));
  const { rows, primary, secondary } = protectTownMovers(cells, codes);
  const notes = [
    ...fileNotes(parsed, {
      example: "er opdigtede tal til at vise siden, ikke tal fra Danmarks Statistik.",
      real: "Særkørsel fra Danmarks Statistik, bestilt af kommunen:",
    }),
    TOWN_SUPPRESSION_NOTE,
    `Skjult i alt: ${primary + secondary} af ${rows.length} celler (${primary} med færre end 3, ${secondary} for at beskytte dem).`,
  ];
  return {
    columns: columnsOf(rows),
    meta: datasetMeta({ dataset: "town_movers", title: TITLE, sources: by1.meta.sources, rows: rows.length, columns: COLUMNS, notes }),
  };
}

function columnsOf(rows: readonly TownMoverRow[]): Dataset["columns"] {
  return rowColumns(rows, {
    area: "string",
    year: "int16",
    town_code: "string",
    town: "string",
    age_group: "string",
    origin: "string",
    movers: "int32",
    suppressed: "int16",
  });
}

function empty(missing: MissingPart[], sources: Dataset["meta"]["sources"]): Dataset {
  return { columns: columnsOf([]), meta: datasetMeta({ dataset: "town_movers", title: TITLE, sources, rows: 0, columns: COLUMNS, missing }) };
}
