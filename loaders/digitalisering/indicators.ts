/**
 * The scorecard's digitalisation indicators computed from the files the page /digitalisering
 * reads, so the goals and the page show one number: digital_post_share (data/digital-post),
 * digital_selfservice_share (data/henvendelser) and digital_post_exemptions (the protected totals
 * per reporting period of data/digital-post-fritagelser). Added to the manual indicators
 * (src/data/manual_indicators.arrow.ts) like village_ambassador_communities; a figure of one of
 * them typed into data/indicators as well is refused: one number, one source.
 */
import { yearSummaries } from "../../src/lib/channels.ts";
import { letterYears, TOTAL } from "../../src/lib/digitalPost.ts";
import { exampleNote } from "../csvFile.ts";
import { addDerivedIndicators, type DerivedIndicatorRow } from "../manualIndicators.ts";
import type { Dataset } from "../run.ts";
import { protectExemptions, readExemptionFiles, readLetterFiles } from "./digitalPost.ts";
import { readInquiryFiles } from "./inquiries.ts";

export const DIGITAL_INDICATORS = {
  digital_post_share: "data/digital-post",
  digital_selfservice_share: "data/henvendelser",
  digital_post_exemptions: "data/digital-post-fritagelser",
} as const;

export interface DigitalDirs {
  letters?: string;
  inquiries?: string;
  exemptions?: string;
}

type IndicatorRow = DerivedIndicatorRow;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The three indicators' rows from the files, and the files they came from. */
export async function digitalIndicatorRows(dirs: DigitalDirs = {}): Promise<{ rows: IndicatorRow[]; files: { file: string; example: boolean }[] }> {
  const letters = await readLetterFiles(dirs.letters);
  const inquiries = await readInquiryFiles(dirs.inquiries);
  const exemptions = await readExemptionFiles(dirs.exemptions);
  const rows: IndicatorRow[] = [];
  const areas = (list: readonly { rows: readonly { area: string }[] }[]) => [...new Set(list.flatMap((p) => p.rows.map((r) => r.area)))].sort();
  for (const area of areas(letters))
    for (const y of letterYears(letters.flatMap((p) => p.rows).filter((r) => r.area === area)))
      if (y.share !== null)
        rows.push({ indicator: "digital_post_share", area, period: String(y.year), year: y.year, breakdown: null, value: round1(100 * y.share), unit: "%" });
  for (const area of areas(inquiries))
    for (const y of yearSummaries(
      inquiries.flatMap((p) => p.rows).filter((r) => r.area === area),
      new Map(),
    ))
      if (y.selfServiceShare !== null)
        rows.push({
          indicator: "digital_selfservice_share",
          area,
          period: String(y.year),
          year: y.year,
          breakdown: null,
          value: round1(100 * y.selfServiceShare),
          unit: "%",
        });
  const totals = protectExemptions(exemptions.flatMap((p) => p.rows)).rows.filter((r) => r.reason === TOTAL && r.outcome === TOTAL && r.applications !== null);
  for (const t of totals)
    rows.push({ indicator: "digital_post_exemptions", area: t.area, period: t.period, year: t.year, breakdown: null, value: t.applications!, unit: "antal" });
  return { rows, files: [...letters, ...inquiries, ...exemptions] };
}

/** `manual` with the three indicators added from the files; unchanged when none of the files exists. */
export async function withDigitalIndicators(manual: Dataset, dirs: DigitalDirs = {}): Promise<Dataset> {
  const { rows: derived, files } = await digitalIndicatorRows(dirs);
  const folderOf = (f: string) => f.replace(/\/[^/]*$/, "");
  return addDerivedIndicators(manual, derived, {
    refused: (typed) => {
      const which = [...new Set(typed.map((t) => t.indicator))].sort();
      return `data/indicators: ${which.join(", ")} ${which.length === 1 ? "is" : "are"} computed from ${which.map((w) => `${DIGITAL_INDICATORS[w as keyof typeof DIGITAL_INDICATORS]}/*.csv`).join(", ")}; remove ${which.length === 1 ? "it" : "them"} from data/indicators so the scorecard and the page /digitalisering read the same number`;
    },
    exampleNote: exampleNote(files.filter((f) => f.example).map((f) => `${folderOf(f.file).replace(/^.*\/data\//, "data/")}/${f.file.split("/").pop()}`)),
    note: "digital_post_share, digital_selfservice_share og digital_post_exemptions beregnes af data/digital-post, data/henvendelser og data/digital-post-fritagelser (samme tal som siden Digital borgerbetjening).",
  });
}
