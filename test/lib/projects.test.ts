/** The project board: grouping by area, status in words and symbol, change since the previous report, history. */
import { describe, expect, it } from "vitest";
import { projectBoard, reportDates, STATUS_SYMBOL, STATUS_WORDS, statusCounts, type StatusRow } from "../../src/lib/projects.ts";

const catalogue = [
  { id: "1.10", group: "A", name: "Ti" },
  { id: "1.2", group: "A", name: "To" },
  { id: "2.1", group: "B", name: "En" },
];
const s = (date: string, project: string, status: string): StatusRow => ({ area: "420", date, project, status, owner: null, kombit_kl: null, note: null });
const rows = [
  s("2014-03-03", "1.2", "gul"),
  s("2014-03-03", "2.1", "grøn"),
  s("2014-09-01", "1.2", "grøn"),
  s("2014-09-01", "2.1", "rød"),
  s("2014-09-01", "1.10", "gul"),
];

describe("projectBoard", () => {
  it("groups by area in catalogue order (1.2 before 1.10) and compares with the report before", () => {
    const board = projectBoard(catalogue, rows, "420", "2014-09-01");
    expect(board.map((g) => [g.group, g.items.map((i) => i.project.id)])).toEqual([
      ["A", ["1.2", "1.10"]],
      ["B", ["2.1"]],
    ]);
    const by = Object.fromEntries(board.flatMap((g) => g.items).map((i) => [i.project.id, i]));
    expect(by["1.2"].change).toBe("bedre");
    expect(by["2.1"].change).toBe("værre");
    expect(by["1.10"].change).toBe("ny");
    expect(by["1.2"].history.map((h) => h.status)).toEqual(["gul", "grøn"]);
    expect(statusCounts(board)).toEqual({ grøn: 1, gul: 1, rød: 1, ingen: 0 });
  });

  it("the first report has no changes; another municipality has no status but every project", () => {
    const first = projectBoard(catalogue, rows, "420", "2014-03-03").flatMap((g) => g.items);
    expect(first.map((i) => i.change)).toEqual(["ny", "ingen status", "ny"]);
    const other = projectBoard(catalogue, rows, "260", null).flatMap((g) => g.items);
    expect(other).toHaveLength(3);
    expect(other.every((i) => i.change === "ingen status" && i.current === null)).toBe(true);
    expect(reportDates(rows, "420")).toEqual(["2014-03-03", "2014-09-01"]);
  });

  it("every status has words and a distinct symbol (never colour alone)", () => {
    expect(new Set(Object.values(STATUS_SYMBOL)).size).toBe(3);
    expect(Object.values(STATUS_WORDS).every((w) => /^(Grøn|Gul|Rød): /.test(w))).toBe(true);
  });
});
