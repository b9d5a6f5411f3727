/**
 * Small numbers on screen: the municipality's own register extract. For every municipality and
 * year in an extract (the shipped example and a seeded one with many small cells in four
 * municipalities), every number the mover page shows is checked:
 *   - it is a sum of cells the loader left shown, never of a hidden one, so no combination of
 *     shown numbers (a total minus its parts, one table minus another) involves a hidden cell;
 *   - it is 0 or at least 3, and so is every difference between two shown sums whose cells nest;
 *   - hidden cells reach the browser as null (the loader drops their values), and the CSV download
 *     says "skjult" where the page does.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { moverExtract } from "../../loaders/extracts.ts";
import { extractCsvRows, extractTables, FAMILY_TYPES, type ExtractRow } from "../../src/components/extractView.ts";
import { projectRoot } from "../paths.ts";

interface Row extends ExtractRow {
  area: string;
}

function rowsOf(dataset: { columns: Record<string, { values: ReadonlyArray<unknown> }> }): Row[] {
  const cols = Object.entries(dataset.columns);
  const n = cols[0][1].values.length;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(cols.map(([k, c]) => [k, c.values[i]])) as unknown as Row);
}

/** A seeded extract: 4 municipalities × 2 years × 4 family types × 6 origins × 4 workplaces, many 0–4 counts. */
function seededExtract(): string {
  let seed = 20261124;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ["kommune;aar;familietype;fra_kommune;arbejdssted;antal"];
  for (const area of ["260", "250", "270", "210"])
    for (const year of [2023, 2024])
      for (const [type] of FAMILY_TYPES)
        for (const origin of ["101", "147", "157", "219", "udland", area === "260" ? "250" : "260"])
          for (const workplace of ["101", area, "ingen", "udland"]) {
            const r = rand();
            const count = r < 0.3 ? 0 : r < 0.55 ? 1 + Math.floor(rand() * 2) : 3 + Math.floor(rand() * 25);
            lines.push(`${area};${year};${type};${origin};${workplace};${r > 0.97 ? ".." : count}`);
          }
  return `${lines.join("\r\n")}\r\n`;
}

const tmp = mkdtempSync(join(tmpdir(), "extract-screen-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const names = new Map([
  ["101", "København"],
  ["260", "Halsnæs"],
]);

async function extracts(): Promise<[string, Row[]][]> {
  writeFileSync(join(tmp, "seeded.csv"), seededExtract());
  return [
    ["the example", rowsOf(await moverExtract(join(projectRoot, "data", "extracts")))],
    ["a seeded extract", rowsOf(await moverExtract(tmp))],
  ];
}

describe("the register extract on screen: nothing below 3, not even by subtraction", async () => {
  for (const [label, all] of await extracts()) {
    const areas = [...new Set(all.map((r) => r.area))];
    it(`${label}: every municipality (${areas.length}) and year`, () => {
      expect(all.some((r) => r.movers === null && r.suppressed === 1)).toBe(true);
      expect(all.filter((r) => r.suppressed === 1).every((r) => r.movers === null)).toBe(true);
      let checked = 0;
      for (const area of areas) {
        const rows = all.filter((r) => r.area === area);
        const years = [...new Set(rows.map((r) => r.year))];
        // the page shows all years in one table and the newest in the others; each year on its own too
        for (const subset of [rows, ...years.map((y) => rows.filter((r) => r.year === y))]) {
          const tables = extractTables(subset, { names, area });
          const exact: { value: number; cells: Set<ExtractRow> }[] = [];
          for (const t of tables)
            for (const line of t.body)
              for (const cell of line.cells) {
                checked++;
                const shown = cell.rows.filter((r) => r.movers !== null);
                const hidden = cell.rows.length - shown.length;
                const sum = shown.reduce((s, r) => s + r.movers!, 0);
                // each shown cell is 0 or ≥ 3, so any sum of them is too
                expect(shown.every((r) => r.movers === 0 || r.movers! >= 3)).toBe(true);
                if (hidden === 0) {
                  expect(cell.text).toBe(sum.toLocaleString("da-DK"));
                  exact.push({ value: sum, cells: new Set(cell.rows) });
                } else if (sum === 0) {
                  expect(cell.text).toBe("skjult");
                } else {
                  // "mindst N" is the shown part only: never a total that includes a hidden cell
                  expect(cell.text).toBe(`mindst ${sum.toLocaleString("da-DK")}`);
                  expect(sum).toBeGreaterThanOrEqual(3);
                }
              }
          // subtraction: a shown total minus a shown part of it is a sum of shown cells, 0 or ≥ 3
          for (const a of exact)
            for (const b of exact) {
              if (a === b || b.cells.size >= a.cells.size || ![...b.cells].every((c) => a.cells.has(c))) continue;
              const diff = a.value - b.value;
              expect(diff === 0 || diff >= 3).toBe(true);
            }
        }
        // the CSV download holds the same cells, hidden ones as "skjult"
        const csv = extractCsvRows(rows, names, area);
        expect(csv.filter((r) => r.personer === "skjult")).toHaveLength(rows.filter((r) => r.movers === null).length);
        expect(csv.every((r) => r.personer === "skjult" || r.personer === 0 || (r.personer as number) >= 3)).toBe(true);
      }
      expect(checked).toBeGreaterThan(50);
    });
  }
});
