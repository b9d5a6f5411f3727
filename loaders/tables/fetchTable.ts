/**
 * Fetching one StatBank table for a dataset loader: the table, or the missing parts its empty
 * dataset states when the source lacks what the loader asks for; and a check that the extract has
 * the columns the loader reads.
 *
 * Every loader fetches through `fetchOrMissing`, so the line between "the source lacks something"
 * (an empty or partial dataset that says "Data mangler", and the build goes on) and "the data is
 * wrong" (the build stops) is drawn here and in `missingTable` only.
 */
import { missingTable, missingVariable, type MissingPart } from "../provenance.ts";
import type { FetchOptions, FetchResult, StatbankClient } from "../statbank/client.ts";
import type { Extract } from "../statbank/csv.ts";
import type { Gap } from "../statbank/errors.ts";
import { danishPeriod } from "../statbank/period.ts";
import { describeQuery, resolveSelection, type Query } from "../statbank/query.ts";
import type { TableInfo } from "../statbank/transport.ts";

/**
 * `client.fetch(query, options)`, or the missing parts when the source lacks what is asked:
 *
 * - the whole table (a mirror without the file, the API's "Tabel findes ikke"): "hele tabellen";
 * - a variable the query names (renamed or retired; the table's tableinfo is asked first, so a
 *   BULK request is never sent without it): "variablen X findes ikke; tabellen har A, B, C";
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
    const checked = checkQuery(query, info, client.source.kind === "live", options.allowGaps === true);
    if ("missing" in checked) return checked;
    const result = await client.fetch(checked.query, options);
    if (checked.gaps.length > 0) {
      result.provenance.gaps.push(...checked.gaps);
      result.provenance.selection = `${describeQuery({ ...query, table: result.provenance.table })} (without ${checked.gaps.map((g) => `${g.variable}=${g.codes.join(",")}`).join(" ")}, which the table does not have)`;
    }
    return result;
  } catch (e) {
    const missing = missingTable(e);
    if (!missing) throw e;
    return { missing };
  }
}

/**
 * The query checked against the table's tableinfo: a variable the table lacks makes the dataset
 * missing; on the live API, so does a spec that selects nothing, unless gaps are allowed, in which
 * case the spec is dropped and recorded. (A mirror's tableinfo lists only the codes its file holds;
 * its own gaps are reported by the mirror transport.)
 */
function checkQuery(query: Query, info: TableInfo, live: boolean, allowGaps: boolean): { query: Query; gaps: Gap[] } | { missing: MissingPart[] } {
  const table = info.id?.toUpperCase() || query.table.toUpperCase();
  const ids = info.variables.map((v) => v.id);
  const unknown = Object.keys(query.variables).filter((k) => !info.variables.some((v) => v.id.toUpperCase() === k.toUpperCase()));
  if (unknown.length > 0) return { missing: unknown.map((k) => missingVariable(table, k, ids)) };
  if (!live) return { query, gaps: [] };
  const gaps: Gap[] = [];
  const variables: Record<string, string[]> = {};
  const missing: MissingPart[] = [];
  for (const [key, specs] of Object.entries(query.variables)) {
    const variable = info.variables.find((v) => v.id.toUpperCase() === key.toUpperCase())!;
    const codes = variable.values.map((v) => (variable.time ? danishPeriod(v.id) : v.id));
    // One spec at a time: a malformed spec throws (a loader's mistake), one that selects nothing is absent.
    const absent = specs.filter((s) => resolveSelection(variable.id, codes, [s], table).unmatched.length > 0);
    if (absent.length === 0) {
      variables[key] = specs;
      continue;
    }
    const kept = specs.filter((s) => !absent.includes(s));
    if (allowGaps && kept.length > 0) {
      variables[key] = kept;
      gaps.push({ variable: variable.id, codes: absent, reason: "unknown-code" });
    } else {
      missing.push({
        table,
        what: `${variable.id}=${absent.join(", ")} findes ikke`,
        detail: `${table} has no ${variable.id}=${absent.join(",")} (its ${variable.id} codes: ${codes.length <= 12 ? codes.join(", ") : `${codes.slice(0, 12).join(", ")}, … (${codes.length} in all)`})`,
        variable: variable.id,
        codes: absent,
      });
    }
  }
  if (missing.length > 0) return { missing };
  return { query: { ...query, variables }, gaps };
}

/** Throws "TABLE: no column D in the extract (columns …)" for the first of `dimensions` the extract lacks. */
export function requireDimensions(table: string, extract: Extract, dimensions: readonly string[]): void {
  for (const d of dimensions) {
    if (!extract.dimensions.includes(d)) throw new Error(`${table}: no column ${d} in the extract (columns ${extract.dimensions.join(", ")})`);
  }
}
