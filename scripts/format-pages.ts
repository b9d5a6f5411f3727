/**
 * Formats the JavaScript of the pages (the ```js blocks of src/**\/*.md) with prettier, as
 * prettier formats the .ts files; prettier itself leaves them alone here
 * (embeddedLanguageFormatting "off", so that it never re-indents the HTML inside html`…`
 * templates, where whitespace is text a reader sees).
 *
 * A block that is a single expression without a semicolon is one Framework displays: prettier
 * would end it with ";", which would stop Framework from displaying it, so that semicolon is left
 * off again.
 *
 *   npx tsx scripts/format-pages.ts          formats the pages in place
 *   npx tsx scripts/format-pages.ts --check  lists the pages that are not formatted, exits 1
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const root = fileURLToPath(new URL("..", import.meta.url));
const BLOCK = /^```js([^\n]*)\n([\s\S]*?)^```$/gm;

/** The page's text with every js block formatted. */
export async function formatPage(text: string, file: string): Promise<string> {
  const options = { ...(await prettier.resolveConfig(join(root, "src/index.ts"))), parser: "babel" as const, embeddedLanguageFormatting: "off" as const };
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(BLOCK)) {
    const [whole, info, code] = m;
    parts.push(text.slice(last, m.index));
    last = m.index! + whole.length;
    let formatted: string;
    try {
      formatted = await prettier.format(code, options);
    } catch (e) {
      throw new Error(`${file}: a js block does not parse: ${(e as Error).message.split("\n")[0]}`);
    }
    if (isDisplayedExpression(code)) formatted = formatted.replace(/;\n$/, "\n");
    parts.push("```js" + info + "\n" + formatted + "```");
  }
  parts.push(text.slice(last));
  return parts.join("");
}

/** A block Framework displays: one expression statement, written without a trailing semicolon. */
function isDisplayedExpression(code: string): boolean {
  const trimmed = code.trim();
  if (trimmed.endsWith(";")) return false;
  try {
    // `(…)` parses only when the whole block is one expression.
    new Function(`return (async () => (\n${trimmed}\n))`);
    return true;
  } catch {
    return false;
  }
}

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === ".observablehq") return [];
    return statSync(p).isDirectory() ? pages(p) : f.endsWith(".md") ? [p] : [];
  });
}

/** The pages whose js blocks are not formatted. */
export async function unformattedPages(): Promise<string[]> {
  const out: string[] = [];
  for (const p of pages(join(root, "src"))) {
    const text = readFileSync(p, "utf8");
    if ((await formatPage(text, relative(root, p))) !== text) out.push(relative(root, p));
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--check")) {
    const bad = await unformattedPages();
    for (const p of bad) process.stdout.write(`${p}: js blocks not formatted (npm run format)\n`);
    process.exit(bad.length ? 1 : 0);
  }
  for (const p of pages(join(root, "src"))) {
    const text = readFileSync(p, "utf8");
    const out = await formatPage(text, relative(root, p));
    if (out !== text) {
      writeFileSync(p, out);
      process.stdout.write(`${relative(root, p)}\n`);
    }
  }
}
