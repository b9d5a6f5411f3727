import { readFileSync } from "node:fs";
import { dynamicPaths, municipalityCodes } from "./loaders/byAreaFiles.ts";

// Settings the municipality owns (title, default municipality, baseline year).
const site = JSON.parse(readFileSync(new URL("./data/site.json", import.meta.url), "utf8"));

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
  // No third-party requests: no Google Fonts stylesheet, fonts are self-hosted (src/components/page.ts).
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
  // One file per municipality for each dataset cut per municipality (src/lib/byArea.ts) and for
  // the pages' analyses computed at build time: the loaders src/data/by-area/<name>.zip.ts and
  // analyses.zip.ts write them all in one archive each. npm run build (BY_AREA_FILES=after-build)
  // has Framework copy one member per archive and writes the rest itself (loaders/byAreaFiles.ts);
  // a plain `observable build` copies every member.
  dynamicPaths: dynamicPaths(municipalityCodes(), process.env.BY_AREA_FILES === "after-build"),
  // TypeScript data loaders run in one node process each (the tsx CLI would start a second one):
  // about a quarter of a second less per loader, which adds up over the build's 30-odd loaders.
  interpreters: { ".ts": ["node", "--import", "tsx"] },
};
