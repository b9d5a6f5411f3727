// npm run build: fetch all data anew and build the static site into dist/.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { clearDataCache, describeSource } from "./fresh-data.mjs";

// Accessibility fixes Framework 1.13 has no option for (src/components/page.ts does the same at
// run time): the page language, and the sidebar's <label> moved out of its <ol>.
function fixBuiltHtml(dir) {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".html")) continue;
    const file = join(dir, name);
    const html = readFileSync(file, "utf8")
      .replace(/^<!DOCTYPE html>\n<html>/, '<!DOCTYPE html>\n<html lang="da">')
      .replace(/(<nav id="observablehq-sidebar">\n)(  <ol>\n)(    <label id="observablehq-sidebar-close"[^>]*><\/label>\n)/, "$1$3$2");
    writeFileSync(file, html);
  }
}

clearDataCache();
console.log(`Building with data from ${describeSource()} …`);
const result = spawnSync("npx", ["observable", "build"], { stdio: "inherit", env: process.env });
if (result.status !== 0) process.exit(result.status ?? 1);
fixBuiltHtml("dist");
