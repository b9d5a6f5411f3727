import { readFileSync } from "node:fs";
import { dynamicPaths, municipalityCodes } from "./loaders/byAreaFiles.ts";

// Settings the municipality owns (title, default municipality, baseline year).
const site = JSON.parse(readFileSync(new URL("./data/site.json", import.meta.url), "utf8"));

// preloadAreaFiles(["towns", "analyses/top_flows", …]): a page's first inline script calls it to
// start fetching the chosen municipality's own files (?kommune=, else the site's default) while
// its modules load. Only a 3-digit code becomes a path. The built site serves the files under
// data/by-area/; the preview server (whose data hrefs carry ?sha=) serves them only under _file/,
// so there it does nothing. The default municipality is data/site.json's, written in at build time:
// a link added only after fetching site.json could come after the page's own fetch of the same
// file, and the file would be downloaded twice. Plain JavaScript, written into every page's <head>.
const PRELOAD_AREA_FILES = `function preloadAreaFiles(files) {
  const site = document.querySelector('link[rel="preload"][href*="/data/site."]');
  const preload = (code) => {
    if (!/^\\d{3}$/.test(code)) return;
    for (const file of files) {
      const link = Object.assign(document.createElement("link"), { rel: "preload", as: "fetch", crossOrigin: "anonymous", href: "./data/by-area/" + file + "/" + code + ".arrow" });
      document.head.append(link);
    }
  };
  if (!site || site.getAttribute("href").includes("?")) return;
  preload(new URLSearchParams(location.search).get("kommune") || ${JSON.stringify(String(site.defaultKommune))});
}`;

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
  head: `<meta name="robots" content="noindex"><link rel="icon" href="data:,"><script>${PRELOAD_AREA_FILES}</script>`,
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
