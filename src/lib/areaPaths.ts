/**
 * The datasets that pages fetch one municipality at a time: each is also cut into one file per
 * municipality (src/data/by-area/<name>.zip.ts → /data/by-area/<name>/<area>.arrow, which
 * observablehq.config.ts lists in dynamicPaths), so a page for one municipality never downloads
 * another municipality's detail. Pure: the config, the loaders and the browser read the same list.
 * (src/lib/byArea.ts adds the analyses computed per municipality; the browser reads this alone, so
 * it does not load the analyses' registry.)
 */
import type { AnalysisName } from "./analyses.js";

export const BY_AREA = [
  "flow_pairs",
  "population_ages",
  "migration_ages",
  "population_agegroups",
  "migration_totals",
  "towns",
  "projection",
  "indicators",
] as const;

export type AreaDatasetName = (typeof BY_AREA)[number];

export function isByArea(name: string): name is AreaDatasetName {
  return (BY_AREA as readonly string[]).includes(name);
}

/** The path of one municipality's slice, from the site's root. */
export function areaPath(name: AreaDatasetName, area: string): string {
  return `data/by-area/${name}/${area}.arrow`;
}

/** The path of one municipality's rows of an analysis result, from the site's root. */
export function analysisPath(name: AnalysisName, area: string): string {
  return `data/by-area/analyses/${name}/${area}.arrow`;
}
