/**
 * The project portfolio: the catalogue of the joint-municipal digitalisation strategy's 32
 * projects (data/digitalisering/digitaliseringsprojekter-2011-2015.csv, copied from the strategy
 * documents) and the municipality's status reports (data/projekter/*.csv, one line per project and
 * reporting date). An unknown project id or status is an error naming file, line, column and value.
 * Returned as the datasets "digital_projects" and "project_status".
 */
import { readFile } from "node:fs/promises";
import { compareProjectIds, STATUSES, type ProjectRow, type StatusRow } from "../../src/lib/projects.ts";
import {
  CsvFileError,
  csvLines,
  FirstSeen,
  KeysOnce,
  noCsvFile,
  parseCsvRows,
  readCsvFiles,
  type CsvProblem,
  type CsvSchema,
  type ParsedCsv,
} from "../csvFile.ts";
import { datasetMeta } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import { byText, columnsOf, fileNotes, municipalityProblem, optionalText } from "./common.ts";

export const CATALOGUE_FILE = "data/digitalisering/digitaliseringsprojekter-2011-2015.csv";
export const CATALOGUE_SOURCE =
  "Den Fælleskommunale Digitaliseringsstrategi 2011–2015 (KL), som listet i Assens Kommune, Innovations- og Medborgerskabsudvalget, 3. marts 2014, punkt 6";

export class ProjectError extends CsvFileError {
  constructor(problems: CsvProblem[], readme = "data/projekter/README.md") {
    super(problems, "the digitalisation projects' status (projekter)", readme);
    this.name = "ProjectError";
  }
}

/**
 * The catalogue: id;omraade;projekt. Read by splitting at ';' without quoting rules, as the file is
 * copied from the strategy documents as it stands (a name holds "min side" in quotes).
 */
export function parseCatalogue(text: string, file = CATALOGUE_FILE): ProjectRow[] {
  const problems: CsvProblem[] = [];
  const report = (line: number | null, column: number | null, columnName: string | null, message: string) =>
    problems.push({ file, line, column, columnName, message });
  const [header, ...lines] = csvLines(text);
  if ((header ?? "").trim().toLowerCase() !== "id;omraade;projekt")
    report(1, null, null, `the header must be id;omraade;projekt, not ${JSON.stringify(header ?? "")}`);
  const rows: ProjectRow[] = [];
  const keys = new FirstSeen<number>();
  lines.forEach((text, i) => {
    const line = i + 2;
    const f = text.split(";").map((x) => x.trim());
    if (f.length !== 3) return report(line, null, null, `${f.length} fields, expected 3 (id;omraade;projekt)`);
    const [id, group, name] = f;
    if (!/^\d+\.\d+$/.test(id)) return report(line, 1, "id", `${JSON.stringify(id)} is not a project id such as 1.2`);
    if (group === "") return report(line, 2, "omraade", "the area is empty");
    if (name === "") return report(line, 3, "projekt", "the project's name is empty");
    const first = keys.previous(id, line);
    if (first !== undefined) return report(line, 1, "id", `duplicate project id ${id}, also on line ${first}`);
    rows.push({ id, group, name });
  });
  if (problems.length > 0) throw new ProjectError(problems, "data/digitalisering/README.md");
  return rows;
}

export const STATUS_COLUMNS = ["kommune", "dato", "projekt", "status", "ansvarlig", "kombit_kl", "note"] as const;
type StatusColumn = (typeof STATUS_COLUMNS)[number];

const isDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

export type ParsedStatus = ParsedCsv<StatusRow>;

export function parseProjectStatus(text: string, file: string, catalogue: readonly ProjectRow[]): ParsedStatus {
  const ids = new Set(catalogue.map((p) => p.id));
  const schema: CsvSchema<StatusColumn> = {
    columns: STATUS_COLUMNS,
    optional: ["ansvarlig", "kombit_kl", "note"],
    danishLetters: "accept",
    linePer: "project and reporting date",
    error: (p) => new ProjectError(p),
  };
  const keys = new KeysOnce(["kommune", "dato", "projekt"]);
  return parseCsvRows(text, file, schema, (row) => {
    const area = row.check("kommune", municipalityProblem);
    const date = row.check("dato", (v) => (isDate(v) ? null : `${JSON.stringify(v)} is not a date; write the report's date as 2014-03-03`));
    const project = row.check("projekt", (v) =>
      ids.has(v) ? null : `unknown project ${JSON.stringify(v)}; the catalogue (${CATALOGUE_FILE}) has ${[...ids].sort(compareProjectIds).join(", ")}`,
    );
    const status = row.check("status", (v) =>
      STATUSES.includes(v.toLowerCase() as never) ? null : `unknown status ${JSON.stringify(v)}; expected ${STATUSES.join(", ")}`,
    );
    const lead = row.check("kombit_kl", (v) =>
      ["", "ja", "nej"].includes(v.toLowerCase()) ? null : `${JSON.stringify(v)}: write ja or nej (or leave it empty)`,
    );
    if (!row.ok || !area || !date || !project || !status || !keys.first(row, [area, date, project])) return null;
    return {
      area,
      date,
      project,
      status: status.toLowerCase(),
      owner: optionalText(row, "ansvarlig"),
      kombit_kl: lead === null || lead === "" ? null : lead.toLowerCase() === "ja" ? 1 : 0,
      note: optionalText(row, "note"),
    };
  });
}

export async function readCatalogue(file = CATALOGUE_FILE): Promise<ProjectRow[]> {
  return parseCatalogue(await readFile(file, "utf8"), file);
}

export async function readStatusFiles(dir = "data/projekter", catalogueFile = CATALOGUE_FILE): Promise<ParsedStatus[]> {
  const catalogue = await readCatalogue(catalogueFile);
  const { parsed } = await readCsvFiles(dir, (text, path) => parseProjectStatus(text, path, catalogue), {
    error: (problems) => new ProjectError(problems),
    rows: (p) => p.rows,
    unique: { key: (r) => `${r.area};${r.date};${r.project}`, what: "duplicate" },
  });
  return parsed;
}

export async function digitalProjects(file = CATALOGUE_FILE): Promise<Dataset> {
  const rows = await readCatalogue(file);
  return {
    columns: columnsOf(rows, { id: "string", group: "string", name: "string" }),
    meta: datasetMeta({
      dataset: "digital_projects",
      title: "Projekterne i Den Fælleskommunale Digitaliseringsstrategi 2011–2015",
      sources: [],
      rows: rows.length,
      columns: { id: "Projektnummer", group: "Område", name: "Projekt" },
      notes: [`Kilde: ${CATALOGUE_SOURCE} (${file}).`],
    }),
  };
}

export async function projectStatus(dir = "data/projekter", catalogueFile = CATALOGUE_FILE): Promise<Dataset> {
  const parsed = await readStatusFiles(dir, catalogueFile);
  const rows = parsed
    .flatMap((p) => p.rows.map((r) => ({ ...r, example: p.example ? 1 : 0 })))
    .sort((a, b) => byText(a.area, b.area) || byText(a.date, b.date) || compareProjectIds(a.project, b.project));
  return {
    columns: columnsOf(rows, {
      area: "string",
      date: "string",
      project: "string",
      status: "string",
      owner: "string",
      kombit_kl: "int16",
      note: "string",
      example: "int16",
    }),
    meta: datasetMeta({
      dataset: "project_status",
      title: "Status på digitaliseringsprojekterne pr. rapport",
      sources: [],
      rows: rows.length,
      columns: {
        area: "Kommunekode",
        date: "Rapportens dato",
        project: "Projektnummer",
        status: "grøn, gul eller rød",
        owner: "Ansvarlig i kommunen",
        kombit_kl: "1: KOMBIT eller KL leder projektet; 0: nej; tom: ikke oplyst",
        note: "Bemærkning",
        example: "1: eksempelfil",
      },
      notes: fileNotes(parsed, "data/projekter"),
      missing: noCsvFile(parsed.length, { table: "data/projekter", what: "ingen statusrapporter", dir, see: true }),
    }),
  };
}
