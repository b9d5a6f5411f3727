/**
 * The datasets and analyses that pages fetch one municipality at a time. The paths are in
 * ./areaPaths.js (what the browser loads); the analyses' list is here, with their registry, for
 * the config, the loaders and the tests.
 */
import { ANALYSES, type AnalysisName } from "./analyses.js";

export * from "./areaPaths.js";

/**
 * The analyses the pages show, computed at build time and cut per municipality
 * (loaders/analysisResults.ts → /data/by-area/analyses/<analysis>/<area>.arrow): every analysis
 * the SQL workbench offers (the survey's run on the uploaded file, in the browser).
 */
export const AREA_ANALYSES = (Object.keys(ANALYSES) as AnalysisName[]).filter((n) => ANALYSES[n].workbench);
