/**
 * The registry of analyses: every SQL file in src/sql, with its label and the datasets (tables) it
 * reads. The pages pass `ANALYSES[name].datasets` to runAnalysis (so a page never restates what a
 * query needs), the SQL workbench lists the analyses it can open by these labels, and
 * test/sql/registry.test.ts checks each entry against the FROM and JOIN clauses of its file. The
 * survey's analyses read tables the survey page registers from the uploaded file (`survey_*`).
 * Pure: no DOM, no node.
 */

export interface AnalysisDef {
  /** Danish label, as the workbench lists it. */
  label: string;
  /** The tables the query reads: datasets of src/data, or the survey page's own tables. */
  datasets: readonly string[];
  /** The workbench offers it as a starting point (the survey's tables exist only on its page). */
  workbench: boolean;
}

const SURVEY_TABLES = ["survey_answers", "survey_choices", "survey_groups", "survey_items", "survey_respondents"] as const;

export const ANALYSES = {
  top_flows: { label: "Strømme til og fra hver anden kommune", datasets: ["flow_pairs", "geography", "neighbours"], workbench: true },
  flows_by_zone: { label: "Flytninger med naboer, regionen og resten af landet", datasets: ["flow_pairs", "geography", "neighbours"], workbench: true },
  migration_summary: {
    label: "Til-, fra- og nettoflytninger med rater pr. 1.000",
    datasets: ["migration_totals", "population", "population_ages"],
    workbench: true,
  },
  migration_effectiveness: { label: "Flyttebalance (effektivitet)", datasets: ["flow_pairs", "migration_totals", "population"], workbench: true },
  age_profile: { label: "Nettotilflytning efter alder", datasets: ["migration_ages"], workbench: true },
  families_proxy: { label: "Børnefamilier (0–17 og 25–44 år), til og fra", datasets: ["migration_totals"], workbench: true },
  net_migration_rate: { label: "Nettotilflytning pr. 1.000 indbyggere (BEV107)", datasets: ["movements", "population"], workbench: true },
  commuting_summary: { label: "Pendlingsbalance", datasets: ["commuting"], workbench: true },
  commuting_destinations: { label: "Hvor beboerne arbejder", datasets: ["commuting"], workbench: true },
  commuting_distance_compare: { label: "Pendlingsafstand mod region og land", datasets: ["commuting_distance", "geography"], workbench: true },
  group_migration_rates: {
    label: "Flytterater pr. 1.000 mod sammenligningsgruppen",
    datasets: ["compare_groups", "migration_totals", "population", "population_ages"],
    workbench: true,
  },
  group_migration_effectiveness: {
    label: "Flyttebalance (effektivitet) mod sammenligningsgruppen",
    datasets: ["compare_groups", "flow_pairs"],
    workbench: true,
  },
  group_families: {
    label: "Børnefamilier pr. 1.000 indbyggere mod sammenligningsgruppen",
    datasets: ["compare_groups", "migration_totals", "population", "population_ages"],
    workbench: true,
  },
  group_commuting_distance: {
    label: "Pendlingsafstand mod sammenligningsgruppen",
    datasets: ["commuting_distance", "compare_groups", "population"],
    workbench: true,
  },
  survey_distribution: {
    label: "Svarfordeling pr. udsagn",
    datasets: ["survey_answers", "survey_groups", "survey_items", "survey_respondents"],
    workbench: false,
  },
  survey_quadrant: { label: "Tilfredshed og vigtighed", datasets: ["survey_answers", "survey_groups", "survey_items", "survey_respondents"], workbench: false },
  survey_reasons: { label: "Grunde til at flytte", datasets: ["survey_choices", "survey_groups", "survey_respondents"], workbench: false },
  survey_top2box: { label: "Andel enige (top-2)", datasets: ["survey_answers", "survey_groups", "survey_items", "survey_respondents"], workbench: false },
} as const satisfies Record<string, AnalysisDef>;

export type AnalysisName = keyof typeof ANALYSES;

/** The survey page's own tables (registered from the uploaded file, not datasets of src/data). */
export const SURVEY_ANALYSIS_TABLES: readonly string[] = SURVEY_TABLES;
