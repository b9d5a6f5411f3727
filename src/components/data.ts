/**
 * The datasets the loaders write, read in the browser with @uwdata/flechette from node_modules
 * (FileAttachment's own .arrow() would fetch a parser from a CDN). Each dataset carries its
 * provenance in the Arrow schema metadata.
 */
import { FileAttachment } from "observablehq:stdlib";
// Pages decode with flechette's decoder alone (about 7 KiB gzip; the package's index, with the
// encoder and builders, is 15 KiB); apache-arrow (59 KiB) comes only with DuckDB-wasm, for the
// survey's own tables and for a user's own Arrow file on the SQL workbench.
import { tableFromIPC as decode } from "@uwdata/flechette/src/decode/table-from-ipc.js";
import type { Table } from "@uwdata/flechette";
import type { AnalysisName } from "../lib/analyses.js";
import type { Filters } from "../lib/analysis.js";
import { analysisPath, areaPath, isByArea, type AreaDatasetName } from "../lib/areaPaths.js";

// The provenance types are the loaders' own (type-only import: nothing of the loader code reaches the browser).
import type { DatasetMeta, MissingPart } from "../lib/types.js";
import type { Provenance as SourceInfo } from "../lib/types.js";
import type {
  AdoptedForecastRow,
  AgeGroupRow,
  AgeRow,
  AmbassadorRow,
  BenefitsRow,
  BusinessRow,
  CommunityMemberRow,
  CompareGroupRow,
  CommutingDistanceRow,
  CommutingRow,
  CostRow,
  ExemptionRow,
  FamiliesRow,
  FlowPairRow,
  FlowRow,
  GeographyRow,
  IncomeRow,
  IndicatorRow,
  InquiryRow,
  LetterRow,
  ManualIndicatorRow,
  MigrationAgeRow,
  MigrationTotalRow,
  MonthlyRow,
  MoverExtractRow,
  MovementRow,
  NeighbourRow,
  PeerIndicatorRow,
  PeerRow,
  PopulationRow,
  ProjectionRow,
  ProjectRow,
  StatusRow,
  TownMoverRow,
  TownRow,
  TownSummaryRow,
} from "../lib/datasets.js";

// Every dataset's row type is declared once, in src/lib/datasets.ts.
export type * from "../lib/datasets.js";
export type { DatasetMeta, MissingPart, SourceInfo };
export { BY_AREA, isByArea, type AreaDatasetName } from "../lib/areaPaths.js";

export interface Dataset<T> {
  rows: T[];
  meta: DatasetMeta;
  /** The raw IPC bytes, for registering the dataset in DuckDB-wasm. */
  bytes: Uint8Array;
  /** Set when a per-municipality file could not be fetched or read ("<file>: <reason>"): no rows, meta says "missing". */
  failed?: string;
}

// One static FileAttachment per dataset (Framework finds them by reading the code), read for its
// URL: the whole file is fetched for the rows (loadDatasetFile), its first bytes for the schema and
// provenance (loadDatasetHead). A member must be read right on FileAttachment(…): otherwise
// Framework infers .arrow() from the file extension and bundles apache-arrow from a CDN.
const FILES = {
  population: () => FileAttachment("../data/population.arrow").href,
  population_ages: () => FileAttachment("../data/by-area/population_ages/all.arrow").href,
  population_monthly: () => FileAttachment("../data/population_monthly.arrow").href,
  movements: () => FileAttachment("../data/movements.arrow").href,
  towns: () => FileAttachment("../data/by-area/towns/all.arrow").href,
  town_summaries: () => FileAttachment("../data/town_summaries.arrow").href,
  local_communities: () => FileAttachment("../data/local_communities.arrow").href,
  ambassadors: () => FileAttachment("../data/ambassadors.arrow").href,
  town_movers: () => FileAttachment("../data/town_movers.arrow").href,
  flows: () => FileAttachment("../data/flows.arrow").href,
  flow_pairs: () => FileAttachment("../data/by-area/flow_pairs/all.arrow").href,
  migration_ages: () => FileAttachment("../data/by-area/migration_ages/all.arrow").href,
  migration_totals: () => FileAttachment("../data/by-area/migration_totals/all.arrow").href,
  geography: () => FileAttachment("../data/geography.arrow").href,
  neighbours: () => FileAttachment("../data/neighbours.arrow").href,
  commuting: () => FileAttachment("../data/commuting.arrow").href,
  commuting_distance: () => FileAttachment("../data/commuting_distance.arrow").href,
  peers: () => FileAttachment("../data/peers.arrow").href,
  peer_indicators: () => FileAttachment("../data/peer_indicators.arrow").href,
  compare_groups: () => FileAttachment("../data/compare_groups.arrow").href,
  mover_extract: () => FileAttachment("../data/mover_extract.arrow").href,
  population_agegroups: () => FileAttachment("../data/by-area/population_agegroups/all.arrow").href,
  indicators: () => FileAttachment("../data/by-area/indicators/all.arrow").href,
  manual_indicators: () => FileAttachment("../data/manual_indicators.arrow").href,
  income: () => FileAttachment("../data/income.arrow").href,
  benefits: () => FileAttachment("../data/benefits.arrow").href,
  families: () => FileAttachment("../data/families.arrow").href,
  business: () => FileAttachment("../data/business.arrow").href,
  projection: () => FileAttachment("../data/by-area/projection/all.arrow").href,
  projection_totals: () => FileAttachment("../data/projection_totals.arrow").href,
  adopted_forecast: () => FileAttachment("../data/adopted_forecast.arrow").href,
  inquiries: () => FileAttachment("../data/inquiries.arrow").href,
  channel_costs: () => FileAttachment("../data/channel_costs.arrow").href,
  digital_letters: () => FileAttachment("../data/digital_letters.arrow").href,
  post_exemptions: () => FileAttachment("../data/post_exemptions.arrow").href,
  digital_projects: () => FileAttachment("../data/digital_projects.arrow").href,
  project_status: () => FileAttachment("../data/project_status.arrow").href,
} as const;

export type DatasetName = keyof typeof FILES;

/** Every dataset the site has, in the order of FILES. */
export const DATASET_NAMES = Object.keys(FILES) as DatasetName[];

/** Each dataset's row type (declared in src/lib/datasets.ts); `npm run new-loader` adds its entry here. */
export interface DatasetRows {
  population: PopulationRow;
  population_ages: AgeRow;
  population_monthly: MonthlyRow;
  movements: MovementRow;
  towns: TownRow;
  town_summaries: TownSummaryRow;
  local_communities: CommunityMemberRow;
  ambassadors: AmbassadorRow & { example: number };
  town_movers: TownMoverRow;
  flows: FlowRow;
  flow_pairs: FlowPairRow;
  migration_ages: MigrationAgeRow;
  migration_totals: MigrationTotalRow;
  geography: GeographyRow;
  neighbours: NeighbourRow;
  commuting: CommutingRow;
  commuting_distance: CommutingDistanceRow;
  peers: PeerRow;
  peer_indicators: PeerIndicatorRow;
  compare_groups: CompareGroupRow;
  mover_extract: MoverExtractRow;
  population_agegroups: AgeGroupRow;
  indicators: IndicatorRow;
  manual_indicators: ManualIndicatorRow;
  income: IncomeRow;
  benefits: BenefitsRow;
  families: FamiliesRow;
  business: BusinessRow;
  projection: ProjectionRow;
  projection_totals: ProjectionRow;
  adopted_forecast: AdoptedForecastRow;
  inquiries: InquiryRow & { example: number };
  channel_costs: CostRow & { example: number };
  digital_letters: LetterRow & { example: number };
  post_exemptions: ExemptionRow & { suppressed: number; example: number };
  digital_projects: ProjectRow;
  project_status: StatusRow & { example: number };
}

/** A dataset as stored: the IPC bytes, the Arrow table (schema, row count) and the provenance. */
export interface DatasetFile {
  bytes: Uint8Array;
  table: Table;
  meta: DatasetMeta;
  /** Set when a per-municipality file could not be fetched or read ("<file>: <reason>"): no rows, meta says "missing". */
  failed?: string;
}

const files = new Map<string, Promise<DatasetFile>>();

/** The dataset's bytes and Arrow table without turning it into row objects (cheap: for schemas and DuckDB). */
export function loadDatasetFile(name: DatasetName): Promise<DatasetFile> {
  if (!files.has(name)) {
    files.set(
      name,
      fetchBytes(FILES[name](), name).then((bytes) => {
        const table = decode(bytes);
        return { bytes, table, meta: readMeta(table.schema.metadata, name) };
      }),
    );
  }
  return files.get(name)!;
}

async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${what}: filen kunne ikke hentes (${response.status} ${url})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A dataset's schema and provenance, without its rows (what "Om data" and the workbench's table list show). */
export interface DatasetHead {
  /** An Arrow table with every field of the dataset and no rows. */
  table: Table;
  meta: DatasetMeta;
}

const heads = new Map<string, Promise<DatasetHead>>();

/**
 * The first bytes of a dataset, enough for its schema and provenance (src/lib/arrowHead.ts): an
 * HTTP Range request, so a page that lists datasets never downloads their rows. A server that
 * ignores Range sends the whole file, which is read as it is; a dataset already fetched whole is
 * not fetched again.
 */
export function loadDatasetHead(name: DatasetName): Promise<DatasetHead> {
  if (files.has(name)) return files.get(name)!;
  if (!heads.has(name)) {
    // the reader of a schema's first bytes is fetched with the first head asked for (only "Om data" and the workbench ask)
    const pending = import("../lib/arrowHead.js")
      .then(({ fetchSchema }) => fetchSchema(FILES[name](), (url, init) => fetch(url, init), name))
      .then((bytes) => {
        const table = decode(bytes);
        return { table, meta: readMeta(table.schema.metadata, name) };
      });
    pending.catch(() => heads.delete(name));
    heads.set(name, pending);
  }
  return heads.get(name)!;
}

const cache = new Map<string, Promise<Dataset<unknown>>>();

/** The dataset as row objects (for the charts), from the same fetch and decode as loadDatasetFile (for DuckDB). */
export function loadDataset<K extends DatasetName>(name: K): Promise<Dataset<DatasetRows[K]>> {
  if (!cache.has(name)) {
    // flechette keeps nulls as null and gives plain objects with JS numbers and strings.
    cache.set(
      name,
      loadDatasetFile(name).then(({ bytes, table, meta }) => ({ rows: table.toArray() as DatasetRows[K][], meta, bytes })),
    );
  }
  return cache.get(name) as Promise<Dataset<DatasetRows[K]>>;
}

// Datasets cut per municipality (BY_AREA, src/lib/byArea.ts): a page loads one municipality's
// slice with loadAreaDataset; the whole dataset (FILES above) is for the SQL workbench and "Om data".

// The site's root URL, from a file every page has: built hrefs are "<root>_file/data/site.<hash>.json",
// preview hrefs "<root>_file/data/site.json?sha=…".
const SITE_FILE = FileAttachment("../data/site.json");

/** The URLs to try for a file under the site's root (data/by-area/…), the likely one first. */
function rootUrls(path: string): string[] {
  const href = new URL(SITE_FILE.href, location.href).href;
  const root = href.slice(0, href.indexOf("_file/"));
  // The preview server (npm start) serves loader output only under /_file/; the build copies the
  // slices to /data/by-area/ (dynamicPaths). Try the likely one first, the other after a 404.
  return href.includes("?sha=") ? [`${root}_file/${path}`, `${root}${path}`] : [`${root}${path}`, `${root}_file/${path}`];
}

const CODE = /^\d{3}$/;

/** A per-municipality file that could not be fetched or read: `reason` is the Danish phrase a card shows. */
class FileFailure extends Error {
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
  }
}

async function fetchFromRoot(path: string, what: string): Promise<Uint8Array> {
  const tried: string[] = [];
  let status = 0;
  for (const url of rootUrls(path)) {
    let response: Response;
    try {
      response = await fetch(url);
      if (response.ok && !(response.headers.get("content-type") ?? "").startsWith("text/html")) return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      // the network, not the server (no answer, or the body cut off): the other URL would fail the same way
      throw new FileFailure("filen kunne ikke hentes, netværksfejl", `${what}: ${url}: ${String(error)}`);
    }
    // a 404 on the likely URL says less than what the other one answers
    if (status === 0 || status === 404) status = response.ok ? 404 : response.status;
    tried.push(`${url} (${response.status})`);
  }
  throw new FileFailure(
    status === 404 ? "filen findes ikke på serveren, HTTP 404" : `filen kunne ikke hentes, HTTP ${status}`,
    `${what}: filen kunne ikke hentes: ${tried.join(", ")}`,
  );
}

function decodeFile(bytes: Uint8Array, what: string): DatasetFile {
  let table: Table;
  try {
    table = decode(bytes);
  } catch (error) {
    throw new FileFailure("filen er ikke en gyldig Arrow-fil, den er afkortet eller beskadiget", `${what}: ${bytes.length} bytes: ${String(error)}`);
  }
  if (!table.schema.metadata?.get("provenance"))
    throw new FileFailure("filen har ingen beskrivelse af sine data, provenance", `${what}.arrow has no provenance`);
  return { bytes, table, meta: readMeta(table.schema.metadata, what) };
}

/**
 * How long a per-municipality file that failed is answered with its "data mangler" result: every
 * cell of the page that asks for it in the meantime gets the same answer (rows and provenance
 * agree), and asking after it (choosing the municipality again, reloading) fetches it again.
 */
const RETRY_AFTER_MS = 10_000;

/**
 * What a failed per-municipality file is read as: no rows, and provenance whose status is
 * "missing" and whose missing part names the file and the reason in Danish, so every card drawn
 * from it shows "Data mangler" (src/lib/missing.ts) instead of a crash or a silent zero.
 */
function failedFile(dataset: string, path: string, error: unknown): DatasetFile {
  const reason = error instanceof FileFailure ? error.reason : "filen kunne ikke hentes eller læses";
  const detail = error instanceof Error ? error.message : String(error);
  console.warn(`${path}: ${reason}; siden viser "Data mangler" for den.`, error);
  const meta: DatasetMeta = {
    dataset,
    title: dataset,
    status: "missing",
    sources: [],
    missing: [{ table: path, what: reason, detail }],
    columns: {},
    rows: 0,
    // unknown: the file that says when it was built could not be read (the source line then gives no date)
    builtAt: "",
  };
  return { bytes: new Uint8Array(0), table: decode(EMPTY_STREAM), meta, failed: `${path}: ${reason}` };
}

/** An Arrow stream with no fields and no rows (flechette's tableToIPC(tableFromArrays({}))): the table of a file that could not be read. */
const EMPTY_STREAM = new Uint8Array([
  0xff, 0xff, 0xff, 0xff, 0x28, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x0a, 0, 0x0c, 0, 0x0a, 0, 0x09, 0, 0x04, 0, 0x0a, 0, 0, 0, 0x0c, 0, 0, 0, 0, 0x01, 0x04, 0, 0x04,
  0, 0x04, 0, 0x04, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
]);

/**
 * Cache `pending` under `key`; when it turns out `failed`, forget it after RETRY_AFTER_MS, so a
 * later call fetches again (only that entry: a newer one under the key is kept).
 */
function remember<T>(cache: Map<string, Promise<T>>, key: string, pending: Promise<T>, failed: (value: T) => boolean): Promise<T> {
  cache.set(key, pending);
  const forget = () => {
    if (cache.get(key) === pending) cache.delete(key);
  };
  pending.then((value) => failed(value) && setTimeout(forget, RETRY_AFTER_MS), forget);
  return pending;
}

/** The datasets cut per municipality that this page has loaded a slice of (what prefetchAreas fetches). */
const usedOnPage = new Set<AreaDatasetName>();

/**
 * One municipality's slice of a dataset: its bytes (for DuckDB-wasm), Arrow table and provenance.
 * A file that cannot be fetched or read resolves to no rows and `failed` (failedFile), not an error.
 */
export function loadAreaDatasetFile(name: AreaDatasetName, area: string): Promise<DatasetFile> {
  usedOnPage.add(name);
  return sliceFile(name, area);
}

const sliceFiles = new Map<string, Promise<DatasetFile>>();

function sliceFile(name: AreaDatasetName, area: string): Promise<DatasetFile> {
  const key = `${name}/${area}`;
  if (!sliceFiles.has(key)) {
    if (!CODE.test(area)) return Promise.reject(new Error(`${name}: ${JSON.stringify(area)} er ikke en kommunekode`));
    const path = areaPath(name, area);
    const pending = fetchFromRoot(path, key)
      .then((bytes) => decodeFile(bytes, key))
      .catch((error: unknown) => failedFile(name, path, error));
    // a failed fetch is not remembered for long: choosing the municipality again tries again
    remember(sliceFiles, key, pending, (file) => file.failed !== undefined);
  }
  return sliceFiles.get(key)!;
}

const sliceRows = new Map<string, Promise<Dataset<unknown>>>();

/**
 * One municipality's rows of a dataset (the same rows as loadDataset(name) filtered to `area`).
 * A file that cannot be fetched or read gives no rows and provenance that says so (status
 * "missing", the file named in `meta.missing`): the cards show "Data mangler".
 */
export function loadAreaDataset<K extends AreaDatasetName>(name: K, area: string): Promise<Dataset<DatasetRows[K]>> {
  const key = `${name}/${area}`;
  if (!sliceRows.has(key)) {
    const pending = loadAreaDatasetFile(name, area).then(({ bytes, table, meta, failed }) => ({
      rows: table.toArray() as DatasetRows[K][],
      meta,
      bytes,
      failed,
    }));
    remember(sliceRows, key, pending, (d) => d.failed !== undefined);
  }
  return sliceRows.get(key) as Promise<Dataset<DatasetRows[K]>>;
}

/**
 * Fetch and decode the slices this page uses for the municipalities a planner is likely to choose
 * next (the municipality picker calls it when it gets focus): switching to one of them then needs
 * no download. A page that is only read never downloads another municipality's detail.
 */
export function prefetchAreas(areas: readonly string[]): void {
  for (const area of areas) {
    if (!CODE.test(area)) continue;
    for (const name of usedOnPage) void sliceFile(name, area).catch(() => undefined);
    for (const name of resultsOnPage) void resultRows(name, area).catch(() => undefined);
  }
}

/** The analyses whose results this page has loaded (what prefetchAreas fetches). */
const resultsOnPage = new Set<AnalysisName>();
const results = new Map<string, Promise<{ rows: Record<string, unknown>[]; meta: DatasetMeta; failed?: string }>>();

function resultRows(name: AnalysisName, area: string): Promise<{ rows: Record<string, unknown>[]; meta: DatasetMeta; failed?: string }> {
  const key = `analyses/${name}/${area}`;
  if (!results.has(key)) {
    if (!CODE.test(area)) return Promise.reject(new Error(`${name}: ${JSON.stringify(area)} er ikke en kommunekode`));
    const path = analysisPath(name, area);
    const pending = fetchFromRoot(path, key)
      .then((bytes) => decodeFile(bytes, key))
      .catch((error: unknown) => failedFile(name, path, error))
      .then(({ table, meta, failed }) => ({ rows: table.toArray() as Record<string, unknown>[], meta, failed }));
    // a failed fetch is not remembered for long: choosing the municipality again tries again
    remember(results, key, pending, (r) => r.failed !== undefined);
  }
  return results.get(key)!;
}

/**
 * The provenance of one municipality's rows of an analysis (its inputs' sources, what they miss).
 * For a result file that cannot be fetched or read: status "missing", no rows, and the file and
 * the reason in `missing`, so a card given it as a source shows "Data mangler" naming the file.
 */
export async function loadAreaResultMeta(name: AnalysisName, area: string): Promise<DatasetMeta> {
  resultsOnPage.add(name);
  return (await resultRows(name, area)).meta;
}

/**
 * One municipality's rows of an analysis from src/sql, computed at build time with the same SQL
 * (loaders/analysisResults.ts), keeping the rows that match `filters` exactly as the SQL filter
 * wrapper does ({area: "260", year: 2024, age_group: "i alt"}; src/lib/analysis.ts). A result
 * file that cannot be fetched or read gives no rows (not an error): the page shows "Data
 * mangler" from loadAreaResultMeta, which says why.
 */
export async function loadAreaResult<T>(name: AnalysisName, filters: Filters | string): Promise<T[]> {
  const f: Filters = typeof filters === "string" ? { area: filters } : filters;
  if (typeof f.area !== "string") throw new Error(`${name}: a result is read for one municipality (filters.area)`);
  resultsOnPage.add(name);
  const { rows } = await resultRows(name, f.area);
  const keys = Object.keys(f);
  return rows.filter((r) => keys.every((k) => r[k] === f[k])) as T[];
}

/**
 * A dataset's provenance without downloading its rows: the schema at the start of the whole file
 * (loadDatasetHead), or for a dataset cut per municipality its slice for `area`, which carries the
 * same provenance with the whole dataset's row count.
 */
export async function loadDatasetMeta(name: DatasetName, area: string): Promise<DatasetMeta> {
  if (!isByArea(name)) {
    // a head that cannot be fetched is listed as missing, the others still shown (asked again next time)
    const path = `data/${name}.arrow`;
    return (await loadDatasetHead(name).catch((error: unknown) => failedFile(name, path, error))).meta;
  }
  const { slice, ...meta } = (await sliceFile(name, area)).meta;
  return { ...meta, rows: slice?.datasetRows ?? meta.rows };
}

function readMeta(metadata: Map<string, string> | null | undefined, name: string): DatasetMeta {
  const json = metadata?.get("provenance");
  if (!json) throw new Error(`${name}.arrow has no provenance`);
  return JSON.parse(json) as DatasetMeta;
}
