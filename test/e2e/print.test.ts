/**
 * The scorecard on paper: `npm run report` (scripts/report.ts) prints the built front page as an
 * A4 PDF that politicians attach to a committee meeting. The PDF's text, read back with poppler's
 * pdftotext (word boxes, page by page), must open with the key figures, keep no screen-only text,
 * end no page with a lone heading, and start page 1's goals with one that has figures.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../paths.ts";
import { danishThousands, latestPopulationFromMirror } from "./mirrorFacts.ts";

interface Line {
  text: string;
  xMin: number;
  yMin: number;
}
interface Page {
  width: number;
  /** Lines from the top down (then left to right). */
  lines: Line[];
  /** pdftotext's blocks of text in its reading order, each block's lines joined. */
  blocks: string[];
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&");

const linesOf = (xml: string): Line[] =>
  [...xml.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)]
    .map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), text: [...m[3].matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => unescape(w[1])).join(" ") }))
    // the footer that scripts/report.ts puts on every page ("… side 1 af 3")
    .filter((l) => l.text.trim() && !/side \d+ af \d+/.test(l.text));

/** Every page's text lines with their position (points from the top left), footer left out. */
function pdfPages(file: string): Page[] {
  const r = spawnSync("pdftotext", ["-bbox-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout
    .split("<page ")
    .slice(1)
    .map((chunk) => ({
      width: Number(/width="([\d.]+)"/.exec(chunk)![1]),
      lines: linesOf(chunk).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin),
      blocks: chunk
        .split("</block>")
        .map((b) =>
          linesOf(b)
            .map((l) => l.text)
            .join(" "),
        )
        .filter((t) => t.trim()),
    }));
}

const goalsYaml = readFileSync(join(projectRoot, "data/goals.yaml"), "utf8");
const goalTitles = [...goalsYaml.matchAll(/^\s+title: (.+)$/gm)].map((m) => m[1].trim());
const headings = [...new Set([...goalsYaml.matchAll(/^\s+area: (.+)$/gm)].map((m) => m[1].trim())), "Mål målt på eksempeldata (tæller ikke med)"];
/** A line that starts a goal card: its title, or the first line of a title that wraps. */
const isTitleLine = (l: Line) => l.text.length >= 8 && goalTitles.some((t) => t === l.text || t.startsWith(`${l.text} `));
const isHeadingLine = (l: Line) => headings.some((h) => h === l.text || (l.text.length >= 8 && h.startsWith(`${l.text} `)));

/** Text meant for the screen only: the picker's hint, the programmer's line, the list of pages, controls. */
const SCREEN_ONLY = [
  "Vælg en kommune",
  "valget følger med",
  "npm run report",
  "Udskriv som bilag",
  "browserens udskriv",
  "Henter tallene",
  "Se detaljer",
  "Hent målopfølgningen",
  "Hent tidsserierne",
  "Vis tallene som tabel",
  "SQL-arbejdsbord",
  "Tilgængelighedserklæring",
  "Vis eller skjul sidepanelet",
  "Open source",
  "Læg kommunens egne",
  "eksempel.csv",
];

function report(kommune: string): Page[] {
  const out = join(projectRoot, `test-results/report-${kommune}.pdf`);
  rmSync(out, { force: true });
  // exactly what `npm run report -- --kommune 260 --out …` runs (dist/ is built by the global setup)
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/report.ts", "--kommune", kommune, "--out", out], {
    cwd: projectRoot,
    encoding: "utf8",
    timeout: 150_000,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stderr).not.toContain("console errors");
  // page 1 as a picture, for a look by eye
  mkdirSync(join(projectRoot, "test-results/screenshots"), { recursive: true });
  spawnSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", out, join(projectRoot, `test-results/screenshots/report-${kommune}-page1`)]);
  return pdfPages(out);
}

describe("the scorecard printed as a committee appendix (npm run report)", () => {
  for (const [kommune, name] of [
    ["260", "Halsnæs"],
    ["420", "Assens"],
  ] as const) {
    // soft assertions: a failing report lists every problem of the PDF at once
    it(`${kommune} ${name}: page 1 has the key figures, the PDF no screen-only text, no page a lone heading, and the first card has figures`, () => {
      const pages = report(kommune);
      expect(pages.length).toBeGreaterThan(1);
      const all = pages.flatMap((p) => p.blocks).join("\n");
      const page1 = pages[0].blocks.join(" ");

      // page 1 opens with the title, then the municipality and the date it was printed …
      expect.soft(pages[0].lines[0].text).toMatch(/målopfølgning/);
      expect.soft(pages[0].lines[1].text).toMatch(new RegExp(`^${name} · målopfølgning udskrevet \\d{1,2}\\.\\d{1,2}\\.\\d{4}`));
      // … and the headline: the newest population (from the mirror file itself), the change, the tally
      expect.soft(page1).toContain(`Folketal i ${name}`);
      expect.soft(page1).toContain(danishThousands(latestPopulationFromMirror(kommune).value));
      expect.soft(page1).toContain("Ændring siden 1. januar 2011");
      // (the headline's figures stand side by side: each is looked for on its own)
      if (kommune === "260") {
        expect.soft(page1).toMatch(/\d+ mål på rigtige tal \(uden eksempeldata\)/);
        expect.soft(page1).toMatch(/(^|\s)\d+ nået(\s|$)/);
        expect.soft(page1).toMatch(/\d+ ikke nået · \d+ undervejs · \d+ uden data/);
      } else {
        expect.soft(page1).toMatch(/\d+ mål fra Halsnæs Kommune/);
        expect.soft(page1).toContain("Ikke vurderet");
      }

      // nothing meant for the screen, anywhere
      for (const s of SCREEN_ONLY) expect.soft(all, s).not.toContain(s);
      expect.soft(pages.flatMap((p) => p.lines.map((l) => l.text))).not.toContain("Sider");

      // every goal is printed (missing ones too), and no heading is left without a card under it on its page
      for (const title of goalTitles) expect.soft(all.replace(/\s+/g, " "), title).toContain(title);
      pages.forEach((page, i) => {
        const last = page.lines.at(-1)!;
        expect.soft(isHeadingLine(last), `page ${i + 1} ends with the heading "${last.text}"`).toBe(false);
        for (const line of page.lines.filter(isHeadingLine)) {
          expect
            .soft(
              page.lines.some((l) => l.yMin > line.yMin && isTitleLine(l)),
              `page ${i + 1}: "${line.text}" has no card under it`,
            )
            .toBe(true);
        }
      });

      // the first card on page 1 (top left) shows figures, not "Data mangler"
      const lines = pages[0].lines;
      const first = lines.find(isTitleLine);
      expect(first, "page 1 has a goal card").toBeDefined();
      const half = pages[0].width / 2;
      const sameColumn = (l: Line) => (first!.xMin < half ? l.xMin < half : l.xMin >= half);
      const below = lines.filter((l) => l.yMin > first!.yMin && sameColumn(l));
      const end = below.findIndex((l) => isTitleLine(l) || isHeadingLine(l));
      const card = [first!, ...(end < 0 ? below : below.slice(0, end))].map((l) => l.text).join(" ");
      expect.soft(card, `first card on page 1: ${card}`).not.toContain("Data mangler");
      expect.soft(card).toMatch(/Seneste \(\d{4}\) .*\d/);
    }, 180_000);
  }
});
