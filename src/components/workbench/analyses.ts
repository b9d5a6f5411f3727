/**
 * The pages' analyses (src/sql/*.sql) that the workbench can open as a starting point. One static
 * FileAttachment per file, so Framework bundles them; the survey analyses are left out, as their
 * tables exist only on the survey page after a file is read.
 */
import { FileAttachment } from "observablehq:stdlib";

export interface Analysis {
  file: string;
  label: string;
  text: () => Promise<string>;
}

export const ANALYSES: Analysis[] = [
  { file: "top_flows", label: "Strømme til og fra hver anden kommune", text: () => FileAttachment("../../sql/top_flows.sql").text() },
  { file: "flows_by_zone", label: "Flytninger med naboer, regionen og resten af landet", text: () => FileAttachment("../../sql/flows_by_zone.sql").text() },
  {
    file: "migration_summary",
    label: "Til-, fra- og nettoflytninger med rater pr. 1.000",
    text: () => FileAttachment("../../sql/migration_summary.sql").text(),
  },
  { file: "migration_effectiveness", label: "Flyttebalance (effektivitet)", text: () => FileAttachment("../../sql/migration_effectiveness.sql").text() },
  { file: "age_profile", label: "Nettotilflytning efter alder", text: () => FileAttachment("../../sql/age_profile.sql").text() },
  { file: "families_proxy", label: "Børnefamilier (0–17 og 25–44 år), til og fra", text: () => FileAttachment("../../sql/families_proxy.sql").text() },
  {
    file: "net_migration_rate",
    label: "Nettotilflytning pr. 1.000 indbyggere (BEV107)",
    text: () => FileAttachment("../../sql/net_migration_rate.sql").text(),
  },
  { file: "commuting_summary", label: "Pendlingsbalance", text: () => FileAttachment("../../sql/commuting_summary.sql").text() },
  { file: "commuting_destinations", label: "Hvor beboerne arbejder", text: () => FileAttachment("../../sql/commuting_destinations.sql").text() },
  {
    file: "commuting_distance_compare",
    label: "Pendlingsafstand mod region og land",
    text: () => FileAttachment("../../sql/commuting_distance_compare.sql").text(),
  },
];
