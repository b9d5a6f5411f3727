/**
 * The schema at the start of an Arrow stream (src/lib/arrowHead.ts), which "Om data" and the SQL
 * workbench read instead of whole datasets: cut from a stream written the way the loaders write
 * it, it decodes (with flechette, as the pages do) to the same fields and provenance and no rows.
 */
import { tableFromIPC } from "@uwdata/flechette";
import { describe, expect, it } from "vitest";
import { toArrowIPC } from "../../loaders/arrow.ts";
import type { DatasetMeta } from "../../loaders/provenance.ts";
import { HEAD_BYTES, schemaLength, schemaOnly } from "../../src/lib/arrowHead.ts";

const meta = {
  dataset: "towns",
  title: "Byområder",
  status: "ok",
  rows: 3,
  sources: [],
  missing: [],
  columns: { area: "Kommunekode", population: "Indbyggere" },
  builtAt: "2026-12-05T00:00:00.000Z",
} as unknown as DatasetMeta;

const stream = toArrowIPC(
  {
    area: { type: "string", values: ["260", "260", "420"] },
    year: { type: "int32", values: [2025, 2026, 2026] },
    population: { type: "int32", values: [12_345, 12_400, null] },
  },
  meta,
);

describe("schemaLength and schemaOnly", () => {
  it("cut the schema message from the first bytes and decode to the fields and the provenance, without rows", () => {
    const length = schemaLength(stream)!;
    // continuation marker, then the metadata length
    expect([...stream.subarray(0, 4)]).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(length).toBe(8 + new DataView(stream.buffer, stream.byteOffset).getInt32(4, true));
    expect(length).toBeLessThan(stream.length);
    expect(length).toBeLessThan(HEAD_BYTES);

    const head = schemaOnly(stream.subarray(0, length))!;
    const table = tableFromIPC(head);
    const whole = tableFromIPC(stream);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["area", "year", "population"]);
    expect(table.schema.fields.map((f) => f.type.typeId)).toEqual(whole.schema.fields.map((f) => f.type.typeId));
    expect(JSON.parse(table.schema.metadata!.get("provenance")!)).toEqual(meta);
    expect(JSON.parse(table.schema.metadata!.get("provenance")!).rows).toBe(whole.numRows);
  });

  it("read the whole stream's first bytes as a Range response gives them (more than the schema)", () => {
    const head = schemaOnly(stream.subarray(0, Math.min(stream.length, schemaLength(stream)! + 16)))!;
    expect(tableFromIPC(head).numRows).toBe(0);
  });

  it("say null when the bytes are too few for the schema, and how many are needed", () => {
    const length = schemaLength(stream)!;
    expect(schemaOnly(stream.subarray(0, length - 1))).toBeNull();
    expect(schemaLength(stream.subarray(0, 8))).toBe(length);
    expect(schemaLength(stream.subarray(0, 7))).toBeNull();
  });

  it("read a stream without the continuation marker (Arrow before 0.15)", () => {
    const length = schemaLength(stream)!;
    const legacy = new Uint8Array(length - 4);
    legacy.set(stream.subarray(4, length));
    expect(schemaLength(legacy)).toBe(length - 4);
    expect(schemaOnly(legacy)!.length).toBe(length - 4 + 8);
  });

  it("say null for a file that does not start with a message (an Arrow file, 'ARROW1')", () => {
    expect(schemaLength(new TextEncoder().encode("ARROW1\0\0"))).toBeNull();
  });
});
