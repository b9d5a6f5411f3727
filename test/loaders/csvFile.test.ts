import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  asciiName,
  countShape,
  CsvFile,
  CsvFileError,
  csvFileNames,
  csvLines,
  dagiCodeProblem,
  duplicateRows,
  exampleAndRealFiles,
  FirstSeen,
  formatProblem,
  headerSeparatorProblem,
  matchColumn,
  parseDecimal,
  problemsMessage,
  readCsvFolder,
  splitDataLine,
  truncate,
  type CsvProblem,
  type CsvSchema,
} from "../../loaders/csvFile.ts";

// A small schema of its own: a test file kind with one optional column.
type Column = "kode" | "navn" | "aar" | "antal";
class TestFileError extends CsvFileError {
  constructor(problems: CsvProblem[]) {
    super(problems, "the test files", "test/README.md");
    this.name = "TestFileError";
  }
}
const SCHEMA: CsvSchema<Column> = {
  columns: ["kode", "navn", "aar", "antal"],
  optional: ["navn"],
  danishLetters: "hint",
  linePer: "thing",
  error: (problems) => new TestFileError(problems),
};
const STRICT: CsvSchema<Column> = { ...SCHEMA, optional: undefined, danishLetters: "accept" };

/** The error `f` throws (failing the test when it throws none or another kind). */
function thrown(f: () => unknown): TestFileError {
  try {
    f();
  } catch (e) {
    if (e instanceof TestFileError) return e;
    throw e;
  }
  throw new Error("expected a TestFileError");
}
/** "line:column(name) message" of every problem. */
const listed = (problems: readonly CsvProblem[]) => problems.map((p) => `${p.line ?? "-"}:${p.column ?? "-"}(${p.columnName ?? ""}) ${p.message}`);
const problem = (file: string, line: number | null, message: string): CsvProblem => ({ file, line, column: null, columnName: null, message });

describe("problems and their message", () => {
  it("formats file, line and column where the problem has them", () => {
    expect(formatProblem({ file: "a.csv", line: null, column: null, columnName: null, message: "m" })).toBe("a.csv: m");
    expect(formatProblem({ file: "a.csv", line: 3, column: null, columnName: "aar", message: "m" })).toBe("a.csv, line 3: m");
    expect(formatProblem({ file: "a.csv", line: 3, column: 2, columnName: null, message: "m" })).toBe("a.csv, line 3, column 2: m");
    expect(formatProblem({ file: "a.csv", line: 3, column: 2, columnName: "aar", message: "m" })).toBe("a.csv, line 3, column 2 (aar): m");
  });

  it("one problem: singular, head then the problem", () => {
    expect(problemsMessage([problem("a.csv", 2, "bad")], "the test files", "test/README.md")).toBe(
      "a.csv: 1 problem in the test files; the format is described in test/README.md\n  a.csv, line 2: bad",
    );
  });

  it("names each file once, in the order met; lists 20 problems, then '… og N flere'", () => {
    const problems = Array.from({ length: 23 }, (_, i) => problem(i % 2 ? "b.csv" : "a.csv", i + 1, `p${i + 1}`));
    const lines = problemsMessage(problems, "the test files", "test/README.md").split("\n");
    expect(lines[0]).toBe("a.csv, b.csv: 23 problems in the test files; the format is described in test/README.md");
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines[1]).toBe("  a.csv, line 1: p1");
    expect(lines[20]).toBe("  b.csv, line 20: p20");
    expect(lines[21]).toBe("  … og 3 flere");
    // exactly 20: no "flere" line
    expect(problemsMessage(problems.slice(0, 20), "x", "y").split("\n")).toHaveLength(21);
  });

  it("an importer's subclass keeps its name, its problems and the message", () => {
    const e = new TestFileError([problem("a.csv", null, "empty")]);
    expect(e).toBeInstanceOf(CsvFileError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("TestFileError");
    expect(e.problems).toEqual([problem("a.csv", null, "empty")]);
    expect(e.message).toBe("a.csv: 1 problem in the test files; the format is described in test/README.md\n  a.csv: empty");
  });
});

describe("text, header and lines", () => {
  it("csvLines: drops a BOM and trailing blank lines, splits CRLF and LF, keeps blank lines inside", () => {
    expect(csvLines("\uFEFFa;b\r\n1;2\n\n3;4\r\n \r\n\n")).toEqual(["a;b", "1;2", "", "3;4"]);
    expect(csvLines("")).toEqual([]);
    expect(csvLines("\uFEFF\r\n\r\n")).toEqual([]);
    // a BOM only at the start is dropped
    expect(csvLines("a\n\uFEFFb")).toEqual(["a", "\uFEFFb"]);
  });

  it("truncate: cuts at 80 characters by default and marks the cut", () => {
    expect(truncate("abc")).toBe("abc");
    expect(truncate("x".repeat(80))).toBe("x".repeat(80));
    expect(truncate("x".repeat(81))).toBe(`${"x".repeat(80)}…`);
    expect(truncate("abcdef", 3)).toBe("abc…");
  });

  it("headerSeparatorProblem: a header without ';' but with a comma or tab", () => {
    expect(headerSeparatorProblem("a;b,c")).toBeNull();
    expect(headerSeparatorProblem("kode")).toBeNull();
    expect(headerSeparatorProblem("a,b")).toBe(`the header is comma-separated ("a,b"); columns must be separated by ';'`);
    expect(headerSeparatorProblem("a\tb,c")).toBe(`the header is tab-separated ("a\\tb,c"); columns must be separated by ';'`);
  });

  it("asciiName and matchColumn: case-insensitive, Danish letters accepted or hinted", () => {
    expect(asciiName("ÅR")).toBe("aar");
    expect(asciiName("Værdi")).toBe("vaerdi");
    expect(asciiName("Ødis")).toBe("oedis");
    const columns = ["kode", "aar"] as const;
    expect(matchColumn("KODE", columns, "hint")).toEqual({ column: "kode" });
    expect(matchColumn("År", columns, "accept")).toEqual({ column: "aar" });
    expect(matchColumn("År", columns, "hint")).toEqual({ hint: "aar" });
    expect(matchColumn("year", columns, "accept")).toEqual({});
  });

  it("splitDataLine: fields, with quotes; or why not", () => {
    const header = ["a", "b", "c"];
    expect(splitDataLine('1;"x;y";"say ""hi"""', header)).toEqual({ fields: ["1", "x;y", 'say "hi"'] });
    expect(splitDataLine(" \t ", header)).toEqual({ problem: "blank line inside the data" });
    expect(splitDataLine('1;"x;3', header)).toEqual({ problem: `unbalanced quotes in "1;\\"x;3"` });
    expect(splitDataLine("1;2", header)).toEqual({ problem: `2 fields, expected 3 (a;b;c): "1;2"` });
    expect(splitDataLine("1,2,3", header)).toEqual({ problem: `1 field, expected 3 (a;b;c); separate the columns by ';': "1,2,3"` });
    expect(splitDataLine("1;2;3;4", header)).toEqual({ problem: `4 fields, expected 3 (a;b;c): "1;2;3;4"` });
  });
});

describe("CsvFile: the header", () => {
  it("an empty file (or one of blank lines) throws at once, naming the columns and what a line holds", () => {
    for (const text of ["", "\uFEFF", "\n \n"]) {
      expect(listed(thrown(() => new CsvFile(text, "t.csv", SCHEMA)).problems)).toEqual([
        "-:-() the file is empty; expected a header line kode;navn;aar;antal and one line per thing",
      ]);
    }
  });

  it("a comma-separated header throws at once, with nothing else", () => {
    const e = thrown(() => new CsvFile("kode,navn,aar,antal\n1,2,3,4\n1;2\n", "t.csv", SCHEMA));
    expect(listed(e.problems)).toEqual([`1:-() the header is comma-separated ("kode,navn,aar,antal"); columns must be separated by ';'`]);
    expect(e.message.split("\n")[0]).toBe("t.csv: 1 problem in the test files; the format is described in test/README.md");
  });

  it("collects not-UTF-8, empty, unknown, doubled and missing columns, in header order", () => {
    const csv = new CsvFile("k\uFFFDde;;År;Aar;antal;x\n1;2;3;4;5;6\n", "t.csv", SCHEMA);
    expect(listed(csv.problems)).toEqual([
      '1:1() column name "k\uFFFDde" is not valid UTF-8 (a Latin-1/Windows-1252 export? save the file as UTF-8)',
      "1:2() empty column name",
      '1:3(År) unknown column "År" (write it as aar); expected kode;navn;aar;antal (navn may be left out)',
      '1:6(x) unknown column "x"; expected kode;navn;aar;antal (navn may be left out)',
      "1:-(kode) column kode is missing (the header must have kode;aar;antal, and may have navn)",
    ]);
    expect(csv.columnIndex("aar")).toBe(3);
    expect(csv.has("navn")).toBe(false);
    expect(() => csv.throwIfProblems()).toThrow(TestFileError);
  });

  it("a doubled column names the first one; a header without data lines is a problem", () => {
    const csv = new CsvFile(" KODE ; aar ;kode;antal\n", "t.csv", STRICT);
    expect(csv.header).toEqual(["KODE", "aar", "kode", "antal"]);
    expect(listed(csv.problems)).toEqual([
      "1:3(kode) column kode appears twice (also column 1)",
      "1:-(navn) column navn is missing (the header must have kode;navn;aar;antal)",
      "-:-() no data lines after the header",
    ]);
  });

  it("Danish letters accepted: 'år' is aar, no problem", () => {
    const csv = new CsvFile("kode;navn;år;antal\n101;x;2024;5\n", "t.csv", STRICT);
    expect(csv.problems).toEqual([]);
    expect(csv.columnIndex("aar")).toBe(2);
  });
});

describe("CsvFile: data lines", () => {
  it("yields the well-formed lines with their line numbers; the others' problems in line order", () => {
    const csv = new CsvFile('kode;aar;antal\r\n101;2024;5\r\n\r\n102;2024\r\n"103;2024;6\r\n104;2025;7\r\n', "t.csv", SCHEMA);
    const seen: string[] = [];
    for (const row of csv.rows()) {
      seen.push(`${row.line}:${row.field("kode")}`);
      row.fail("antal", `seen on ${row.line}`);
    }
    expect(seen).toEqual(["2:101", "6:104"]);
    expect(listed(csv.problems)).toEqual([
      "2:3(antal) seen on 2",
      "3:-() blank line inside the data",
      '4:-() 2 fields, expected 3 (kode;aar;antal): "102;2024"',
      '5:-() unbalanced quotes in "\\"103;2024;6"',
      "6:3(antal) seen on 6",
    ]);
  });

  it("field: trimmed; not UTF-8 is reported at its column; an absent optional column is null and keeps the row ok", () => {
    const csv = new CsvFile("antal;kode;aar\n 5 ;b\uFFFDd; 2024\n", "t.csv", SCHEMA);
    const [row] = [...csv.rows()];
    expect(row.field("antal")).toBe("5");
    expect(row.field("navn")).toBeNull();
    expect(row.ok).toBe(true);
    expect(row.field("kode")).toBeNull();
    expect(row.ok).toBe(false);
    expect(listed(csv.problems)).toEqual(['2:2(kode) "b\uFFFDd" is not valid UTF-8 (a Latin-1/Windows-1252 export? save the file as UTF-8)']);
  });

  it("field: an absent required column (reported with the header) makes the row not ok", () => {
    const csv = new CsvFile("kode;aar\n101;2024\n", "t.csv", SCHEMA);
    const [row] = [...csv.rows()];
    expect(row.field("antal")).toBeNull();
    expect(row.ok).toBe(false);
    expect(listed(csv.problems)).toEqual(["1:-(antal) column antal is missing (the header must have kode;aar;antal, and may have navn)"]);
  });

  it("check reports what the check finds and still returns the value; reject reports the line", () => {
    const csv = new CsvFile("kode;aar;antal\n101;24;5\n101;2024;5\n", "t.csv", SCHEMA);
    const rows = [...csv.rows()];
    const year = (v: string) => (/^\d{4}$/.test(v) ? null : `${JSON.stringify(v)} is not a year`);
    expect(rows[0].check("aar", year)).toBe("24");
    expect(rows[0].ok).toBe(false);
    expect(rows[1].check("aar", year)).toBe("2024");
    expect(rows[1].ok).toBe(true);
    rows[1].reject("duplicate, also on line 2");
    expect(rows[1].ok).toBe(false);
    expect(listed(csv.problems)).toEqual(['2:2(aar) "24" is not a year', "3:-() duplicate, also on line 2"]);
    const e = thrown(() => csv.throwIfProblems());
    expect(e.problems).toBe(csv.problems);
  });

  it("throwIfProblems does nothing on a clean file", () => {
    const csv = new CsvFile("kode;aar;antal\n101;2024;5\n", "t.csv", SCHEMA);
    expect([...csv.rows()].map((r) => r.field("antal"))).toEqual(["5"]);
    expect(() => csv.throwIfProblems()).not.toThrow();
  });
});

describe("values", () => {
  it("countShape: each way a count may be written", () => {
    const shapes: Record<string, string> = {
      "0": "count",
      "31410": "count",
      "": "empty",
      "..": "not-disclosed",
      "-3": "negative",
      "-2,5": "negative-decimal",
      "-1.234": "negative-decimal",
      "1.234": "thousands",
      "12,345,678": "thousands",
      "1.234,567": "thousands",
      "2,5": "decimal",
      "1234.5": "decimal",
      "1.234.5": "other",
      "1.234,5": "other",
      "ca. 5": "other",
      "5 %": "other",
      "...": "other",
    };
    for (const [text, shape] of Object.entries(shapes)) expect([text, countShape(text)]).toEqual([text, shape]);
  });

  it("parseDecimal: a decimal comma or point; nothing else", () => {
    expect(parseDecimal("63,5")).toBe(63.5);
    expect(parseDecimal("1.5")).toBe(1.5);
    expect(parseDecimal("-2")).toBe(-2);
    expect(parseDecimal("1.234")).toBe(1.234);
    for (const bad of ["", "1.234,5", "80 %", "1e3", "+1", ",5", "5,"]) expect(parseDecimal(bad)).toBeNull();
  });

  it("dagiCodeProblem: a leading 0 before a municipality code", () => {
    expect(dagiCodeProblem("0260")).toBe(`"0260" looks like a 4-digit DAGI code; use StatBank's 3-digit code 260`);
    expect(dagiCodeProblem("260")).toBeNull();
    expect(dagiCodeProblem("0411")).toBeNull(); // Christiansø is no municipality
    expect(dagiCodeProblem("0081")).toBeNull(); // a region
    expect(dagiCodeProblem("1260")).toBeNull();
  });
});

describe("duplicates", () => {
  it("FirstSeen: the first place of a key, and only the first", () => {
    const seen = new FirstSeen<number>();
    expect(seen.previous("a", 2)).toBeUndefined();
    expect(seen.previous("b", 3)).toBeUndefined();
    expect(seen.previous("a", 4)).toBe(2);
    expect(seen.previous("a", 5)).toBe(2);
  });

  it("duplicateRows: at the later row, naming the earlier row's file and line", () => {
    const rows = [
      { file: "a.csv", line: 2, k: "x" },
      { file: "a.csv", line: 3, k: "y" },
      { file: "b.csv", line: 2, k: "x" },
      { file: "c.csv", line: 5, k: "x" },
    ];
    expect(duplicateRows(rows, (r) => r.k, "duplicate thing")).toEqual([
      { file: "b.csv", line: 2, column: null, columnName: null, message: "duplicate thing x, also in a.csv line 2" },
      { file: "c.csv", line: 5, column: null, columnName: null, message: "duplicate thing x, also in a.csv line 2" },
    ]);
  });
});

describe("a folder", () => {
  const tmp: string[] = [];
  afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
  function tempDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "csvfile-"));
    tmp.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }
  const parse = (text: string, file: string) => {
    const csv = new CsvFile(text, file, SCHEMA);
    const values = [...csv.rows()].map((r) => r.field("antal"));
    csv.throwIfProblems();
    return { file, example: file.endsWith(".eksempel.csv"), values };
  };

  it("csvFileNames: *.csv in any case, sorted; none without the folder", async () => {
    const dir = tempDir({ "b.csv": "", "A.CSV": "", "c.txt": "", "a.eksempel.csv": "" });
    mkdirSync(join(dir, "sub.csv.d"));
    expect(await csvFileNames(dir)).toEqual(["A.CSV", "a.eksempel.csv", "b.csv"]);
    expect(await csvFileNames(join(dir, "nope"))).toEqual([]);
    // a file where the folder should be is an error, not "no files"
    await expect(csvFileNames(join(dir, "b.csv"))).rejects.toThrow(/ENOTDIR/);
  });

  it("readCsvFolder: parsed files, and every problem of the others, in name order", async () => {
    const dir = tempDir({
      "a.csv": "kode;aar;antal\n101;2024;5\n",
      "b.csv": "kode;aar\n",
      "c.eksempel.csv": "\uFEFFkode;aar;antal\r\n102;2024;..\r\n",
      "d.csv": "",
    });
    const folder = await readCsvFolder(dir, parse);
    expect(folder.files).toEqual(["a.csv", "b.csv", "c.eksempel.csv", "d.csv"].map((n) => join(dir, n)));
    expect(folder.parsed).toEqual([
      { file: join(dir, "a.csv"), example: false, values: ["5"] },
      { file: join(dir, "c.eksempel.csv"), example: true, values: [".."] },
    ]);
    expect(folder.problems.map((p) => `${p.file.slice(dir.length + 1)} ${p.line ?? "-"} ${p.message}`)).toEqual([
      "b.csv 1 column antal is missing (the header must have kode;aar;antal, and may have navn)",
      "b.csv - no data lines after the header",
      "d.csv - the file is empty; expected a header line kode;navn;aar;antal and one line per thing",
    ]);
    expect(exampleAndRealFiles(folder.parsed)).toEqual({ examples: ["c.eksempel.csv"], real: ["a.csv"] });
  });

  it("readCsvFolder: no folder is no files; an error other than a CsvFileError propagates", async () => {
    expect(await readCsvFolder(join(tmpdir(), "csvfile-no-such-folder"), parse)).toEqual({ files: [], parsed: [], problems: [] });
    const dir = tempDir({ "a.csv": "x" });
    await expect(
      readCsvFolder(dir, () => {
        throw new RangeError("a bug");
      }),
    ).rejects.toThrow(RangeError);
  });
});
