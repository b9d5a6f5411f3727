/**
 * What the importers of the digitalisation files share (data/henvendelser, data/enhedsomkostninger,
 * data/digital-post, data/digital-post-fritagelser, data/projekter), beyond the CSV reading of
 * ../csvFile.ts: the checks of a municipality code, a count and a period, the example notes, and
 * the dataset's columns from row objects.
 */
import { fileNotes as csvFileNotes, municipalityCodeProblem, rowColumns, wholeCountProblem, type CsvRow } from "../csvFile.ts";
import { parsePeriod } from "../manualIndicators.ts";

export function municipalityProblem(v: string): string | null {
  return municipalityCodeProblem(v, "260");
}

/** A whole number ≥ 0; `required` false lets it be empty. */
export function countProblem(required: boolean) {
  return (text: string): string | null => wholeCountProblem(text, { empty: required ? "the count is empty; write 0 or more" : null });
}

export function periodProblem(v: string): string | null {
  return parsePeriod(v) ? null : `unknown period ${JSON.stringify(v)}; expected a year (2014), a month (2014-05) or a quarter (2014K2)`;
}

/** The count in a field already checked by countProblem; null for an empty field. */
export const count = (text: string | null): number | null => (text === null || text === "" ? null : Number(text));

/** The field's text, or null when it is empty or the column is absent. */
export const optionalText = (row: CsvRow<string>, c: string): string | null => {
  const v = row.field(c);
  return v === null || v === "" ? null : v;
};

/** "Eksempeldata: … er opdigtede tal …" and "Kommunens egne tal: …" for the files read from `folder`. */
export function fileNotes(parsed: readonly { file: string; example: boolean }[], folder: string): string[] {
  return csvFileNotes(parsed, { folder });
}

/** Arrow columns from row objects: `types` names each column's type, in order. */
export const columnsOf = rowColumns;

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
