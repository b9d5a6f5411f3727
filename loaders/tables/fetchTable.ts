/**
 * Fetching one StatBank table for a dataset loader: the table, or the missing parts its empty
 * dataset states when the source lacks the whole table; and a check that the extract has the
 * columns the loader reads.
 */
import { missingTable, type MissingPart } from "../provenance.ts";
import type { FetchOptions, FetchResult, StatbankClient } from "../statbank/client.ts";
import type { Extract } from "../statbank/csv.ts";
import type { Query } from "../statbank/query.ts";

/**
 * `client.fetch(query, options)`; when the source lacks the whole table (see missingTable), the
 * missing parts instead, so that the loader can write a valid, empty dataset that says so. Every
 * other error propagates.
 */
export async function fetchOrMissing(client: StatbankClient, query: Query, options?: FetchOptions): Promise<FetchResult | { missing: MissingPart[] }> {
  try {
    return await client.fetch(query, options);
  } catch (e) {
    const missing = missingTable(e);
    if (!missing) throw e;
    return { missing };
  }
}

/** Throws "TABLE: no column D in the extract (columns …)" for the first of `dimensions` the extract lacks. */
export function requireDimensions(table: string, extract: Extract, dimensions: readonly string[]): void {
  for (const d of dimensions) {
    if (!extract.dimensions.includes(d)) throw new Error(`${table}: no column ${d} in the extract (columns ${extract.dimensions.join(", ")})`);
  }
}
