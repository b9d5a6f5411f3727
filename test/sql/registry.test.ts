/**
 * One registry of analyses (src/lib/analyses.ts): every src/sql file is in it, each entry names
 * exactly the tables its file reads (FROM and JOIN, less the query's own CTEs), the datasets exist
 * as loaders in src/data, and the pages take the datasets from the registry instead of restating
 * them at each call.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYSES, SURVEY_ANALYSIS_TABLES } from "../../src/lib/analyses.ts";
import { AREA_ANALYSES } from "../../src/lib/byArea.ts";
import { thinLoaders } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

const sqlDir = join(projectRoot, "src/sql");
const files = readdirSync(sqlDir)
  .filter((f) => f.endsWith(".sql"))
  .map((f) => f.slice(0, -4))
  .sort();
const datasets = new Set(
  thinLoaders()
    .filter((l) => !l.file.endsWith(".json.ts"))
    .map((l) => l.dataset),
);

/** The tables a query reads: names after FROM/JOIN that are not its own CTEs (`name AS (`). */
function tablesRead(sql: string): string[] {
  const text = sql.replace(/--[^\n]*/g, "");
  const ctes = new Set([...text.matchAll(/\b([a-z_][a-z0-9_]*)\s+AS\s*\(/gi)].map((m) => m[1].toLowerCase()));
  const read = [...text.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)/gi)].map((m) => m[1].toLowerCase());
  return [...new Set(read.filter((t) => !ctes.has(t) && t !== "range" && t !== "unnest" && t !== "generate_series"))].sort();
}

describe("the registry of analyses", () => {
  it("has one entry per SQL file, and no other", () => {
    expect(Object.keys(ANALYSES).sort()).toEqual(files);
  });

  it.each(files)("%s: the registry names exactly the tables the file reads, and each is a dataset or a survey table", (name) => {
    const sql = readFileSync(join(sqlDir, `${name}.sql`), "utf8");
    const entry = ANALYSES[name as keyof typeof ANALYSES];
    expect([...entry.datasets].sort()).toEqual(tablesRead(sql));
    for (const t of entry.datasets) expect(datasets.has(t) || SURVEY_ANALYSIS_TABLES.includes(t), t).toBe(true);
    expect(entry.workbench, "the workbench offers exactly the analyses over datasets").toBe(entry.datasets.every((t) => datasets.has(t)));
  });

  it("the pages read the analyses computed at build time by their registry names, and run none in the browser", () => {
    const pages = readdirSync(join(projectRoot, "src")).filter((f) => f.endsWith(".md"));
    const unknown: string[] = [];
    const inBrowser: string[] = [];
    let calls = 0;
    for (const p of pages) {
      const text = readFileSync(join(projectRoot, "src", p), "utf8");
      for (const m of text.matchAll(/loadAreaResult(?:Meta)?\("([a-z_]+)"/g)) {
        calls++;
        if (!(AREA_ANALYSES as readonly string[]).includes(m[1])) unknown.push(`${p}: ${m[1]}`);
      }
      // (the survey page runs its own analyses on the uploaded file; the workbench runs any)
      if (!["praeferencer.md", "arbejdsbord.md"].includes(p) && /runAnalysis\(/.test(text)) inBrowser.push(p);
    }
    expect(calls).toBeGreaterThanOrEqual(10);
    expect(unknown).toEqual([]);
    expect(inBrowser).toEqual([]);
  });
});
