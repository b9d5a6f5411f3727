/**
 * The list itself: every StatBank table the site uses, with the evidence behind each variable and
 * code (see loaders/catalogue.ts for what the list is and how it is checked), the mirror-only files,
 * and the datasets with the pages that read them. This file is long because it is the list: one
 * entry per table, each variable and code with its source; there is no logic here.
 */
import { ageBands } from "../../src/lib/indicators.ts";
import type { CatalogueTable, CodeNeed, DatasetUse, Evidence, MirrorOnlyFile } from "./types.ts";

/** Every dataset built from StatBank, with the pages that read it (src/*.md, src/sql/*.sql). */
export const DATASETS: Record<string, DatasetUse> = {
  population: {
    loader: "loaders/tables/population.ts populationTotals",
    pages: ["/", "/befolkning", "/flytninger", "/tilflyttere", "/oekonomi", "/prognose", "/arbejdsbord"],
  },
  population_ages: { loader: "loaders/tables/population.ts populationAges", pages: ["/befolkning", "/flytninger", "/tilflyttere", "/arbejdsbord"] },
  population_monthly: { loader: "loaders/tables/population.ts populationMonthly", pages: ["/", "/befolkning", "/arbejdsbord"] },
  population_agegroups: { loader: "loaders/tables/agegroups.ts populationAgeGroups", pages: ["/praeferencer", "/prognose", "/arbejdsbord"] },
  municipalities: {
    loader: "loaders/tables/municipalities.ts municipalities",
    pages: ["/", "/befolkning", "/lokalsamfund", "/flytninger", "/tilflyttere", "/praeferencer", "/oekonomi", "/prognose", "/digitalisering", "/arbejdsbord"],
  },
  movements: { loader: "loaders/tables/movements.ts movements", pages: ["/befolkning", "/arbejdsbord"] },
  towns: { loader: "loaders/tables/towns.ts towns", pages: ["/befolkning", "/lokalsamfund", "/arbejdsbord"] },
  town_summaries: { loader: "loaders/tables/towns.ts townSummariesDataset", pages: ["/lokalsamfund", "/arbejdsbord"] },
  local_communities: { loader: "loaders/tables/localCommunities.ts localCommunities", pages: ["/lokalsamfund", "/arbejdsbord"] },
  town_movers: { loader: "loaders/tables/townMovers.ts townMovers", pages: ["/lokalsamfund", "/arbejdsbord"] },
  flows: { loader: "loaders/tables/flows.ts flows", pages: ["/befolkning", "/arbejdsbord"] },
  flow_pairs: { loader: "loaders/tables/flows.ts flowPairs", pages: ["/flytninger", "/tilflyttere", "/arbejdsbord"] },
  migration_ages: { loader: "loaders/tables/flows.ts migrationAges", pages: ["/flytninger", "/arbejdsbord"] },
  migration_totals: { loader: "loaders/tables/flows.ts migrationTotals", pages: ["/flytninger", "/tilflyttere", "/arbejdsbord"] },
  commuting: { loader: "loaders/tables/commuting.ts commuting", pages: ["/tilflyttere", "/arbejdsbord"] },
  commuting_distance: { loader: "loaders/tables/commuting.ts commutingDistance", pages: ["/tilflyttere", "/arbejdsbord"] },
  income: { loader: "loaders/tables/income.ts income", pages: ["/oekonomi", "/arbejdsbord"] },
  benefits: { loader: "loaders/tables/benefits.ts benefits", pages: ["/oekonomi", "/arbejdsbord"] },
  business: { loader: "loaders/tables/business.ts business", pages: ["/oekonomi", "/arbejdsbord"] },
  families: { loader: "loaders/tables/families.ts families", pages: ["/arbejdsbord"] },
  projection: { loader: "loaders/tables/projection.ts projection", pages: ["/prognose", "/arbejdsbord"] },
  projection_totals: { loader: "loaders/tables/projection.ts projectionTotals", pages: ["/prognose", "/arbejdsbord"] },
  indicators: { loader: "loaders/tables/indicators.ts indicators", pages: ["/", "/arbejdsbord"] },
};

// Evidence shorthands -------------------------------------------------------------------------

const tableinfo = (table: string, lang = "da"): Evidence => ({ kind: "tableinfo", source: `tableinfo/${table}.json (real /v1/tableinfo, lang=${lang})` });
const extract = (source: string): Evidence => ({ kind: "extract", source });
const request = (source: string): Evidence => ({ kind: "request", source });
const docs = (source: string): Evidence => ({ kind: "docs", source });
const none = (source: string): Evidence => ({ kind: "none", source });

const FOLK1A_INFO = tableinfo("FOLK1A");
/** The population age bands of the indicator catalogue (26–64, 65 and over …): summed from single ages. */
const AGE_BAND_IDS = ageBands().map((b) => b.id);
const FOLK1AM_EXTRACT = extract(
  "FOLK1AM.csv (MANIFEST FOLK1AM.sources.A: a raw API CSV, header OMRÅDE;KØN;ALDER;TID; request OMRÅDE=*, KØN=TOT, ALDER=IALT, Tid=*)",
);
const INDKP101_INFO = tableinfo("INDKP101", "en");
const AFSTB4_EXTRACT = extract("AFSTB4.csv (MANIFEST AFSTB4.sources.A: the raw pull's columns BOPOMR;SOCIO;KØN;TID and its request SOCIO=02, KØN=TOT)");
const FLY66_REQUEST = request(
  "research notes §2 Migration: R BULK URL (id 25496743626) and Python CSV URL (id 15535456565); FLY66.csv's header was written from a web export without codes (MANIFEST FLY66.transformation)",
);
const BEV107_REQUEST = request(
  "research notes §2 Migration: R code (id 54655125246) and TS code (id 71050793586) request BEV107 by OMRÅDE, BEVÆGELSE, KØN; BEV107.csv's header was renamed by hand in its source (MANIFEST BEV107.sources.A)",
);
const BY1_EXTRACT = extract("BY1.csv (MANIFEST BY1.sources.A: a real CSV answer to BYER=*, Tid=2026, ALDER and KØN eliminated)");
const BY2_IDS = docs("MANIFEST BY2.unsure: ids inferred from a third party's lower-case listing (varro_dst by2.md); no BY2 tableinfo or request seen");
const BY2_CODES = extract("BY2.csv (MANIFEST BY2.sources.E: StatBank export with code columns)");
const PEND100_DOCS = docs(
  "research notes §2 Commuting: varro_dst pend100.md (lower-case bopkom, arbejdssted, kon; 950 = abroad); MANIFEST not_written: no PEND100 extract found",
);
const AUK01_REQUEST = request(
  "research notes §2 Income: R (id 54655125246) and Python (id 66437985143) requests; MANIFEST not_written AUK01: no AUK01 tableinfo",
);
const FAM44N_DOCS = docs(
  "research notes §2 Families: varro_dst fam44n.md (lower-case omrade, famtyp, famstor, antborn); MANIFEST not_written FAM44N: no tableinfo, no extract",
);
const FAM55N_INFO = tableinfo("FAM55N", "en");
const GF12_REQUEST = request("research notes §2 Firms: Python request (id 66419524208) names KOMK, BRANCHEDB0710TIL127, Tid");
const RAS305_NONE = none("not in the research notes; loaders/tables/business.ts reads RAS305's ids from its tableinfo");
const FRKM_INFO = tableinfo("FRKM126", "en");

const MUNICIPALITY_CODE = { pattern: "^\\d{3}$", what: "3-digit area codes", da: "3-cifrede kommunekoder", evidence: FLY66_REQUEST };

// The tables -----------------------------------------------------------------------------------

export const TABLES: CatalogueTable[] = [
  {
    id: "FOLK1A",
    purpose: "Folketal den 1. i kvartalet efter område, køn, alder og civilstand: folketal, aldersfordeling og kommunelisten",
    use: "loader",
    datasets: ["population", "population_ages", "population_agegroups", "municipalities", "indicators", "town_summaries"],
    indicators: ["population_total", ...AGE_BAND_IDS, "forecast_deviation"],
    frontPage: true,
    loaders: [
      "loaders/tables/population.ts",
      "loaders/tables/agegroups.ts",
      "loaders/tables/municipalities.ts (tableinfo only; also the regions of loaders/tables/towns.ts townSummariesDataset)",
      "loaders/tables/indicators.ts",
    ],
    frequency: "quarter",
    format: "BULK",
    lookup: "fixed",
    variables: [
      {
        role: "area",
        ids: ["OMRÅDE"],
        select: ["*"],
        evidence: FOLK1A_INFO,
        note: "The municipality list is FOLK1A's OMRÅDE values: each region (081–085) before its municipalities, with names.",
      },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["TOT", "1", "2"],
        needs: [
          {
            codes: ["TOT"],
            meaning: "begge køn",
            datasets: ["population"],
            indicators: ["population_total", "forecast_deviation"],
            ifMissing: "empty",
            evidence: FOLK1A_INFO,
          },
          {
            codes: ["1"],
            meaning: "mænd",
            datasets: ["population_ages", "population_agegroups"],
            indicators: AGE_BAND_IDS,
            ifMissing: "partial",
            evidence: FOLK1A_INFO,
          },
          {
            codes: ["2"],
            meaning: "kvinder",
            datasets: ["population_ages", "population_agegroups"],
            indicators: AGE_BAND_IDS,
            ifMissing: "partial",
            evidence: FOLK1A_INFO,
          },
        ],
        evidence: FOLK1A_INFO,
      },
      {
        role: "age",
        ids: ["ALDER"],
        select: ["IALT", "*"],
        needs: [
          {
            codes: ["IALT"],
            meaning: "alder i alt",
            datasets: ["population"],
            indicators: ["population_total", "forecast_deviation"],
            ifMissing: "empty",
            evidence: FOLK1A_INFO,
          },
        ],
        only: { pattern: "^(IALT|\\d{1,3})$", what: "IALT and single ages", da: "IALT og enkeltår", evidence: FOLK1A_INFO },
        evidence: FOLK1A_INFO,
      },
      {
        role: "marital",
        ids: ["CIVILSTAND"],
        select: ["TOT"],
        needs: [
          {
            codes: ["TOT"],
            meaning: "civilstand i alt",
            datasets: ["population", "population_ages", "population_agegroups"],
            ifMissing: "empty",
            evidence: FOLK1A_INFO,
          },
        ],
        evidence: FOLK1A_INFO,
      },
      {
        role: "time",
        ids: ["Tid"],
        select: ["*K1"],
        needs: [
          {
            codes: ["*K1"],
            meaning: "1. januar (første kvartal)",
            datasets: ["population", "population_ages", "population_agegroups"],
            ifMissing: "empty",
            evidence: FOLK1A_INFO,
          },
        ],
        evidence: FOLK1A_INFO,
      },
    ],
    ifMissing: "the municipality picker falls back to the geography folder's kommuner.csv (GEO_DIR, default snapshot/geo)",
  },
  {
    id: "FOLK1AM",
    purpose: "Folketal den 1. i måneden: det nyeste folketal på forsiden og /befolkning",
    use: "loader",
    datasets: ["population_monthly"],
    indicators: [],
    frontPage: true,
    loaders: ["loaders/tables/population.ts populationMonthly"],
    frequency: "month",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "area", ids: ["OMRÅDE"], select: ["*"], evidence: FOLK1AM_EXTRACT },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["TOT"],
        needs: [{ codes: ["TOT"], meaning: "begge køn", datasets: ["population_monthly"], ifMissing: "empty", evidence: FOLK1AM_EXTRACT }],
        evidence: FOLK1AM_EXTRACT,
      },
      {
        role: "age",
        ids: ["ALDER"],
        select: ["IALT"],
        needs: [{ codes: ["IALT"], meaning: "alder i alt", datasets: ["population_monthly"], ifMissing: "empty", evidence: FOLK1AM_EXTRACT }],
        evidence: FOLK1AM_EXTRACT,
      },
      { role: "time", ids: ["Tid"], select: ["(-n+13)"], evidence: FOLK1AM_EXTRACT, note: "the newest 13 months" },
    ],
  },
  {
    id: "BEV107",
    purpose: "Befolkningens bevægelser pr. år: fødte, døde, til- og fraflyttede, ind- og udvandrede",
    use: "loader",
    datasets: ["movements"],
    indicators: [],
    frontPage: false,
    loaders: ["loaders/tables/movements.ts movements"],
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "area", ids: ["OMRÅDE"], select: ["*"], evidence: BEV107_REQUEST },
      {
        role: "movement",
        ids: ["BEVÆGELSE"],
        select: ["*"],
        needs: [
          movement(["B01A", "B01"], "folketal primo", request("R code (id 54655125246) requests B01A (research notes §2)")),
          movement(["B02"], "levendefødte", request("R code (id 54655125246) requests B02 (research notes §2)")),
          movement(["B03"], "døde", request("R code (id 54655125246) requests B03 (research notes §2)")),
          movement(
            ["B05"],
            "tilflyttede fra andre kommuner",
            docs(
              "varro_dst bev107.md; BEV107.csv's B05 was recoded from the label 'Tilflyttede' with it (MANIFEST BEV107.transformation); FRKM226's real tableinfo uses B05 for internal in-migration",
            ),
          ),
          movement(
            ["B06"],
            "fraflyttede til andre kommuner",
            docs(
              "varro_dst bev107.md; BEV107.csv's B06 was recoded from the label 'Fraflyttede' with it (MANIFEST BEV107.transformation); FRKM226's real tableinfo uses B06 for internal out-migration",
            ),
          ),
          movement(["B08AA", "B08"], "indvandrede", docs("varro_dst bev107.md")),
          movement(["B09BA", "B09"], "udvandrede", docs("varro_dst bev107.md")),
          movement(["B12"], "korrektioner", docs("varro_dst bev107.md")),
          movement(["B11"], "befolkningstilvækst", request("R code (id 54655125246) requests B11 (research notes §2)")),
        ],
        evidence: BEV107_REQUEST,
      },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["*"],
        evidence: BEV107_REQUEST,
        note: "M and K are added (no total); codes M, K from a TS request (research notes §2)",
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: BEV107_REQUEST },
    ],
  },
  {
    id: "BY1",
    purpose: "Folketal 1. januar i byområder og landdistrikter (byer i kommunen)",
    use: "loader",
    datasets: ["towns", "town_summaries", "local_communities", "town_movers"],
    indicators: [],
    frontPage: false,
    loaders: [
      "loaders/tables/towns.ts towns",
      "loaders/tables/towns.ts townSummariesDataset",
      "loaders/tables/localCommunities.ts localCommunities",
      "loaders/tables/townMovers.ts townMovers",
    ],
    frequency: "year",
    format: "CSV",
    lookup: "fixed",
    variables: [
      {
        role: "town",
        ids: ["BYER"],
        select: ["*"],
        only: { pattern: "^\\d{8}$", what: "8-digit urban area codes (municipality + 5 digits)", da: "8-cifrede byområdekoder", evidence: BY1_EXTRACT },
        evidence: BY1_EXTRACT,
        note: "KKK00KKK is the municipality as a whole, KKK99999 its rural districts, KKK99997 no fixed address, KKK01100 its part of Hovedstadsområdet",
      },
      { role: "age", ids: ["ALDER"], select: [], evidence: BY1_EXTRACT, note: "left out of the CSV request: eliminated (all ages), as in the real answer" },
      { role: "sex", ids: ["KØN"], select: [], evidence: BY1_EXTRACT, note: "left out of the CSV request: eliminated (both sexes), as in the real answer" },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: BY1_EXTRACT },
    ],
  },
  {
    id: "BY2",
    purpose: "Folketal 1. januar efter kommune, køn og enkeltår: aldersfordelingen, hvor FOLK1A mangler enkeltår",
    use: "loader",
    datasets: ["population_ages", "indicators"],
    indicators: AGE_BAND_IDS,
    frontPage: false,
    supplements: "FOLK1A",
    part: "enkeltår, hvor FOLK1A mangler dem",
    loaders: ["loaders/tables/population.ts populationAges"],
    frequency: "year",
    format: "CSV",
    lookup: "fixed",
    variables: [
      { role: "area", ids: ["KOMK"], select: ["*"], evidence: BY2_IDS },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["1", "2"],
        needs: [
          { codes: ["1"], meaning: "mænd", datasets: ["population_ages"], indicators: AGE_BAND_IDS, ifMissing: "partial", evidence: BY2_CODES },
          { codes: ["2"], meaning: "kvinder", datasets: ["population_ages"], indicators: AGE_BAND_IDS, ifMissing: "partial", evidence: BY2_CODES },
        ],
        evidence: BY2_IDS,
      },
      { role: "age", ids: ["ALDER"], select: ["*"], evidence: BY2_IDS, note: "single ages are kept, any total left out" },
      {
        role: "town-size",
        ids: ["BYST"],
        select: [],
        evidence: docs("varro_dst by2.md (byst: HOVEDS, 100000 …, LAND, UFB); eliminated in the BY2.csv export"),
        note: "left out of the CSV request: eliminated (all town sizes)",
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: BY2_CODES },
    ],
    notes: ["Used only for an area and year where FOLK1A lacks single ages and BY2 has them all (the mirror: 2010–2019); rows say which table they come from."],
  },
  {
    id: "FLY66",
    purpose: "Flytninger mellem kommuner efter til- og frakommune, alder og køn: flyttestrømme og børnefamiliers flytninger",
    use: "loader",
    datasets: ["flows", "flow_pairs", "migration_ages", "migration_totals", "indicators"],
    indicators: ["families_in", "families_out"],
    frontPage: true,
    loaders: ["loaders/tables/flows.ts readFlows", "loaders/tables/indicators.ts FAMILIES"],
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    perPeriod: true,
    variables: [
      { role: "destination", ids: ["TILKOMMUNE"], select: ["*"], only: MUNICIPALITY_CODE, evidence: FLY66_REQUEST },
      { role: "origin", ids: ["FRAKOMMUNE"], select: ["*"], only: MUNICIPALITY_CODE, evidence: FLY66_REQUEST },
      {
        role: "age",
        ids: ["ALDER"],
        select: ["*"],
        only: {
          pattern: "^\\d{1,3}$",
          what: "single ages only (no total)",
          da: "enkeltår (ingen total)",
          evidence: docs("varro_dst fly66.md (ALDER 0 … 125, no total); FLY66.csv's ages came from a web export's column names"),
        },
        evidence: FLY66_REQUEST,
      },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["*"],
        only: {
          pattern: "^(M|K)$",
          what: "M and K only",
          da: "M og K",
          evidence: docs("varro_dst fly66.md; FLY66.csv's M/K were recoded from Mænd/Kvinder with it (MANIFEST FLY66.transformation)"),
        },
        evidence: FLY66_REQUEST,
        note: "codes M, K: varro_dst fly66.md (FLY66.csv's M/K were recoded from Mænd/Kvinder with it)",
      },
      {
        role: "time",
        ids: ["Tid"],
        select: ["*"],
        evidence: FLY66_REQUEST,
        note: "one BULK request per period of the tableinfo (about 2.5 million cells a year)",
      },
    ],
  },
  {
    id: "INDKP101",
    purpose: "Indkomst pr. person efter område: disponibel og skattepligtig indkomst (gennemsnit for alle personer)",
    use: "loader",
    datasets: ["income", "indicators"],
    indicators: ["income_disposable", "income_disposable_index", "taxable_income_per_resident"],
    frontPage: true,
    loaders: ["loaders/tables/income.ts income"],
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "area", ids: ["OMRÅDE"], select: ["*"], evidence: INDKP101_INFO },
      {
        role: "unit",
        ids: ["ENHED"],
        select: ["116"],
        needs: [
          {
            codes: ["116"],
            meaning: "gennemsnit for alle personer (kr.)",
            datasets: ["income"],
            indicators: ["income_disposable", "taxable_income_per_resident"],
            ifMissing: "empty",
            evidence: INDKP101_INFO,
          },
        ],
        evidence: INDKP101_INFO,
      },
      {
        role: "sex",
        ids: ["KOEN", "KØN"],
        select: ["MOK"],
        needs: [
          {
            codes: ["MOK"],
            meaning: "mænd og kvinder i alt",
            datasets: ["income"],
            indicators: ["income_disposable", "taxable_income_per_resident"],
            ifMissing: "empty",
            evidence: INDKP101_INFO,
          },
        ],
        evidence: INDKP101_INFO,
      },
      {
        role: "income-type",
        ids: ["INDKOMSTTYPE"],
        select: ["100", "290"],
        needs: [
          {
            codes: ["100"],
            meaning: "disponibel indkomst",
            datasets: ["income"],
            indicators: ["income_disposable", "income_disposable_index"],
            ifMissing: "partial",
            evidence: INDKP101_INFO,
          },
          {
            codes: ["290"],
            meaning: "skattepligtig indkomst",
            datasets: ["income"],
            indicators: ["taxable_income_per_resident"],
            ifMissing: "partial",
            evidence: INDKP101_INFO,
          },
        ],
        evidence: INDKP101_INFO,
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: INDKP101_INFO },
    ],
  },
  {
    id: "AFSTB4",
    purpose: "Gennemsnitlig pendlingsafstand for beskæftigede efter bopælskommune",
    use: "loader",
    datasets: ["commuting_distance"],
    indicators: [],
    frontPage: false,
    loaders: ["loaders/tables/commuting.ts commutingDistance"],
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "residence", ids: ["BOPOMR"], select: ["*"], evidence: AFSTB4_EXTRACT },
      {
        role: "socio",
        ids: ["SOCIO"],
        select: ["02"],
        needs: [{ codes: ["02"], meaning: "beskæftigede i alt", datasets: ["commuting_distance"], ifMissing: "empty", evidence: AFSTB4_EXTRACT }],
        evidence: AFSTB4_EXTRACT,
      },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["TOT"],
        needs: [{ codes: ["TOT"], meaning: "begge køn", datasets: ["commuting_distance"], ifMissing: "empty", evidence: AFSTB4_EXTRACT }],
        evidence: AFSTB4_EXTRACT,
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: AFSTB4_EXTRACT },
    ],
  },
  {
    id: "PEND100",
    purpose: "Beskæftigede efter bopælskommune og arbejdssted: hvor borgerne arbejder (pendling)",
    use: "loader",
    datasets: ["commuting"],
    indicators: [],
    frontPage: false,
    loaders: ["loaders/tables/commuting.ts commuting"],
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "residence", ids: ["BOPKOM"], select: ["*"], evidence: PEND100_DOCS },
      {
        role: "workplace",
        ids: ["ARBEJDSSTED"],
        select: ["*"],
        needs: [{ codes: ["950"], meaning: "arbejdssted uden for Danmark", datasets: ["commuting"], ifMissing: "partial", evidence: PEND100_DOCS }],
        evidence: PEND100_DOCS,
      },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["*"],
        evidence: PEND100_DOCS,
        note: "M and K are added (varro: no total); a total code is used if the table has one",
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: PEND100_DOCS },
    ],
    ifMissing: "/tilflyttere still shows the average commuting distance (AFSTB4)",
  },
  {
    id: "AUK01",
    purpose: "Offentligt forsørgede (fuldtidspersoner) pr. kvartal efter område: borgere på offentlig forsørgelse",
    use: "loader",
    datasets: ["benefits", "indicators"],
    indicators: ["benefit_recipients_fte"],
    frontPage: true,
    loaders: ["loaders/tables/benefits.ts benefits"],
    frequency: "quarter",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "area", ids: ["OMRÅDE"], select: ["*"], evidence: AUK01_REQUEST },
      {
        role: "benefit",
        ids: ["YDELSESTYPE"],
        select: ["TOT"],
        needs: [
          {
            codes: ["TOT"],
            meaning: "alle ydelsestyper i alt (inkl. SU)",
            datasets: ["benefits"],
            indicators: ["benefit_recipients_fte"],
            ifMissing: "empty",
            evidence: AUK01_REQUEST,
          },
        ],
        evidence: AUK01_REQUEST,
      },
      {
        role: "sex",
        ids: ["KØN"],
        select: ["TOT"],
        needs: [
          { codes: ["TOT"], meaning: "begge køn", datasets: ["benefits"], indicators: ["benefit_recipients_fte"], ifMissing: "empty", evidence: AUK01_REQUEST },
        ],
        evidence: AUK01_REQUEST,
      },
      {
        role: "age",
        ids: ["ALDER"],
        select: ["TOT"],
        needs: [
          {
            codes: ["TOT"],
            meaning: "alle aldre",
            datasets: ["benefits"],
            indicators: ["benefit_recipients_fte"],
            ifMissing: "empty",
            evidence: AUK01_REQUEST,
          },
        ],
        evidence: AUK01_REQUEST,
      },
      {
        role: "time",
        ids: ["Tid"],
        select: ["*"],
        only: { pattern: "^\\d{4}K[1-4]$", what: "quarters (the loader averages four quarters a year)", da: "kvartaler", evidence: AUK01_REQUEST },
        evidence: AUK01_REQUEST,
      },
    ],
  },
  {
    id: "FAM55N",
    purpose:
      "Husstande 1. januar efter husstandstype, -størrelse og antal børn: husstande med et par og hjemmeboende børn (målet på forsiden) og husstande med børn i alt (husstande, ikke familier)",
    use: "loader",
    datasets: ["families", "indicators"],
    indicators: ["couples_with_children"],
    frontPage: true,
    loaders: ["loaders/tables/families.ts families"],
    frequency: "year",
    format: "CSV",
    lookup: "tableinfo",
    variables: [
      { role: "area", ids: ["OMRÅDE"], select: ["*"], match: "^(OMR|KOMK|KOMMUNE|REGI|BOPOMR|BOPKOM)", evidence: FAM55N_INFO },
      {
        role: "household-type",
        ids: ["HUSTYP"],
        select: ["PAR", "PA", "M", "K"],
        match: "^HUS\\w*TYP",
        needs: [
          { codes: ["PAR"], meaning: "ægtepar", datasets: ["families"], indicators: ["couples_with_children"], ifMissing: "empty", evidence: FAM55N_INFO },
          { codes: ["PA"], meaning: "andre par", datasets: ["families"], indicators: ["couples_with_children"], ifMissing: "empty", evidence: FAM55N_INFO },
          { codes: ["M"], meaning: "enlige mænd", datasets: ["families"], ifMissing: "empty", evidence: FAM55N_INFO },
          { codes: ["K"], meaning: "enlige kvinder", datasets: ["families"], ifMissing: "empty", evidence: FAM55N_INFO },
        ],
        evidence: FAM55N_INFO,
        note: "IHB (children under 18 not living with parents) and AH (other households including more than 1 family: whose children is not said) are not asked for",
      },
      {
        role: "size",
        ids: ["HUSSTØR"],
        select: [],
        match: "ST(Ø|O|OE)R",
        evidence: FAM55N_INFO,
        note: "left out of the CSV request: StatBank eliminates (sums) it",
      },
      {
        role: "children",
        ids: ["ANTBORNH"],
        select: ["*"],
        match: "B(Ø|O|OE)RN",
        only: { pattern: "^\\d+-?$", what: "numbers of children (0, 1, …, 5-)", da: "antal børn (0, 1, …, 5-)", evidence: FAM55N_INFO },
        evidence: FAM55N_INFO,
      },
      { role: "time", ids: ["Tid"], select: ["*"], match: "^TID$", evidence: FAM55N_INFO },
    ],
    ifMissing: "the loader then asks FAM44N (families, not households; the dataset, its columns and notes say so); FAM55N and FAM44N are never mixed",
    notes: [
      "Couples with children = HUSTYP PAR + PA with ANTBORNH ≥ 1; households with children = PAR + PA + M + K with ANTBORNH ≥ 1; HUSSTØR eliminated by the API (CSV).",
      "The request (OMRÅDE=*, 4 HUSTYP codes, ANTBORNH=*, Tid=*) is 105 × 4 × 6 × 41 rows × 5 columns = 516,600 cells with the real tableinfo, under the CSV limit of 1,000,000.",
      "Any code of HUSTYP asked for that the table lacks makes FAM55N unusable, and the loader falls back to FAM44N.",
    ],
  },
  {
    id: "FAM44N",
    purpose:
      "Reserve for FAM55N: familier 1. januar efter familietype, familiestørrelse og antal børn; bruges kun, når datakilden ikke har FAM55N (tallene er da familier, ikke husstande)",
    use: "loader",
    datasets: ["families", "indicators"],
    indicators: ["couples_with_children"],
    frontPage: false,
    supplements: "FAM55N",
    loaders: ["loaders/tables/families.ts families"],
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    variables: [
      {
        role: "area",
        ids: ["OMRÅDE"],
        select: ["*"],
        evidence: FAM44N_DOCS,
        note: "issue 13 calls OMRÅDE confirmed; no FAM44N tableinfo or extract is in ../shared",
      },
      {
        role: "family-type",
        ids: ["FAMTYP"],
        select: ["*"],
        only: {
          pattern: "^(M|K|PARF|PARS|RP|SL|SB|IHB)$",
          what: "M, K, PARF, PARS, RP, SL, SB, IHB",
          da: "M, K, PARF, PARS, RP, SL, SB og IHB",
          evidence: FAM44N_DOCS,
        },
        needs: [
          {
            codes: ["PARF"],
            meaning: "ægtepar med forskelligt køn",
            datasets: ["families"],
            indicators: ["couples_with_children"],
            ifMissing: "partial",
            evidence: FAM44N_DOCS,
          },
          {
            codes: ["PARS"],
            meaning: "ægtepar med samme køn",
            datasets: ["families"],
            indicators: ["couples_with_children"],
            ifMissing: "partial",
            evidence: FAM44N_DOCS,
          },
          {
            codes: ["RP"],
            meaning: "registreret partnerskab",
            datasets: ["families"],
            indicators: ["couples_with_children"],
            ifMissing: "partial",
            evidence: FAM44N_DOCS,
          },
          {
            codes: ["SL"],
            meaning: "samlevende par",
            datasets: ["families"],
            indicators: ["couples_with_children"],
            ifMissing: "partial",
            evidence: FAM44N_DOCS,
          },
          {
            codes: ["SB"],
            meaning: "samboende par",
            datasets: ["families"],
            indicators: ["couples_with_children"],
            ifMissing: "partial",
            evidence: FAM44N_DOCS,
          },
          { codes: ["M"], meaning: "enlige mænd", datasets: ["families"], ifMissing: "partial", evidence: FAM44N_DOCS },
          { codes: ["K"], meaning: "enlige kvinder", datasets: ["families"], ifMissing: "partial", evidence: FAM44N_DOCS },
        ],
        evidence: FAM44N_DOCS,
        note: "issue 13 calls FAMTYP confirmed; no FAM44N tableinfo or extract is in ../shared",
      },
      { role: "size", ids: ["FAMSTOR"], select: ["*"], evidence: FAM44N_DOCS, note: "probably spelled otherwise (FAM55N has HUSSTØR)" },
      {
        role: "children",
        ids: ["ANTBØRN"],
        select: ["*"],
        only: { pattern: "^\\d+-?$", what: "numbers of children (0, 1, …, 5-)", da: "antal børn (0, 1, …, 5-)", evidence: FAM44N_DOCS },
        evidence: FAM44N_DOCS,
        note: "probably spelled otherwise (FAM55N has ANTBORNH)",
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: FAM44N_DOCS },
    ],
    ifMissing: "asked only when FAM55N is not available; without either table families is empty and the scorecard lacks couples_with_children",
    notes: ["The fallback of FAM55N: the loader reads FAM44N only when the source lacks FAM55N (or it has no rows), and then uses FAM44N alone."],
  },
  {
    id: "GF12",
    purpose: "Firmaer efter kommune og branche: antal firmaer",
    use: "loader",
    datasets: ["business", "indicators"],
    indicators: ["firms"],
    frontPage: true,
    loaders: ["loaders/tables/business.ts firmCounts"],
    part: "firmaer",
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "area", ids: ["KOMK"], select: ["*"], evidence: GF12_REQUEST },
      {
        role: "industry",
        ids: ["BRANCHEDB0710TIL127"],
        select: ["*"],
        needs: [
          {
            codes: ["TOT", "IALT", "1"],
            meaning: "alle brancher: totalen, ellers summen af 10-grupperingens koder 1–11",
            datasets: ["business"],
            indicators: ["firms"],
            ifMissing: "empty",
            evidence: none("the total code is unknown (research notes §2 lists no GF12 codes); the loader takes TOT or IALT, else sums codes 1–11"),
          },
        ],
        evidence: GF12_REQUEST,
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: GF12_REQUEST },
    ],
  },
  {
    id: "RAS305",
    purpose: "Lønmodtagere efter arbejdssted og sektor: private job i kommunen",
    use: "loader",
    datasets: ["business", "indicators"],
    indicators: ["private_jobs"],
    frontPage: true,
    loaders: ["loaders/tables/business.ts privateJobs"],
    part: "private job",
    frequency: "year",
    format: "BULK",
    lookup: "tableinfo",
    variables: [
      { role: "workplace", ids: ["ARBEJDSSTED"], select: ["*"], match: "ARB\\w*STED|^OMR", evidence: RAS305_NONE },
      {
        role: "sector",
        ids: ["SEKTOR"],
        select: ["*"],
        match: "SEKTOR",
        needs: [
          {
            codes: ["1040"],
            meaning: "private virksomheder",
            datasets: ["business"],
            indicators: ["private_jobs"],
            ifMissing: "empty",
            evidence: none("loaders/tables/business.ts; no RAS305 tableinfo or request seen"),
          },
        ],
        evidence: RAS305_NONE,
      },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: RAS305_NONE },
    ],
    notes: ["Every other variable (working time, age, sex) is requested with * and summed, or its total code taken."],
  },
  {
    id: "FRKM1yy",
    pattern: "^FRKM1\\d\\d$",
    purpose: "Danmarks Statistiks befolkningsfremskrivning for kommunerne (tabellens id skifter hvert år: FRKM125, FRKM126, …)",
    use: "loader",
    datasets: ["projection", "projection_totals"],
    indicators: [],
    frontPage: false,
    loaders: ["loaders/tables/projection.ts projection", "loaders/tables/projection.ts projectionTotals"],
    frequency: "year",
    format: "BULK",
    lookup: "fixed",
    variables: [
      { role: "area", ids: ["KOMMUNEDK"], select: ["*"], evidence: FRKM_INFO },
      {
        role: "age",
        ids: ["ALDER"],
        select: ["*"],
        only: { pattern: "^(TOT|\\d{1,3}-?)$", what: "TOT, 0 … 99 and 100-", da: "TOT, 0–99 og 100-", evidence: FRKM_INFO },
        needs: [{ codes: ["TOT"], meaning: "alder i alt", datasets: ["projection", "projection_totals"], ifMissing: "partial", evidence: FRKM_INFO }],
        evidence: FRKM_INFO,
      },
      { role: "sex", ids: ["KØN"], select: ["*"], evidence: FRKM_INFO, note: "M and K only; the loader adds them" },
      { role: "time", ids: ["Tid"], select: ["*"], evidence: FRKM_INFO },
    ],
    ifMissing: "on a mirror the loader uses FRKM1yy_agegroups.csv (a third party's sums of FRKM1yy, labelled as such) when it is there",
    notes: ["The newest FRKM1yy of the /v1/tables listing (on a mirror: of its files) is used."],
  },
];

function movement(codes: string[], meaning: string, evidence: Evidence): CodeNeed {
  return { codes, meaning, datasets: ["movements"], ifMissing: "partial", evidence };
}

/** Mirror files that are a third party's sums, not StatBank tables (never asked of the API). */
export const MIRROR_ONLY_FILES: MirrorOnlyFile[] = [
  {
    id: "FOLK1A_agegroups",
    pattern: "^FOLK1A_AGEGROUPS$",
    standsFor: "FOLK1A",
    purpose: "en tredjeparts summer af FOLK1A i syv aldersgrupper, brugt kun hvor FOLK1A mangler enkeltår",
    datasets: ["population_agegroups"],
    variables: { OMRÅDE: ["*"], KØN: ["TOT"], ALDERGRP: ["*"], CIVILSTAND: ["TOT"], Tid: ["*"] },
  },
  {
    id: "FRKM1yy_agegroups",
    pattern: "^FRKM1\\d\\d_AGEGROUPS$",
    standsFor: "FRKM1yy",
    purpose: "en tredjeparts summer af FRKM1yy i syv aldersgrupper, brugt kun når kilden ikke har FRKM1yy",
    datasets: ["projection", "projection_totals"],
    variables: { KOMMUNEDK: ["*"], ALDERGRP: ["*"], Tid: ["*"] },
  },
];
