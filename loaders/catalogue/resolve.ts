/**
 * Role-based lookup of a table's variables: the expected ids as preferences, then an id that names
 * the role, or codes that look like it. Used by fitQuery (the loaders) and the doctor alike.
 */
import type { TableInfo, TableVariable } from "../statbank/transport.ts";
import type { Role, VariableNeed } from "./types.ts";

// Role-based lookup -------------------------------------------------------------------------------

/** Ids of each role as StatBank spells them in the tables we know (case-insensitive). */
const ROLE_NAMES: Record<Role, RegExp> = {
  area: /^(OMR|OMRÅDE|KOMK|KOMMUNE|KOMMUNEDK|REGI|BOPOMR|BOPKOM)/i,
  residence: /^BOP/i,
  workplace: /ARB\w*STED|^ARB/i,
  destination: /^TIL/i,
  origin: /^FRA/i,
  time: /^TID$/i,
  sex: /^(KØN|KOEN|KON|SEX)$/i,
  age: /^ALD/i,
  marital: /CIVIL/i,
  unit: /^ENHED/i,
  "income-type": /INDK/i,
  movement: /^BEV/i,
  benefit: /YDEL/i,
  socio: /SOCIO/i,
  "family-type": /^FAM\w*TYP/i,
  "household-type": /^HUS\w*TYP/i,
  size: /ST(Ø|O|OE)R/i,
  children: /B(Ø|O|OE)RN/i,
  industry: /^BRANCHE/i,
  sector: /SEKTOR/i,
  town: /^BYER/i,
  "town-size": /^BYST/i,
};

const SEX_CODES = new Set(["TOT", "IALT", "MOK", "M", "K", "1", "2"]);

/** Does a variable's list of codes look like the role (when its id does not say)? */
function valuesFit(role: Role, v: TableVariable): boolean {
  const codes = v.values.map((x) => x.id.toUpperCase());
  if (codes.length === 0) return false;
  switch (role) {
    case "time":
      return v.time;
    case "sex":
      return codes.length <= 4 && codes.every((c) => SEX_CODES.has(c)) && (codes.includes("M") || codes.includes("1"));
    case "age":
      return codes.filter((c) => /^\d{1,3}-?$/.test(c)).length >= Math.max(10, codes.length * 0.8);
    case "area":
    case "residence":
    case "workplace":
    case "destination":
    case "origin":
      return codes.filter((c) => /^\d{3}$/.test(c) && Number(c) >= 101 && Number(c) < 900).length >= 10;
    default:
      return false;
  }
}

export interface Resolved {
  need: VariableNeed;
  /** The table's variable, or null when none fits. */
  variable: TableVariable | null;
  /** "id": found by one of the expected ids; "role": found by its role under another id (renamed?). */
  how: "id" | "role" | null;
}

/**
 * Find each needed variable in a tableinfo: by an expected id first, else by its role (an id that
 * names the role, or codes that look like it) among the variables no other need has taken. Every
 * table variable is claimed at most once.
 */
export function resolveVariables(info: Pick<TableInfo, "variables">, needs: readonly VariableNeed[]): Resolved[] {
  const taken = new Set<TableVariable>();
  const out: Resolved[] = needs.map((need) => {
    const byId = info.variables.find((v) => !taken.has(v) && need.ids.some((id) => id.toUpperCase() === v.id.toUpperCase()));
    if (byId) taken.add(byId);
    return { need, variable: byId ?? null, how: byId ? "id" : null };
  });
  for (const r of out) {
    if (r.variable) continue;
    const free = info.variables.filter((v) => !taken.has(v));
    const pattern = r.need.match ? new RegExp(r.need.match, "i") : null;
    const byName = free.filter((v) => (pattern?.test(v.id) ?? false) || ROLE_NAMES[r.need.role].test(v.id) || (r.need.role === "time" && v.time));
    const candidates = byName.length > 0 ? byName : free.filter((v) => valuesFit(r.need.role, v));
    // Two candidates of the same kind (TILKOMMUNE and FRAKOMMUNE both look like areas): only a name decides.
    const best = candidates.length === 1 ? candidates[0] : (candidates.find((v) => valuesFit(r.need.role, v) && ROLE_NAMES[r.need.role].test(v.id)) ?? null);
    if (best) {
      taken.add(best);
      r.variable = best;
      r.how = "role";
    }
  }
  return out;
}
