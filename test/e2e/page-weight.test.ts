/**
 * What each built page loads up front (its modulepreload links): the heavy libraries stay out of
 * the pages that do not need them before their first chart. Sizes are measured by `npm run bench`;
 * this guards the composition, so a stray import (the d3 umbrella, apache-arrow) shows up in CI.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import config from "../../observablehq.config.ts";
import { projectRoot } from "../paths.ts";

function preloads(path: string): string[] {
  const file = join(projectRoot, "dist", path === "/" ? "index.html" : `${path.slice(1)}.html`);
  return [...readFileSync(file, "utf8").matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
}
const has = (list: string[], pkg: string) => list.some((href) => href.includes(`/_node/${pkg}@`));
const pages: string[] = config.pages.map((p: { path: string }) => p.path);

describe("what the pages load up front", () => {
  it("no page preloads apache-arrow, DuckDB-wasm or Observable Inputs, and no chart page the DuckDB glue", () => {
    for (const path of ["/", ...pages]) {
      const list = preloads(path);
      for (const pkg of ["apache-arrow", "@duckdb/duckdb-wasm", "@observablehq/inputs"]) expect(has(list, pkg), `${path} preloads ${pkg}`).toBe(false);
      // (the SQL workbench is the one page whose engine needs it from the start)
      if (path !== "/arbejdsbord")
        expect(
          list.some((href) => /components\/db\.[0-9a-f]+\.js$/.test(href)),
          `${path} preloads db.js`,
        ).toBe(false);
    }
  });

  it("the scorecard (/) loads neither Plot nor the d3 umbrella; the workbench loads Plot with its first result", () => {
    for (const path of ["/", "/arbejdsbord", "/om-data"]) {
      const list = preloads(path);
      expect(has(list, "@observablehq/plot"), `${path} preloads Plot`).toBe(false);
      expect(has(list, "d3"), `${path} preloads d3`).toBe(false);
    }
  });

  it("the flow map's code (topojson-client) is not preloaded by the migration page", () => {
    expect(has(preloads("/flytninger"), "topojson-client")).toBe(false);
  });

  it("every chart page decodes its Arrow files with flechette", () => {
    for (const path of ["/", "/befolkning", "/flytninger", "/tilflyttere", "/praeferencer", "/oekonomi", "/prognose"])
      expect(has(preloads(path), "@uwdata/flechette"), path).toBe(true);
  });

  it("every chart page fetches the municipality list, the settings and its first chart's data from the start", () => {
    const firstData: Record<string, string[]> = {
      // (the goal indicators are the chosen municipality's file, data/by-area/indicators/<kommune>.arrow: fetched by the page)
      "/": ["goals", "population", "neighbours"],
      "/befolkning": ["population"],
      // (their first chart needs the chosen municipality's file, data/by-area/migration_totals/<kommune>.arrow: fetched by the page)
      "/flytninger": [],
      "/tilflyttere": [],
      // (its first chart needs the chosen municipality's age groups, data/by-area/population_agegroups/<kommune>.arrow: fetched by the page)
      "/praeferencer": [],
      "/oekonomi": ["income"],
      // (and the chosen municipality's projection, data/by-area/projection/<kommune>.arrow: fetched by the page)
      "/prognose": ["adopted_forecast", "population"],
    };
    for (const [path, datasets] of Object.entries(firstData)) {
      const html = readFileSync(join(projectRoot, "dist", path === "/" ? "index.html" : `${path.slice(1)}.html`), "utf8");
      const preloaded = [
        ...html.matchAll(/<link rel="preload" href="\.\/_file\/data\/([a-z_]+)\.[0-9a-f]+\.(json|arrow)" as="fetch" crossorigin="anonymous">/g),
      ].map((m) => m[1]);
      expect(preloaded, path).toEqual(expect.arrayContaining(["municipalities", "site", ...datasets]));
    }
  });
});
