/**
 * Inquiries per period and channel (data/henvendelser/*.csv) and the unit costs per channel:
 * KL's figures as the default (data/digitalisering/kanal-enhedsomkostninger-KL.csv, copied from
 * the strategy documents) and a municipality's own figures (data/enhedsomkostninger/*.csv), each
 * validated with file, line and column (schemas in the folders' README.md). Returned as the
 * datasets "inquiries" and "channel_costs".
 */
import { readFile } from "node:fs/promises";
import { CHANNEL_IDS, CHANNELS, type InquiryRow } from "../../src/lib/channels.ts";
import { isExampleFile } from "../../src/lib/example.ts";
import {
  CsvFile,
  CsvFileError,
  KeysOnce,
  noCsvFile,
  parseCsvRows,
  parseDecimal,
  readCsvFiles,
  type CsvProblem,
  type CsvSchema,
  type ParsedCsv,
} from "../csvFile.ts";
import { parsePeriod } from "../manualIndicators.ts";
import { datasetMeta } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import { byText, columnsOf, count, countProblem, fileNotes, municipalityProblem, optionalText, periodProblem } from "./common.ts";

export const INQUIRY_COLUMNS = ["kommune", "periode", "kanal", "omraade", "henvendelser", "loest_ved_foerste_kontakt", "note"] as const;
type InquiryColumn = (typeof INQUIRY_COLUMNS)[number];

export class InquiryError extends CsvFileError {
  constructor(problems: CsvProblem[]) {
    super(problems, "the inquiries per channel (henvendelser)", "data/henvendelser/README.md");
    this.name = "InquiryError";
  }
}

const INQUIRY_SCHEMA: CsvSchema<InquiryColumn> = {
  columns: INQUIRY_COLUMNS,
  optional: ["omraade", "loest_ved_foerste_kontakt", "note"],
  danishLetters: "accept",
  linePer: "period, channel and service area",
  error: (problems) => new InquiryError(problems),
};

const channelProblem = (v: string) =>
  CHANNEL_IDS.includes(v as never) ? null : `unknown channel ${JSON.stringify(v)}; expected one of ${CHANNEL_IDS.join(", ")}`;

export type ParsedInquiries = ParsedCsv<InquiryRow>;

export function parseInquiries(text: string, file: string): ParsedInquiries {
  const keys = new KeysOnce(["kommune", "periode", "kanal", "omraade"]);
  return parseCsvRows(text, file, INQUIRY_SCHEMA, (row) => {
    const area = row.check("kommune", municipalityProblem);
    const period = row.check("periode", periodProblem);
    const channel = row.check("kanal", channelProblem);
    const service = optionalText(row, "omraade");
    const inquiries = row.check("henvendelser", countProblem(true));
    const firstContact = row.check("loest_ved_foerste_kontakt", countProblem(false));
    if (row.ok && inquiries !== null && count(firstContact) !== null && count(firstContact)! > Number(inquiries))
      row.fail("loest_ved_foerste_kontakt", `${firstContact} resolved at first contact is more than the ${inquiries} inquiries`);
    if (!row.ok || !area || !period || !channel || inquiries === null || !keys.first(row, [area, period, channel, service ?? ""])) return null;
    return { area, period, year: parsePeriod(period)!.year, channel, service, inquiries: Number(inquiries), first_contact: count(firstContact) };
  });
}

export async function readInquiryFiles(dir = "data/henvendelser"): Promise<ParsedInquiries[]> {
  const { parsed } = await readCsvFiles(dir, parseInquiries, {
    error: (problems) => new InquiryError(problems),
    rows: (p) => p.rows,
    unique: { key: (r) => `${r.area};${r.period};${r.channel};${r.service ?? ""}`, what: "duplicate" },
  });
  return parsed;
}

export async function inquiries(dir = "data/henvendelser"): Promise<Dataset> {
  const parsed = await readInquiryFiles(dir);
  const rows = parsed
    .flatMap((p) => p.rows.map((r) => ({ ...r, example: p.example ? 1 : 0 })))
    .sort(
      (a, b) =>
        byText(a.area, b.area) ||
        byText(a.period, b.period) ||
        CHANNEL_IDS.indexOf(a.channel as never) - CHANNEL_IDS.indexOf(b.channel as never) ||
        byText(a.service ?? "", b.service ?? ""),
    );
  return {
    columns: columnsOf(rows, {
      area: "string",
      period: "string",
      year: "int16",
      channel: "string",
      service: "string",
      inquiries: "int32",
      first_contact: "int32",
      example: "int16",
    }),
    meta: datasetMeta({
      dataset: "inquiries",
      title: "Henvendelser til kommunen pr. kanal",
      sources: [],
      rows: rows.length,
      columns: {
        area: "Kommunekode",
        period: "Periode som i filen: år, måned eller kvartal",
        year: "År",
        channel: `Kanal: ${CHANNELS.map((c) => `${c.id} (${c.label})`).join(", ")}`,
        service: "Serviceområde; tom når filen ikke deler op",
        inquiries: "Henvendelser",
        first_contact: "Heraf løst ved første kontakt; tom når det ikke er opgjort",
        example: "1 når rækken kommer fra en eksempelfil (*.eksempel.csv), ellers 0",
      },
      notes: [...fileNotes(parsed, "data/henvendelser"), "Digitale kanaler: e-mail og Digital Post og de to slags selvbetjening; selvbetjening: de to sidste."],
      missing: noCsvFile(parsed.length, { table: "data/henvendelser", what: "ingen tal for henvendelser", dir, see: true }),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Unit costs

export const KL_COSTS_FILE = "data/digitalisering/kanal-enhedsomkostninger-KL.csv";
export const KL_COSTS_SOURCE = "KL's beregninger, gengivet i Assens Kommunes henvendelsesstrategi, januar 2014";
export const COST_COLUMNS = ["kommune", "kanal", "kr_pr_henvendelse", "kilde"] as const;
type CostColumn = (typeof COST_COLUMNS)[number];

export class UnitCostError extends CsvFileError {
  constructor(problems: CsvProblem[], readme = "data/enhedsomkostninger/README.md") {
    super(problems, "the unit costs per channel (enhedsomkostninger)", readme);
    this.name = "UnitCostError";
  }
}

const krProblem = (v: string) => {
  const n = parseDecimal(v);
  return n === null || n < 0 ? `${JSON.stringify(v)} is not an amount in kr (digits with a decimal comma, 0 or more, e.g. 61 or 20,5)` : null;
};

export interface CostFileRow {
  area: string;
  channel: string;
  kr: number;
  source: string;
  example: number;
  file?: string;
  line?: number;
}

/** KL's default file: kanal (KL's own wording, as in the strategy documents);kr_pr_henvendelse. */
export function parseKlCosts(text: string, file = KL_COSTS_FILE): CostFileRow[] {
  const schema: CsvSchema<"kanal" | "kr_pr_henvendelse"> = {
    columns: ["kanal", "kr_pr_henvendelse"],
    danishLetters: "accept",
    linePer: "channel",
    error: (p) => new UnitCostError(p, "data/digitalisering/README.md"),
  };
  const csv = new CsvFile(text, file, schema);
  csv.throwIfProblems();
  const rows: CostFileRow[] = [];
  for (const row of csv.rows()) {
    const label = row.check("kanal", (v) =>
      CHANNELS.some((c) => c.label === v) ? null : `unknown channel ${JSON.stringify(v)}; expected one of ${CHANNELS.map((c) => c.label).join(", ")}`,
    );
    const kr = row.check("kr_pr_henvendelse", krProblem);
    if (row.ok && label && kr)
      rows.push({ area: "", channel: CHANNELS.find((c) => c.label === label)!.id, kr: parseDecimal(kr)!, source: KL_COSTS_SOURCE, example: 0 });
  }
  for (const c of CHANNELS)
    if (!rows.some((r) => r.channel === c.id) && csv.problems.length === 0) csv.report(null, null, null, `no unit cost for ${JSON.stringify(c.label)}`);
  csv.throwIfProblems();
  return rows;
}

/** A municipality's own unit costs: kommune;kanal (the channel's id);kr_pr_henvendelse;kilde. */
export function parseUnitCosts(text: string, file: string): ParsedCsv<CostFileRow> {
  const schema: CsvSchema<CostColumn> = {
    columns: COST_COLUMNS,
    danishLetters: "accept",
    linePer: "municipality and channel",
    error: (p) => new UnitCostError(p),
  };
  const keys = new KeysOnce(["kommune", "kanal"]);
  const example = isExampleFile(file);
  return parseCsvRows(text, file, schema, (row) => {
    const area = row.check("kommune", municipalityProblem);
    const channel = row.check("kanal", channelProblem);
    const kr = row.check("kr_pr_henvendelse", krProblem);
    const source = row.check("kilde", (v) => (v === "" ? "say where the figure comes from (e.g. Økonomi, tidsregistrering 2015)" : null));
    if (!row.ok || !area || !channel || !kr || !source || !keys.first(row, [area, channel])) return null;
    return { area, channel, kr: parseDecimal(kr)!, source, example: example ? 1 : 0 };
  });
}

export async function channelCosts(klFile = KL_COSTS_FILE, dir = "data/enhedsomkostninger"): Promise<Dataset> {
  const kl = parseKlCosts(await readFile(klFile, "utf8"), klFile);
  const { parsed } = await readCsvFiles(dir, parseUnitCosts, {
    error: (problems) => new UnitCostError(problems),
    rows: (p) => p.rows,
    unique: { key: (r) => `${r.area};${r.channel}`, what: "duplicate" },
  });
  const own: CostFileRow[] = parsed.flatMap((p) => p.rows);
  const rows = [...kl, ...own.sort((a, b) => byText(a.area, b.area) || CHANNEL_IDS.indexOf(a.channel as never) - CHANNEL_IDS.indexOf(b.channel as never))];
  return {
    columns: columnsOf(rows, { area: "string", channel: "string", kr: "float64", source: "string", example: "int16" }),
    meta: datasetMeta({
      dataset: "channel_costs",
      title: "Gennemsnitlig pris pr. henvendelse efter kanal",
      sources: [],
      rows: rows.length,
      columns: {
        area: "Kommunekode; tom for standardtallene (KL)",
        channel: "Kanal (id som i data/henvendelser)",
        kr: "Kr. pr. henvendelse",
        source: "Kilde",
        example: "1 når rækken kommer fra en eksempelfil, ellers 0",
      },
      notes: [`Standard: ${KL_COSTS_SOURCE} (${KL_COSTS_FILE}).`, ...fileNotes(parsed, "data/enhedsomkostninger")],
    }),
  };
}
