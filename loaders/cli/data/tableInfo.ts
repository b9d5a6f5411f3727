/**
 * A table's tableinfo for the command lines, or an error that says which tables there are: on a
 * mirror the tables its folder holds, on the live API the similar ids the API lists. Also the
 * "did you mean" matching of ids (similarIds) that the selection's errors use.
 */
import { readdir } from "node:fs/promises";
import type { StatbankClient } from "../../statbank/client.ts";
import { MirrorGapError, StatbankApiError } from "../../statbank/errors.ts";
import type { MirrorTransport } from "../../statbank/mirror.ts";
import type { TableInfo } from "../../statbank/transport.ts";
import { CliError } from "../common.ts";

/** The table's tableinfo (a mirror: what its file holds), or an error that says which tables exist. */
export async function tableInfoOrExplain(client: StatbankClient, table: string): Promise<TableInfo> {
  try {
    return await client.tableInfo(table);
  } catch (e) {
    if (e instanceof MirrorGapError && e.gaps.some((g) => g.reason === "table-not-in-mirror")) {
      const mirror = client.transport as MirrorTransport;
      const ids = await mirrorTableIds(mirror.source.location);
      const similar = similarIds(table, ids);
      const stored = await mirror.storedTableInfo(table).catch(() => null);
      const lines = [`${table} is not in the mirror ${mirror.source.location} (there is no ${table}.csv).`];
      if (stored) lines.push(`The mirror has its tableinfo (tableinfo/${table}.json) but no rows of ${table}.`);
      if (similar.length > 0) lines.push(`Similar tables in the mirror: ${similar.join(", ")}`);
      lines.push(`Tables in the mirror: ${ids.join(", ") || "none"}`);
      lines.push("Without STATBANK_MIRROR and --mirror the live API is asked.");
      throw new CliError(lines.join("\n"));
    }
    if (e instanceof StatbankApiError) {
      const lines = [`StatBank API ${client.source.location} has no table ${table}: ${e.apiMessage} (${e.errorTypeCode})`];
      const listing = await client.tables().catch(() => null);
      if (listing) {
        const similar = similarIds(
          table,
          listing.map((t) => t.id),
        );
        if (similar.length > 0) lines.push(`Similar tables: ${similar.join(", ")}`);
      }
      throw new CliError(lines.join("\n"));
    }
    throw e;
  }
}

async function mirrorTableIds(dir: string): Promise<string[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  return files
    .filter((f) => f.toLowerCase().endsWith(".csv"))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Ids close to `id`: same stem, one containing the other, or at most two edits apart. */
export function similarIds(id: string, ids: string[], max = 8): string[] {
  const a = id.toUpperCase();
  const scored = ids
    .map((candidate) => {
      const b = candidate.toUpperCase();
      const d = editDistance(a, b);
      const prefix = commonPrefix(a, b);
      const near = d <= 2 || (prefix >= 4 && prefix >= Math.min(a.length, b.length) - 2) || (a.length >= 3 && (b.includes(a) || a.includes(b)));
      return { candidate, d, near };
    })
    .filter((s) => s.near && s.candidate.toUpperCase() !== a)
    .sort((x, y) => x.d - y.d || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
