/**
 * The schema at the start of an Arrow stream (src/lib/arrowHead.ts), which "Om data" and the SQL
 * workbench read instead of whole datasets: cut from a stream written the way the loaders write
 * it, it decodes (with flechette, as the pages do) to the same fields and provenance and no rows.
 * fetchSchema (what loadDatasetHead in src/components/data.ts runs) asks a server for those bytes
 * with Range requests: here a fake fetch that answers Range as a static host does.
 */
import { tableFromIPC } from "@uwdata/flechette";
import { describe, expect, it } from "vitest";
import { toArrowIPC } from "../../loaders/arrow.ts";
import type { DatasetMeta } from "../../loaders/provenance.ts";
import { HEAD_BYTES, fetchSchema, schemaLength, schemaOnly, type RangeFetch } from "../../src/lib/arrowHead.ts";

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

/** A fake fetch serving `file` as a static host does: 206 and the bytes asked for by "Range: bytes=a-b", else 200 and all. */
function fakeServer(file: Uint8Array, options: { ignoreRange?: boolean; status?: number } = {}) {
  const requests: { url: string; range: string | undefined }[] = [];
  const fetch: RangeFetch = async (url, init) => {
    const range = init.headers.Range;
    requests.push({ url, range });
    if (options.status) return new Response("not found", { status: options.status });
    const m = /^bytes=(\d+)-(\d+)$/.exec(range ?? "");
    if (!m || options.ignoreRange) return new Response(file.slice(), { status: 200 });
    const [start, end] = [Number(m[1]), Math.min(Number(m[2]), file.length - 1)];
    return new Response(file.slice(start, end + 1), { status: 206, headers: { "content-range": `bytes ${start}-${end}/${file.length}` } });
  };
  return { fetch, requests };
}

// provenance longer than the first request: a dataset with many missing parts and long notes (in Danish, so multi-byte UTF-8)
const longMeta = {
  ...meta,
  dataset: "indicators",
  missing: Array.from({ length: 120 }, (_, i) => ({
    table: `TAB${i}`,
    what: `kommunens nøgletal for år ${2000 + (i % 27)} (ø, æ, å)`,
    detail: `TAB${i}: the table has no values for the municipality and year asked for; række ${i}`,
  })),
  notes: Array.from({ length: 40 }, (_, i) => `Note ${i}: beregnet ved bygningen over flere tabeller, så tallet kan afvige fra Statistikbankens egne summer.`),
} as unknown as DatasetMeta;

const longStream = toArrowIPC(
  {
    area: { type: "string", values: Array.from({ length: 2000 }, (_, i) => String(100 + (i % 99))) },
    year: { type: "int32", values: Array.from({ length: 2000 }, (_, i) => 2000 + (i % 27)) },
    value: { type: "float64", values: Array.from({ length: 2000 }, (_, i) => i / 7) },
  },
  longMeta,
);

describe("fetchSchema", () => {
  it("fetches a schema longer than the first request with a second request for exactly its length", async () => {
    const length = schemaLength(longStream)!;
    // the case under test: the schema does not fit the first request, and the file holds more than the schema
    expect(length).toBeGreaterThan(HEAD_BYTES);
    expect(longStream.length).toBeGreaterThan(length);

    const server = fakeServer(longStream);
    const head = await fetchSchema("/_file/data/indicators.arrow", server.fetch, "indicators");
    expect(server.requests).toEqual([
      { url: "/_file/data/indicators.arrow", range: `bytes=0-${HEAD_BYTES - 1}` },
      { url: "/_file/data/indicators.arrow", range: `bytes=0-${length - 1}` },
    ]);
    // the schema message and the end-of-stream marker, nothing of the rows
    expect(head.length).toBe(length + 8);
    expect([...head.subarray(0, length)]).toEqual([...longStream.subarray(0, length)]);

    const table = tableFromIPC(head);
    const whole = tableFromIPC(longStream);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(["area", "year", "value"]);
    expect(table.schema.fields.map((f) => f.type.typeId)).toEqual(whole.schema.fields.map((f) => f.type.typeId));
    const provenance = table.schema.metadata!.get("provenance")!;
    expect(new TextEncoder().encode(provenance).length).toBeGreaterThan(HEAD_BYTES);
    expect(JSON.parse(provenance)).toEqual(longMeta);
  });

  it("makes one request when the schema fits the first bytes", async () => {
    const server = fakeServer(stream);
    const head = await fetchSchema("/towns.arrow", server.fetch);
    expect(server.requests).toEqual([{ url: "/towns.arrow", range: `bytes=0-${HEAD_BYTES - 1}` }]);
    expect(head.length).toBe(schemaLength(stream)! + 8);
    expect(JSON.parse(tableFromIPC(head).schema.metadata!.get("provenance")!)).toEqual(meta);
  });

  it("reads the whole file as it is from a server that ignores Range (200)", async () => {
    const server = fakeServer(longStream, { ignoreRange: true });
    const bytes = await fetchSchema("/indicators.arrow", server.fetch);
    expect(server.requests).toHaveLength(1);
    expect(bytes.length).toBe(longStream.length);
    const table = tableFromIPC(bytes);
    expect(table.numRows).toBe(2000);
    expect(JSON.parse(table.schema.metadata!.get("provenance")!)).toEqual(longMeta);
  });

  it("rejects naming the dataset and the status when the server fails, and when the file is not an Arrow stream", async () => {
    await expect(fetchSchema("/x.arrow", fakeServer(stream, { status: 404 }).fetch, "towns")).rejects.toThrow(/^towns: .*404 \/x\.arrow/);
    await expect(fetchSchema("/x.arrow", fakeServer(new TextEncoder().encode("ARROW1\0\0")).fetch, "towns")).rejects.toThrow(/towns: .*Arrow-skema/);
  });
});
