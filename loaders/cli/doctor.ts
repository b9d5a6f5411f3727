/**
 * `npm run doctor`: is every StatBank table the site uses (loaders/catalogue.ts) still what the
 * loaders expect? For each table it asks the source for the tableinfo (the live API, or a mirror
 * folder with STATBANK_MIRROR=DIR or --mirror DIR, where the tableinfo is what the table's file
 * holds) and prints one line: OK, or what changed (the table is gone, a variable is missing or
 * renamed, a code is missing, the newest period) and what the loader will do about it
 * ("Data mangler på /befolkning", the build stops, …), with the time the source took to answer
 * and whether the newest period is newer than the built site's (dist/_file/data/*.arrow).
 *
 * Exit code: 1 when a table the front page needs (the scorecard on "/") is unusable (missing,
 * not answering, a variable gone, a code without which its dataset is empty, or a change that
 * stops its loader), 0 otherwise, 2 for a usage error.
 *
 * Output is English, like the other command lines; page names are the site's own (/befolkning).
 *
 * Longer than 400 lines because each table line is one comparison of the catalogue with a
 * tableinfo (variables, codes, areas, periods, what the loader will do), kept in one place so the
 * doctor and its messages stay in step; the rules it shares with the loaders are in
 * loaders/tables/fitQuery.ts and loaders/catalogue/resolve.ts.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { RecordBatchReader } from "apache-arrow";
import { CATALOGUE, MIRROR_ONLY_FILES, pagesOf, resolveVariables, type CatalogueEntry, type CodeNeed } from "../catalogue.ts";
import { wholeDatasetFiles } from "../datasetFiles.ts";
import type { DatasetMeta } from "../provenance.ts";
import { StatbankClient } from "../statbank/client.ts";
import { MirrorGapError, StatbankApiError, StatbankHttpError } from "../statbank/errors.ts";
import { ENV_TABLE_DEADLINE_MS, ENV_TIMEOUT_MS, HttpTransport } from "../statbank/http.ts";
import { MirrorTransport } from "../statbank/mirror.ts";
import { comparePeriods, danishPeriod, parsePeriod } from "../statbank/period.ts";
import { resolveSelection } from "../statbank/query.ts";
import type { TableInfo, TableVariable } from "../statbank/transport.ts";
import { totalCode } from "../tables/fitQuery.ts";
import { reportError, usageError, type CliIO } from "./data.ts";

export const USAGE = `npm run doctor [-- --mirror DIR] [--dist DIR]

Checks every StatBank table the site uses (loaders/catalogue.ts) against its tableinfo: the live
API (https://api.statbank.dk/v1; STATBANK_API overrides), or a mirror folder with
STATBANK_MIRROR=DIR or --mirror DIR (a mirror's tableinfo is what the table's file holds).
One line per table: OK, or what changed and what the loader will do about it; the time the
source took to answer; the newest period, and whether it is newer than the built site's.

  --mirror DIR  read the mirror folder DIR (same as STATBANK_MIRROR=DIR)
  --dist DIR    the built site to compare periods with (default: the project's dist/)

Exit code 1 when a table the front page (/) needs is unusable, 0 otherwise, 2 for a usage error.
`;

export type Status = "OK" | "CHANGED" | "PARTIAL" | "UNUSABLE" | "MISSING" | "ERROR";

/** One finding about a table: what changed, what the loader does, and how bad it is. */
export interface Finding {
  text: string;
  effect?: string;
  /** "changed": the table changed and the loader adapts (its data is complete; the dataset says so). */
  severity: "unusable" | "partial" | "changed" | "info";
}

export interface TableReport {
  entry: CatalogueEntry;
  /** The id asked for: the entry's id, or the vintage found for a family (FRKM126). */
  table: string;
  status: Status;
  /** Time the source took to answer the tableinfo request, in ms (null when it was not asked). */
  ms: number | null;
  newest: string | null;
  findings: Finding[];
}

export interface BuiltSite {
  dir: string;
  builtAt: string | null;
  /** Newest period per table id (upper case) in the built datasets' provenance. */
  newest: Map<string, string>;
}

const defaultDist = fileURLToPath(new URL("../../dist/", import.meta.url));

export async function runDoctorCli(argv: string[], io: CliIO): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: false,
        strict: true,
        options: { help: { type: "boolean", short: "h" }, mirror: { type: "string" }, dist: { type: "string" } },
      });
    } catch (e) {
      throw usageError(e);
    }
    const { values } = parsed;
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const mirror = values.mirror?.trim() || io.env.STATBANK_MIRROR?.trim();
    const client = new StatbankClient(
      mirror
        ? new MirrorTransport(resolve(io.cwd, mirror))
        : new HttpTransport({
            baseUrl: io.env.STATBANK_API?.trim() || undefined,
            env: io.env,
            // A doctor should answer in minutes even when the API does not: shorter limits than a
            // build's, unless the environment sets them.
            timeoutMs: io.env[ENV_TIMEOUT_MS]?.trim() ? undefined : 15_000,
            tableDeadlineMs: io.env[ENV_TABLE_DEADLINE_MS]?.trim() ? undefined : 30_000,
            retries: 2,
            log: (msg) => io.stderr.write(`${msg}\n`),
          }),
    );
    const site = await readBuiltSite(values.dist ? resolve(io.cwd, values.dist) : defaultDist);
    const where =
      client.source.kind === "mirror"
        ? `mirror ${client.source.location} (tableinfo = what each table's file holds)`
        : `StatBank API ${client.source.location}`;
    io.stdout.write(`StatBank doctor: ${CATALOGUE.length} tables of loaders/catalogue.ts against the ${where}\n`);
    io.stdout.write(
      site
        ? `Built site: ${site.dir}${site.builtAt ? ` (built ${site.builtAt.slice(0, 16).replace("T", " ")})` : ""}\n`
        : "Built site: no built site (no dist/_file/data/*.arrow)\n",
    );
    io.stdout.write("* = the front page (/) needs the table. Pages named are where its data is shown; /arbejdsbord has every dataset.\n\n");
    const reports = await checkCatalogue(client, { onReport: (r) => io.stdout.write(`${formatLine(r, site)}\n`) });
    io.stdout.write(`\n${summary(reports)}\n`);
    return frontPageUnusable(reports).length > 0 ? 1 : 0;
  } catch (e) {
    return reportError(e, io, USAGE, "npm run doctor");
  }
}

/** The front-page tables that are unusable (the exit code's rule). */
export function frontPageUnusable(reports: readonly TableReport[]): TableReport[] {
  return reports.filter((r) => r.entry.use === "loader" && r.entry.frontPage && (r.status === "UNUSABLE" || r.status === "MISSING" || r.status === "ERROR"));
}

// ---------------------------------------------------------------------------------------------
// Checking

/** Check every catalogue table in turn (one request at a time, so each answer time is its own). */
export async function checkCatalogue(client: StatbankClient, options: { onReport?: (r: TableReport) => void } = {}): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  // Once the source does not answer at all, the other tables are not asked (each would wait as long).
  let unreachable: string | null = null;
  for (const entry of CATALOGUE) {
    let report: TableReport;
    if (unreachable) {
      report = {
        entry,
        table: entry.id,
        status: "ERROR",
        ms: null,
        newest: null,
        findings: [{ text: `not asked: ${unreachable}`, effect: loaderEffect(entry, "fails"), severity: "unusable" }],
      };
    } else {
      const checked = await checkTable(client, entry);
      unreachable = checked.unreachable ?? null;
      report = { entry: checked.entry, table: checked.table, status: checked.status, ms: checked.ms, newest: checked.newest, findings: checked.findings };
    }
    reports.push(report);
    options.onReport?.(report);
  }
  return reports;
}

async function checkTable(client: StatbankClient, entry: CatalogueEntry): Promise<TableReport & { unreachable?: string }> {
  const mirror = client.transport instanceof MirrorTransport ? client.transport : null;
  let table = entry.id;
  let listingMs = 0;
  if (entry.pattern) {
    // A vintage family: the newest id of the table listing (a mirror: its files and stored tableinfo).
    const started = performance.now();
    let ids: string[];
    try {
      ids = mirror
        ? [...(await mirrorFileIds(mirror.source.location)), ...(await storedTableinfoIds(mirror.source.location))]
        : (await client.tables()).map((t) => t.id);
    } catch (e) {
      return failure(
        entry,
        table,
        performance.now() - started,
        e,
        client.source.kind === "mirror" ? "the mirror's files could not be listed" : "the /v1/tables listing failed",
      );
    }
    listingMs = performance.now() - started;
    const newest = newestOf(ids, new RegExp(entry.pattern, "i"));
    if (!newest) {
      const where = mirror ? "the mirror's files" : "the /v1/tables listing";
      return {
        entry,
        table,
        status: "MISSING",
        ms: listingMs,
        newest: null,
        findings: [{ text: `no ${entry.id} table in ${where}`, effect: loaderEffect(entry, "empty", await substitute(client, entry)), severity: "unusable" }],
      };
    }
    table = newest;
  }

  const started = performance.now();
  let info: TableInfo;
  try {
    info = await client.tableInfo(table);
  } catch (e) {
    const ms = listingMs + performance.now() - started;
    if (isTableMissing(e)) {
      const findings: Finding[] = [
        {
          text: mirror ? `not in the mirror (no ${table}.csv)` : `table not found ("Tabel findes ikke: ${table}")`,
          effect: loaderEffect(entry, "empty", await substitute(client, entry)),
          severity: "unusable",
        },
      ];
      // A mirror may keep a real tableinfo of a table whose rows it lacks: check the catalogue against it.
      const stored = mirror ? await mirror.storedTableInfo(table).catch(() => null) : null;
      if (stored) findings.push(storedCheck(entry, table, stored));
      return { entry, table, status: "MISSING", ms, newest: null, findings };
    }
    return failure(entry, table, ms, e, "the tableinfo request failed");
  }
  const ms = listingMs + performance.now() - started;
  if (info.variables.length > 0 && info.variables.every((v) => v.values.length === 0)) {
    // A mirror file with its header and no rows: the loaders treat it as a missing table.
    return {
      entry,
      table,
      status: "MISSING",
      ms,
      newest: null,
      findings: [{ text: "the table is empty (its header, no rows)", effect: loaderEffect(entry, "empty"), severity: "unusable" }],
    };
  }
  const findings = compareWithCatalogue(entry, info);
  return { entry, table, status: statusOf(findings), ms, newest: newestPeriod(info), findings };
}

function failure(entry: CatalogueEntry, table: string, ms: number, e: unknown, what: string): TableReport & { unreachable?: string } {
  const message = (e as Error)?.message ?? String(e);
  const unreachable =
    e instanceof StatbankHttpError && (e.status === null || e.details.reason === "deadline") ? `the source did not answer ${table} (above)` : undefined;
  return {
    entry,
    table,
    status: "ERROR",
    ms,
    newest: null,
    findings: [{ text: `${what}: ${firstLine(message)}`, effect: loaderEffect(entry, "fails"), severity: "unusable" }],
    ...(unreachable ? { unreachable } : {}),
  };
}

function isTableMissing(e: unknown): boolean {
  if (e instanceof MirrorGapError) return e.gaps.some((g) => g.reason === "table-not-in-mirror" || g.reason === "table-empty");
  return e instanceof StatbankApiError && e.errorTypeCode.toUpperCase() === "EXTRACT-NOTFOUND" && /^Tabel findes ikke/i.test(e.apiMessage.trim());
}

function statusOf(findings: Finding[]): Status {
  if (findings.some((f) => f.severity === "unusable")) return "UNUSABLE";
  if (findings.some((f) => f.severity === "partial")) return "PARTIAL";
  if (findings.some((f) => f.severity === "changed")) return "CHANGED";
  return "OK";
}

/** What the catalogue expects of the table, against what its tableinfo says. Pure; exported for tests. */
export function compareWithCatalogue(entry: CatalogueEntry, info: Pick<TableInfo, "variables">): Finding[] {
  const findings: Finding[] = [];
  const resolved = resolveVariables(info, entry.variables);
  const ids = info.variables.map((v) => v.id);
  for (const { need, variable, how } of resolved) {
    const own = need.ids[0];
    if (!variable) {
      // A variable the loader leaves out of a CSV request need not exist.
      if (need.select.length === 0) continue;
      findings.push({
        text: `variable ${own} (${need.role}) not found; the table has ${ids.join(", ")}`,
        effect: loaderEffect(entry, "empty"),
        severity: "unusable",
      });
      continue;
    }
    if (variable.id.toUpperCase() !== own.toUpperCase() && need.select.length > 0) {
      const found = how === "id" ? `found as ${variable.id}` : `the table has ${variable.id} (${need.role}?)`;
      if (entry.lookup === "tableinfo" && need.match && new RegExp(need.match, "i").test(variable.id)) {
        findings.push({ text: `${own} is called ${variable.id}; the loader finds it by /${need.match}/`, severity: "info" });
      } else if (entry.lookup === "tableinfo" && need.match) {
        findings.push({
          text: `variable ${own} renamed? ${found}, which the loader's /${need.match}/ does not match`,
          effect: loaderEffect(entry, "empty"),
          severity: "unusable",
        });
      } else if (entry.lookup === "tableinfo") {
        findings.push({
          text: `variable ${own} renamed? ${found}`,
          effect: `the loader asks for ${own}: ${loaderEffect(entry, "empty")}`,
          severity: "unusable",
        });
      } else {
        // The loaders' queries go through fitQuery (loaders/tables/fitQuery.ts): found by another known id or its role.
        findings.push({
          text: `variable ${own} is now ${variable.id} (${how === "id" ? "a known id for it" : `found by its role, ${need.role}`})`,
          effect: `the loader asks for ${variable.id} and reads it as ${own}; the datasets' notes say so`,
          severity: "changed",
        });
      }
    }
    const codes = variable.values.map((v) => (variable.time ? danishPeriod(v.id) : v.id));
    findings.push(...codeFindings(entry, need.ids[0], variable, codes, need.select, need.needs ?? []));
    if (need.only) {
      const re = new RegExp(need.only.pattern, "i");
      const odd = codes.filter((c) => !re.test(c));
      if (odd.length > 0) {
        findings.push({
          text: `${variable.id} has codes the loader cannot read: ${list(odd)} (it reads ${need.only.what})`,
          effect: "the loader stops with an error: the build fails and keeps the published site",
          severity: "unusable",
        });
      }
    }
    if (["area", "residence", "destination", "origin"].includes(need.role) && need.select.includes("*")) {
      const municipalities = codes.filter((c) => /^\d{3}$/.test(c) && Number(c) >= 101 && Number(c) < 900 && c !== "411").length;
      if (municipalities > 0 && municipalities < 98) {
        findings.push({
          text: `${variable.id} has ${municipalities} of 98 municipalities`,
          effect: `Data mangler for ${98 - municipalities} kommuner på ${pages(shown(entry.datasets), entry.indicators)}`,
          severity: "partial",
        });
      }
    }
  }
  // Variables the catalogue does not know: a BULK request must name every variable.
  const claimed = new Set(resolved.map((r) => r.variable).filter((v): v is TableVariable => v !== null));
  for (const v of info.variables.filter((x) => !claimed.has(x))) {
    if (entry.lookup === "tableinfo") findings.push({ text: `variable ${v.id} (requested with *, summed or its total taken)`, severity: "info" });
    else if (entry.format === "CSV" && v.elimination)
      findings.push({ text: `new variable ${v.id}: left out of the CSV request, so StatBank eliminates it`, severity: "info" });
    else {
      // As fitQuery does on the live API: the variable's total is asked for, or the datasets are missing.
      const total = totalCode(v);
      const why = `new variable ${v.id}: the loader's ${entry.format} request does not name it${entry.format === "CSV" ? " and the table cannot eliminate it" : ""}`;
      if (total !== null) findings.push({ text: why, effect: `the loader asks for its total ${total}; the datasets' notes say so`, severity: "changed" });
      else findings.push({ text: `${why}, and it has no total code`, effect: loaderEffect(entry, "empty"), severity: "unusable" });
    }
  }
  return findings;
}

function codeFindings(
  entry: CatalogueEntry,
  own: string,
  variable: TableVariable,
  codes: string[],
  select: readonly string[],
  needs: readonly CodeNeed[],
): Finding[] {
  const findings: Finding[] = [];
  const has = (spec: string) => {
    try {
      return resolveSelection(variable.id, codes, [spec], entry.id).unmatched.length === 0;
    } catch {
      return false;
    }
  };
  // Specs the loader sends that select nothing and that no code need describes.
  const described = new Set(needs.flatMap((n) => n.codes.map((c) => c.toUpperCase())));
  const lost = select.filter((s) => s !== "*" && !described.has(s.toUpperCase()) && !has(s));
  if (lost.length > 0) {
    findings.push({ text: `${variable.id} has nothing for ${lost.join(", ")}`, effect: loaderEffect(entry, "empty"), severity: "unusable" });
  }
  const missing = needs.filter((n) => !n.codes.some(has));
  // One finding per kind of loss (the same datasets, empty or partial), naming every code of it.
  const groups = new Map<string, CodeNeed[]>();
  for (const n of missing) {
    const key = `${n.ifMissing}|${(n.datasets.length > 0 ? n.datasets : entry.datasets).join(",")}|${(n.indicators ?? []).join(",")}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    const datasets = first.datasets.length > 0 ? first.datasets : entry.datasets;
    const indicators = [...new Set(group.flatMap((n) => n.indicators ?? []))];
    const codes = group.map((n) => `${n.codes.join("|")} (${n.meaning})`).join(", ");
    const meanings = group.map((n) => n.meaning).join(", ");
    const effect =
      entry.use === "planned"
        ? undefined
        : first.ifMissing === "empty"
          ? emptyEffect(datasets, indicators)
          : `${shown(datasets).join(", ")} without ${meanings}: Data mangler (${meanings}) på ${pages(datasets, [])}${scorecard(indicators)}`;
    findings.push({ text: `${variable.id} lacks ${codes}`, ...(effect ? { effect } : {}), severity: first.ifMissing === "empty" ? "unusable" : "partial" });
  }
  if (needs.length > 1 && missing.length === needs.length) {
    findings.push({ text: `${variable.id} has none of the codes the loader uses (${own})`, effect: loaderEffect(entry, "empty"), severity: "unusable" });
  }
  return findings;
}

/** "stored tableinfo/X.json (real) matches the catalogue" or what differs, as an info finding. */
function storedCheck(entry: CatalogueEntry, table: string, stored: TableInfo): Finding {
  const differences = compareWithCatalogue(entry, stored).filter((f) => f.severity !== "info");
  return {
    text:
      differences.length === 0
        ? `its stored tableinfo/${table}.json (newest ${newestPeriod(stored) ?? "–"}) matches the catalogue`
        : `its stored tableinfo/${table}.json (newest ${newestPeriod(stored) ?? "–"}) differs: ${differences.map((f) => f.text).join("; ")}`,
    severity: "info",
  };
}

/** What the loader does when it cannot use the table: "benefits empty: Data mangler på /oekonomi; the scorecard (/) lacks …". */
function loaderEffect(entry: CatalogueEntry, kind: "empty" | "fails", instead?: string | null): string | undefined {
  if (entry.use === "planned") return undefined;
  const base =
    kind === "fails"
      ? `a build now would stop at ${shown(entry.datasets).join(", ")} (the published site is kept)`
      : entry.part
        ? `${shown(entry.datasets).join(", ")} without ${entry.part}: Data mangler (${entry.part}) på ${pages(shown(entry.datasets), [])}${scorecard(entry.indicators)}`
        : emptyEffect(entry.datasets, entry.indicators);
  const extras = [instead, kind === "empty" && !instead ? entry.ifMissing : null].filter(Boolean);
  return extras.length > 0 ? `${base}; ${extras.join("; ")}` : base;
}

/** "movements empty: Data mangler på /befolkning; the scorecard (/) lacks firms". */
function emptyEffect(datasets: readonly string[], indicators: readonly string[]): string {
  const own = shown(datasets);
  const parts = own.length > 0 ? [`${own.join(", ")} empty: Data mangler på ${pages(own, [])}`] : [];
  return [...parts, scorecard(indicators).replace(/^; /, "")].filter(Boolean).join("; ");
}

function scorecard(indicators: readonly string[]): string {
  return indicators.length > 0 ? `; the scorecard (/) lacks ${indicators.join(", ")}` : "";
}

/** The datasets a page shows as such (the indicators dataset is named by its indicators instead). */
function shown(datasets: readonly string[]): string[] {
  return datasets.filter((d) => d !== "indicators");
}

/** The pages of the datasets; the SQL workbench (/arbejdsbord), which has every dataset, is left out. */
function pages(datasets: readonly string[], indicators: readonly string[]): string {
  return (
    pagesOf(datasets, indicators)
      .filter((p) => p !== "/arbejdsbord")
      .join(", ") || "/arbejdsbord"
  );
}

/** On a mirror, a third party's file the loader uses instead of a missing table. */
async function substitute(client: StatbankClient, entry: CatalogueEntry): Promise<string | null> {
  if (!(client.transport instanceof MirrorTransport)) return null;
  const files = MIRROR_ONLY_FILES.filter((f) => f.standsFor === entry.id);
  if (files.length === 0) return null;
  const ids = await mirrorFileIds(client.transport.source.location);
  const found = files
    .flatMap((f) => ids.filter((id) => new RegExp(f.pattern, "i").test(id)))
    .sort()
    .at(-1);
  return found ? `the loader uses ${found}.csv instead (a third party's sums, labelled as such)` : null;
}

/** The tables of a mirror folder: its *.csv files (read without parsing them). */
async function mirrorFileIds(dir: string): Promise<string[]> {
  const files = await readdir(dir);
  return files.filter((f) => f.toLowerCase().endsWith(".csv")).map((f) => f.slice(0, -4));
}

async function storedTableinfoIds(dir: string): Promise<string[]> {
  const files = await readdir(join(dir, "tableinfo")).catch(() => [] as string[]);
  return files.filter((f) => f.toLowerCase().endsWith(".json")).map((f) => f.slice(0, -5).toUpperCase());
}

/** The newest id matching `pattern` (FRKM126 over FRKM125). */
function newestOf(ids: string[], pattern: RegExp): string | null {
  const matching = [...new Set(ids.map((i) => i.toUpperCase()))].filter((i) => pattern.test(i));
  return matching.sort().at(-1) ?? null;
}

function newestPeriod(info: Pick<TableInfo, "variables">): string | null {
  const time = info.variables.find((v) => v.time) ?? info.variables.find((v) => /^tid$/i.test(v.id));
  if (!time || time.values.length === 0) return null;
  const codes = time.values.map((v) => danishPeriod(v.id)).filter((c) => parsePeriod(c));
  return codes.sort(comparePeriods).at(-1) ?? null;
}

// ---------------------------------------------------------------------------------------------
// The built site

/** Newest period per table in the provenance of dist/_file/data/*.arrow; null when there is no built site. */
export async function readBuiltSite(dir: string): Promise<BuiltSite | null> {
  const dataDir = join(dir, "_file", "data");
  const files = wholeDatasetFiles(dataDir).map((d) => d.path);
  if (files.length === 0) return null;
  const newest = new Map<string, string>();
  let builtAt: string | null = null;
  for (const f of files) {
    let meta: DatasetMeta;
    try {
      // Only the schema is read: the provenance is in its metadata.
      const reader = RecordBatchReader.from(await readFile(f));
      reader.open();
      const json = reader.schema.metadata.get("provenance");
      if (!json) continue;
      meta = JSON.parse(json) as DatasetMeta;
    } catch {
      continue;
    }
    if (meta.builtAt && (!builtAt || meta.builtAt > builtAt)) builtAt = meta.builtAt;
    for (const s of meta.sources ?? []) {
      const table = s.table.toUpperCase();
      for (const p of s.periods ?? []) {
        const prev = newest.get(table);
        if (parsePeriod(p) && (!prev || comparePeriods(p, prev) > 0)) newest.set(table, p);
      }
    }
  }
  return { dir, builtAt, newest };
}

// ---------------------------------------------------------------------------------------------
// Output

/** One line per table: id, status, answer time, newest period against the built site, what changed and what the loader does. */
export function formatLine(r: TableReport, site: BuiltSite | null): string {
  const time = r.ms === null ? "–" : `${(r.ms / 1000).toFixed(2)} s`;
  const parts: string[] = [];
  if (r.newest) parts.push(`newest ${r.newest}${builtText(r, site)}`);
  for (const f of r.findings) parts.push(f.effect ? `${f.text} → ${f.effect}` : f.text);
  if (r.entry.use === "planned") parts.push("planned: no loader reads it yet");
  const id = `${r.table}${r.entry.use === "loader" && r.entry.frontPage ? "*" : ""}`;
  return `${id.padEnd(9)} ${r.status.padEnd(8)} ${time.padStart(7)}  ${parts.join("; ")}`;
}

function builtText(r: TableReport, site: BuiltSite | null): string {
  if (!r.newest) return "";
  if (!site) return " (no built site)";
  const built = site.newest.get(r.table.toUpperCase());
  if (!built) return r.entry.use === "planned" ? "" : " (not in the built site)";
  const c = comparePeriods(r.newest, built);
  return c > 0 ? ` (newer than the built site's ${built})` : c < 0 ? ` (older than the built site's ${built})` : " (as the built site)";
}

export function summary(reports: readonly TableReport[]): string {
  const count = (s: Status) => reports.filter((r) => r.status === s).length;
  const counts = (["OK", "CHANGED", "PARTIAL", "UNUSABLE", "MISSING", "ERROR"] as Status[]).filter((s) => count(s) > 0).map((s) => `${count(s)} ${s}`);
  const front = reports.filter((r) => r.entry.use === "loader" && r.entry.frontPage);
  const bad = frontPageUnusable(reports);
  const lines = [`${reports.length} tables: ${counts.join(", ")}.`];
  lines.push(
    bad.length === 0
      ? `Front page (/): all ${front.length} tables it needs are usable (${front.map((r) => r.table).join(", ")}); exit code 0.`
      : `Front page (/): unusable ${bad.map((r) => r.table).join(", ")} (of ${front.map((r) => r.table).join(", ")}); exit code 1.`,
  );
  return lines.join("\n");
}

function list(codes: string[], max = 8): string {
  return codes.length <= max ? codes.join(", ") : `${codes.slice(0, max).join(", ")}, … (${codes.length} in all)`;
}

function firstLine(text: string): string {
  return text.split("\n")[0];
}
