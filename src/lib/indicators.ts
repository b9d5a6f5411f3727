/**
 * The indicator catalogue: every indicator a goal in data/goals.yaml can refer to, in one place,
 * read by the goals parser (loaders/goals.ts: which ids are known, their unit and source), the
 * indicators loader (loaders/tables/indicators.ts: population age bands are computed from this
 * list), the scorecard (src/index.md: the label, the detail page a card links to) and "Om data".
 *
 * Two kinds:
 * - StatBank indicators, computed at build time into the `indicators` dataset;
 * - the municipality's own figures (data/indicators/*.csv), known even before a file has rows.
 *
 * Adding a population age band ("residents aged 65 and over") is one entry here with `ages`; a
 * goal then names its id. Pure data and types: no DOM, no node.
 */

/** Units a goal or an indicator may have (Danish, as shown on the page). */
export const UNITS = ["personer", "kr.", "fuldtidspersoner", "%", "antal", "indeks"] as const;
export type Unit = (typeof UNITS)[number];

/** The pages a card can link to for the indicator's detail. */
export type DetailPage = "/befolkning" | "/flytninger" | "/tilflyttere" | "/oekonomi" | "/prognose";

export interface IndicatorDef {
  /** Danish label for the page. */
  label: string;
  unit: Unit;
  /** Source line, Danish ("Danmarks Statistik, FOLK1A"). */
  source: string;
  /** The StatBank table a missing indicator names ("FOLK1A"), or the municipality's folder. */
  table: string;
  /** The page that shows the indicator in detail, or null. */
  detail: DetailPage | null;
  /** How the value is computed (Danish, one sentence). */
  computed: string;
  /**
   * For a population age band: the single ages summed, on 1 January (FOLK1A, BY2 where FOLK1A
   * lacks single ages). `to: null` means "and older" (up to the oldest age the table lists).
   */
  ages?: { from: number; to: number | null };
}

/** An age band's label: "26–64 år", "65 år og derover". */
export function ageBandLabel(ages: { from: number; to: number | null }): string {
  return ages.to === null ? `${ages.from} år og derover` : `${ages.from}–${ages.to} år`;
}

/**
 * The indicators computed from StatBank into the `indicators` dataset (loaders/tables/indicators.ts).
 * Fixed ids: a goal in data/goals.yaml refers to one of these or to a manual indicator.
 */
export const STATBANK_INDICATORS = {
  families_out: {
    label: "Fraflyttede børn (0–17 år) og voksne (25–44 år), tilnærmelse for børnefamilier",
    unit: "personer",
    source: "Danmarks Statistik, FLY66",
    table: "FLY66",
    detail: "/tilflyttere",
    computed: "Fraflytninger til andre kommuner i året af personer på 0–17 og 25–44 år (FLY66).",
  },
  families_in: {
    label: "Tilflyttede børn (0–17 år) og voksne (25–44 år), tilnærmelse for børnefamilier",
    unit: "personer",
    source: "Danmarks Statistik, FLY66",
    table: "FLY66",
    detail: "/tilflyttere",
    computed: "Tilflytninger fra andre kommuner i året af personer på 0–17 og 25–44 år (FLY66).",
  },
  population_total: {
    label: "Folketal 1. januar",
    unit: "personer",
    source: "Danmarks Statistik, FOLK1A",
    table: "FOLK1A",
    detail: "/befolkning",
    computed: "Folketal 1. januar (FOLK1A, første kvartal).",
  },
  population_26_64: {
    label: "Folketal 1. januar, 26–64 år",
    unit: "personer",
    source: "Danmarks Statistik, FOLK1A",
    table: "FOLK1A",
    detail: "/befolkning",
    computed: "Summen af enkeltårene 26–64 for mænd og kvinder 1. januar (FOLK1A; BY2, hvor FOLK1A mangler enkeltår).",
    ages: { from: 26, to: 64 },
  },
  population_65_plus: {
    label: "Folketal 1. januar, 65 år og derover",
    unit: "personer",
    source: "Danmarks Statistik, FOLK1A",
    table: "FOLK1A",
    detail: "/befolkning",
    computed: "Summen af enkeltårene fra 65 år for mænd og kvinder 1. januar (FOLK1A; BY2, hvor FOLK1A mangler enkeltår).",
    ages: { from: 65, to: null },
  },
  couples_with_children: {
    label: "Husstande med et par og hjemmeboende børn (ægtepar og andre par med mindst ét barn; familier fra FAM44N, hvis FAM55N mangler)",
    unit: "antal",
    source: "Danmarks Statistik, FAM55N",
    table: "FAM55N",
    detail: null,
    computed: "Husstande af typen ægtepar eller andre par med mindst ét hjemmeboende barn (FAM55N; FAM44N's familier, hvis FAM55N mangler).",
  },
  income_disposable: {
    label: "Gennemsnitlig disponibel indkomst pr. person",
    unit: "kr.",
    source: "Danmarks Statistik, INDKP101",
    table: "INDKP101",
    detail: "/oekonomi",
    computed: "Gennemsnitlig disponibel indkomst for alle personer, løbende priser (INDKP101, ENHED 116, INDKOMSTTYPE 100).",
  },
  income_disposable_index: {
    label: "Gennemsnitlig disponibel indkomst pr. person i forhold til hele landet (hele landet = 100)",
    unit: "indeks",
    source: "Danmarks Statistik, INDKP101",
    table: "INDKP101",
    detail: "/oekonomi",
    computed: "100 × kommunens gennemsnitlige disponible indkomst / hele landets samme år, afrundet til én decimal (INDKP101).",
  },
  taxable_income_per_resident: {
    label: "Gennemsnitlig skattepligtig indkomst pr. person (i stedet for udskrivningsgrundlaget)",
    unit: "kr.",
    source: "Danmarks Statistik, INDKP101",
    table: "INDKP101",
    detail: "/oekonomi",
    computed: "Gennemsnitlig skattepligtig indkomst for alle personer, løbende priser (INDKP101, INDKOMSTTYPE 290).",
  },
  benefit_recipients_fte: {
    label: "Personer på indkomsterstattende ydelser (fuldtidspersoner)",
    unit: "fuldtidspersoner",
    source: "Danmarks Statistik, AUK01",
    table: "AUK01",
    detail: "/oekonomi",
    computed: "Offentligt forsørgede i alt (fuldtidspersoner), gennemsnit af årets fire kvartaler; år med et manglende kvartal udelades (AUK01).",
  },
  firms: {
    label: "Antal firmaer (generel firmastatistik)",
    unit: "antal",
    source: "Danmarks Statistik, GF12",
    table: "GF12",
    detail: "/oekonomi",
    computed: "Antal firmaer i alle brancher: tabellens total, ellers summen af branchegrupperne (GF12).",
  },
  private_jobs: {
    label: "Lønmodtagere på private arbejdssteder i kommunen (ultimo november)",
    unit: "antal",
    source: "Danmarks Statistik, RAS305",
    table: "RAS305",
    detail: "/oekonomi",
    computed: "Lønmodtagere med arbejdssted i kommunen i private virksomheder (RAS305, SEKTOR 1040).",
  },
  forecast_deviation: {
    label: "Folketal minus den vedtagne befolkningsprognose",
    unit: "personer",
    source: "Danmarks Statistik, FOLK1A, og kommunens vedtagne befolkningsprognose",
    table: "data/forecasts + FOLK1A",
    detail: "/prognose",
    computed: "Faktisk folketal 1. januar minus prognosens tal for samme år (faktisk − prognose).",
  },
} as const satisfies Record<string, IndicatorDef>;

export type StatbankIndicator = keyof typeof STATBANK_INDICATORS;
export const STATBANK_INDICATOR_IDS = Object.keys(STATBANK_INDICATORS) as StatbankIndicator[];

const OWN = { source: "Kommunens egne tal", table: "data/indicators", detail: null } as const;

/**
 * The manual indicators the default goals use, with their labels. The municipality keeps their
 * figures in data/indicators/*.csv; they count as known even when no file has rows for them yet
 * (the goal then shows "Data mangler" instead of failing the build).
 */
export const DEFAULT_MANUAL_INDICATORS = {
  digital_post_share: { label: "Andel af breve sendt digitalt", unit: "%", ...OWN, computed: "Kommunens egne tal." },
  digital_selfservice_share: { label: "Andel af henvendelser via digital selvbetjening", unit: "%", ...OWN, computed: "Kommunens egne tal." },
  digital_post_exemptions: { label: "Ansøgninger om fritagelse for Digital Post", unit: "antal", ...OWN, computed: "Kommunens egne tal." },
  physically_active_share: { label: "Andel fysisk aktive borgere", unit: "%", ...OWN, computed: "Kommunens egne tal." },
  active_commuting_share: { label: "Andel der går eller cykler til arbejde", unit: "%", ...OWN, computed: "Kommunens egne tal." },
  village_ambassador_communities: {
    label: "Lokalsamfund med landsbyambassadører, der tager imod tilflyttere",
    unit: "antal",
    ...OWN,
    computed: "Kommunens egne tal.",
  },
} as const satisfies Record<string, IndicatorDef>;

/** The catalogue entry for an indicator id (StatBank or default manual), or undefined. */
export function indicatorDef(id: string): IndicatorDef | undefined {
  return (STATBANK_INDICATORS as Record<string, IndicatorDef>)[id] ?? (DEFAULT_MANUAL_INDICATORS as Record<string, IndicatorDef>)[id];
}

/** The population age bands of the catalogue: id and ages. */
export function ageBands(): { id: StatbankIndicator; from: number; to: number | null }[] {
  return STATBANK_INDICATOR_IDS.flatMap((id) => {
    const ages = (STATBANK_INDICATORS[id] as IndicatorDef).ages;
    return ages ? [{ id, ...ages }] : [];
  });
}
