/**
 * A municipality's own register extract from Statistics Denmark (a særkørsel): in-movers by family
 * type × origin municipality × workplace municipality, one CSV per file in data/extracts/ (schema in
 * data/extracts/README.md), returned as the "mover_extract" dataset (src/data/mover_extract.arrow.ts).
 *
 * The steps: ./extracts/parse.ts reads and checks each file; ./extracts/suppress.ts hides small
 * counts by the rules of src/lib/disclosure.ts; auditNoRecovery() checks the output independently
 * of how it was produced, and the loader refuses to write a dataset it finds a leak in. This file
 * puts them together with the dataset's title, column texts and notes.
 */
import { EXAMPLE_NOTE_PREFIX } from "../src/lib/example.ts";
import { auditNoRecovery } from "../src/lib/disclosure.ts";
import { duplicateRows, exampleAndRealFiles, MAX_LISTED, readCsvFolder } from "./csvFile.ts";
import { FAMILY_TYPE_CODES, FAMILY_TYPES, MoverExtractError, parseMoverExtract } from "./extracts/parse.ts";
import { PAGE_GROUPINGS, suppressSmallCounts, type MoverRow } from "./extracts/suppress.ts";
import { datasetMeta } from "./provenance.ts";
import type { Dataset } from "./run.ts";

// What the data loader, scripts and tests import from here.
export { auditNoRecovery, type AuditRow, type RecoveryLeak } from "../src/lib/disclosure.ts";
export {
  EXTRACT_COLUMNS,
  FAMILY_TYPES,
  MoverExtractError,
  ORIGIN_WORDS,
  parseMoverExtract,
  WORKPLACE_WORDS,
  type ExtractColumn,
  type ExtractProblem,
  type FamilyType,
  type MoverCell,
  type ParsedExtract,
} from "./extracts/parse.ts";
export { PAGE_GROUPINGS, suppressSmallCounts, type Grouping, type KeyField, type MoverRow, type SuppressionResult } from "./extracts/suppress.ts";

const TITLE = "Tilflyttere efter familietype, fraflytningskommune og arbejdssted (særkørsel)";

const COLUMNS = {
  area: "Kommunekode (tilflytningskommunen)",
  year: "År for tilflytningen",
  family_type: `Familietype: ${FAMILY_TYPE_CODES.map((f) => `${f} = ${FAMILY_TYPES[f]}`).join(", ")}`,
  origin: "Fraflytningskommune (kommunekode) eller udland",
  workplace: "Arbejdsstedskommune (kommunekode), udland, ingen (ikke i beskæftigelse) eller ukendt",
  movers: "Tilflyttere, personer; tom når tallet er skjult (færre end 3 eller for at beskytte et sådant tal) eller ikke oplyst",
  suppressed: "1 når tallet er skjult af diskretionshensyn, ellers 0",
};

export const SUPPRESSION_NOTE =
  "Små tal: celler med færre end 3 personer (1 eller 2) vises ikke. Så de heller ikke kan regnes ud som en total minus de viste celler, " +
  "er yderligere celler skjult (sekundær diskretionering): hver total pr. år, pr. familietype, pr. familietype og fraflytningskommune, " +
  "pr. familietype og arbejdssted og pr. fraflytningskommune har enten ingen skjulte celler eller mindst to, og ingen skjult celle kan regnes ud ved at kombinere totalerne. " +
  "En total vises kun for en gruppe uden skjulte celler eller med mindst én vist celle over 0. Skjulte celler må ikke tælles som 0.";

/**
 * Read every `*.csv` in `dir`, validate and concatenate them, suppress small counts and return the
 * "mover_extract" dataset. No CSV (or no folder): an empty dataset that says "ingen særkørsel".
 */
export async function moverExtract(dir = "data/extracts"): Promise<Dataset> {
  const { files, parsed, problems } = await readCsvFolder(dir, parseMoverExtract);
  if (files.length === 0) return emptyMoverExtract(dir);
  // The same cell in two files.
  problems.push(
    ...duplicateRows(
      parsed.flatMap((p) => p.cells),
      (c) => [c.area, c.year, c.family_type, c.origin, c.workplace].join(";"),
      "duplicate cell",
    ),
  );
  if (problems.length > 0) throw new MoverExtractError(problems);

  const cells = parsed.flatMap((p) => p.cells);
  const { rows, primary, secondary, counts } = suppressSmallCounts(cells);
  const leaks = auditNoRecovery(rows, PAGE_GROUPINGS, counts);
  if (leaks.length > 0) {
    throw new Error(
      `mover_extract: the suppression leaves ${leaks.length} cell(s) recoverable (a bug):\n${leaks
        .slice(0, MAX_LISTED)
        .map((l) => `  ${l.message}`)
        .join("\n")}`,
    );
  }

  const { examples, real } = exampleAndRealFiles(parsed);
  const notDisclosed = cells.filter((c) => c.count === null).length;
  const notes = [
    ...(examples.length ? [`${EXAMPLE_NOTE_PREFIX} ${examples.join(", ")} er opdigtede tal til at vise siden, ikke tal fra Danmarks Statistik.`] : []),
    ...(real.length ? [`Særkørsel fra Danmarks Statistik, bestilt af kommunen: ${real.join(", ")}.`] : []),
    SUPPRESSION_NOTE,
    `Skjult i alt: ${primary + secondary} af ${rows.length} celler (${primary} med færre end 3, ${secondary} for at beskytte dem).`,
    ...(notDisclosed ? [`${notDisclosed} celler er ikke oplyst i særkørslen ("..") og vises som manglende.`] : []),
  ];
  return {
    columns: columnsOf(rows),
    meta: datasetMeta({ dataset: "mover_extract", title: TITLE, sources: [], rows: rows.length, columns: COLUMNS, notes }),
  };
}

/** The dataset when data/extracts holds no CSV. */
export function emptyMoverExtract(dir = "data/extracts"): Dataset {
  return {
    columns: columnsOf([]),
    meta: datasetMeta({
      dataset: "mover_extract",
      title: TITLE,
      sources: [],
      rows: 0,
      columns: COLUMNS,
      missing: [{ table: "data/extracts", what: "ingen særkørsel", detail: `no *.csv file in ${dir}; the format is described in data/extracts/README.md` }],
    }),
  };
}

function columnsOf(rows: readonly MoverRow[]): Dataset["columns"] {
  return {
    area: { type: "string", values: rows.map((r) => r.area) },
    year: { type: "int16", values: rows.map((r) => r.year) },
    family_type: { type: "string", values: rows.map((r) => r.family_type) },
    origin: { type: "string", values: rows.map((r) => r.origin) },
    workplace: { type: "string", values: rows.map((r) => r.workplace) },
    movers: { type: "int32", values: rows.map((r) => r.movers) },
    suppressed: { type: "int16", values: rows.map((r) => r.suppressed) },
  };
}
