/**
 * src/lib/disclosure.ts on its own: it stays pure (no node, DOM, loaders or components), and its
 * rules work on any rows with the fields a grouping names. The mover extract's use of it is
 * tested in test/loaders/extracts.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditNoRecovery, hideSmallCounts } from "../../src/lib/disclosure.ts";
import { projectRoot } from "../paths.ts";

describe("disclosure rules", () => {
  it("imports nothing (pure: no node, no DOM, no loaders or components)", () => {
    const source = readFileSync(join(projectRoot, "src/lib/disclosure.ts"), "utf8");
    expect(source).not.toMatch(/^\s*import\s/m);
  });

  it("hides a 1 or 2 and, where it is the only hidden cell of a shown total, the smallest other cell above 0", () => {
    const cells = [
      { region: "a", kind: "x", count: 2 },
      { region: "a", kind: "y", count: 0 },
      { region: "a", kind: "z", count: 7 },
      { region: "a", kind: "w", count: 5 },
    ];
    const r = hideSmallCounts(cells, [["region"]], "test");
    expect(r.hidden).toEqual([true, false, false, true]);
    expect(r.suppressed).toEqual([true, false, false, true]);
    expect([r.primary, r.secondary]).toEqual([1, 1]);
    const rows = cells.map((c, i) => ({ region: c.region, kind: c.kind, movers: r.hidden[i] ? null : c.count, suppressed: r.suppressed[i] ? 1 : 0 }));
    expect(
      auditNoRecovery(
        rows,
        [["region"]],
        cells.map((c) => c.count),
      ),
    ).toEqual([]);
  });

  it("the audit names a cell that total − shown cells gives away", () => {
    const rows = [
      { region: "a", kind: "x", movers: null, suppressed: 1 },
      { region: "a", kind: "y", movers: 9, suppressed: 0 },
    ];
    expect(auditNoRecovery(rows, [["region"]]).map((l) => l.kind)).toEqual(["only-hidden-cell"]);
  });
});
