/**
 * Population movements from BEV107 ("Befolkningens udvikling", final annual figures), by area,
 * movement type and year, men and women added (the table has no total for sex).
 *
 * The whole table is requested (BEVÆGELSE=*) and each component is picked by its code, so the
 * loader works on a source that holds only some movement types (a mirror) and says which are
 * missing. BEV107 identities: B04 = B02 − B03, B07 = B05 − B06, B10 = B08AA − B09BA,
 * B11 = B04 + B07 + B10 + B12.
 */
import { datasetMeta, type MissingPart } from "../provenance.ts";
import type { Dataset } from "../run.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { periodYear } from "../statbank/period.ts";
import { fetchOrMissing } from "./fetchTable.ts";

/** Component -> BEVÆGELSE codes (the first one present is used) and the Danish label. */
export const MOVEMENT_COMPONENTS = {
  populationStart: { codes: ["B01A", "B01"], label: "folketal primo" },
  births: { codes: ["B02"], label: "levendefødte" },
  deaths: { codes: ["B03"], label: "døde" },
  inMovers: { codes: ["B05"], label: "tilflyttede fra andre kommuner" },
  outMovers: { codes: ["B06"], label: "fraflyttede til andre kommuner" },
  immigrants: { codes: ["B08AA", "B08"], label: "indvandrede" },
  emigrants: { codes: ["B09BA", "B09"], label: "udvandrede" },
  corrections: { codes: ["B12"], label: "korrektioner" },
  growth: { codes: ["B11"], label: "befolkningstilvækst" },
} as const;

export type MovementComponent = keyof typeof MOVEMENT_COMPONENTS;

const QUERY = { table: "BEV107", variables: { OMRÅDE: ["*"], BEVÆGELSE: ["*"], KØN: ["*"], Tid: ["*"] } };

export async function movements(client: StatbankClient): Promise<Dataset> {
  const result = await fetchOrMissing(client, QUERY);
  if ("missing" in result) return emptyMovements(result.missing);
  const { extract, provenance } = result;
  const present = new Set(extract.rows.map((r) => r.codes.BEVÆGELSE));
  const codeToComponent = new Map<string, MovementComponent>();
  const missing: MissingPart[] = [];
  for (const [component, { codes, label }] of Object.entries(MOVEMENT_COMPONENTS) as [MovementComponent, { codes: readonly string[]; label: string }][]) {
    const code = codes.find((c) => present.has(c));
    if (code) codeToComponent.set(code, component);
    else missing.push({ table: "BEV107", what: `${label} (${codes[0]})`, detail: `BEV107 has no BEVÆGELSE=${codes.join(" or ")}` });
  }
  // Sum men and women per area, component and year; a missing value (..) makes the sum missing.
  const sums = new Map<string, { area: string; component: MovementComponent; year: number; value: number | null; sexes: Set<string> }>();
  for (const r of extract.rows) {
    const component = codeToComponent.get(r.codes.BEVÆGELSE);
    if (!component) continue;
    const year = periodYear(r.codes.TID);
    const key = `${r.codes.OMRÅDE}|${component}|${year}`;
    const s = sums.get(key);
    if (!s) sums.set(key, { area: r.codes.OMRÅDE, component, year, value: r.value, sexes: new Set([r.codes.KØN]) });
    else {
      if (s.sexes.has(r.codes.KØN))
        throw new Error(`BEV107: duplicate row for OMRÅDE=${s.area} BEVÆGELSE=${r.codes.BEVÆGELSE} KØN=${r.codes.KØN} Tid=${r.codes.TID}`);
      s.sexes.add(r.codes.KØN);
      s.value = s.value === null || r.value === null ? null : s.value + r.value;
    }
  }
  const rows = [...sums.values()]
    .filter((s) => s.value !== null)
    .sort((a, b) => a.area.localeCompare(b.area) || a.year - b.year || a.component.localeCompare(b.component));
  const areas = new Set(rows.map((r) => r.area));
  if (rows.length > 0 && areas.size < 98) {
    missing.push({
      table: "BEV107",
      what: `${98 - [...areas].filter((a) => Number(a) >= 101 && a !== "411").length} af 98 kommuner`,
      detail: `BEV107 has rows for ${areas.size} areas only: ${[...areas].sort().join(", ")}`,
    });
  }
  return {
    columns: {
      area: { type: "string", values: rows.map((r) => r.area) },
      year: { type: "int16", values: rows.map((r) => r.year) },
      component: { type: "string", values: rows.map((r) => r.component) },
      value: { type: "int32", values: rows.map((r) => r.value) },
    },
    meta: datasetMeta({
      dataset: "movements",
      title: "Befolkningens bevægelser (fødte, døde, til- og fraflyttede, ind- og udvandrede)",
      sources: [provenance],
      rows: rows.length,
      missing,
      columns: movementColumns,
      notes: [
        "Mænd og kvinder er lagt sammen (BEV107 har ingen total for køn).",
        "Naturlig tilvækst = levendefødte − døde; indenlandsk nettotilflytning = tilflyttede − fraflyttede; nettoindvandring = indvandrede − udvandrede.",
      ],
    }),
  };
}

const movementColumns = {
  area: "Område (kommunekode)",
  year: "År",
  component: `Bevægelse: ${Object.entries(MOVEMENT_COMPONENTS)
    .map(([k, v]) => `${k} = ${v.label}`)
    .join("; ")}`,
  value: "Antal personer i året",
};

function emptyMovements(missing: MissingPart[]): Dataset {
  return {
    columns: {
      area: { type: "string", values: [] },
      year: { type: "int16", values: [] },
      component: { type: "string", values: [] },
      value: { type: "int32", values: [] },
    },
    meta: datasetMeta({
      dataset: "movements",
      title: "Befolkningens bevægelser",
      sources: [],
      rows: 0,
      missing,
      columns: movementColumns,
    }),
  };
}
