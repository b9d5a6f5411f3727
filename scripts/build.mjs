// npm run build: fetch all data anew and build the static site into dist/, safely.
//
// The site that was published before is never lost: Framework empties its output folder before
// any loader runs, so the build goes to a staging folder (.build-staging/) and replaces dist/
// only when the whole build succeeded. The loader cache is moved aside rather than deleted (so
// every dataset is fetched anew) and put back if the build fails. At the end a summary lists
// each dataset: rows, source, status and what is missing.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { describeSource } from "./fresh-data.mjs";

const DIST = "dist";
const STAGING = ".build-staging";
const CACHE = "src/.observablehq/cache/data";
const CACHE_ASIDE = ".build-cache-aside";

// Accessibility fixes Framework 1.13 has no option for (src/components/page.ts does the same at
// run time): the page language, the sidebar's <label> moved out of its <ol>, zoom allowed, and a
// label on the sidebar toggle.
function fixBuiltHtml(dir) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".html")) continue;
    const file = join(dir, name);
    const html = readFileSync(file, "utf8")
      .replace(/^<!DOCTYPE html>\n<html>/, '<!DOCTYPE html>\n<html lang="da">')
      .replace(/(<nav id="observablehq-sidebar">\n)(  <ol>\n)(    <label id="observablehq-sidebar-close"[^>]*><\/label>\n)/, "$1$3$2")
      // Zoom must stay possible (WCAG 1.4.4): no maximum-scale.
      .replace(/(<meta name="viewport" content="[^"]*?),\s*maximum-scale=[\d.]+/, "$1")
      // The sidebar toggle has only a title (axe label-title-only): give it a Danish label.
      .replace(
        '<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">',
        '<input id="observablehq-sidebar-toggle" type="checkbox" title="Vis eller skjul sidepanelet" aria-label="Vis eller skjul sidepanelet">',
      );
    writeFileSync(file, html);
  }
}

/** One line per dataset of the built site, from the provenance in each Arrow file's schema. */
function buildSummary(dir) {
  const dataDir = join(dir, "_file", "data");
  if (!existsSync(dataDir)) return ["(no datasets)"];
  const lines = [];
  // whole datasets: data/<name>.<hash>.arrow, and data/by-area/<name>/all.<hash>.arrow for those cut per municipality
  const byArea = join(dataDir, "by-area");
  const files = [
    ...readdirSync(dataDir).map((name) => join(dataDir, name)),
    ...(existsSync(byArea) ? readdirSync(byArea).flatMap((d) => readdirSync(join(byArea, d)).map((f) => join(byArea, d, f))) : []),
  ].filter((f) => f.endsWith(".arrow"));
  for (const file of files) {
    const name = file.slice(dataDir.length + 1);
    let meta;
    try {
      meta = JSON.parse(tableFromIPC(readFileSync(file)).schema.metadata.get("provenance") ?? "null");
    } catch (e) {
      lines.push(`${name}: unreadable (${e.message})`);
      continue;
    }
    if (!meta) continue;
    if (meta.slice) continue;
    const sources =
      [...new Set((meta.sources ?? []).map((s) => `${s.table} (${s.source?.kind ?? "?"})`))].join(", ") ||
      (meta.missing?.length ? "no source" : "the municipality's own files");
    const missing = (meta.missing ?? []).map((m) => `${m.table}: ${m.what}`);
    const adapted = [...new Set((meta.sources ?? []).flatMap((s) => s.adaptations ?? []))];
    lines.push(
      `${meta.dataset.padEnd(24)} ${String(meta.rows).padStart(8)} rows  ${meta.status.padEnd(8)} ${sources}` +
        (missing.length
          ? `\n${"".padEnd(26)}data mangler: ${missing.slice(0, 4).join("; ")}${missing.length > 4 ? `; … (${missing.length} in all)` : ""}`
          : "") +
        adapted.map((a) => `\n${"".padEnd(26)}tilpasset: ${a}`).join(""),
    );
  }
  return lines.sort();
}

function restoreCache() {
  if (!existsSync(CACHE_ASIDE)) return;
  rmSync(CACHE, { recursive: true, force: true });
  renameSync(CACHE_ASIDE, CACHE);
}

// No fallback to the snapshot here (npm start has one): a publishing build whose source fails
// stops and leaves the published site as it was.
async function main() {
  const env = process.env;
  rmSync(STAGING, { recursive: true, force: true });
  rmSync(CACHE_ASIDE, { recursive: true, force: true });
  if (existsSync(CACHE)) renameSync(CACHE, CACHE_ASIDE);
  rmSync("src/.observablehq/cache/fonts", { recursive: true, force: true });
  console.log(`Building with data from ${describeSource(env)} into ${STAGING}/ (${DIST}/ is replaced only if everything succeeds) …`);
  // BY_AREA_FILES=after-build: Framework copies one member of each per-municipality archive, and
  // scripts/by-area-files.ts writes them all afterwards, reading each archive once (loaders/byAreaFiles.ts).
  const buildEnv = { ...env, BUILD_OUTPUT: STAGING, BY_AREA_FILES: "after-build" };
  // Framework runs the data loaders one after another; scripts/run-loaders.mjs runs the same loaders
  // a few at a time into its cache first, so the build finds every output there (loaders/cli/runLoaders.ts).
  let result = spawnSync(process.execPath, ["scripts/run-loaders.mjs"], { stdio: "inherit", env: buildEnv });
  if (result.status === 0) result = spawnSync("npx", ["observable", "build"], { stdio: "inherit", env: buildEnv });
  if (result.status === 0) {
    result = spawnSync(process.execPath, ["--import", "tsx", "scripts/by-area-files.ts", "src/.observablehq/cache", STAGING], { stdio: "inherit", env });
  }
  if (result.status !== 0) {
    restoreCache();
    rmSync(STAGING, { recursive: true, force: true });
    const kept = existsSync(DIST) ? `${DIST}/ is left exactly as it was` : `there was no ${DIST}/ before, and none is written`;
    console.error(`\nThe build failed (see the loader's message above); ${kept}.`);
    process.exit(result.status || 1);
  }
  fixBuiltHtml(STAGING);
  const summary = buildSummary(STAGING);
  const old = `${DIST}.old-${process.pid}`;
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(STAGING, DIST);
  rmSync(old, { recursive: true, force: true });
  rmSync(CACHE_ASIDE, { recursive: true, force: true });
  console.log(`\nDatasets in ${DIST}/:\n${summary.map((l) => `  ${l}`).join("\n")}\n\nThe site is in ${DIST}/.`);
}

await main();
