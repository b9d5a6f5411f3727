/**
 * The reference the page figures are measured against, built fresh in every bench run on the same
 * machine: a bare Observable Framework project in a temporary folder (one page, one Plot chart of
 * constant data, Plot imported from node_modules with a bare specifier, no global stylesheets),
 * built offline with the project's own Framework binary and node_modules.
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
  pages: [{ name: "Reference", path: "/" }],
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

export function buildReference(projectRoot: string): Reference {
  const dir = mkdtempSync(join(tmpdir(), "bench-reference-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "observablehq.config.js"), CONFIG);
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "bench-reference", private: true, type: "module" })}\n`);
  writeFileSync(join(dir, "src/index.md"), PAGE);
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
