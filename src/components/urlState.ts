/**
 * Page state in the URL, writing only what differs from the defaults, so a shared link opens the
 * same view: ?kommune=461&aar=2024&alder=25-44&retning=ud. The functions live in ./controls.js
 * (one module for a page's controls and their URL state); this module names them for the pages
 * that import them from here.
 */
export { bindParam, readParam, writeParam } from "./controls.js";
