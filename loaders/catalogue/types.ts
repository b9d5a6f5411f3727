/** The shapes of the table catalogue (loaders/catalogue.ts): evidence, roles, what a loader needs of a variable and a table. */

export type EvidenceKind = "tableinfo" | "extract" | "request" | "docs" | "none";

export interface Evidence {
  kind: EvidenceKind;
  /** Where it was seen: a file in ../shared/statbank, a MANIFEST field, a section of the research notes. */
  source: string;
}

/** What a variable is for the loader. */
export type Role =
  | "area"
  | "residence"
  | "workplace"
  | "destination"
  | "origin"
  | "time"
  | "sex"
  | "age"
  | "marital"
  | "unit"
  | "income-type"
  | "movement"
  | "benefit"
  | "socio"
  | "family-type"
  | "household-type"
  | "size"
  | "children"
  | "industry"
  | "sector"
  | "town"
  | "town-size";

/** A code (or one of alternative codes) the loader relies on. */
export interface CodeNeed {
  /** The codes that serve, the loader's first choice first (BEV107 "B01A", else "B01"). */
  codes: string[];
  /** What the code stands for, in Danish as the pages say it ("tilflyttede fra andre kommuner"). */
  meaning: string;
  /** The datasets (and indicators) that lack it when the table does not have it. */
  datasets: string[];
  indicators?: string[];
  /** "empty": those datasets get no rows at all; "partial": only this part is missing. */
  ifMissing: "empty" | "partial";
  evidence: Evidence;
}

export interface VariableNeed {
  role: Role;
  /** Expected ids, preferred first; the loader's own id is among them. Matched without regard to case. */
  ids: string[];
  /**
   * The value specs the loader sends (query.ts syntax). Empty: the loader leaves the variable out
   * of a CSV request, so the API eliminates it (its total, or the sum); the table may lack it.
   */
  select: string[];
  /** Codes the loader picks out of what it gets (explicit codes of `select` included). */
  needs?: CodeNeed[];
  /** Codes the loader can read at all: any other code stops the loader (and the build). */
  only?: { pattern: string; what: string; /** The same in Danish, for "Om data". */ da: string; evidence: Evidence };
  /**
   * For a loader that finds the variable in the tableinfo itself (`lookup: "tableinfo"`): the
   * pattern it matches ids with, so a renamed variable is still found when the new id matches.
   */
  match?: string;
  /** Evidence for the id. */
  evidence: Evidence;
  note?: string;
}

export interface CatalogueTable {
  /** StatBank table id; for a table renamed with every vintage the family, e.g. "FRKM1yy". */
  id: string;
  /** For a vintage family: the pattern of its ids (the newest one in the table listing is used). */
  pattern?: string;
  /** One line in Danish: what the site uses the table for. */
  purpose: string;
  /** "loader": a loader reads it today; "planned": issue 13 plans a loader, none reads it yet. */
  use: "loader" | "planned";
  /** Datasets built from it (src/data/<name>.arrow.ts, or municipalities.json). */
  datasets: string[];
  /** Goal indicators (data/goals.yaml, via the indicators dataset) computed from it. */
  indicators: string[];
  /**
   * Whether the front page ("/", the scorecard) needs it: it reads a dataset or an indicator from
   * it, and the table is not a mere supplement of another (see `supplements`).
   */
  frontPage: boolean;
  /**
   * The table fills gaps of another table (BY2 where FOLK1A lacks single ages), or stands in for
   * it when the source lacks it (FAM44N for FAM55N): without it the datasets keep what the other
   * table gives, so the front page does not depend on it.
   */
  supplements?: string;
  /** Where the loaders are (file and function), for people. */
  loaders: string[];
  frequency: "quarter" | "month" | "year";
  /** The data format the loader requests: BULK must name every variable, CSV may leave some out. */
  format: "BULK" | "CSV";
  /**
   * "fixed": the loader asks for the ids in `variables`; a variable the table has under another
   * id is found by `resolveVariables` (another expected id, or its role) and asked for under that
   * id, and one found neither way makes its datasets "Data mangler" (loaders/tables/fitQuery.ts);
   * "tableinfo": it takes the ids from the table's tableinfo (a new variable is summed or its
   * total taken).
   */
  lookup: "fixed" | "tableinfo";
  /** The loader requests one period at a time (FLY66), so its time spec is a single period code. */
  perPeriod?: boolean;
  variables: VariableNeed[];
  /**
   * When the table shares its datasets with another table: the part it gives (Danish), e.g.
   * "firmaer" in business. Without the table its datasets lose that part only.
   */
  part?: string;
  /** What the loader does besides "Data mangler" when the table is missing (English). */
  ifMissing?: string;
  notes?: string[];
}

/** A mirror's file that is NOT a StatBank table (a third party's sums): mirror only, never asked of the API. */
export interface MirrorOnlyFile {
  id: string;
  pattern: string;
  /** The table it stands in for. */
  standsFor: string;
  purpose: string;
  datasets: string[];
  /** Variable id -> the value specs the loader sends. */
  variables: Record<string, string[]>;
}

export interface DatasetUse {
  /** Loader file and function. */
  loader: string;
  /** Pages that read it (directly, or through an analysis in src/sql). /arbejdsbord has every dataset. */
  pages: string[];
}
