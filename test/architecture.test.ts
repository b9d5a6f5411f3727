/**
 * Imports run one way (README "How it fits together"):
 *
 *   src/lib          pure TypeScript: imports nothing from loaders/ or src/components/, no node:
 *                    modules and no DOM-only packages (htl, Plot, d3-selection …);
 *   loaders/         node, build time: imports nothing from src/components/;
 *   src/components/  the browser's charts and widgets: imports no runtime code from loaders/
 *                    (type-only imports are erased and allowed, but src/lib/types.ts is the place);
 *   src/*.md pages   import components and lib, never loaders/.
 *
 * Every import and export-from specifier of every source file is read (static and dynamic).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "./paths.ts";

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    if (f === "node_modules" || f === ".observablehq") continue;
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(f)) out.push(p);
  }
  return out;
}

interface Import {
  file: string;
  specifier: string;
  /** The imported file relative to the project, for relative specifiers. */
  target: string | null;
  typeOnly: boolean;
}

const SPECIFIER = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'"`;]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const out: Import[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const specifier = m[3] ?? m[4];
    if (!specifier) continue;
    const target = specifier.startsWith(".")
      ? relative(projectRoot, resolve(dirname(file), specifier))
          .split("\\")
          .join("/")
      : null;
    out.push({ file: relative(projectRoot, file).split("\\").join("/"), specifier, target, typeOnly: Boolean(m[2]) });
  }
  return out;
}

const all = [...files(join(projectRoot, "src"), /\.(ts|md|js)$/), ...files(join(projectRoot, "loaders"), /\.ts$/)].flatMap(importsOf);

const DOM_PACKAGES = /^(htl|@observablehq\/(plot|inputs)|d3$|d3-(selection|zoom|brush|transition|drag)$|npm:)/;

describe("imports run one way", () => {
  it("finds the imports (the scan works)", () => {
    expect(all.filter((i) => i.file.startsWith("src/lib/")).length).toBeGreaterThan(10);
    expect(all.some((i) => i.file === "src/index.md" && i.target?.startsWith("src/lib/"))).toBe(true);
  });

  it("src/lib imports nothing from loaders/ or src/components/, no node: modules and no DOM packages", () => {
    const bad = all.filter(
      (i) =>
        i.file.startsWith("src/lib/") &&
        (i.target?.startsWith("loaders/") || i.target?.startsWith("src/components/") || i.specifier.startsWith("node:") || DOM_PACKAGES.test(i.specifier)),
    );
    expect(bad.map((i) => `${i.file} imports ${i.specifier}`)).toEqual([]);
  });

  it("loaders/ imports nothing from src/components/", () => {
    const bad = all.filter((i) => i.file.startsWith("loaders/") && i.target?.startsWith("src/components/"));
    expect(bad.map((i) => `${i.file} imports ${i.specifier}`)).toEqual([]);
  });

  it("src/components/ and the pages import nothing from loaders/ (types come from src/lib/types.ts)", () => {
    const bad = all.filter((i) => (i.file.startsWith("src/components/") || /^src\/[^/]+\.md$/.test(i.file)) && i.target?.startsWith("loaders/"));
    expect(bad.map((i) => `${i.file} imports ${i.specifier}${i.typeOnly ? " (type only)" : ""}`)).toEqual([]);
  });

  it("src/data loaders (build time) may use loaders/, but no browser component", () => {
    const bad = all.filter((i) => i.file.startsWith("src/data/") && i.target?.startsWith("src/components/"));
    expect(bad.map((i) => `${i.file} imports ${i.specifier}`)).toEqual([]);
  });
});
