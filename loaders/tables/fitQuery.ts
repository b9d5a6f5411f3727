/**
 * A loader's query fitted to the table as its tableinfo describes it, before anything is asked:
 * the table is asked first, and the loader's variable ids are preferences, not assumptions.
 *
 * - A variable the loader names that the table does not have is looked for by its role
 *   (loaders/catalogue.ts `resolveVariables`: an id that names the role, or codes that look like
 *   it). Found: the query asks for the table's id, and the extract's column is given the loader's
 *   name back, so the loader reads it as before; the dataset says so in its notes. Not found: the
 *   dataset is missing ("variablen KOEN findes ikke; tabellen har …").
 * - On the live API (whose tableinfo is the whole table): a variable the loader does not name is
 *   left out of a CSV request when the table can eliminate it; otherwise (BULK names every
 *   variable, and some variables cannot be eliminated) its total is asked for (TOT, IALT, "… i
 *   alt"), and without a total the dataset is missing. A mirror's tableinfo is its file's columns.
 * - On the live API, value specs that select nothing make the dataset missing, or, when the loader
 *   allows gaps, are left out and recorded as gaps.
 *
 * Pure: `npm run doctor` uses the same rules to say what a loader will do.
 */
import { catalogueEntry, resolveVariables, type Role } from "../catalogue.ts";
import { missingVariable, type MissingPart } from "../provenance.ts";
import type { Extract } from "../statbank/csv.ts";
import type { Gap } from "../statbank/errors.ts";
import { danishPeriod } from "../statbank/period.ts";
import { resolveSelection, type Query } from "../statbank/query.ts";
import type { TableInfo, TableVariable } from "../statbank/transport.ts";

export interface Rename {
  /** The id the loader asks for (its key in the query). */
  loader: string;
  /** The table's id for the same variable. */
  table: string;
  role: Role;
  /** "id": one of the catalogue's known ids for it; "role": an id or codes that fit its role. */
  how: "id" | "role";
}

export interface Fitted {
  query: Query;
  gaps: Gap[];
  renames: Rename[];
  /** Variables the loader does not name: the code asked for, or null when the API eliminates it. */
  added: { variable: string; code: string | null }[];
  /** What was adapted, in Danish, for the dataset's notes ("INDKP101: variablen KOEN hedder nu KØN …"). */
  adaptations: string[];
}

export interface FitOptions {
  /** The source is the live API (its tableinfo is the whole table), not a mirror's file. */
  live: boolean;
  allowGaps: boolean;
}

const TOTAL_IDS = ["TOT", "IALT", "I ALT", "TOTAL", "MOK"];
/** "I alt", "Alder i alt", "Men and women, total". */
const TOTAL_TEXT = /(^|[\s,])(i alt|total)\.?$/i;

/** The code of a variable's total (TOT, IALT, MOK, or a value whose text says "i alt" / "total"), or null. */
export function totalCode(variable: Pick<TableVariable, "values">): string | null {
  for (const id of TOTAL_IDS) {
    const hit = variable.values.find((v) => v.id.toUpperCase() === id);
    if (hit) return hit.id;
  }
  return variable.values.find((v) => TOTAL_TEXT.test(v.text.trim()))?.id ?? null;
}

const ROLE_DA: Partial<Record<Role, string>> = {
  area: "område",
  time: "tid",
  sex: "køn",
  age: "alder",
  marital: "civilstand",
  unit: "enhed",
  movement: "bevægelsesart",
};

export function fitQuery(query: Query, info: Pick<TableInfo, "id" | "variables">, options: FitOptions): Fitted | { missing: MissingPart[] } {
  const table = info.id?.toUpperCase() || query.table.toUpperCase();
  const ids = info.variables.map((v) => v.id);
  const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
  const byId = (key: string) => info.variables.find((v) => same(v.id, key));

  // 1. Every variable the loader names, found by its id or by its role.
  const entry = catalogueEntry(query.table) ?? catalogueEntry(table);
  const resolved = entry ? resolveVariables(info, entry.variables) : [];
  const renames: Rename[] = [];
  const missing: MissingPart[] = [];
  const variables: Record<string, string[]> = {};
  const used = new Set<TableVariable>();
  for (const [key, specs] of Object.entries(query.variables)) {
    const own = byId(key);
    if (own) {
      variables[key] = specs;
      used.add(own);
      continue;
    }
    const r = resolved.find((x) => x.need.ids.some((id) => same(id, key)));
    // Found under another id: one of the catalogue's other known ids, or by its role.
    const found = r?.variable ?? null;
    if (found && !used.has(found) && !Object.keys(query.variables).some((k) => same(k, found.id))) {
      variables[found.id] = specs;
      used.add(found);
      renames.push({ loader: key, table: found.id, role: r!.need.role, how: r!.how === "id" ? "id" : "role" });
      continue;
    }
    missing.push(
      missingVariable(
        table,
        key,
        ids,
        `${table} has no variable ${key} (expected ${[key, ...(r?.need.ids ?? [])].filter((x, i, a) => a.findIndex((y) => same(x, y)) === i).join(" or ")}; the table has ${ids.join(", ")})`,
      ),
    );
  }
  if (missing.length > 0) return { missing };

  const adaptations = renames.map(
    (r) =>
      `${table}: variablen ${r.loader} hedder nu ${r.table} i tabellen (${r.how === "id" ? "et kendt navn for samme variabel" : `fundet efter sin rolle${ROLE_DA[r.role] ? `: ${ROLE_DA[r.role]}` : ""}`}); indlæseren har brugt ${r.table}.`,
  );
  const added: Fitted["added"] = [];
  if (!options.live) return { query: { ...query, variables }, gaps: [], renames, added, adaptations };

  // 2. Variables the loader does not name (live only: a mirror's tableinfo is its file's columns).
  const csv = (query.format ?? "BULK") === "CSV";
  const expected = new Set(resolved.filter((x) => x.variable).map((x) => x.variable!));
  for (const v of info.variables.filter((x) => !used.has(x))) {
    if (csv && v.elimination) {
      added.push({ variable: v.id, code: null });
      if (!expected.has(v))
        adaptations.push(`${table}: ny variabel ${v.id} er udeladt af forespørgslen, så Statistikbanken eliminerer den (dens total eller summen).`);
      continue;
    }
    const total = totalCode(v);
    if (total === null) {
      missing.push({
        table,
        what: `ny variabel ${v.id} uden en total`,
        detail: `${table} has a variable ${v.id} the loader does not name, which ${csv ? "cannot be eliminated" : "a BULK request must name"}, and no total code (its codes: ${v.values
          .slice(0, 12)
          .map((x) => x.id)
          .join(", ")}${v.values.length > 12 ? ", …" : ""})`,
        variable: v.id,
      });
      continue;
    }
    variables[v.id] = [total];
    added.push({ variable: v.id, code: total });
    adaptations.push(`${table}: ny variabel ${v.id}; indlæseren har valgt dens total ${total} (${v.values.find((x) => x.id === total)?.text ?? total}).`);
  }
  if (missing.length > 0) return { missing };

  // 3. Value specs against the table's codes.
  const gaps: Gap[] = [];
  const kept: Record<string, string[]> = {};
  for (const [key, specs] of Object.entries(variables)) {
    const variable = byId(key)!;
    const codes = variable.values.map((v) => (variable.time ? danishPeriod(v.id) : v.id));
    // One spec at a time: a malformed spec throws (a loader's mistake), one that selects nothing is absent.
    const absent = specs.filter((s) => resolveSelection(variable.id, codes, [s], table).unmatched.length > 0);
    if (absent.length === 0) {
      kept[key] = specs;
      continue;
    }
    const rest = specs.filter((s) => !absent.includes(s));
    if (options.allowGaps && rest.length > 0) {
      kept[key] = rest;
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
  return { query: { ...query, variables: kept }, gaps, renames, added, adaptations };
}

/**
 * The extract with each renamed variable's column given the loader's name back (upper case, as
 * StatBank writes its headers), so the loader reads `codes.KOEN` whatever the table calls it.
 */
export function renameBack(extract: Extract, renames: readonly Rename[]): Extract {
  if (renames.length === 0) return extract;
  const map = new Map<string, string>();
  for (const r of renames) {
    const column = extract.dimensions.find((d) => d.toUpperCase() === r.table.toUpperCase());
    if (column) map.set(column, r.loader.toUpperCase());
  }
  if (map.size === 0) return extract;
  const rename = (codes: Record<string, string>) => Object.fromEntries(Object.entries(codes).map(([k, v]) => [map.get(k) ?? k, v]));
  return {
    ...extract,
    dimensions: extract.dimensions.map((d) => map.get(d) ?? d),
    rows: extract.rows.map((r) => ({ ...r, codes: rename(r.codes) })),
  };
}
