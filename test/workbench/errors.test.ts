import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { parseErrorPosition, plainErrorMessage, tidyErrorMessage } from "../../src/components/workbench/errors.ts";

// Messages as DuckDB-wasm 1.32 (DuckDB 1.4.3) gave them in Chromium for these queries.
const WASM = {
  syntax: {
    sql: "SELECT * FORM population",
    message:
      'Parser Error: syntax error at or near "population"\n\nLINE 1: SELECT * FORM population\n                      ^\n\nLINE 1: SELECT * FORM population\n                      ^',
  },
  column: {
    sql: "SELECT nope FROM population\nWHERE area = '101'",
    message:
      'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "area"\n\nLINE 1: SELECT nope FROM population\n               ^',
  },
  table: {
    sql: "SELECT * FROM nosuch",
    message: 'Catalog Error: Table with name nosuch does not exist!\nDid you mean "pg_sequences"?\n\nLINE 1: SELECT * FROM nosuch\n                      ^',
  },
  secondLine: {
    sql: "SELECT 1;\nSELECT  x + FROM",
    message: 'Parser Error: syntax error at or near "FROM"\n\nLINE 2: SELECT  x + FROM\n                    ^',
  },
  // æøå before the error: the caret stands 3 places too far left; the quoted name puts it right
  nonAscii: {
    sql: "\n\nSELECT 'æøå' AS x FORM y",
    message: "Parser Error: syntax error at or near \"FORM\"\n\nLINE 3: SELECT 'æøå' AS x FORM y\n                       ^",
  },
  cut: {
    sql: "SELECT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb, cccccccccccccccccccccccccccccccccccc, ddddddddddddddddddddddd FROM (SELECT 1 AS q) WHERE xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx = 1 AND yyyyyyyyyyyyyyyyyyyyyyyyyyyyy = 2",
    message:
      'Binder Error: Referenced column "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" not found in FROM clause!\nCandidate bindings: "q"\n\nLINE 1: ...cccccc, ddddddddddddddddddddddd FROM (SELECT 1 AS q) WHERE xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx = 1 AND...\n                                                                      ^',
  },
};

describe("tidyErrorMessage", () => {
  it("drops the repeated LINE block of parser errors", () => {
    expect(tidyErrorMessage(WASM.syntax.message)).toBe(
      'Parser Error: syntax error at or near "population"\n\nLINE 1: SELECT * FORM population\n                      ^',
    );
    expect(tidyErrorMessage(WASM.column.message)).toBe(WASM.column.message);
  });
});

describe("parseErrorPosition on DuckDB-wasm's messages", () => {
  const at = (c: { sql: string; message: string }) => {
    const p = parseErrorPosition(c.message, c.sql)!;
    return { ...p, text: c.sql.slice(p.offset, p.offset + p.length) };
  };

  it("reads line and column from the caret", () => {
    expect(at(WASM.syntax)).toEqual({ line: 1, column: 15, offset: 14, length: 10, text: "population" });
    expect(at(WASM.column)).toEqual({ line: 1, column: 8, offset: 7, length: 4, text: "nope" });
    expect(at(WASM.table)).toEqual({ line: 1, column: 15, offset: 14, length: 6, text: "nosuch" });
  });

  it("counts offsets over earlier lines", () => {
    expect(at(WASM.secondLine)).toEqual({ line: 2, column: 13, offset: 22, length: 4, text: "FROM" });
  });

  it("puts a caret that æøå pushed off back on the name the message quotes", () => {
    expect(at(WASM.nonAscii)).toMatchObject({ line: 3, column: 19, text: "FORM" });
  });

  it("finds the place in a line DuckDB cut short", () => {
    const p = at(WASM.cut);
    expect(p.text).toBe("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    expect(p.offset).toBe(WASM.cut.sql.indexOf("xxx"));
  });

  it("returns null without a LINE block or for a line the text lacks", () => {
    expect(parseErrorPosition("Invalid Input Error: no", "SELECT 1")).toBeNull();
    expect(parseErrorPosition("Parser Error: x\n\nLINE 4: y\n        ^", "SELECT 1")).toBeNull();
  });
});

describe("parseErrorPosition on native DuckDB's messages", () => {
  const cases: [string, string][] = [
    // "WHER" reads as an alias of range(3): DuckDB stops at x
    ["SELECT 1 AS a,\n       2 AS b\nFROM range(3)\nWHER x = 1", "x"],
    ["SELECT missing_column FROM range(3)", "missing_column"],
    ["SELECT *\nFROM range(3) AS r\nJOIN no_such_table AS t ON t.x = r.range", "no_such_table"],
  ];
  for (const [sql, token] of cases) {
    it(`points at ${token}`, async () => {
      const conn = await (await DuckDBInstance.create(":memory:")).connect();
      const message = await conn.run(sql).then(
        () => "",
        (e: Error) => e.message,
      );
      expect(message).toMatch(/LINE \d+:/);
      const p = parseErrorPosition(message, sql)!;
      expect(sql.slice(p.offset, p.offset + p.length)).toBe(token);
      conn.closeSync();
    });
  }
});

describe("plainErrorMessage", () => {
  it("turns the JSON that send() rejects with into DuckDB's own text", () => {
    // as DuckDB-wasm 1.32 gave it in Chromium for "SELECT area,\n       population\nFORM population"
    const json =
      '{"exception_type":"Parser","exception_message":"syntax error at or near \\"population\\"\\n\\nLINE 3: FORM population\\n             ^","error_subtype":"SYNTAX_ERROR","position":"36"}';
    const plain = plainErrorMessage(json);
    expect(plain).toBe('Parser Error: syntax error at or near "population"\n\nLINE 3: FORM population\n             ^');
    expect(parseErrorPosition(plain, "SELECT area,\n       population\nFORM population")).toMatchObject({ line: 3, column: 6 });
    expect(plainErrorMessage('{"exception_type":"Invalid Input","exception_message":"x"}')).toBe("Invalid Input Error: x");
  });

  it("leaves any other message as it is", () => {
    for (const m of ["query was canceled", "Parser Error: x", "{not json", '{"a":1}']) expect(plainErrorMessage(m)).toBe(m);
  });
});
