/**
 * The client every loader uses. It picks the transport from the environment
 * (STATBANK_MIRROR=<dir> reads a mirror folder; otherwise the live API), runs a query, and
 * returns the rows together with their provenance. Gaps in a mirror are an error unless the
 * loader says it can live with them (`allowGaps`), in which case they travel in the provenance.
 */
import type { Extract } from "./csv.ts";
import { MirrorGapError, StatbankQueryError, type Gap } from "./errors.ts";
import { HttpTransport } from "./http.ts";
import { MirrorTransport } from "./mirror.ts";
import { isTimeVariable, comparePeriods } from "./period.ts";
import { describeQuery, type Query } from "./query.ts";
import { validateExtract } from "./validate.ts";
import type { SourceDescription, TableInfo, TableListing, Transport } from "./transport.ts";
import type { Provenance } from "../../src/lib/types.ts";

export type { Provenance };

export interface FetchResult {
  extract: Extract;
  provenance: Provenance;
}

export interface FetchOptions {
  /** Accept a mirror that lacks some requested codes (recorded in provenance.gaps). Unknown codes still fail. */
  allowGaps?: boolean;
}

export class StatbankClient {
  constructor(readonly transport: Transport) {}

  get source(): SourceDescription {
    return this.transport.source;
  }

  tableInfo(table: string): Promise<TableInfo> {
    return this.transport.tableInfo(table);
  }

  tables(): Promise<TableListing[]> {
    return this.transport.tables();
  }

  async fetch(query: Query, options: FetchOptions = {}): Promise<FetchResult> {
    const table = query.table.toUpperCase();
    if (!/^[A-ZÆØÅ0-9_]+$/.test(table)) throw new StatbankQueryError(query.table, "not a table id");
    const fetchedAt = new Date().toISOString();
    const result = await this.transport.data({ ...query, table });
    const fatal = result.gaps.filter((g) => g.reason === "unknown-code" || !options.allowGaps);
    if (fatal.length > 0) throw new MirrorGapError(table, this.source.location, fatal);
    const info = await this.transport.tableInfo(table).catch(() => null);
    // A mirror validates each whole file as it reads it; a live answer is validated here, against
    // the table's own tableinfo, before any loader sees a row.
    if (this.transport.source.kind === "live") {
      validateExtract(result.extract, { info, infoMayBeOlder: false, areaCodes: null, unit: info?.unit ?? "" });
    }
    const timeDim = result.extract.dimensions.find(isTimeVariable);
    const periods = timeDim ? [...new Set(result.extract.rows.map((r) => r.codes[timeDim]))].sort(comparePeriods) : [];
    const sha256 = this.transport instanceof MirrorTransport ? (await this.transport.manifestEntry(table))?.sha256 : undefined;
    // A mirror is a snapshot: the date its MANIFEST was generated goes on every chart, and that
    // its numbers are synthetic (scripts/bench/scale.ts) where the MANIFEST says so.
    const manifest = this.transport instanceof MirrorTransport ? await this.transport.manifest().catch(() => null) : null;
    const snapshotOf = manifest?.generated;
    const synthetic = manifest?.synthetic === true;
    return {
      extract: result.extract,
      provenance: {
        table,
        title: info?.text ?? table,
        unit: info?.unit ?? "",
        query: { ...query, table },
        selection: describeQuery({ ...query, table }),
        source: { ...this.source, ...(sha256 ? { sha256 } : {}), ...(snapshotOf ? { snapshotOf } : {}), ...(synthetic ? { synthetic } : {}) },
        fetchedAt,
        periods,
        rows: result.extract.rows.length,
        requestedCells: result.requestedCells,
        absentMeansZero: result.absentMeansZero,
        gaps: result.gaps,
        attribution: `Kilde: Danmarks Statistik, ${table}`,
      },
    };
  }
}

/** STATBANK_MIRROR=<dir> selects the mirror; STATBANK_API=<url> overrides the API base (tests). */
export function transportFromEnv(env: NodeJS.ProcessEnv = process.env): Transport {
  const mirror = env.STATBANK_MIRROR?.trim();
  if (mirror) return new MirrorTransport(mirror);
  return new HttpTransport({ baseUrl: env.STATBANK_API?.trim() || undefined });
}

export function clientFromEnv(env: NodeJS.ProcessEnv = process.env): StatbankClient {
  return new StatbankClient(transportFromEnv(env));
}
