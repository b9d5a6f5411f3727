/**
 * Digital Post: letters sent digitally and on paper per period (data/digital-post/*.csv), and the
 * applications for exemption by reason and outcome per reporting period, May, September and
 * December (data/digital-post-fritagelser/*.csv). Validated with file, line and column (schemas in
 * the folders' README.md). The exemptions are protected here, before anything reaches the browser
 * (DESIGN.md "Small counts"): no count of 1 or 2, and none that can be worked out from the totals
 * the page shows (per period; per period and reason; per period and outcome), with
 * hideSmallCounts and auditNoRecovery from src/lib/disclosure.ts. Returned as the datasets
 * "digital_letters" and "post_exemptions".
 */
import { auditNoRecovery, hideSmallCounts } from "../../src/lib/disclosure.ts";
import { OUTCOMES, REPORT_MONTHS, TOTAL, type ExemptionRow, type LetterRow } from "../../src/lib/digitalPost.ts";
import { CsvFileError, KeysOnce, MAX_LISTED, noCsvFile, parseCsvRows, readCsvFiles, type CsvProblem, type CsvSchema, type ParsedCsv } from "../csvFile.ts";
import { parsePeriod } from "../manualIndicators.ts";
import { datasetMeta } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import { byText, columnsOf, countProblem, fileNotes, municipalityProblem, periodProblem } from "./common.ts";

// ---------------------------------------------------------------------------------------------
// Letters

export const LETTER_COLUMNS = ["kommune", "periode", "digitale_breve", "papirbreve", "note"] as const;
type LetterColumn = (typeof LETTER_COLUMNS)[number];

export class LetterError extends CsvFileError {
  constructor(problems: CsvProblem[]) {
    super(problems, "the letters sent digitally and on paper (digital post)", "data/digital-post/README.md");
    this.name = "LetterError";
  }
}

const LETTER_SCHEMA: CsvSchema<LetterColumn> = {
  columns: LETTER_COLUMNS,
  optional: ["note"],
  danishLetters: "accept",
  linePer: "municipality and period",
  error: (p) => new LetterError(p),
};

export type ParsedLetters = ParsedCsv<LetterRow>;

export function parseLetters(text: string, file: string): ParsedLetters {
  const keys = new KeysOnce(["kommune", "periode"]);
  return parseCsvRows(text, file, LETTER_SCHEMA, (row) => {
    const area = row.check("kommune", municipalityProblem);
    const period = row.check("periode", periodProblem);
    const digital = row.check("digitale_breve", countProblem(true));
    const paper = row.check("papirbreve", countProblem(true));
    if (!row.ok || !area || !period || digital === null || paper === null || !keys.first(row, [area, period])) return null;
    return { area, period, year: parsePeriod(period)!.year, digital: Number(digital), paper: Number(paper) };
  });
}

export async function readLetterFiles(dir = "data/digital-post"): Promise<ParsedLetters[]> {
  const { parsed } = await readCsvFiles(dir, parseLetters, {
    error: (problems) => new LetterError(problems),
    rows: (p) => p.rows,
    unique: { key: (r) => `${r.area};${r.period}`, what: "duplicate" },
  });
  return parsed;
}

export async function digitalLetters(dir = "data/digital-post"): Promise<Dataset> {
  const parsed = await readLetterFiles(dir);
  const rows = parsed
    .flatMap((p) => p.rows.map((r) => ({ ...r, example: p.example ? 1 : 0 })))
    .sort((a, b) => byText(a.area, b.area) || byText(a.period, b.period));
  return {
    columns: columnsOf(rows, { area: "string", period: "string", year: "int16", digital: "int32", paper: "int32", example: "int16" }),
    meta: datasetMeta({
      dataset: "digital_letters",
      title: "Breve til borgerne sendt digitalt og på papir",
      sources: [],
      rows: rows.length,
      columns: {
        area: "Kommunekode",
        period: "Periode",
        year: "År",
        digital: "Breve sendt digitalt",
        paper: "Breve sendt på papir",
        example: "1: eksempelfil",
      },
      notes: fileNotes(parsed, "data/digital-post"),
      missing: noCsvFile(parsed.length, { table: "data/digital-post", what: "ingen tal for breve", dir, see: true }),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Exemptions

export const EXEMPTION_COLUMNS = ["kommune", "periode", "aarsag", "udfald", "ansoegninger", "note"] as const;
type ExemptionColumn = (typeof EXEMPTION_COLUMNS)[number];

export class ExemptionError extends CsvFileError {
  constructor(problems: CsvProblem[]) {
    super(problems, "the applications for exemption from Digital Post (fritagelser)", "data/digital-post-fritagelser/README.md");
    this.name = "ExemptionError";
  }
}

const EXEMPTION_SCHEMA: CsvSchema<ExemptionColumn> = {
  columns: EXEMPTION_COLUMNS,
  optional: ["note"],
  danishLetters: "accept",
  linePer: "reporting period, reason and outcome",
  error: (p) => new ExemptionError(p),
};

/** One cell as the file gives it (true count). */
export interface ExemptionCell {
  area: string;
  period: string;
  year: number;
  reason: string;
  outcome: string;
  count: number;
}

export type ParsedExemptions = ParsedCsv<ExemptionCell>;

const reportPeriodProblem = (v: string) =>
  /^(19|20)\d\d-(05|09|12)$/.test(v)
    ? null
    : `${JSON.stringify(v)} is not a reporting period; write the year and the month of the report: ${REPORT_MONTHS.map((m) => `2015-${m}`).join(", ")}`;

export function parseExemptions(text: string, file: string): ParsedExemptions {
  const keys = new KeysOnce(["kommune", "periode", "aarsag", "udfald"]);
  return parseCsvRows(text, file, EXEMPTION_SCHEMA, (row) => {
    const area = row.check("kommune", municipalityProblem);
    const period = row.check("periode", reportPeriodProblem);
    const reason = row.check("aarsag", (v) =>
      v === "" ? "the reason is empty" : v.toLowerCase() === TOTAL ? `"${TOTAL}" is not a reason; the page adds the totals itself` : null,
    );
    const outcome = row.check("udfald", (v) =>
      OUTCOMES.includes(v as never) ? null : `unknown outcome ${JSON.stringify(v)}; expected ${OUTCOMES.join(" or ")}`,
    );
    const n = row.check("ansoegninger", countProblem(true));
    if (!row.ok || !area || !period || !reason || !outcome || n === null || !keys.first(row, [area, period, reason, outcome])) return null;
    return { area, period, year: Number(period.slice(0, 4)), reason, outcome, count: Number(n) };
  });
}

export async function readExemptionFiles(dir = "data/digital-post-fritagelser"): Promise<ParsedExemptions[]> {
  const { parsed } = await readCsvFiles(dir, parseExemptions, {
    error: (problems) => new ExemptionError(problems),
    rows: (p) => p.rows,
    unique: { key: (r) => `${r.area};${r.period};${r.reason};${r.outcome}`, what: "duplicate" },
  });
  return parsed;
}

/** The totals the page shows and a reader may know: per period, per period and reason, per period and outcome. */
export const EXEMPTION_GROUPINGS = [
  ["area", "period"],
  ["area", "period", "reason"],
  ["area", "period", "outcome"],
] as const;

/** Every reason × outcome of each period (missing combinations as 0), in a fixed order. */
export function completeCells(cells: readonly ExemptionCell[]): ExemptionCell[] {
  const out: ExemptionCell[] = [];
  const periods = [...new Set(cells.map((c) => `${c.area};${c.period}`))].sort();
  for (const key of periods) {
    const [area, period] = key.split(";");
    const own = cells.filter((c) => c.area === area && c.period === period);
    const reasons = [...new Set(own.map((c) => c.reason))].sort((a, b) => a.localeCompare(b, "da"));
    for (const reason of reasons)
      for (const outcome of OUTCOMES)
        out.push({
          area,
          period,
          year: Number(period.slice(0, 4)),
          reason,
          outcome,
          count: own.find((c) => c.reason === reason && c.outcome === outcome)?.count ?? 0,
        });
  }
  return out;
}

/**
 * The protected rows: each cell (null when hidden), and the totals of each grouping, shown only
 * where the disclosure rules take them as known (a total with a hidden cell is shown when one of
 * its shown cells is above 0; otherwise it could be a count of 1 or 2 and is null). Throws when
 * the audit finds a count that can be worked out (a bug).
 */
export function protectExemptions(cells: readonly ExemptionCell[]): { rows: (ExemptionRow & { suppressed: number })[]; primary: number; secondary: number } {
  const all = completeCells(cells);
  const { hidden, suppressed, primary, secondary } = hideSmallCounts(
    all,
    EXEMPTION_GROUPINGS as unknown as (keyof ExemptionCell & string)[][],
    "post_exemptions",
  );
  const shown = all.map((c, i) => ({ ...c, applications: hidden[i] ? null : c.count, suppressed: suppressed[i] ? 1 : 0 }));
  const leaks = auditNoRecovery(
    shown.map((r) => ({ ...r, movers: r.applications })),
    EXEMPTION_GROUPINGS as unknown as ("area" | "period" | "reason" | "outcome")[][],
    all.map((c) => c.count),
  );
  if (leaks.length > 0)
    throw new Error(
      `post_exemptions: the suppression leaves ${leaks.length} count(s) recoverable (a bug):\n${leaks
        .slice(0, MAX_LISTED)
        .map((l) => `  ${l.message}`)
        .join("\n")}`,
    );
  const total = (members: typeof shown): number | null => {
    const anyHidden = members.some((m) => m.applications === null);
    const anyPositive = members.some((m) => (m.applications ?? 0) > 0);
    return !anyHidden || anyPositive ? members.reduce((s, m) => s + m.count, 0) : null;
  };
  const rows: (ExemptionRow & { suppressed: number })[] = [];
  for (const key of [...new Set(shown.map((c) => `${c.area};${c.period}`))]) {
    const [area, period] = key.split(";");
    const own = shown.filter((c) => c.area === area && c.period === period);
    const year = Number(period.slice(0, 4));
    for (const c of own) rows.push({ area, period, year, reason: c.reason, outcome: c.outcome, applications: c.applications, suppressed: c.suppressed });
    for (const reason of [...new Set(own.map((c) => c.reason))])
      rows.push({ area, period, year, reason, outcome: TOTAL, applications: total(own.filter((c) => c.reason === reason)), suppressed: 0 });
    for (const outcome of OUTCOMES)
      rows.push({ area, period, year, reason: TOTAL, outcome, applications: total(own.filter((c) => c.outcome === outcome)), suppressed: 0 });
    rows.push({ area, period, year, reason: TOTAL, outcome: TOTAL, applications: total(own), suppressed: 0 });
  }
  return { rows, primary, secondary };
}

export async function postExemptions(dir = "data/digital-post-fritagelser"): Promise<Dataset> {
  const parsed = await readExemptionFiles(dir);
  const { rows, primary, secondary } = protectExemptions(parsed.flatMap((p) => p.rows));
  const example = new Set(parsed.filter((p) => p.example).flatMap((p) => p.rows.map((r) => `${r.area};${r.period}`)));
  const out = rows.map((r) => ({ ...r, example: example.has(`${r.area};${r.period}`) ? 1 : 0 }));
  return {
    columns: columnsOf(out, {
      area: "string",
      period: "string",
      year: "int16",
      reason: "string",
      outcome: "string",
      applications: "int32",
      suppressed: "int16",
      example: "int16",
    }),
    meta: datasetMeta({
      dataset: "post_exemptions",
      title: "Ansøgninger om fritagelse for Digital Post efter årsag og udfald",
      sources: [],
      rows: out.length,
      columns: {
        area: "Kommunekode",
        period: "Opgørelse: år og måned (maj, september, december)",
        year: "År",
        reason: `Årsag; "${TOTAL}" for alle årsager`,
        outcome: `Udfald: bevilget eller afslaaet; "${TOTAL}" for begge`,
        applications: "Ansøgninger; tom når tallet er under 3 eller skjult, så et tal under 3 ikke kan regnes ud",
        suppressed: "1 når tallet er skjult her",
        example: "1: eksempelfil",
      },
      notes: [
        ...fileNotes(parsed, "data/digital-post-fritagelser"),
        `Tal under 3 vises ikke; ${primary} tal under 3 og ${secondary} andre tal er skjult, så de små tal ikke kan regnes ud af totalerne.`,
      ],
      missing: noCsvFile(parsed.length, { table: "data/digital-post-fritagelser", what: "ingen tal for fritagelser", dir, see: true }),
    }),
  };
}
