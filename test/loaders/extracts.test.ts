import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArrow, toArrowIPC } from "../../loaders/arrow.ts";
import {
  auditNoRecovery,
  MoverExtractError,
  moverExtract,
  PAGE_GROUPINGS,
  parseMoverExtract,
  suppressSmallCounts,
  type Grouping,
  type MoverCell,
  type MoverRow,
} from "../../loaders/extracts.ts";
import { EXAMPLE_PATH, exampleExtractCsv } from "../../scripts/make-example-extract.ts";
import { isExampleData } from "../../src/lib/example.ts";
import { projectRoot } from "../paths.ts";

const HEADER = "kommune;aar;familietype;fra_kommune;arbejdssted;antal";

function problems(text: string, file = "x.csv"): MoverExtractError {
  try {
    parseMoverExtract(text, file);
  } catch (e) {
    if (e instanceof MoverExtractError) return e;
    throw e;
  }
  throw new Error("expected a MoverExtractError");
}

const tmp: string[] = [];
function tempDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "extracts-"));
  tmp.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

function rowsOf(dataset: { columns: Record<string, { values: ReadonlyArray<unknown> }> }): Record<string, unknown>[] {
  const names = Object.keys(dataset.columns);
  const n = dataset.columns[names[0]].values.length;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, dataset.columns[k].values[i]])));
}

/** Cells of one area/year/family type from a grid: rows are origins, columns workplaces. */
function grid(origins: string[], workplaces: string[], counts: (number | null)[][]): Omit<MoverCell, "file" | "line">[] {
  return origins.flatMap((origin, r) =>
    workplaces.map((workplace, c) => ({ area: "260", year: 2024, family_type: "par_med_boern" as const, origin, workplace, count: counts[r][c] })),
  );
}
const cell = (rows: MoverRow[], origin: string, workplace: string) => rows.find((r) => r.origin === origin && r.workplace === workplace)!;
const hiddenCells = (rows: MoverRow[]) => rows.filter((r) => r.movers === null).map((r) => `${r.origin}-${r.workplace}`);

const ROWS: Grouping = ["area", "year", "family_type", "origin"];
const COLS: Grouping = ["area", "year", "family_type", "workplace"];

describe("parseMoverExtract: malformed files name the problem, line and column", () => {
  it("a comma-separated header", () => {
    const e = problems("kommune,aar,familietype,fra_kommune,arbejdssted,antal\n260,2024,par_med_boern,270,260,5\n");
    expect(e.problems).toHaveLength(1);
    expect(e.message).toMatch(/x\.csv, line 1: the header is comma-separated .*columns must be separated by ';'/);
  });

  it("a tab-separated header", () => {
    expect(problems(`${HEADER.replaceAll(";", "\t")}\n260\t2024\tpar_med_boern\t270\t260\t5\n`).message).toMatch(/x\.csv, line 1: the header is tab-separated/);
  });

  it("a missing column and an unknown one (with a hint for 'år')", () => {
    const e = problems("kommune;år;familietype;fra_kommune;arbejdssted\n260;2024;par_med_boern;270;260\n");
    expect(e.message).toMatch(/x\.csv, line 1, column 2 \(år\): unknown column "år" \(write it as aar\)/);
    expect(e.message).toMatch(/x\.csv, line 1: column aar is missing/);
    expect(e.message).toMatch(/x\.csv, line 1: column antal is missing/);
  });

  it("an unknown familietype, with a hint when the Danish label was used", () => {
    const e = problems(`${HEADER}\n260;2024;Par med børn;270;260;5\n260;2024;par;270;101;5\n`);
    expect(e.message).toMatch(/x\.csv, line 2, column 3 \(familietype\): unknown familietype "Par med børn" \(write the code par_med_boern, not the label\)/);
    expect(e.message).toMatch(/x\.csv, line 3, column 3 \(familietype\): unknown familietype "par"; expected one of par_med_boern, enlig_med_boern/);
  });

  it("codes that are not 3-digit municipality codes nor an allowed word", () => {
    const e = problems(
      [
        HEADER,
        "0260;2024;par_med_boern;270;260;5", // DAGI code
        "260;2024;par_med_boern;Gribskov;260;5", // a name
        "260;2024;par_med_boern;270;950;5", // StatBank's 'abroad'
        "260;2024;par_med_boern;270;411;5", // Christiansø is not a municipality
        "260;2024;par_med_boern;ingen;260;5", // 'ingen' is a workplace word, not an origin
        "081;2024;par_med_boern;270;260;5", // a region
      ].join("\n"),
    );
    expect(e.message).toMatch(/line 2, column 1 \(kommune\): "0260" looks like a 4-digit DAGI code; use StatBank's 3-digit code 260/);
    expect(e.message).toMatch(/line 3, column 4 \(fra_kommune\): "Gribskov" is not a 3-digit municipality code such as 260 or "udland"/);
    expect(e.message).toMatch(/line 4, column 5 \(arbejdssted\): "950" is not a municipality .*use "udland", "ingen", "ukendt"/);
    expect(e.message).toMatch(/line 5, column 5 \(arbejdssted\): "411" is not a 3-digit municipality code/);
    expect(e.message).toMatch(/line 6, column 4 \(fra_kommune\): "ingen" is not/);
    expect(e.message).toMatch(/line 7, column 1 \(kommune\): "081" is not a 3-digit municipality code such as 260$/m);
    expect(e.problems).toHaveLength(6);
  });

  it("a negative, a decimal, a thousands-separated and a non-numeric antal", () => {
    const e = problems(
      [
        HEADER,
        "260;2024;par_med_boern;270;260;-3",
        "260;2024;par_med_boern;270;101;2,5",
        "260;2024;par_med_boern;270;219;1.234",
        "260;2024;par_med_boern;270;250;x",
      ].join("\n"),
    );
    expect(e.message).toMatch(/line 2, column 6 \(antal\): -3 is negative/);
    expect(e.message).toMatch(/line 3, column 6 \(antal\): "2,5" is not an integer$/m);
    expect(e.message).toMatch(/line 4, column 6 \(antal\): "1\.234" is not an integer \(write it without a thousands separator\)/);
    expect(e.message).toMatch(/line 5, column 6 \(antal\): "x" is not a number of persons/);
  });

  it("a duplicate cell, naming both lines", () => {
    const e = problems(`${HEADER}\n260;2024;par_med_boern;270;260;5\n260;2024;par_med_boern;270;101;5\n260;2024;par_med_boern;270;260;7\n`);
    expect(e.message).toMatch(
      /x\.csv, line 4: duplicate cell 260;2024;par_med_boern;270;260 \(kommune;aar;familietype;fra_kommune;arbejdssted\), also on line 2/,
    );
  });

  it("an empty file (also with only a BOM and blank lines) and a header without data", () => {
    expect(problems("").message).toMatch(/x\.csv: the file is empty/);
    expect(problems("\uFEFF\r\n\r\n").message).toMatch(/x\.csv: the file is empty/);
    expect(problems(`${HEADER}\n`).message).toMatch(/x\.csv: no data lines after the header/);
  });

  it("Latin-1 bytes (U+FFFD after decoding as UTF-8), at the line and column", () => {
    const latin1 = Buffer.from(`${HEADER}\n260;2024;par_med_boern;270;260;5\n260;2024;enlig_med_b\xf8rn;270;260;5\n`, "latin1");
    const e = problems(new TextDecoder().decode(latin1));
    expect(e.problems).toHaveLength(1);
    expect(e.message).toMatch(
      /x\.csv, line 3, column 3 \(familietype\): "enlig_med_b\uFFFDrn" is not valid UTF-8 \(a Latin-1\/Windows-1252 export\? save the file as UTF-8\)/,
    );
  });

  it("a line with the wrong number of fields, and a year that is not 4 digits", () => {
    const e = problems(`${HEADER}\n260;2024;par_med_boern;270;260\n260;24;par_med_boern;270;260;5\n260,2024,par_med_boern,270,101,5\n`);
    expect(e.message).toMatch(/x\.csv, line 2: 5 fields, expected 6/);
    expect(e.message).toMatch(/x\.csv, line 3, column 2 \(aar\): "24" is not a 4-digit year/);
    expect(e.message).toMatch(/x\.csv, line 4: 1 field, expected 6 .*; separate the columns by ';'/);
  });

  it("reports every problem, then at most 20 lines and '… og N flere'", () => {
    const lines = [HEADER, ...Array.from({ length: 25 }, (_, i) => `260;2024;par_med_boern;270;${String(101 + i)};-1`)];
    const e = problems(lines.join("\n"));
    expect(e.problems).toHaveLength(25);
    expect(e.problems.map((p) => p.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    const shown = e.message.split("\n");
    expect(shown[0]).toMatch(/^x\.csv: 25 problems in the register extract/);
    expect(shown).toHaveLength(1 + 20 + 1);
    expect(shown[21]).toBe("  … og 5 flere");
  });
});

describe("parseMoverExtract: a valid file", () => {
  it("reads BOM, CRLF, any column order, '..' and empty as not disclosed, words in any case", () => {
    const text =
      "\uFEFFaar;kommune;familietype;fra_kommune;arbejdssted;antal\r\n" +
      "2024;260;par_med_boern;270;260;14\r\n" +
      "2024;260;enlig_uden_boern;UDLAND;Ingen;..\r\n" +
      "2023;260;enlig_med_boern;101;ukendt;\r\n" +
      "2023;260;par_uden_boern;147;udland;0\r\n\r\n";
    const parsed = parseMoverExtract(text, "data/extracts/mine.csv");
    expect(parsed.example).toBe(false);
    expect(parsed.cells.map(({ file, ...c }) => c)).toEqual([
      { area: "260", year: 2024, family_type: "par_med_boern", origin: "270", workplace: "260", count: 14, line: 2 },
      { area: "260", year: 2024, family_type: "enlig_uden_boern", origin: "udland", workplace: "ingen", count: null, line: 3 },
      { area: "260", year: 2023, family_type: "enlig_med_boern", origin: "101", workplace: "ukendt", count: null, line: 4 },
      { area: "260", year: 2023, family_type: "par_uden_boern", origin: "147", workplace: "udland", count: 0, line: 5 },
    ]);
    expect(parseMoverExtract(text, "a.eksempel.csv").example).toBe(true);
  });
});

describe("small counts", () => {
  it("cells of 1 and 2 become null with suppressed = 1; 0, 3 and not disclosed are left alone", () => {
    // Grouping by origin only: each origin's row has two hidden cells or none, so nothing more is hidden.
    const cells = grid(
      ["101", "270"],
      ["219", "260", "ingen"],
      [
        [1, 2, 30],
        [0, 3, null],
      ],
    );
    const { rows, primary, secondary } = suppressSmallCounts(cells, [ROWS]);
    expect([primary, secondary]).toEqual([2, 0]);
    expect(rows.map((r) => [r.origin, r.workplace, r.movers, r.suppressed])).toEqual([
      ["101", "219", null, 1],
      ["101", "260", null, 1],
      ["101", "ingen", 30, 0],
      ["270", "219", 0, 0],
      ["270", "260", 3, 0],
      ["270", "ingen", null, 0],
    ]);
    expect(auditNoRecovery(rows, [ROWS])).toEqual([]);
  });

  it("a group with one suppressed cell: the loader hides its smallest other cell above 0 (a naive page would leak)", () => {
    // Origin 270: 2 + 6 + 9 + 0 = 17. Showing 17, 6, 9 and 0 gives the 2 away.
    const cells = grid(["270"], ["101", "260", "ingen", "udland"], [[6, 2, 9, 0]]);
    const naive: MoverRow[] = cells.map((c) => ({ ...c, movers: c.count === 2 ? null : c.count, suppressed: c.count === 2 ? 1 : 0 }));
    const leaks = auditNoRecovery(naive, [ROWS]);
    expect(leaks.map((l) => [l.kind, l.row])).toEqual([["only-hidden-cell", 1]]);
    expect(leaks[0].message).toMatch(/= total of .*"origin":"270".* − its 3 shown cells/);

    const { rows, primary, secondary } = suppressSmallCounts(cells, [ROWS]);
    expect([primary, secondary]).toEqual([1, 1]);
    // the smallest other cell above 0 is 6 (workplace 101); the 0 protects nothing
    expect(hiddenCells(rows)).toEqual(["270-101", "270-260"]);
    expect(cell(rows, "270", "101")).toMatchObject({ movers: null, suppressed: 1 });
    expect(cell(rows, "270", "udland")).toMatchObject({ movers: 0, suppressed: 0 });
    expect(auditNoRecovery(rows, [ROWS])).toEqual([]);
  });

  it("two suppressed 1s in a group: (total − shown) = 2 would give both away, so one more cell is hidden", () => {
    const cells = grid(["270"], ["101", "219", "260", "ingen"], [[1, 12, 1, 9]]);
    const naive = suppressSmallCounts(cells, []); // primary only
    expect(hiddenCells(naive.rows)).toEqual(["270-101", "270-260"]);
    expect(auditNoRecovery(naive.rows, [ROWS])).toEqual([]); // without the true counts this is not visible
    expect(auditNoRecovery(naive.rows, [ROWS], naive.counts).map((l) => l.kind)).toEqual(["only-ones-hidden"]);
    const { rows, secondary } = suppressSmallCounts(cells, [ROWS]);
    expect(secondary).toBe(1);
    expect(hiddenCells(rows)).toEqual(["270-101", "270-260", "270-ingen"]); // 9 < 12
  });

  it("all page groupings on a 2 × 3 table: one cell of 1 ends as a 2 × 2 rectangle of hidden cells", () => {
    //            101  260  ingen
    //   219        6    4    7
    //   270        5    1    8
    const cells = grid(
      ["219", "270"],
      ["101", "260", "ingen"],
      [
        [6, 4, 7],
        [5, 1, 8],
      ],
    );
    const { rows, primary, secondary } = suppressSmallCounts(cells, PAGE_GROUPINGS);
    // By hand, groups in PAGE_GROUPINGS order: the year total has one hidden cell (270-260) -> hide
    // its smallest other cell, 4 (219-260); origin 219 now has one hidden -> hide 6 (219-101);
    // origin 270 has one hidden -> hide 5 (270-101). Every total then has 0 or 2 hidden cells, and
    // the two row equations cannot separate the four cells.
    expect([primary, secondary]).toEqual([1, 3]);
    expect(hiddenCells(rows)).toEqual(["219-101", "219-260", "270-101", "270-260"]);
    expect(rows.filter((r) => r.movers !== null).map((r) => r.movers)).toEqual([7, 8]);
    expect(auditNoRecovery(rows, PAGE_GROUPINGS)).toEqual([]);
  });

  it("a cell that no single total gives away but two do together: the loader hides one more", () => {
    // Rows = origins, columns = workplaces; 1s and 2s form two 2 × 2 blocks joined by cell 101-260.
    //            219  250  260  270
    //   101        1    2    1    5
    //   147        2    1    6    7
    //   159        8    9    1    2
    //   173       10   11    2    1
    const cells = grid(
      ["101", "147", "159", "173"],
      ["219", "250", "260", "270"],
      [
        [1, 2, 1, 5],
        [2, 1, 6, 7],
        [8, 9, 1, 2],
        [10, 11, 2, 1],
      ],
    );
    const primaryOnly = suppressSmallCounts(cells, []);
    // every row and column total has two or three hidden cells, yet 101-260 follows from them:
    // it lies on no cycle of hidden cells, e.g. = (col 260 total − shown) − (row 159 + row 173 − their shown) + (col 270 − shown)
    expect(
      auditNoRecovery(primaryOnly.rows, [ROWS, COLS]).map((l) => [l.kind, `${primaryOnly.rows[l.row!].origin}-${primaryOnly.rows[l.row!].workplace}`]),
    ).toEqual([["determined-cell", "101-260"]]);
    const { rows, primary, secondary } = suppressSmallCounts(cells, [ROWS, COLS]);
    // R2: the totals holding 101-260 are row 101 and column 260 (3 hidden each); row 101 comes first
    // and its only shown cell, 5 (101-270), is hidden. Row 101 then shows no total.
    expect([primary, secondary]).toEqual([9, 1]);
    expect(cell(rows, "101", "270")).toMatchObject({ movers: null, suppressed: 1 });
    expect(auditNoRecovery(rows, [ROWS, COLS])).toEqual([]);
  });
});

describe("moverExtract", () => {
  const exampleDir = join(projectRoot, "data", "extracts");
  const exampleText = readFileSync(EXAMPLE_PATH, "utf8");

  it("the example file is what the seeded script writes", () => {
    expect(exampleExtractCsv()).toBe(exampleText);
  });

  it("loads the example: flagged as example data, 2022–2024, nothing below 3 and no recoverable cell", async () => {
    const ds = await moverExtract(exampleDir);
    expect(isExampleData(ds.meta)).toBe(true);
    expect(ds.meta.notes?.[0]).toMatch(/^Eksempeldata: .*tilflyttere_familietype\.eksempel\.csv er opdigtede tal/);
    expect(ds.meta.status).toBe("ok");
    expect(ds.meta.sources).toEqual([]);
    const rows = rowsOf(ds) as unknown as MoverRow[];
    const lines = exampleText
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(";"));
    expect(rows).toHaveLength(lines.length);
    expect([...new Set(rows.map((r) => r.year))]).toEqual([2022, 2023, 2024]);
    expect(new Set(rows.map((r) => r.area))).toEqual(new Set(["260"]));
    expect(rows.some((r) => r.movers === 1 || r.movers === 2)).toBe(false);
    // every cell of 1 or 2 in the file is suppressed; every shown number is the file's
    const inFile = (r: MoverRow) => lines.find((l) => l[1] === String(r.year) && l[2] === r.family_type && l[3] === r.origin && l[4] === r.workplace)![5];
    const small = rows.filter((r) => inFile(r) === "1" || inFile(r) === "2");
    expect(small.length).toBe(lines.filter((l) => l[5] === "1" || l[5] === "2").length);
    expect(small.every((r) => r.movers === null && r.suppressed === 1)).toBe(true);
    expect(rows.filter((r) => r.movers !== null).every((r) => String(r.movers) === inFile(r))).toBe(true);
    expect(rows.filter((r) => inFile(r) === "..").every((r) => r.movers === null && r.suppressed === 0)).toBe(true);
    const primary = small.length;
    const secondary = rows.filter((r) => r.suppressed === 1).length - primary;
    expect(secondary).toBeGreaterThan(0);
    expect(ds.meta.notes).toContain(
      `Skjult i alt: ${primary + secondary} af ${rows.length} celler (${primary} med færre end 3, ${secondary} for at beskytte dem).`,
    );
    // the audit over the page's groupings, and over the brief's four on their own
    expect(auditNoRecovery(rows, PAGE_GROUPINGS)).toEqual([]);
    const brief: Grouping[] = [["area", "year"], ["area", "year", "family_type"], ROWS, COLS];
    expect(auditNoRecovery(rows, brief)).toEqual([]);
    // deterministic
    expect(rowsOf(await moverExtract(exampleDir))).toEqual(rowsOf(ds));
  });

  it("writes Arrow with nulls and the example note intact", async () => {
    const ds = await moverExtract(exampleDir);
    const { table, meta } = readArrow(toArrowIPC(ds.columns, ds.meta));
    expect(table.numRows).toBe(ds.meta.rows);
    expect(table.getChild("movers")!.nullCount).toBe(ds.columns.movers.values.filter((v) => v === null).length);
    expect(isExampleData(meta)).toBe(true);
  });

  it("with no CSV (or no folder): an empty dataset that says 'ingen særkørsel'", async () => {
    for (const dir of [tempDir({ "README.md": "x" }), join(tmpdir(), "no-such-extracts-dir")]) {
      const ds = await moverExtract(dir);
      expect(ds.meta.rows).toBe(0);
      expect(ds.meta.status).toBe("missing");
      expect(ds.meta.missing[0]).toMatchObject({ table: "data/extracts", what: "ingen særkørsel" });
      expect(isExampleData(ds.meta)).toBe(false);
      expect(readArrow(toArrowIPC(ds.columns, ds.meta)).table.numRows).toBe(0);
    }
  });

  it("a real file is not example data; problems from all files and duplicates across files are reported together", async () => {
    const good = `${HEADER}\n260;2024;par_med_boern;270;260;14\n260;2024;par_med_boern;270;101;20\n`;
    const real = await moverExtract(tempDir({ "halsnaes.csv": good }));
    expect(isExampleData(real.meta)).toBe(false);
    expect(rowsOf(real).map((r) => r.movers)).toEqual([20, 14]);

    const dir = tempDir({ "a.csv": good, "b.csv": `${HEADER}\n260;2024;par_med_boern;270;260;15\n`, "c.csv": `${HEADER}\n260;2024;par;270;260;1\n` });
    const err = await moverExtract(dir).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(MoverExtractError);
    expect(err!.message).toMatch(/c\.csv, line 2, column 3 \(familietype\): unknown familietype "par"/);
    expect(err!.message).toMatch(/b\.csv, line 2: duplicate cell 260;2024;par_med_boern;270;260, also in .*a\.csv line 2/);
  });
});

describe("isExampleData", () => {
  it("looks for a note starting with 'Eksempeldata:'", () => {
    expect(isExampleData({ notes: ["Eksempeldata: opdigtet"] })).toBe(true);
    expect(isExampleData({ notes: ["Kilde: Danmarks Statistik", "Ingen eksempeldata: her"] })).toBe(false);
    expect(isExampleData({})).toBe(false);
    expect(isExampleData(null)).toBe(false);
  });
});
