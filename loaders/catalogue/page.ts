/** The catalogue as the "Om data" page shows it (Danish), written by src/data/catalogue.json.ts. */
import { CATALOGUE, MIRROR_ONLY_FILES, unconfirmedAssumptions } from "../catalogue.ts";
import type { EvidenceKind, Role } from "./types.ts";

// For the "Om data" page ---------------------------------------------------------------------------

const ROLE_DA: Record<Role, string> = {
  area: "område",
  residence: "bopæl",
  workplace: "arbejdssted",
  destination: "tilflytningskommune",
  origin: "fraflytningskommune",
  time: "tid",
  sex: "køn",
  age: "alder",
  marital: "civilstand",
  unit: "enhed",
  "income-type": "indkomsttype",
  movement: "bevægelsesart",
  benefit: "ydelsestype",
  socio: "socioøkonomisk status",
  "family-type": "familietype",
  "household-type": "husstandstype",
  size: "størrelse",
  children: "antal børn",
  industry: "branche",
  sector: "sektor",
  town: "byområde",
  "town-size": "bystørrelse",
};

const EVIDENCE_DA: Record<EvidenceKind, string> = {
  tableinfo: "bekræftet af en rigtig tableinfo",
  extract: "bekræftet af et rigtigt udtræk",
  request: "Set i andres API-kald, men ikke i en tableinfo eller et udtræk her",
  docs: "Kun fra dokumentation (varro_dst, med små bogstaver)",
  none: "Ikke set nogen steder, kun indlæserens antagelse",
};

export interface PageTable {
  id: string;
  purpose: string;
  pages: string[];
  datasets: string[];
  frontPage: boolean;
  planned: boolean;
  /** The table it fills gaps of, if any. */
  supplements: string | null;
  /** "OMRÅDE (område: *); KØN (køn: TOT, 1, 2); …" */
  variables: string;
  /** The unconfirmed assumptions, grouped by how far they are from confirmed (Danish). */
  unconfirmed: { why: string; variables: string[]; codes: string[]; sources: string[] }[];
}

/** The catalogue as the "Om data" page shows it (Danish), written by src/data/catalogue.json.ts. */
export function catalogueForPage(): { tables: PageTable[]; mirrorOnly: { id: string; purpose: string; standsFor: string }[] } {
  const tables = CATALOGUE.map((t): PageTable => {
    const groups = new Map<EvidenceKind, PageTable["unconfirmed"][number]>();
    for (const a of unconfirmedAssumptions([t])) {
      const g = groups.get(a.evidence.kind) ?? { why: EVIDENCE_DA[a.evidence.kind], variables: [], codes: [], sources: [] };
      groups.set(a.evidence.kind, g);
      const v = t.variables.find((x) => x.ids[0] === a.variable)!;
      const need = a.codes ? v.needs?.find((n) => n.codes === a.codes) : undefined;
      if (need) g.codes.push(`${v.ids[0]}=${need.codes.join(" eller ")} (${need.meaning})`);
      else if (a.only) g.codes.push(`${v.ids[0]} har kun ${v.only!.da}`);
      else g.variables.push(v.ids.join(" / "));
      if (!g.sources.includes(a.evidence.source)) g.sources.push(a.evidence.source);
    }
    return {
      id: t.id,
      purpose: t.purpose,
      pages: t.pages,
      datasets: t.datasets,
      frontPage: t.use === "loader" && t.frontPage,
      planned: t.use === "planned",
      supplements: t.supplements ?? null,
      variables: t.variables.map((v) => `${v.ids[0]} (${ROLE_DA[v.role]}: ${v.select.length === 0 ? "udeladt, elimineret" : v.select.join(", ")})`).join("; "),
      unconfirmed: [...groups.values()],
    };
  });
  return { tables, mirrorOnly: MIRROR_ONLY_FILES.map((f) => ({ id: f.id, purpose: f.purpose, standsFor: f.standsFor })) };
}
