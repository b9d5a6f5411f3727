/**
 * The pages' analyses (src/sql/*.sql) that the workbench can open as a starting point, with the
 * labels of the registry (src/lib/analyses.ts). One static FileAttachment per file, so Framework
 * bundles them; the survey analyses are left out, as their tables exist only on the survey page
 * after a file is read.
 */
import { FileAttachment } from "observablehq:stdlib";
import { ANALYSES as REGISTRY, type AnalysisName } from "../../lib/analyses.js";

export interface Analysis {
  file: string;
  label: string;
  text: () => Promise<string>;
}

const TEXTS: Partial<Record<AnalysisName, () => Promise<string>>> = {
  top_flows: () => FileAttachment("../../sql/top_flows.sql").text(),
  flows_by_zone: () => FileAttachment("../../sql/flows_by_zone.sql").text(),
  migration_summary: () => FileAttachment("../../sql/migration_summary.sql").text(),
  migration_effectiveness: () => FileAttachment("../../sql/migration_effectiveness.sql").text(),
  age_profile: () => FileAttachment("../../sql/age_profile.sql").text(),
  families_proxy: () => FileAttachment("../../sql/families_proxy.sql").text(),
  net_migration_rate: () => FileAttachment("../../sql/net_migration_rate.sql").text(),
  commuting_summary: () => FileAttachment("../../sql/commuting_summary.sql").text(),
  commuting_destinations: () => FileAttachment("../../sql/commuting_destinations.sql").text(),
  commuting_distance_compare: () => FileAttachment("../../sql/commuting_distance_compare.sql").text(),
  group_migration_rates: () => FileAttachment("../../sql/group_migration_rates.sql").text(),
  group_migration_effectiveness: () => FileAttachment("../../sql/group_migration_effectiveness.sql").text(),
  group_families: () => FileAttachment("../../sql/group_families.sql").text(),
  group_commuting_distance: () => FileAttachment("../../sql/group_commuting_distance.sql").text(),
};

/** The registry's workbench analyses, in its order. */
export const ANALYSES: Analysis[] = (Object.keys(REGISTRY) as AnalysisName[])
  .filter((name) => REGISTRY[name].workbench)
  .map((name) => {
    const text = TEXTS[name];
    if (!text) throw new Error(`src/lib/analyses.ts: ${name} is for the workbench, but src/components/workbench/analyses.ts has no FileAttachment for it`);
    return { file: name, label: REGISTRY[name].label, text };
  });
