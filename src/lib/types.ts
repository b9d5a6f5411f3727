/**
 * The shapes the loaders write and the pages read, in one place: a StatBank query and where it was
 * answered, the provenance of a fetch, what is missing, a dataset's metadata (the Arrow file's
 * schema metadata), the municipality list and the site settings. Types only: imported by loaders,
 * components, scripts and tests alike (loaders re-export them from the modules that make them).
 */

export interface Query {
  /** Table id, e.g. "FOLK1A". */
  table: string;
  /** Variable code -> value specs. Streamed formats (BULK) need every variable of the table. */
  variables: Record<string, string[]>;
  /** Language of the request; codes are the same in both (quarters: K in da, Q in en). */
  lang?: "da" | "en";
  /**
   * BULK (default) is streamed, has no cell limit and needs every variable. CSV may leave
   * variables out (the API eliminates them: their total, or the sum over their values) but is
   * limited to 1,000,000 cells per request (the HTTP transport splits larger requests).
   */
  format?: "BULK" | "CSV";
}

export interface SourceDescription {
  kind: "live" | "mirror";
  /** Base URL of the API or absolute path of the mirror folder. */
  location: string;
}

export interface Gap {
  /** Variable code as in the table header, e.g. "OMRÅDE"; null when the whole table is missing. */
  variable: string | null;
  /** The requested codes (or value specs) that the source does not hold. */
  codes: string[];
  /** "not-in-mirror": valid per tableinfo (or unknown because the mirror has no tableinfo) but absent;
   * "unknown-code": not a value of the table at all. */
  reason: "not-in-mirror" | "unknown-code" | "table-not-in-mirror" | "table-empty";
}

export interface Provenance {
  table: string;
  title: string;
  unit: string;
  /** The selection as asked for (value specs, before resolution). */
  query: Query;
  /** Human-readable selection, e.g. "FOLK1A OMRÅDE=* KØN=TOT …". */
  selection: string;
  source: SourceDescription & { sha256?: string; snapshotOf?: string };
  /** ISO time the rows were read (live) or the mirror file was read. */
  fetchedAt: string;
  /** Periods present in the rows, oldest first. */
  periods: string[];
  rows: number;
  requestedCells: number | null;
  /** Combinations absent from the rows are 0 (BULK) rather than unavailable. */
  absentMeansZero: boolean;
  gaps: Gap[];
  /** "Kilde: Danmarks Statistik, <TABLE>" */
  attribution: string;
  /** What the loader adapted to the table (a variable found under a new id, a new variable's total), in Danish. */
  adaptations?: string[];
}

export interface MissingPart {
  /** StatBank table id (or file name for the municipality's own data). */
  table: string;
  /** What is missing, in Danish, for the page: "fødte og døde (B02, B03)", "hele tabellen". */
  what: string;
  /** Technical detail for the log and the "Om data" page. */
  detail: string;
  /** The variable and codes concerned, when the gap is about codes (lets a page ask "is my area missing?"). */
  variable?: string;
  codes?: string[];
  /** The areas the part concerns, when it is about some areas only and `variable` is not the area (absent: every area). */
  areas?: string[];
  /**
   * For the indicators dataset: the indicator the part is about, and whether it has no values at
   * all ("all") or lacks some areas and years ("some"). A page reads these, never the wording.
   */
  indicator?: string;
  extent?: "all" | "some";
}

export interface DatasetMeta {
  /** File stem, e.g. "population". */
  dataset: string;
  /** Danish title shown on "Om data". */
  title: string;
  /** ok: complete; partial: some requested parts are missing; missing: nothing could be read. */
  status: "ok" | "partial" | "missing";
  /** The StatBank fetches behind the dataset. */
  sources: Provenance[];
  missing: MissingPart[];
  /** Column name -> Danish description (unit included). */
  columns: Record<string, string>;
  rows: number;
  builtAt: string;
  /** How derived figures are computed (shown on "Om data"). */
  notes?: string[];
  /** A municipality's slice of the dataset (loaders/partition.ts): which one, and the whole dataset's row count. */
  slice?: { column: string; value: string; datasetRows: number };
}

export interface Municipality {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
}

export interface MunicipalityList {
  municipalities: Municipality[];
  regions: { code: string; name: string }[];
  source: string;
  fetchedAt: string;
  /** What the source lacks when the list comes from the geography folder instead of FOLK1A. */
  missing?: MissingPart[];
}

export interface SiteSettings {
  title: string;
  defaultKommune: string;
  baselineYear: number;
}
