/**
 * Fetching one StatBank table for a dataset loader: the table, or the missing parts its empty
 * dataset states when the source lacks what the loader asks for; and a check that the extract has
 * the columns the loader reads.
 *
 * Every loader fetches through `fetchOrMissing`, so the line between "the source lacks something"
 * (an empty or partial dataset that says "Data mangler", and the build goes on) and "the data is
 * wrong" (the build stops) is drawn here and in `missingTable` only.
 */
import { missingTable, type MissingPart } from "../provenance.ts";
import type { FetchOptions, FetchResult, StatbankClient } from "../statbank/client.ts";
import type { Extract } from "../statbank/csv.ts";
import { describeQuery, type Query } from "../statbank/query.ts";
import { fitQuery, renameBack } from "./fitQuery.ts";

/**
 * `client.fetch(query, options)`, or the missing parts when the source lacks what is asked:
 *
 * - the whole table (a mirror without the file, the API's "Tabel findes ikke"): "hele tabellen";
 * - a variable the query names that the table has under no id and no role (the table's tableinfo
 *   is asked first, so a BULK request is never sent without it): "variablen X findes ikke;
 *   tabellen har A, B, C". A variable renamed in the table is found by its role and read under
 *   the loader's name; a new variable is eliminated or its total asked for (see fitQuery.ts);
 *   the dataset's notes say what was adapted;
 * - codes (see missingTable). On the live API, whose tableinfo is the whole truth, explicit codes
 *   and specs the table does not have are left out of the request when the loader allows gaps
 *   (`allowGaps`), and recorded as gaps ("unknown-code") as a mirror records its own; without
 *   allowGaps, or when nothing of a variable is left, the dataset is missing.
 *
 * Every other error propagates and fails the loader: a corrupt answer or file (parse and
 * validation errors), an API or network failure (also of the tableinfo request, which is asked
 * first: a failing API fails the loader there, within the table's deadline), a malformed query.
 */
export async function fetchOrMissing(client: StatbankClient, query: Query, options: FetchOptions = {}): Promise<FetchResult | { missing: MissingPart[] }> {
  try {
    const info = await client.tableInfo(query.table);
    const fitted = fitQuery(query, info, { live: client.source.kind === "live", allowGaps: options.allowGaps === true });
    if ("missing" in fitted) return fitted;
    const result = await client.fetch(fitted.query, options);
    if (fitted.gaps.length > 0) {
      result.provenance.gaps.push(...fitted.gaps);
      result.provenance.selection = `${describeQuery({ ...fitted.query, table: result.provenance.table })} (without ${fitted.gaps.map((g) => `${g.variable}=${g.codes.join(",")}`).join(" ")}, which the table does not have)`;
    }
    if (fitted.adaptations.length > 0) result.provenance.adaptations = fitted.adaptations;
    return { ...result, extract: renameBack(result.extract, fitted.renames) };
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
