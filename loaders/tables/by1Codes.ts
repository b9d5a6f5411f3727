/**
 * The BY1 urban-area codes a municipality's own files may name (data/lokalsamfund, the urban-area
 * extract in data/extracts/byomraader): read from the `towns` dataset, so a file is checked
 * against the same answer the page shows. `by1CodeProblem` says what is wrong with a code in words
 * a planner can act on (unknown code, another municipality's code, a total instead of a town).
 */
import type { Dataset } from "../run.ts";
import { classifyTownCode, townName } from "./towns.ts";

export interface By1Code {
  area: string;
  name: string;
  kind: string;
}

/** Code → municipality, name and kind, for every row of the towns dataset. */
export function by1Codes(towns: Dataset): Map<string, By1Code> {
  const c = towns.columns;
  const out = new Map<string, By1Code>();
  for (let i = 0; i < c.town_code.values.length; i++) {
    const code = c.town_code.values[i] as string;
    if (!out.has(code)) out.set(code, { area: c.area.values[i] as string, name: townName(c.town.values[i] as string), kind: c.kind.values[i] as string });
  }
  return out;
}

/**
 * Why `code` is not an urban area of municipality `area` in BY1, or null. `allow` lists the other
 * kinds the file may name ("landdistrikt", "uden fast bopæl"); towns are always allowed.
 */
export function by1CodeProblem(code: string, area: string | null, codes: ReadonlyMap<string, By1Code>, allow: readonly string[] = []): string | null {
  if (!/^\d{8}$/.test(code)) return `${JSON.stringify(code)} is not a BY1 code (8 digits: the municipality's 3 and the urban area's 5, e.g. 42010570)`;
  const { area: prefix, kind } = classifyTownCode(code);
  if (kind === "kommune i alt" || kind === "sum af kommuner")
    return `BY1 code ${code} is a total (${kind === "kommune i alt" ? "the municipality as a whole" : "Hovedstadsområdet"}), not an urban area`;
  const known = codes.get(code);
  if (!known) {
    const sameNumber = [...codes.entries()].filter(([c, k]) => c.slice(3) === code.slice(3) && (area === null || k.area === area));
    const hint = sameNumber.length ? ` (did you mean ${sameNumber.map(([c, k]) => `${c} ${k.name}`).join(", ")}?)` : "";
    return `unknown BY1 code ${code}: not an urban area in BY1${hint}`;
  }
  if (area !== null && known.area !== area) {
    const own = [...codes.entries()].find(([c, k]) => c.slice(3) === code.slice(3) && k.area === area);
    const hint = own ? `; the town is split by the border: the part in ${area} is ${own[0]}` : "";
    return `BY1 code ${code} (${known.name}) belongs to municipality ${prefix}, not ${area}${hint}`;
  }
  if (known.kind !== "by" && !allow.includes(known.kind)) {
    return `BY1 code ${code} is ${known.name}, not an urban area${allow.length ? "" : "; write landdistrikt for a village in the rural district"}`;
  }
  return null;
}
