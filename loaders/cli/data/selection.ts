/**
 * The selection typed on the command line (VAR=specs …) checked against the table's tableinfo
 * before any data request, and a mirror's gaps explained: every error names the table, variable or
 * code and lists the valid ones.
 */
import { MirrorGapError } from "../../statbank/errors.ts";
import { danishPeriod } from "../../statbank/period.ts";
import { parseValueSpec, resolveSelection, type Query } from "../../statbank/query.ts";
import type { TableInfo } from "../../statbank/transport.ts";
import { CliError, listCodes } from "../common.ts";
import { similarIds } from "./tableInfo.ts";

/** Valid codes listed in an error message before it abbreviates. */
export const ERROR_CODES = 40;

/** VAR -> specs, as typed (merged when a variable is named twice). */
export type Selection = Array<{ variable: string; specs: string[] }>;

/**
 * Map the typed variables to the table's ids, insist on every variable (BULK), and check every
 * spec's syntax. On the live API also resolve the specs against tableinfo, so that a wrong code
 * is named with the valid ones before any data request. A mirror resolves them in the client,
 * which knows what the file lacks (gaps) from what the table lacks (unknown codes).
 */
export function checkSelection(
  table: string,
  info: TableInfo,
  selection: Selection,
  resolveAgainstInfo: boolean,
): Query {
  const ids = info.variables.map((v) => v.id);
  const variables: Record<string, string[]> = {};
  for (const { variable, specs } of selection) {
    const v = info.variables.find((x) => x.id.toUpperCase() === variable.toUpperCase());
    if (!v) {
      const similar = similarIds(variable, ids, 3);
      throw new CliError(
        `${table} has no variable ${variable}.` +
          (similar.length > 0 ? ` Did you mean ${similar.join(" or ")}?` : "") +
          `\nThe variables of ${table} are: ${info.variables.map((x) => `${x.id} (${x.text})`).join(", ")}\nNothing was written.`,
      );
    }
    for (const spec of specs) {
      try {
        parseValueSpec(spec, table);
      } catch (e) {
        throw new CliError(`${v.id}=${spec}: ${(e as Error).message}\nNothing was written.`);
      }
    }
    variables[v.id] = specs;
  }
  const missing = info.variables.filter((v) => !(v.id in variables));
  if (missing.length > 0) {
    throw new CliError(
      `Select values for every variable of ${table}; missing: ${missing.map((v) => v.id).join(", ")}.\n` +
        missing.map((v) => `  ${v.id} (${v.text}): ${listCodes(v.values.map((x) => x.id), 10)}`).join("\n") +
        `\nUse VAR=* for every value, or a total code such as TOT or IALT.\nNothing was written.`,
    );
  }
  if (resolveAgainstInfo) {
    for (const v of info.variables) {
      const codes = v.values.map((x) => (v.time ? danishPeriod(x.id) : x.id));
      let unmatched: string[];
      try {
        unmatched = resolveSelection(v.id, codes, variables[v.id], table).unmatched;
      } catch (e) {
        throw new CliError(`${(e as Error).message}\nNothing was written.`);
      }
      if (unmatched.length > 0) {
        const explicit = unmatched.filter(isExplicitCode);
        const what = explicit.length === unmatched.length ? `no code ${unmatched.join(", ")}` : `nothing matching ${unmatched.join(", ")}`;
        throw new CliError(
          `${table} ${v.id} has ${what}.\n${validCodesLine(v.id, codes, table, "")}\nNothing was written.`,
        );
      }
    }
  }
  return { table, variables };
}

/**
 * A mirror gap as a message that lists the codes the mirror does hold for that variable. Codes the
 * mirror holds but not in this combination are named only when nothing else is wrong: a wrong
 * code empties the selection, and every other code would then look absent too.
 */
export function explainGaps(e: MirrorGapError, info: TableInfo, allowGaps: boolean): string {
  const lines = [`${e.table}: the mirror ${e.dir} lacks part of the selection:`];
  const heldOf = (variable: string | null) => {
    const v = info.variables.find((x) => x.id.toUpperCase() === (variable ?? "").toUpperCase());
    return { v, held: v ? v.values.map((x) => x.id) : [] };
  };
  const isHeld = (variable: string | null, code: string) =>
    isExplicitCode(code) && heldOf(variable).held.some((h) => h.toUpperCase() === danishPeriod(code).toUpperCase());
  const wrong = e.gaps.filter((g) => g.reason !== "not-in-mirror" || g.codes.some((c) => !isHeld(g.variable, c)));
  for (const g of e.gaps) {
    if (g.reason === "table-not-in-mirror") {
      lines.push(`  the whole table (no ${e.table}.csv)`);
      continue;
    }
    const { v, held } = heldOf(g.variable);
    if (g.reason === "unknown-code") {
      lines.push(`  ${g.variable}=${g.codes.join(",")}: not a code of ${e.table} ${g.variable} (per the stored tableinfo)`);
    } else {
      const absent = g.codes.filter((c) => !isHeld(g.variable, c));
      const combination = g.codes.filter((c) => isHeld(g.variable, c));
      if (combination.length > 0 && wrong.length === 0) {
        lines.push(
          `  ${g.variable}=${listCodes(combination, 12)}: the mirror holds these codes, but not together with the rest of the selection` +
            ` (npm run data -- --info ${e.table} shows what the file covers)`,
        );
      }
      if (absent.length === 0) continue;
      lines.push(`  ${g.variable}=${absent.join(",")}: not in the mirror`);
    }
    if (v) lines.push(`    ${validCodesLine(v.id, held, e.table, " in the mirror")}`);
  }
  if (!allowGaps && e.gaps.every((g) => g.reason === "not-in-mirror")) {
    lines.push("Add --allow-gaps to write what the mirror holds (the gaps go into the provenance).");
  }
  lines.push("Nothing was written.");
  return lines.join("\n");
}

function validCodesLine(variable: string, codes: string[], table: string, where: string): string {
  const list = listCodes(codes, ERROR_CODES);
  const more = codes.length > ERROR_CODES ? `; npm run data -- --info ${table} --all lists every value` : "";
  return `Valid codes of ${variable}${where} (${codes.length}): ${list}${more}`;
}

function isExplicitCode(spec: string): boolean {
  return !/[*<>()]/.test(spec);
}
