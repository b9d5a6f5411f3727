/**
 * Reading a municipality's register extract (a særkørsel): the columns and codes of one extract
 * file (schema in data/extracts/README.md), checked with every problem reported by file, line and
 * column, as cells with their true counts. Nothing here hides small counts; ./suppress.ts does
 * that before anything leaves the loader.
 */
import { isExampleFile } from "../../src/lib/example.ts";
import { countShape, CsvFile, CsvFileError, dagiCodeProblem, FirstSeen, type CsvProblem, type CsvRow, type CsvSchema } from "../csvFile.ts";
import { isMunicipality } from "../tables/codes.ts";

/** The columns of an extract file, in the order the README gives (any order is accepted). */
export const EXTRACT_COLUMNS = ["kommune", "aar", "familietype", "fra_kommune", "arbejdssted", "antal"] as const;
export type ExtractColumn = (typeof EXTRACT_COLUMNS)[number];
const KEY_COLUMNS = ["kommune", "aar", "familietype", "fra_kommune", "arbejdssted"] as const;

/** Family-type codes and their Danish labels, in display order. */
export const FAMILY_TYPES = {
  par_med_boern: "Par med børn",
  enlig_med_boern: "Enlig med børn",
  par_uden_boern: "Par uden børn",
  enlig_uden_boern: "Enlig uden børn",
} as const;
export type FamilyType = keyof typeof FAMILY_TYPES;
/** The family-type codes in display order. */
export const FAMILY_TYPE_CODES = Object.keys(FAMILY_TYPES) as FamilyType[];

/** Words allowed besides a municipality code. */
export const ORIGIN_WORDS = ["udland"] as const;
export const WORKPLACE_WORDS = ["udland", "ingen", "ukendt"] as const;

/** One cell of an extract as read from a file: `count` is null where the file says "not disclosed". */
export interface MoverCell {
  area: string;
  year: number;
  family_type: FamilyType;
  origin: string;
  workplace: string;
  count: number | null;
  /** Where the cell came from, for messages. */
  file: string;
  line: number;
}

export interface ParsedExtract {
  file: string;
  /** The file name ends in ".eksempel.csv": invented example data. */
  example: boolean;
  cells: MoverCell[];
}

export type ExtractProblem = CsvProblem;

/** Every problem found in one or more extract files; the message lists up to 20, then "… og N flere". */
export class MoverExtractError extends CsvFileError {
  constructor(problems: ExtractProblem[]) {
    super(problems, "the register extract (særkørsel)", "data/extracts/README.md");
    this.name = "MoverExtractError";
  }
}

const EXTRACT_CSV: CsvSchema<ExtractColumn> = {
  columns: EXTRACT_COLUMNS,
  danishLetters: "hint",
  linePer: "cell",
  error: (problems) => new MoverExtractError(problems),
};

/** Why `value` is not a municipality code nor one of `words`, or null when it is fine. */
function codeProblem(value: string, words: readonly string[]): string | null {
  if (words.includes(value.toLowerCase())) return null;
  if (/^\d{3}$/.test(value) && isMunicipality(value) && Number(value) < 900) return null;
  const dagi = dagiCodeProblem(value);
  if (dagi) return dagi;
  const allowed = `a 3-digit municipality code such as 260${words.length ? ` or ${words.map((w) => JSON.stringify(w)).join(", ")}` : ""}`;
  if (/^9\d\d$/.test(value)) {
    return `${JSON.stringify(value)} is not a municipality (StatBank's 9xx codes mean abroad or unknown); use ${words.length ? words.map((w) => JSON.stringify(w)).join(", ") : "a municipality code"}`;
  }
  return `${JSON.stringify(value)} is not ${allowed}`;
}

/** Why `text` is not an `antal`, or null; empty and ".." mean not disclosed. */
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
    case "decimal":
    case "negative-decimal":
      return `${JSON.stringify(text)} is not an integer`;
    case "other":
      return `${JSON.stringify(text)} is not a number of persons (an integer, or ".." or empty when not disclosed)`;
  }
}

/** The family-type code in the row's familietype field; undefined (and reported) when it is none. */
function familyOf(row: CsvRow<ExtractColumn>): FamilyType | undefined {
  const text = row.field("familietype");
  if (text === null) return undefined;
  const family = FAMILY_TYPE_CODES.find((f) => f === text.toLowerCase());
  if (!family) {
    const byLabel = FAMILY_TYPE_CODES.find((f) => FAMILY_TYPES[f].toLowerCase() === text.toLowerCase());
    row.fail(
      "familietype",
      `unknown familietype ${JSON.stringify(text)}${byLabel ? ` (write the code ${byLabel}, not the label)` : ""}; expected one of ${FAMILY_TYPE_CODES.join(", ")}`,
    );
  }
  return family;
}

/**
 * Parse and validate one extract file's text (decoded as UTF-8). `file` names the file in
 * messages and decides whether it is example data. Throws one MoverExtractError listing every
 * problem found, each with file, line and column.
 */
export function parseMoverExtract(text: string, file: string): ParsedExtract {
  const csv = new CsvFile(text, file, EXTRACT_CSV);
  const cells: MoverCell[] = [];
  const keys = new FirstSeen<number>();
  const hasKey = KEY_COLUMNS.every((c) => csv.has(c));
  for (const row of csv.rows()) {
    const area = row.check("kommune", (v) => codeProblem(v, []));
    const yearText = row.check("aar", (v) => (/^(19|20)\d\d$/.test(v) ? null : `${JSON.stringify(v)} is not a 4-digit year`));
    const family = familyOf(row);
    const origin = row.check("fra_kommune", (v) => codeProblem(v, ORIGIN_WORDS));
    const workplace = row.check("arbejdssted", (v) => codeProblem(v, WORKPLACE_WORDS));
    const countText = row.check("antal", antalProblem);
    const count = countText !== null && countShape(countText) === "count" ? Number(countText) : null;

    if (hasKey && area !== null && yearText !== null && family && origin !== null && workplace !== null) {
      const key = [area, yearText, family, origin.toLowerCase(), workplace.toLowerCase()].join(";");
      const first = keys.previous(key, row.line);
      if (first !== undefined) row.reject(`duplicate cell ${key} (kommune;aar;familietype;fra_kommune;arbejdssted), also on line ${first}`);
    }
    if (row.ok && family) {
      cells.push({
        area: area!,
        year: Number(yearText),
        family_type: family,
        origin: origin!.toLowerCase(),
        workplace: workplace!.toLowerCase(),
        count,
        file,
        line: row.line,
      });
    }
  }
  csv.throwIfProblems();
  return { file, example: isExampleFile(file), cells };
}
