/**
 * The exemption table's small numbers: for every filter the page offers (each municipality and
 * reporting period) no count of 1 or 2 reaches the screen, and none can be worked out by
 * subtraction from the totals the table shows (row, column, grand total) or by combining them.
 * Checked on a hand-made fixture with small cells and on the project's example file.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXEMPTION_GROUPINGS, parseExemptions, protectExemptions, readExemptionFiles, type ExemptionCell } from "../../loaders/digitalisering/digitalPost.ts";
import { auditNoRecovery } from "../../src/lib/disclosure.ts";
import { exemptionPeriods, exemptionTable, HIDDEN_TEXT, TOTAL, type ExemptionRow } from "../../src/lib/digitalPost.ts";
import { projectRoot } from "../paths.ts";

const FIXTURE = [
  "kommune;periode;aarsag;udfald;ansoegninger",
  // May: one small cell (sprog afslået 2) among large ones
  "260;2015-05;sprog;bevilget;10",
  "260;2015-05;sprog;afslaaet;2",
  "260;2015-05;andet;bevilget;8",
  "260;2015-05;andet;afslaaet;5",
  "260;2015-05;alder;bevilget;7",
  "260;2015-05;alder;afslaaet;4",
  // September: a whole column of small cells (afslået 1 + 1 = 2)
  "260;2015-09;sprog;bevilget;6",
  "260;2015-09;sprog;afslaaet;1",
  "260;2015-09;andet;bevilget;9",
  "260;2015-09;andet;afslaaet;1",
  // December: everything small (total 2)
  "260;2015-12;sprog;bevilget;1",
  "260;2015-12;andet;afslaaet;1",
  // another municipality
  "420;2015-05;sprog;bevilget;3",
  "420;2015-05;sprog;afslaaet;1",
].join("\n");

/** What the page shows for one filter, cell by cell: the text of each cell of the table. */
function screen(rows: readonly ExemptionRow[], area: string, period: string): string[][] {
  const t = exemptionTable(rows, area, period);
  return t.rows.map((r) => r.cells.map((v) => (v === null ? HIDDEN_TEXT : String(v))));
}

/** No shown 1 or 2; no shown total with exactly one hidden cell (subtraction); the shown totals add up; the audit over the shown table finds nothing. */
function auditEveryFilter(rows: readonly ExemptionRow[], truth: readonly ExemptionCell[]): number {
  let filters = 0;
  for (const area of [...new Set(rows.map((r) => r.area))]) {
    for (const period of exemptionPeriods(rows, area)) {
      filters++;
      const where = `${area} ${period}`;
      for (const line of screen(rows, area, period)) for (const text of line) expect(["1", "2"], where).not.toContain(text);
      const t = exemptionTable(rows, area, period);
      const body = t.rows.filter((r) => r.reason !== TOTAL);
      const totalRow = t.rows.find((r) => r.reason === TOTAL)!;
      const inner = t.columns.length - 1;
      // subtraction along each row and each column, and from the grand total
      const lines = [
        ...body.map((r) => ({ total: r.cells[inner], cells: r.cells.slice(0, inner) })),
        ...t.columns.slice(0, inner).map((_, j) => ({ total: totalRow.cells[j], cells: body.map((r) => r.cells[j]) })),
        { total: totalRow.cells[inner], cells: body.flatMap((r) => r.cells.slice(0, inner)) },
      ];
      for (const l of lines) {
        if (l.total === null) continue;
        const hidden = l.cells.filter((c) => c === null).length;
        const shownSum = l.cells.reduce<number>((s, c) => s + (c ?? 0), 0);
        expect(hidden, `${where}: a total with exactly one hidden cell gives it away`).not.toBe(1);
        if (hidden === 0) expect(shownSum, where).toBe(l.total);
        else expect(l.total - shownSum, `${where}: hidden cells add up to ${l.total - shownSum}`).toBeGreaterThanOrEqual(3);
      }
      // the page's table as the audit sees it: cells, with the totals it shows as the known groups
      const cells = body.flatMap((r) =>
        t.columns.slice(0, inner).map((o, j) => ({ reason: r.reason, outcome: o, movers: r.cells[j], suppressed: r.cells[j] === null ? 1 : 0 })),
      );
      const counts = cells.map(
        (c) => truth.find((x) => x.area === area && x.period === period && x.reason === c.reason && x.outcome === c.outcome)?.count ?? 0,
      );
      expect(auditNoRecovery(cells, [[], ["reason"], ["outcome"]] as never, counts), where).toEqual([]);
    }
  }
  // and over the whole dataset at once, with the loader's groupings
  const cellRows = rows.filter((r) => r.reason !== TOTAL && r.outcome !== TOTAL);
  const truthOf = (r: ExemptionRow) =>
    truth.find((x) => x.area === r.area && x.period === r.period && x.reason === r.reason && x.outcome === r.outcome)?.count ?? 0;
  expect(
    auditNoRecovery(
      cellRows.map((r) => ({ ...r, movers: r.applications, suppressed: r.applications === null ? 1 : 0 })),
      EXEMPTION_GROUPINGS as never,
      cellRows.map(truthOf),
    ),
  ).toEqual([]);
  return filters;
}

describe("exemptions: no count below 3 reaches the screen, nor by subtraction", () => {
  it("the hand-made fixture: every municipality and period", () => {
    const truth = parseExemptions(FIXTURE, "f.csv").rows;
    const { rows } = protectExemptions(truth);
    expect(auditEveryFilter(rows, truth)).toBe(4);
    // May: the 2 is hidden and so is one more cell in its row and its column; the grand total stays
    const may = exemptionTable(rows, "260", "2015-05");
    expect(may.rows.find((r) => r.reason === "sprog")!.cells[1]).toBeNull();
    expect(may.rows.find((r) => r.reason === TOTAL)!.cells.at(-1)).toBe(36);
    expect(may.rows.flatMap((r) => r.cells).filter((c) => c === null).length).toBeGreaterThanOrEqual(4);
    // December: a total of 2 is not shown at all
    expect(
      exemptionTable(rows, "260", "2015-12")
        .rows.find((r) => r.reason === TOTAL)!
        .cells.at(-1),
    ).toBeNull();
  });

  it("the project's example file: every period", async () => {
    const truth = (await readExemptionFiles(join(projectRoot, "data/digital-post-fritagelser"))).flatMap((p) => p.rows);
    const { rows, primary } = protectExemptions(truth);
    expect(primary).toBeGreaterThan(0);
    expect(auditEveryFilter(rows, truth)).toBe(31);
  });
});
