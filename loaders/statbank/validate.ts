/**
 * Validation of every extract before a loader sees a row, for the live API and a mirror alike
 * (called once, from StatbankClient.fetch). Driven by what the table says of itself:
 *
 * - every code is a code of its variable, as an exact string: no spaces around it, and, where the
 *   table's own tableinfo is known, one of its values (a mirror's stored tableinfo may be older
 *   than its file, so there a time code only needs the form of a period);
 * - every key (the combination of codes) occurs once;
 * - in a table of counts (unit "Antal"/"Number"/persons) every value is a whole number, and not
 *   negative unless the row is a balance: a code whose tableinfo text says net, growth, surplus
 *   or correction ("Befolkningstilvækst", "Nettotilflyttede"), or a movement variable (BEVÆGELSE)
 *   whose texts are unknown; a "539.542" there is a thousands separator, not a decimal.
 *
 * A violation is a StatbankValidationError naming the table, the file or request, the line, the
 * column and the value; the client throws it, so no dataset is written from a rejected extract.
 */
import type { Extract } from "./csv.ts";
import { StatbankError } from "./errors.ts";
import { danishPeriod, isTimeVariable } from "./period.ts";
import type { TableInfo } from "./transport.ts";

export class StatbankValidationError extends StatbankError {
  constructor(
    readonly table: string,
    readonly source: string,
    readonly line: number | null,
    readonly column: string | null,
    readonly value: string | null,
    readonly detail: string,
  ) {
    const where = [source, line === null ? null : `line ${line}`, column === null ? null : `column ${column}`].filter(Boolean).join(", ");
    super(`${table}: ${where}: ${detail}`);
  }
}

export interface ValidationContext {
  /** The table's own tableinfo (live), or the real one stored beside a mirror; null when none is known. */
  info: TableInfo | null;
  /** Whether `info` may be older than the data (a mirror's stored tableinfo): time codes then only need a period's form. */
  infoMayBeOlder: boolean;
  /** Municipality/region codes known from elsewhere (the mirror's FOLK1A tableinfo), for area variables of a table without tableinfo. */
  areaCodes: ReadonlySet<string> | null;
  /** The table's unit ("Antal", "Km", "kr. …"), from tableinfo or MANIFEST. */
  unit: string;
}

/** Texts of codes that are balances, which may be negative in a table of counts. */
const BALANCE_TEXT = /netto|tilvækst|overskud|korrektion|\bnet\b|growth|surplus|excess|correction|balance/i;

/** Units of tables whose values are counts of persons, moves, households … */
export function isCountUnit(unit: string): boolean {
  return /^\s*(antal|number|persons?|personer|husstande|families|familier)\b/i.test(unit);
}

const AREA_VARIABLES = /^(OMRÅDE|OMR[AÅ]DE|KOMK|KOMMUNEDK|BOPOMR|BOPKOM|TILKOMMUNE|FRAKOMMUNE|ARBKOM)$/i;
const PERIOD = /^\d{4}(?:[KQ][1-4]|M(?:0[1-9]|1[0-2])|H[12])?$/;

function describeKey(extract: Extract, codes: Record<string, string>): string {
  return extract.dimensions.map((d) => `${d}=${codes[d]}`).join(" ");
}

export function validateExtract(extract: Extract, ctx: ValidationContext): void {
  const source = extract.source ?? extract.table;
  const fail = (line: number | undefined, column: string | null, value: string | null, detail: string): never => {
    throw new StatbankValidationError(extract.table, source, line ?? null, column, value, detail);
  };

  // The values each variable may take.
  const allowed = new Map<string, { codes: Set<string>; timeByForm: boolean } | null>();
  for (const d of extract.dimensions) {
    const variable = ctx.info?.variables.find((v) => v.id.toUpperCase() === d.toUpperCase());
    const time = isTimeVariable(d);
    if (variable) {
      allowed.set(d, { codes: new Set(variable.values.map((v) => (time ? danishPeriod(v.id) : v.id))), timeByForm: time && ctx.infoMayBeOlder });
    } else if (!time && ctx.areaCodes && AREA_VARIABLES.test(d)) {
      allowed.set(d, { codes: ctx.areaCodes as Set<string>, timeByForm: false });
    } else {
      allowed.set(d, time ? { codes: new Set(), timeByForm: true } : null);
    }
  }

  const counts = isCountUnit(ctx.unit);
  // Per variable, the codes whose values may be negative (null: any code of that variable may be).
  const balances = new Map<string, Set<string> | null>();
  for (const d of extract.dimensions) {
    const variable = ctx.info?.variables.find((v) => v.id.toUpperCase() === d.toUpperCase());
    if (variable) balances.set(d, new Set(variable.values.filter((v) => BALANCE_TEXT.test(v.text)).map((v) => v.id)));
    else if (/BEV/i.test(d)) balances.set(d, null);
  }
  const mayBeNegative = (codes: Record<string, string>) => [...balances].some(([d, set]) => set === null || set.has(codes[d]));
  const seen = new Map<string, number | undefined>();
  for (let i = 0; i < extract.rows.length; i++) {
    const row = extract.rows[i];
    const line = extract.lines?.[i];
    for (const d of extract.dimensions) {
      const code = row.codes[d];
      if (code === undefined || code === "") fail(line, d, code ?? "", `empty ${d} code`);
      if (code !== code.trim()) fail(line, d, code, `${d} code ${JSON.stringify(code)} has spaces around it; codes are exact strings`);
      const rule = allowed.get(d);
      if (!rule || rule.codes.has(code)) continue;
      if (rule.timeByForm && PERIOD.test(code)) continue;
      const known =
        rule.codes.size > 0 ? ` (the table has ${rule.codes.size} ${d} codes${rule.codes.size <= 12 ? `: ${[...rule.codes].join(", ")}` : ""})` : "";
      fail(line, d, code, `${d} code ${JSON.stringify(code)} is not a code of ${extract.table}${known}`);
    }
    const key = extract.dimensions.map((d) => row.codes[d]).join("\u0000");
    if (seen.has(key)) {
      const first = seen.get(key);
      fail(
        line,
        null,
        null,
        `duplicate row for ${describeKey(extract, row.codes)}${first ? ` (also line ${first})` : ""}: every combination of codes occurs once`,
      );
    }
    seen.set(key, line);
    const v = row.value;
    if (v === null || !counts) continue;
    if (!Number.isInteger(v)) {
      const text = String(v);
      fail(
        line,
        "INDHOLD",
        text,
        /^\d{1,3}\.\d{3}$/.test(text)
          ? `INDHOLD ${text} in a table of counts (unit ${JSON.stringify(ctx.unit)}) looks like a thousands separator; StatBank writes counts without one`
          : `INDHOLD ${text} is not a whole number, but ${extract.table} counts (unit ${JSON.stringify(ctx.unit)})`,
      );
    }
    if (v < 0 && !mayBeNegative(row.codes)) {
      fail(line, "INDHOLD", String(v), `INDHOLD ${v} is negative, but ${extract.table} counts (unit ${JSON.stringify(ctx.unit)})`);
    }
  }
}
