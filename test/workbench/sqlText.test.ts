import { describe, expect, it } from "vitest";
import {
  bindKommune,
  codeOnly,
  fileKind,
  isolateStatement,
  isReadOnly,
  readsCatalog,
  referencedTables,
  scanSql,
  splitStatements,
  tableNameFromFile,
} from "../../src/components/workbench/sqlText.ts";

const NAMES = ["population", "population_ages", "flows", "geography", "neighbours", "income", "migration_totals"];

describe("scanSql / codeOnly", () => {
  it("tells code from strings, quoted names and comments", () => {
    const sql = `SELECT 'it''s' AS "a""b" -- note\nFROM t /* x; y */ WHERE s = $$;$$`;
    expect(scanSql(sql).map((s) => [s.kind, sql.slice(s.start, s.end)])).toEqual([
      ["code", "SELECT "],
      ["string", "'it''s'"],
      ["code", " AS "],
      ["ident", '"a""b"'],
      ["code", " "],
      ["comment", "-- note"],
      ["code", "\nFROM t "],
      ["comment", "/* x; y */"],
      ["code", " WHERE s = "],
      ["string", "$$;$$"],
    ]);
    const code = codeOnly(sql);
    expect(code).toHaveLength(sql.length);
    expect(code).not.toContain("note");
    expect(code.split("\n")).toHaveLength(2);
  });

  it("runs an unclosed string or comment to the end", () => {
    expect(scanSql("SELECT 'abc").map((s) => s.kind)).toEqual(["code", "string"]);
    expect(scanSql("SELECT /* abc").map((s) => s.kind)).toEqual(["code", "comment"]);
  });
});

describe("referencedTables", () => {
  it("finds tables after FROM and JOIN, in FROM lists and subqueries, case-insensitively", () => {
    expect(referencedTables("SELECT * FROM population", NAMES)).toEqual(["population"]);
    expect(referencedTables("select f.origin from FLOWS f join geography g on g.area = f.origin", NAMES)).toEqual(["flows", "geography"]);
    expect(referencedTables("SELECT * FROM income i, neighbours n WHERE n.area = i.area", NAMES)).toEqual(["income", "neighbours"]);
    expect(referencedTables("SELECT * FROM (SELECT * FROM flows) AS x, geography AS g", NAMES)).toEqual(["flows", "geography"]);
    expect(referencedTables('SELECT * FROM main."population_ages"', NAMES)).toEqual(["population_ages"]);
    expect(referencedTables("WITH t AS (SELECT * FROM migration_totals) SELECT * FROM t", NAMES)).toEqual(["migration_totals"]);
    expect(referencedTables("FROM population SELECT area", NAMES)).toEqual(["population"]);
    expect(referencedTables("DESCRIBE flows", NAMES)).toEqual(["flows"]);
  });

  it("does not count columns, strings or comments that share a table's name", () => {
    expect(referencedTables("SELECT area, population FROM population_ages", NAMES)).toEqual(["population_ages"]);
    expect(referencedTables("SELECT 'flows' AS x -- FROM income\nFROM geography", NAMES)).toEqual(["geography"]);
    expect(referencedTables("SELECT * FROM geography WHERE area IN (SELECT neighbour FROM neighbours), income", NAMES)).toEqual(["geography", "neighbours"]);
  });
});

describe("readsCatalog", () => {
  it("spots queries over the catalog", () => {
    expect(readsCatalog("SELECT * FROM information_schema.tables")).toBe(true);
    expect(readsCatalog("show tables")).toBe(true);
    expect(readsCatalog("SELECT * FROM duckdb_columns()")).toBe(true);
    expect(readsCatalog("SELECT 'information_schema' AS x")).toBe(false);
  });
});

describe("bindKommune", () => {
  it("puts the code in place of :kommune in code only, keeping every position", () => {
    const sql = "SELECT * FROM population WHERE area = :kommune -- :kommune\n  AND ':kommune' <> x::VARCHAR";
    const { text, used } = bindKommune(sql, "461");
    expect(used).toBe(true);
    expect(text).toBe("SELECT * FROM population WHERE area = '461'    -- :kommune\n  AND ':kommune' <> x::VARCHAR");
    expect(text).toHaveLength(sql.length);
  });

  it("leaves other names alone and says when nothing was replaced", () => {
    expect(bindKommune("SELECT :kommunekode, a::kommune", "101")).toEqual({ text: "SELECT :kommunekode, a::kommune", used: false });
    expect(bindKommune("SELECT :KOMMUNE", "101").text).toBe("SELECT '101'   ");
    expect(() => bindKommune("SELECT 1", "1; DROP")).toThrow(/tre cifre/);
  });
});

describe("splitStatements / isolateStatement", () => {
  it("splits on ; outside strings and comments, leaving out empty statements", () => {
    const sql = "CREATE TEMP TABLE t AS SELECT ';' AS s;\n-- only a comment;\nSELECT * FROM t;\n  ";
    const ranges = splitStatements(sql);
    expect(ranges.map((r) => sql.slice(r.start, r.end).trim())).toEqual(["CREATE TEMP TABLE t AS SELECT ';' AS s", "-- only a comment;\nSELECT * FROM t"]);
  });

  it("blanks all but one statement, keeping lines and columns", () => {
    const sql = "SELECT 1;\nSELECT 2 FORM x";
    const [, second] = splitStatements(sql);
    const alone = isolateStatement(sql, second);
    expect(alone).toBe("         \nSELECT 2 FORM x");
    expect(alone.indexOf("FORM")).toBe(sql.indexOf("FORM"));
  });

  it("finds nothing in comments and blanks", () => {
    expect(splitStatements("-- nothing\n;  ;")).toEqual([]);
  });
});

describe("file names", () => {
  it("knows CSV, Parquet and Arrow by extension", () => {
    expect(["a.csv", "b.TSV", "c.txt", "d.parquet", "e.arrow", "f.feather", "g.xlsx", "noext"].map(fileKind)).toEqual([
      "csv",
      "csv",
      "csv",
      "parquet",
      "arrow",
      "arrow",
      null,
      null,
    ]);
  });

  it("derives a table name from the file name, clear of datasets, other files and keywords", () => {
    expect(tableNameFromFile("Mine tal 2024.csv", NAMES)).toBe("mine_tal_2024");
    expect(tableNameFromFile("Tilflyttere – Ærø.csv", NAMES)).toBe("tilflyttere_aeroe");
    expect(tableNameFromFile("2024.csv", NAMES)).toBe("t_2024");
    expect(tableNameFromFile("population.csv", NAMES)).toBe("population_fil");
    expect(tableNameFromFile("Population.csv", [...NAMES, "population_fil"])).toBe("population_fil2");
    expect(tableNameFromFile("order.csv", NAMES)).toBe("order_fil");
    expect(tableNameFromFile("---.csv", NAMES)).toBe("fil");
  });
});

describe("isReadOnly", () => {
  it("says yes for a statement that only reads, judged by its code", () => {
    for (const sql of [
      "SELECT 1",
      "  -- note\nWITH x AS (SELECT 1) SELECT * FROM x",
      "FROM population",
      "DESCRIBE population",
      "SELECT 'insert' AS a, 1 AS \"update\" -- drop",
      "SUMMARIZE population",
    ])
      expect(isReadOnly(sql), sql).toBe(true);
  });

  it("says no for a statement that writes or sets, or when in doubt", () => {
    for (const sql of [
      "INSERT INTO t SELECT 1 RETURNING *",
      "CREATE TABLE t AS SELECT 1",
      "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
      "COPY (SELECT 1) TO 'x.csv'",
      "SET threads = 1",
      "PRAGMA version",
      "",
      "-- only a comment",
    ])
      expect(isReadOnly(sql), sql).toBe(false);
  });
});
