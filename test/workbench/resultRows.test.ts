/**
 * Rows of a streamed query result up to the display cap, and the words for how many there are.
 * Batches are built with apache-arrow, as DuckDB-wasm streams them.
 */
import * as arrow from "apache-arrow";
import { describe, expect, it } from "vitest";
import {
  batchRows,
  CSV_LIMIT,
  DISPLAY_LIMIT,
  resultColumns,
  rowCountText,
  type ArrowBatch,
  type ArrowSchema,
} from "../../src/components/workbench/resultRows.ts";

/** Two record batches of 3 and 2 rows: area (text), n (BIGINT), share (DOUBLE). */
function twoBatches(): { schema: ArrowSchema; batches: ArrowBatch[] } {
  const a = arrow.tableFromArrays({ area: ["101", "147", "151"], n: BigInt64Array.from([1n, 2n, 3n]), share: Float64Array.from([0.5, 0.25, 0.125]) });
  const b = arrow.tableFromArrays({ area: ["153", "155"], n: BigInt64Array.from([4n, 5n]), share: Float64Array.from([1, 2]) });
  const table = a.concat(b);
  expect(table.batches.map((x) => x.numRows)).toEqual([3, 2]);
  return { schema: table.schema as unknown as ArrowSchema, batches: table.batches as unknown as ArrowBatch[] };
}

describe("batchRows", () => {
  it("reads every row of every batch, BIGINT as number", () => {
    const { schema, batches } = twoBatches();
    const { columns, rows, truncated } = batchRows(schema, batches);
    expect(columns).toEqual([
      { name: "area", kind: "string", sqlType: "VARCHAR" },
      { name: "n", kind: "number", sqlType: "BIGINT" },
      { name: "share", kind: "number", sqlType: "DOUBLE" },
    ]);
    expect(rows).toEqual([
      { area: "101", n: 1, share: 0.5 },
      { area: "147", n: 2, share: 0.25 },
      { area: "151", n: 3, share: 0.125 },
      { area: "153", n: 4, share: 1 },
      { area: "155", n: 5, share: 2 },
    ]);
    expect(truncated).toBe(false);
  });

  it("stops at the limit, inside a batch or at its end, and says rows were left out", () => {
    const { schema, batches } = twoBatches();
    const four = batchRows(schema, batches, 4);
    expect(four.rows.map((r) => r.area)).toEqual(["101", "147", "151", "153"]);
    expect(four.truncated).toBe(true);
    const three = batchRows(schema, batches, 3);
    expect(three.rows.map((r) => r.area)).toEqual(["101", "147", "151"]);
    expect(three.truncated).toBe(true);
    expect(batchRows(schema, batches, 5).truncated).toBe(false);
    expect(batchRows(schema, [], 5)).toEqual({ columns: resultColumns(schema), rows: [], truncated: false });
  });

  it("names a repeated column area_2 (SELECT a.area, b.area)", () => {
    const schema = {
      fields: [
        { name: "area", type: new arrow.Utf8() },
        { name: "area", type: new arrow.Utf8() },
        { name: "area", type: new arrow.Int32() },
      ],
    } as unknown as ArrowSchema;
    const batch: ArrowBatch = { numRows: 1, getChildAt: (j) => ({ get: () => ["101", "461", 7][j] }) };
    const { columns, rows } = batchRows(schema, [batch]);
    expect(columns.map((c) => c.name)).toEqual(["area", "area_2", "area_3"]);
    expect(rows).toEqual([{ area: "101", area_2: "461", area_3: 7 }]);
  });
});

describe("rowCountText", () => {
  it("counts rows the Danish way, and says 'at least' when only the first were read", () => {
    expect(DISPLAY_LIMIT).toBe(10_000);
    expect(CSV_LIMIT + 1).toBe(2 ** 20); // Excel's rows, the header one of them
    expect(rowCountText(0, false)).toBe("0 rækker");
    expect(rowCountText(1, false)).toBe("1 række");
    expect(rowCountText(12345, false)).toBe("12.345 rækker");
    expect(rowCountText(10_000, true)).toBe("viser de første 10.000 af mindst 10.001 rækker");
  });
});
