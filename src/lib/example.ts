/**
 * Example data: a dataset built (even partly) from an invented example file — such as
 * data/extracts/*.eksempel.csv — carries a note starting with "Eksempeldata:" in its provenance,
 * and every chart that uses it must say "Eksempeldata". Pure functions, safe in the browser and in
 * the loaders (no node imports).
 */

/** The label a chart shows on example data. */
export const EXAMPLE_LABEL = "Eksempeldata";

/** Prefix of the provenance note that marks a dataset as example data. */
export const EXAMPLE_NOTE_PREFIX = `${EXAMPLE_LABEL}:`;

/** Files whose name ends like this hold invented example data. */
export const EXAMPLE_FILE_SUFFIX = ".eksempel.csv";

/** True when the dataset's provenance (DatasetMeta, loader or browser side) marks it as example data. */
export function isExampleData(meta: { notes?: readonly string[] } | null | undefined): boolean {
  return meta?.notes?.some((note) => note.startsWith(EXAMPLE_NOTE_PREFIX)) ?? false;
}

/** True for a file name (or path) that marks its content as invented example data. */
export function isExampleFile(name: string): boolean {
  return name.toLowerCase().endsWith(EXAMPLE_FILE_SUFFIX);
}
