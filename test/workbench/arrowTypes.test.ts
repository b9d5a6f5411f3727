import * as arrow from "apache-arrow";
import * as fl from "@uwdata/flechette";
import { describe, expect, it } from "vitest";
import { createTableSql, sqlTypeName, valueKind } from "../../src/components/arrowTypes.ts";

// The same Arrow types as apache-arrow (DuckDB-wasm's results) and flechette (the site's files) describe them.
const cases: [string, arrow.DataType, fl.DataType, string, string][] = [
  ["int8", new arrow.Int8(), fl.int8(), "TINYINT", "number"],
  ["int16", new arrow.Int16(), fl.int16(), "SMALLINT", "number"],
  ["int32", new arrow.Int32(), fl.int32(), "INTEGER", "number"],
  ["int64", new arrow.Int64(), fl.int64(), "BIGINT", "number"],
  ["uint16", new arrow.Uint16(), fl.uint16(), "USMALLINT", "number"],
  ["float32", new arrow.Float32(), fl.float32(), "FLOAT", "number"],
  ["float64", new arrow.Float64(), fl.float64(), "DOUBLE", "number"],
  ["utf8", new arrow.Utf8(), fl.utf8(), "VARCHAR", "string"],
  ["dictionary", new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8()), fl.dictionary(fl.utf8(), fl.int8()), "VARCHAR", "string"],
  ["bool", new arrow.Bool(), fl.bool(), "BOOLEAN", "boolean"],
  ["decimal", new arrow.Decimal(2, 10, 128), fl.decimal(10, 2), "DECIMAL(10,2)", "number"],
  ["date", new arrow.DateDay(), fl.dateDay(), "DATE", "date"],
  ["list", new arrow.List(new arrow.Field("x", new arrow.Int32())), fl.list(fl.int32()), "INTEGER[]", "other"],
];

describe("Arrow types in DuckDB's words, for both Arrow libraries", () => {
  for (const [name, a, f, sql, kind] of cases) {
    it(`${name} → ${sql}`, () => {
      expect(sqlTypeName(a)).toBe(sql);
      expect(sqlTypeName(f as never)).toBe(sql);
      expect(valueKind(a)).toBe(kind);
      expect(valueKind(f as never)).toBe(kind);
    });
  }

  it("writes CREATE TABLE for a dataset's schema as flechette decodes it", () => {
    const bytes = arrow.tableToIPC(
      new arrow.Table({
        area: arrow.vectorFromArray(["101"], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8())),
        "mine tal": arrow.vectorFromArray([1.5], new arrow.Float64()),
      }),
      "stream",
    );
    expect(createTableSql("x", fl.tableFromIPC(bytes).schema as never)).toBe('CREATE TABLE "x" ("area" VARCHAR, "mine tal" DOUBLE)');
  });
});
