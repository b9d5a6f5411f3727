/**
 * The pages decode the loaders' Arrow files with flechette (small), DuckDB-wasm and the tools with
 * apache-arrow: both must read the same rows, nulls included, and an empty dataset too.
 */
import { tableFromIPC as flechette } from "@uwdata/flechette";
import { DataType, tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { toArrowIPC, type ColumnSpec } from "../../loaders/arrow.ts";
import { datasetMeta } from "../../loaders/provenance.ts";

const meta = datasetMeta({ dataset: "t", title: "Test", sources: [], rows: 4, columns: { area: "code", year: "year", value: "value" } });

function columns(n: number): Record<string, ColumnSpec> {
  const area = ["101", "260", "461"];
  return {
    area: { type: "string", values: Array.from({ length: n }, (_, i) => area[i % 3]) },
    year: { type: "int16", values: Array.from({ length: n }, (_, i) => 2010 + i) },
    value: { type: "float64", values: Array.from({ length: n }, (_, i) => (i === 1 ? null : i * 1.5)) },
  };
}

describe("Arrow files read alike by flechette (pages) and apache-arrow (DuckDB, tools)", () => {
  it("rows with dictionary strings, integers, doubles and a null", () => {
    const bytes = toArrowIPC(columns(4), meta);
    const rows = flechette(bytes).toArray();
    expect(rows).toEqual([
      { area: "101", year: 2010, value: 0 },
      { area: "260", year: 2011, value: null },
      { area: "461", year: 2012, value: 3 },
      { area: "101", year: 2013, value: 4.5 },
    ]);
    expect(JSON.parse(flechette(bytes).schema.metadata!.get("provenance")!).dataset).toBe("t");
    expect(DataType.isDictionary(tableFromIPC(bytes).schema.fields[0].type)).toBe(true);
  });

  it("an empty dataset has plain string columns (no dictionary a reader would wait for)", () => {
    const bytes = toArrowIPC(columns(0), meta);
    expect(flechette(bytes).toArray()).toEqual([]);
    const table = tableFromIPC(bytes);
    expect(table.numRows).toBe(0);
    expect(DataType.isUtf8(table.schema.fields[0].type)).toBe(true);
  });
});
