/**
 * The code and the pages are formatted by prettier (.prettierrc.json; .prettierignore says what is
 * left alone: data, fixtures, snapshots, the mirror), the pages' js blocks by
 * scripts/format-pages.ts (prettier on each block, the HTML inside html`…` left as written).
 * `npm run format` fixes what this test finds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import * as prettier from "prettier";
import { unformattedPages } from "../scripts/format-pages.ts";
import { projectRoot } from "./paths.ts";

/** The project's files prettier is responsible for: tracked or new, not ignored. */
function sourceFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: projectRoot, encoding: "utf8" });
  return out
    .split("\n")
    .filter((f) => /^(loaders|src|scripts|test)\/.*\.(ts|mjs|js|md|css)$|^[^/]+\.ts$/.test(f))
    .filter((f) => !f.startsWith("src/.observablehq/"));
}

describe("formatting", () => {
  it("every source file is formatted with prettier (npm run format)", async () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const unformatted: string[] = [];
    for (const f of files) {
      const path = join(projectRoot, f);
      const info = await prettier.getFileInfo(path, { ignorePath: join(projectRoot, ".prettierignore") });
      if (info.ignored || !info.inferredParser) continue;
      const options = await prettier.resolveConfig(path);
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch {
        continue; // deleted in the work tree
      }
      if (!(await prettier.check(text, { ...options, filepath: path }))) unformatted.push(f);
    }
    expect(unformatted, "run npm run format").toEqual([]);
  }, 120_000);

  it("every page's js blocks are formatted (scripts/format-pages.ts)", async () => {
    expect(await unformattedPages(), "run npm run format").toEqual([]);
  }, 120_000);
});
