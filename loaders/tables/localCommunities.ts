/**
 * The municipality's local communities (lokalsamfund): data/lokalsamfund/*.csv maps each community
 * the council works with to BY1 urban areas (8-digit codes), or marks it as a village below 200
 * inhabitants inside the rural district (`landdistrikt`). Schema in data/lokalsamfund/README.md.
 * Every code is checked against BY1 (the `towns` dataset): an unknown code, another municipality's
 * code and a code used twice are refused with file, line and column. The dataset
 * "local_communities" has one row per community, member (town or rural district) and BY1 year,
 * with the town's population; a community's population is the sum of its towns
 * (src/lib/communities.ts).
 */
import {
  CsvFileError,
  fileNotes,
  FirstSeen,
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
import { towns } from "./towns.ts";
import type { CommunityMemberRow } from "../../src/lib/communities.ts";

export const COMMUNITY_COLUMNS = ["kommune", "lokalsamfund", "byomraade", "note"] as const;
export type CommunityColumn = (typeof COMMUNITY_COLUMNS)[number];

/** The word in `byomraade` for a village below 200 inhabitants, counted in BY1's rural district. */
export const RURAL = "landdistrikt";

export interface CommunityMember {
  area: string;
  community: string;
  /** The BY1 code; null for a village in the rural district. */
  town_code: string | null;
  note: string | null;
  file: string;
  line: number;
}

export interface ParsedCommunities {
  file: string;
  example: boolean;
  members: CommunityMember[];
}

export class LocalCommunityError extends CsvFileError {
  constructor(problems: CsvProblem[]) {
    super(problems, "the local communities (lokalsamfund)", "data/lokalsamfund/README.md");
    this.name = "LocalCommunityError";
  }
}

const SCHEMA: CsvSchema<CommunityColumn> = {
  columns: COMMUNITY_COLUMNS,
  optional: ["note"],
  danishLetters: "accept",
  linePer: "town of a community",
  error: (problems) => new LocalCommunityError(problems),
};

function areaProblem(text: string): string | null {
  return municipalityCodeProblem(text, "420");
}

/** The key that may occur once: a BY1 code once in all communities, the rural district once per community. */
function memberKey(m: Pick<CommunityMember, "area" | "community" | "town_code">): string {
  return m.town_code ?? `${m.area};${m.community};${RURAL}`;
}

/**
 * Parse and validate one file against the BY1 codes (`codes`, from the towns dataset). Throws one
 * LocalCommunityError listing every problem with file, line and column.
 */
export function parseCommunities(text: string, file: string, codes: ReadonlyMap<string, By1Code>): ParsedCommunities {
  const seen = new FirstSeen<{ line: number; community: string }>();
  const { rows: members, ...parsed } = parseCsvRows(text, file, SCHEMA, (row) => {
    const area = row.check("kommune", areaProblem);
    const community = row.check("lokalsamfund", (v) => (v === "" ? "the community's name is empty" : null));
    const codeText = row.field("byomraade");
    let town_code: string | null = null;
    if (codeText !== null) {
      if (codeText.toLowerCase() === RURAL) town_code = null;
      else {
        const problem = by1CodeProblem(codeText, area && areaProblem(area) === null ? area : null, codes);
        if (problem) row.fail("byomraade", problem);
        town_code = codeText;
      }
    }
    const note = row.field("note");
    if (!row.ok || !area || !community || codeText === null) return null;
    const first = seen.previous(memberKey({ area, community, town_code }), { line: row.line, community });
    if (!first) return { area, community, town_code, note: note || null };
    row.fail(
      "byomraade",
      town_code
        ? `duplicate BY1 code ${town_code} (${codes.get(town_code)?.name ?? "?"}), also on line ${first.line} (${first.community}); a town belongs to one community`
        : `duplicate: ${community} is marked ${RURAL} twice, also on line ${first.line}`,
    );
    return null;
  });
  return { ...parsed, members };
}

/** Every file in `dir`, validated together (a BY1 code used in two files is a duplicate too). */
export async function readCommunityFiles(dir: string, codes: ReadonlyMap<string, By1Code>): Promise<ParsedCommunities[]> {
  const { parsed } = await readCsvFiles(dir, (text, path) => parseCommunities(text, path, codes), {
    error: (problems) => new LocalCommunityError(problems),
    rows: (p) => p.members,
    unique: { key: (m) => memberKey(m), what: "duplicate BY1 code or rural-district community" },
  });
  return parsed;
}

const TITLE = "Kommunens lokalsamfund og deres byområder (BY1)";

const COLUMNS = {
  area: "Kommunekode",
  community: "Lokalsamfund (som i data/lokalsamfund)",
  town_code: "Byområdets kode i BY1; tom for en landsby under 200 indbyggere i landdistriktet",
  town: "Byområdets navn, eller Landdistrikter",
  kind: "by eller landdistrikt",
  year: "År (1. januar)",
  population: "Folketal i byområdet, personer; tom for landdistriktet (landsbyens eget folketal findes ikke i BY1)",
  example: "1 når rækken kommer fra en eksempelfil (*.eksempel.csv), ellers 0",
};

/** One row of the dataset: the shape the page reads (src/lib/communities.ts). */
type OutRow = CommunityMemberRow;

/** The "local_communities" dataset: data/lokalsamfund/*.csv joined with BY1. */
export async function localCommunities(client: StatbankClient, dir = "data/lokalsamfund"): Promise<Dataset> {
  const by1 = await towns(client);
  if (by1.meta.rows === 0) return empty(by1.meta.missing.length ? by1.meta.missing : [{ table: "BY1", what: "ingen byområder", detail: "towns: 0 rows" }], []);
  const codes = by1Codes(by1);
  const parsed = await readCommunityFiles(dir, codes);
  if (parsed.length === 0) return empty(noCsvFile(0, { table: "data/lokalsamfund", what: "ingen lokalsamfund", dir }), by1.meta.sources);
  const c = by1.columns;
  const years = [...new Set(c.year.values as number[])].sort((a, b) => a - b);
  const population = new Map<string, number>();
  for (let i = 0; i < c.year.values.length; i++) population.set(`${c.town_code.values[i]}|${c.year.values[i]}`, c.population.values[i] as number);
  const rows: OutRow[] = [];
  for (const p of parsed) {
    for (const m of p.members) {
      for (const year of years) {
        rows.push({
          area: m.area,
          community: m.community,
          town_code: m.town_code,
          town: m.town_code ? codes.get(m.town_code)!.name : "Landdistrikter",
          kind: m.town_code ? "by" : "landdistrikt",
          year,
          // a town without a row in that year had no inhabitants counted as a town then
          population: m.town_code ? (population.get(`${m.town_code}|${year}`) ?? 0) : null,
          example: p.example ? 1 : 0,
        });
      }
    }
  }
  rows.sort(
    (a, b) =>
      a.area.localeCompare(b.area) || a.community.localeCompare(b.community, "da") || a.year - b.year || (a.town_code ?? "~").localeCompare(b.town_code ?? "~"),
  );
  const notes = [
    ...fileNotes(parsed, { example: "er et eksempel på en opdeling i lokalsamfund, ikke kommunens egen.", real: "Kommunens egne lokalsamfund:" }),
    "Et lokalsamfunds folketal er summen af dets byområder i BY1. En landsby under 200 indbyggere hører til landdistriktet; dens eget folketal findes ikke i BY1.",
  ];
  return {
    columns: columnsOf(rows),
    meta: datasetMeta({ dataset: "local_communities", title: TITLE, sources: by1.meta.sources, rows: rows.length, columns: COLUMNS, notes }),
  };
}

function columnsOf(rows: OutRow[]): Dataset["columns"] {
  return rowColumns(rows, {
    area: "string",
    community: "string",
    town_code: "string",
    town: "string",
    kind: "string",
    year: "int16",
    population: "int32",
    example: "int16",
  });
}

function empty(missing: MissingPart[], sources: Dataset["meta"]["sources"]): Dataset {
  return { columns: columnsOf([]), meta: datasetMeta({ dataset: "local_communities", title: TITLE, sources, rows: 0, columns: COLUMNS, missing }) };
}
