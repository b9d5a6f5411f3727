/**
 * Mirror transport: a folder with one `<TABLE>.csv` per table in the API's BULK/Code format,
 * optionally `tableinfo/<TABLE>.json` (real /v1/tableinfo responses) and `MANIFEST.json`
 * (what each file covers and where it came from). The same selection rules as the API apply;
 * whatever the mirror does not hold is reported as a gap that names the table, variable and codes.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseStatbankCsv, type Extract, type ExtractRow } from "./csv.ts";
import { MirrorGapError, StatbankQueryError, type Gap } from "./errors.ts";
import { checkMirrorFile, ManifestMismatchError } from "./manifest.ts";
import { validateExtract, type ValidationContext } from "./validate.ts";
import { comparePeriods, danishPeriod, isTimeVariable } from "./period.ts";
import { findVariable, resolveSelection, type Query } from "./query.ts";
import type { DataResult, SourceDescription, TableInfo, TableListing, TableVariable, Transport } from "./transport.ts";

export interface ManifestTable {
  id: string;
  title?: string;
  unit?: string;
  file?: string;
  sha256?: string;
  rows?: number;
  gaps?: string;
  [key: string]: unknown;
}

export interface Manifest {
  generated?: string;
  format?: { zero_rows?: string; [key: string]: unknown };
  tables?: ManifestTable[];
  [key: string]: unknown;
}

interface LoadedTable {
  extract: Extract;
  /** Distinct codes per dimension in the order first seen (time sorted chronologically). */
  values: Map<string, string[]>;
  mtimeMs: number;
}

export class MirrorTransport implements Transport {
  readonly source: SourceDescription;
  private readonly dir: string;
  private readonly cache = new Map<string, LoadedTable>();
  private manifestPromise: Promise<Manifest | null> | null = null;

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.source = { kind: "mirror", location: this.dir };
  }

  manifest(): Promise<Manifest | null> {
    this.manifestPromise ??= readFile(join(this.dir, "MANIFEST.json"), "utf8")
      .then((t) => JSON.parse(t) as Manifest)
      .catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return null;
        throw new Error(`${join(this.dir, "MANIFEST.json")}: ${e.message}`);
      });
    return this.manifestPromise;
  }

  async manifestEntry(table: string): Promise<ManifestTable | undefined> {
    const m = await this.manifest();
    return m?.tables?.find((t) => t.id.toUpperCase() === table.toUpperCase());
  }

  /** Does the folder hold `<table>.csv`? */
  async has(table: string): Promise<boolean> {
    return (await this.fileFor(table)) !== null;
  }

  private async fileFor(table: string): Promise<string | null> {
    const files = await readdir(this.dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") throw new Error(`STATBANK_MIRROR folder ${this.dir} does not exist`);
      throw e;
    });
    const name = files.find((f) => f.toUpperCase() === `${table.toUpperCase()}.CSV`);
    return name ? join(this.dir, name) : null;
  }

  private async load(table: string): Promise<LoadedTable> {
    const file = await this.fileFor(table);
    if (!file) throw new MirrorGapError(table, this.dir, [{ variable: null, codes: [], reason: "table-not-in-mirror" }]);
    const { mtimeMs } = await stat(file);
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const bytes = await readFile(file);
    // A file cut, extended or edited after MANIFEST.json was written is refused before it is read as data.
    const problems = checkMirrorFile(file, bytes, await this.manifestEntry(table));
    if (problems.length > 0) throw new ManifestMismatchError(table.toUpperCase(), problems);
    const extract = parseStatbankCsv(bytes.toString("utf8"), file, table.toUpperCase());
    // The whole file is validated once, before any selection or elimination could hide a bad row.
    validateExtract(extract, await this.validationContext(table));
    const values = new Map<string, string[]>();
    for (const d of extract.dimensions) {
      const seen = new Set<string>();
      for (const r of extract.rows) seen.add(r.codes[d]);
      const list = [...seen];
      values.set(d, isTimeVariable(d) ? list.sort(comparePeriods) : list);
    }
    const loaded = { extract, values, mtimeMs };
    this.cache.set(file, loaded);
    return loaded;
  }

  /**
   * What a file is checked against: its stored tableinfo (which may be older than the file), the
   * MANIFEST's unit, and, for area variables of a table without tableinfo, the areas of the
   * stored FOLK1A tableinfo (every municipality, region and the country).
   */
  private async validationContext(table: string): Promise<ValidationContext> {
    const info = await this.storedTableInfo(table);
    const folk1a = table.toUpperCase() === "FOLK1A" ? info : await this.storedTableInfo("FOLK1A");
    const areas = folk1a?.variables.find((v) => v.id.toUpperCase() === "OMRÅDE");
    return {
      info,
      infoMayBeOlder: true,
      areaCodes: areas ? new Set(areas.values.map((v) => v.id)) : null,
      unit: info?.unit ?? (await this.manifestEntry(table))?.unit ?? "",
    };
  }

  /** The real tableinfo response stored beside the mirror, if any. */
  async storedTableInfo(table: string): Promise<TableInfo | null> {
    const path = join(this.dir, "tableinfo", `${table.toUpperCase()}.json`);
    try {
      return JSON.parse(await readFile(path, "utf8")) as TableInfo;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new Error(`${path}: ${(e as Error).message}`);
    }
  }

  /**
   * What the mirror holds of a table, in tableinfo shape: the variables of the file, each with the
   * codes present in the file (labels and order from the stored tableinfo where there is one).
   */
  async tableInfo(table: string): Promise<TableInfo> {
    const loaded = await this.load(table);
    const stored = await this.storedTableInfo(table);
    const entry = await this.manifestEntry(table);
    const variables: TableVariable[] = loaded.extract.dimensions.map((d) => {
      const storedVar = stored?.variables.find((v) => v.id.toUpperCase() === d.toUpperCase());
      const texts = new Map(storedVar?.values.map((v) => [danishPeriod(v.id), v.text]) ?? []);
      const order = new Map(storedVar?.values.map((v, i) => [danishPeriod(v.id), i]) ?? []);
      const present = [...loaded.values.get(d)!];
      if (!isTimeVariable(d) && order.size > 0) {
        present.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
      } else if (!isTimeVariable(d)) {
        // No stored tableinfo: codes in natural order ("101" before "1001", "B05" before "B06").
        present.sort((a, b) => a.localeCompare(b, "da", { numeric: true }));
      }
      return {
        id: d,
        text: storedVar?.text ?? d.toLowerCase(),
        elimination: storedVar?.elimination ?? false,
        time: isTimeVariable(d),
        ...(storedVar?.map ? { map: storedVar.map } : {}),
        values: present.map((id) => ({ id, text: texts.get(id) ?? id })),
      };
    });
    return {
      id: table.toUpperCase(),
      text: stored?.text ?? entry?.title ?? table.toUpperCase(),
      description: stored?.description,
      unit: stored?.unit ?? entry?.unit ?? "",
      updated: stored?.updated ?? "",
      variables,
    };
  }

  async tables(): Promise<TableListing[]> {
    const files = (await readdir(this.dir)).filter((f) => f.toLowerCase().endsWith(".csv")).sort();
    const out: TableListing[] = [];
    for (const f of files) {
      const id = f.slice(0, -4);
      const info = await this.tableInfo(id);
      const time = info.variables.find((v) => v.time);
      out.push({
        id: info.id,
        text: info.text,
        unit: info.unit,
        updated: info.updated,
        firstPeriod: time?.values[0]?.id ?? "",
        latestPeriod: time?.values[time.values.length - 1]?.id ?? "",
        active: true,
        variables: info.variables.map((v) => v.id),
      });
    }
    return out;
  }

  async data(query: Query): Promise<DataResult> {
    const table = query.table.toUpperCase();
    const loaded = await this.load(table);
    if (loaded.extract.rows.length === 0) {
      // A file with its header and no rows: the source lacks the table's data (a page says "Data mangler").
      throw new MirrorGapError(table, this.dir, [{ variable: null, codes: [], reason: "table-empty" }]);
    }
    const { dimensions } = loaded.extract;
    for (const name of Object.keys(query.variables)) {
      if (!dimensions.some((d) => d.toUpperCase() === name.toUpperCase())) {
        throw new StatbankQueryError(table, `no variable ${name}; the variables are ${dimensions.join(", ")}`);
      }
    }
    const eliminated = dimensions.filter((d) => !findVariable(query.variables, d));
    if (eliminated.length > 0 && (query.format ?? "BULK") === "BULK") {
      throw new StatbankQueryError(table, `select values for ${eliminated.join(", ")}: BULK requests must name every variable`);
    }
    const stored = await this.storedTableInfo(table);
    const gaps: Gap[] = [];
    const selected = new Map<string, Set<string>>();
    let requestedCells = 1;
    for (const d of dimensions) {
      if (eliminated.includes(d)) {
        // Elimination as the API does it: the variable's total code where it has one, else the sum.
        const values = loaded.values.get(d)!;
        const total = values.find((v) => TOTAL_CODES.has(v.toUpperCase()));
        selected.set(d, new Set(total ? [total] : values));
        continue;
      }
      const specs = query.variables[findVariable(query.variables, d)!];
      const { codes, unmatched } = resolveSelection(d, loaded.values.get(d)!, specs, table);
      selected.set(d, new Set(codes));
      requestedCells *= codes.length + unmatched.filter(isExplicitCode).length;
      if (unmatched.length > 0) {
        const storedVar = stored?.variables.find((v) => v.id.toUpperCase() === d.toUpperCase());
        const known = storedVar ? new Set(storedVar.values.map((v) => danishPeriod(v.id).toUpperCase())) : null;
        const unknown = known ? unmatched.filter((c) => isExplicitCode(c) && !known.has(danishPeriod(c).toUpperCase())) : [];
        const absent = unmatched.filter((c) => !unknown.includes(c));
        if (unknown.length > 0) gaps.push({ variable: d, codes: unknown, reason: "unknown-code" });
        if (absent.length > 0) gaps.push({ variable: d, codes: absent, reason: "not-in-mirror" });
      }
    }
    const rows = loaded.extract.rows.filter((r) => dimensions.every((d) => selected.get(d)!.has(r.codes[d])));
    const kept = dimensions.filter((d) => !eliminated.includes(d));
    const absentMeansZero = await this.omitsZeroRows(table);
    if (!absentMeansZero) {
      // The file may hold a code for some combinations only (FOLK1A has 2012K1 for a few areas):
      // a selected code without a single row in this selection is a gap too.
      for (const d of kept) {
        const present = new Set(rows.map((r) => r.codes[d]));
        const absent = [...selected.get(d)!].filter((c) => !present.has(c));
        if (absent.length === 0) continue;
        const existing = gaps.find((g) => g.variable === d && g.reason === "not-in-mirror");
        if (existing) existing.codes.push(...absent);
        else gaps.push({ variable: d, codes: absent, reason: "not-in-mirror" });
      }
    }
    return {
      extract: { table, dimensions: kept, rows: eliminated.length > 0 ? sumOver(rows, kept) : rows, source: loaded.extract.source },
      gaps,
      requestedCells,
      absentMeansZero,
    };
  }

  /** Whether the mirror's file for `table` leaves out zero-valued combinations, as BULK does (MANIFEST.format.zero_rows). */
  private async omitsZeroRows(table: string): Promise<boolean> {
    const note = (await this.manifest())?.format?.zero_rows ?? "";
    return new RegExp(`\\b${table}\\b[^.;]*\\bomits zero`, "i").test(note);
  }
}

/** Codes that StatBank tables use for "all" of a variable; "000" is the whole country for areas. */
const TOTAL_CODES = new Set(["TOT", "IALT", "MOK", "000"]);

/** Sum rows over the dimensions not in `kept` (null when any summand is missing). */
function sumOver(rows: ExtractRow[], kept: string[]): ExtractRow[] {
  const groups = new Map<string, ExtractRow>();
  for (const r of rows) {
    const key = kept.map((d) => r.codes[d]).join("\u0000");
    const g = groups.get(key);
    if (!g) groups.set(key, { codes: Object.fromEntries(kept.map((d) => [d, r.codes[d]])), value: r.value });
    else g.value = g.value === null || r.value === null ? null : g.value + r.value;
  }
  return [...groups.values()];
}

function isExplicitCode(spec: string): boolean {
  return !/[*<>()]/.test(spec);
}
