/**
 * The datasets that pages fetch one municipality at a time: each is also cut into one file per
 * municipality (src/data/by-area/<name>.tar.ts → /data/by-area/<name>/<area>.arrow, which
 * observablehq.config.ts lists in dynamicPaths), so a page for one municipality never downloads
 * another municipality's detail. Pure: the config, the loaders and the browser read the same list.
 */
export const BY_AREA = ["flow_pairs", "population_ages", "migration_ages"] as const;

export type AreaDatasetName = (typeof BY_AREA)[number];

export function isByArea(name: string): name is AreaDatasetName {
  return (BY_AREA as readonly string[]).includes(name);
}

/** The path of one municipality's slice, from the site's root. */
export function areaPath(name: AreaDatasetName, area: string): string {
  return `data/by-area/${name}/${area}.arrow`;
}
