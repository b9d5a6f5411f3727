import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analysisPath, AREA_ANALYSES, areaPath, BY_AREA } from "./src/lib/byArea.ts";

// Settings the municipality owns (title, default municipality, baseline year).
const site = JSON.parse(readFileSync(new URL("./data/site.json", import.meta.url), "utf8"));

// The 98 municipality codes, from the geography folder the loaders read (loaders/geo.ts).
function municipalityCodes(): string[] {
  const csv = readFileSync(join(process.env.GEO_DIR || "snapshot/geo", "kommuner.csv"), "utf8");
  return csv
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(";")[0])
    .filter((code) => /^\d{3}$/.test(code));
}

export default {
  root: "src",
  // npm run build builds into a staging folder (BUILD_OUTPUT) and swaps it in for dist/ only when
  // the whole build succeeded (scripts/build.mjs).
  output: process.env.BUILD_OUTPUT || "dist",
  title: site.title,
  lang: "da",
  pages: [
    { name: "Målopfølgning", path: "/" },
    { name: "Befolkning og flytninger", path: "/befolkning" },
    { name: "Lokalsamfund", path: "/lokalsamfund" },
    { name: "Flytninger – migrationsanalyse", path: "/flytninger" },
    { name: "Tilflyttere – tilflytteranalyse", path: "/tilflyttere" },
    { name: "Præferencer – spørgeskema", path: "/praeferencer" },
    { name: "Økonomi og erhverv", path: "/oekonomi" },
    { name: "Befolkningsprognose", path: "/prognose" },
    { name: "Digital borgerbetjening", path: "/digitalisering" },
    { name: "SQL-arbejdsbord", path: "/arbejdsbord" },
    { name: "Om data", path: "/om-data" },
    { name: "Tilgængelighedserklæring", path: "/tilgaengelighed" },
  ],
  // No third-party requests: no Google Fonts stylesheet, fonts are self-hosted (src/components/fonts.ts).
  globalStylesheets: [],
  style: "style.css",
  head: '<meta name="robots" content="noindex"><link rel="icon" href="data:,">',
  header: "",
  footer: `${site.title} · Kilde: Danmarks Statistik (CC BY 4.0) · Open source`,
  toc: false,
  pager: false,
  search: false,
  sidebar: true,
  preserveExtension: false,
  preserveIndex: false,
  // One file per municipality for each dataset cut per municipality (src/lib/byArea.ts): the loader
  // src/data/by-area/<name>.zip.ts writes them all in one run, and the build copies each member.
  // The pages' analyses, computed at build time, likewise (src/data/by-area/analyses.zip.ts).
  dynamicPaths: [
    ...BY_AREA.flatMap((name) => municipalityCodes().map((code) => `/${areaPath(name, code)}`)),
    ...AREA_ANALYSES.flatMap((name) => municipalityCodes().map((code) => `/${analysisPath(name, code)}`)),
  ],
  // TypeScript data loaders run in one node process each (the tsx CLI would start a second one):
  // about a quarter of a second less per loader, which adds up over the build's 30-odd loaders.
  interpreters: { ".ts": ["node", "--import", "tsx"] },
};
