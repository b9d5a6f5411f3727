/**
 * The reference the page figures are measured against, built fresh in every bench run on the same
 * machine: a bare Observable Framework project in a temporary folder (one page, one Plot chart of
 * constant data, Plot imported from node_modules with a bare specifier, no global stylesheets),
 * built offline with the project's own Framework binary and node_modules.
 *
 * A second page, /moduler, is the same chart with EXTRA_MODULES more small module files imported
 * before it (a few lines each, as the site's own modules are): the difference between the two
 * pages is what one more module file costs the first chart on this machine, so a page's gap to the
 * reference can be split into its extra files and the rest (its data and its own work).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Reference {
  /** The temporary project folder (removed by the caller). */
  dir: string;
  /** Its built site. */
  dist: string;
  buildMs: number;
}

const CONFIG = `export default {
  root: "src",
  title: "Reference",
  globalStylesheets: [],
  pages: [{ name: "Reference", path: "/" }, { name: "Moduler", path: "/moduler" }],
};
`;

const PAGE = `# Reference

\`\`\`js
import * as Plot from "@observablehq/plot";
\`\`\`

\`\`\`js
display(Plot.plot({
  marks: [Plot.barY([{x: "a", y: 3}, {x: "b", y: 5}, {x: "c", y: 2}, {x: "d", y: 4}], {x: "x", y: "y"}), Plot.ruleY([0])]
}));
\`\`\`
`;

/** How many more module files /moduler loads than / (about the site's chart pages' excess). */
export const EXTRA_MODULES = 16;

// The chart waits for the modules, as a site page's first chart waits for the site's own modules.
const CHART = PAGE.slice(PAGE.indexOf("```js\ndisplay")).replace("```js\n", "```js\ntotal;\n");
const MODULES_PAGE = `# Moduler

\`\`\`js
import * as Plot from "@observablehq/plot";
${Array.from({ length: EXTRA_MODULES }, (_, i) => `import { value as v${i} } from "./m/m${i}.js";`).join("\n")}
\`\`\`

\`\`\`js
const total = ${Array.from({ length: EXTRA_MODULES }, (_, i) => `v${i}`).join(" + ")};
\`\`\`

${CHART}`;

export function buildReference(projectRoot: string): Reference {
  const dir = mkdtempSync(join(tmpdir(), "bench-reference-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "observablehq.config.js"), CONFIG);
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "bench-reference", private: true, type: "module" })}\n`);
  writeFileSync(join(dir, "src/index.md"), PAGE);
  writeFileSync(join(dir, "src/moduler.md"), MODULES_PAGE);
  mkdirSync(join(dir, "src/m"));
  for (let i = 0; i < EXTRA_MODULES; i++) {
    writeFileSync(
      join(dir, `src/m/m${i}.js`),
      `// module ${i} of ${EXTRA_MODULES}\nexport const value = ${i};\nexport function twice(x) {\n  return 2 * x + value;\n}\n`,
    );
  }
  // Framework resolves bare imports from ./node_modules: the project's own, so nothing is downloaded.
  symlinkSync(realpathSync(join(projectRoot, "node_modules")), join(dir, "node_modules"), "dir");
  const bin = join(projectRoot, "node_modules/@observablehq/framework/dist/bin/observable.js");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, "build"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
    timeout: 300_000,
  });
  const buildMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`reference build failed in ${dir} (exit ${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  return { dir, dist: join(dir, "dist"), buildMs };
}
