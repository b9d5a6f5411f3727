/**
 * What the importers of the digitalisation files share (data/henvendelser, data/enhedsomkostninger,
 * data/digital-post, data/digital-post-fritagelser, data/projekter): the checks of a municipality
 * code, a count and a period, the example notes, and the dataset's columns from row objects.
 */
import { EXAMPLE_NOTE_PREFIX } from "../../src/lib/example.ts";
import { countShape, dagiCodeProblem, exampleAndRealFiles, type CsvRow } from "../csvFile.ts";
import { parsePeriod } from "../manualIndicators.ts";
import type { ColumnType } from "../arrow.ts";
import type { Dataset } from "../run.ts";
import { isMunicipality } from "../tables/codes.ts";

export function municipalityProblem(v: string): string | null {
  return isMunicipality(v) ? null : (dagiCodeProblem(v) ?? `${JSON.stringify(v)} is not a municipality code; use StatBank's 3-digit code such as 260`);
}

/** A whole number ≥ 0; `required` false lets it be empty. */
export function countProblem(required: boolean) {
  return (text: string): string | null => {
    switch (countShape(text)) {
      case "count":
        return null;
      case "empty":
        return required ? "the count is empty; write 0 or more" : null;
      case "negative":
        return `${text} is negative; write 0 or more`;
      case "thousands":
        return `${JSON.stringify(text)} is not an integer (write it without a thousands separator)`;
      default:
        return `${JSON.stringify(text)} is not a whole number`;
    }
  };
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
  const { examples, real } = exampleAndRealFiles(parsed);
  return [
    ...(examples.length
      ? [`${EXAMPLE_NOTE_PREFIX} ${examples.map((e) => `${folder}/${e}`).join(", ")} er opdigtede tal til at vise siden, ikke kommunens egne tal.`]
      : []),
    ...(real.length ? [`Kommunens egne tal: ${real.map((e) => `${folder}/${e}`).join(", ")}.`] : []),
  ];
}

/** Arrow columns from row objects: `types` names each column's type, in order. */
export function columnsOf<R extends object>(rows: readonly R[], types: Record<string, ColumnType>): Dataset["columns"] {
  return Object.fromEntries(
    Object.entries(types).map(([k, type]) => [k, { type, values: rows.map((r) => ((r as Record<string, unknown>)[k] ?? null) as string | number | null) }]),
  ) as Dataset["columns"];
}

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
