/**
 * A transport answers the two questions every loader asks: what does a table hold (tableinfo)
 * and what are the rows for a selection (data). The live API and a mirror folder implement it
 * the same way, so a loader never knows which one it runs on.
 */
import type { Extract } from "./csv.ts";
import type { Gap } from "./errors.ts";
import type { Query } from "./query.ts";
import type { SourceDescription } from "../../src/lib/types.ts";

export type { SourceDescription };

export interface TableValue {
  id: string;
  text: string;
}

export interface TableVariable {
  id: string;
  text: string;
  elimination: boolean;
  time: boolean;
  map?: string;
  values: TableValue[];
}

/** The shape of GET/POST /v1/tableinfo (format JSON). */
export interface TableInfo {
  id: string;
  text: string;
  description?: string;
  unit: string;
  suppressedDataValue?: string;
  updated: string;
  active?: boolean;
  variables: TableVariable[];
}

/** One table of the /v1/tables listing. */
export interface TableListing {
  id: string;
  text: string;
  unit: string;
  updated: string;
  firstPeriod: string;
  latestPeriod: string;
  active: boolean;
  variables: string[];
}

export interface DataResult {
  extract: Extract;
  /** What the source lacks of the selection (mirror only; the live API answers with an error instead). */
  gaps: Gap[];
  /** Number of requested cells when every spec is resolved (null when unknown). */
  requestedCells: number | null;
  /** Whether a combination absent from the rows means 0 (BULK omits zero rows) or "not available". */
  absentMeansZero: boolean;
}

export interface Transport {
  readonly source: SourceDescription;
  tableInfo(table: string): Promise<TableInfo>;
  data(query: Query): Promise<DataResult>;
  /** The list of tables (live: /v1/tables; mirror: the files it holds). */
  tables(): Promise<TableListing[]>;
}
