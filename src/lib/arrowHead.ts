/**
 * The head of an Arrow IPC stream: its first message, the schema, which holds the field names and
 * types and (in the schema metadata) a dataset's provenance. "Om data" and the SQL workbench's
 * table list need only that, so they fetch the first bytes of each dataset (an HTTP Range request)
 * instead of the whole file, which at full StatBank scale is megabytes. Pure: no DOM, no node.
 *
 * A stream message is framed as [0xFFFFFFFF continuation][int32 metadata length][metadata]
 * [body]; streams written before Arrow 0.15 leave out the continuation. A schema message has no
 * body. The schema alone followed by the end-of-stream marker is a valid stream with no rows.
 */

/** How many bytes to ask for first: the schema and provenance of every dataset on the mirror fit (the largest, indicators, about 9 KiB); a longer one costs a second request. */
export const HEAD_BYTES = 16 * 1024;

const CONTINUATION = 0xffffffff;
const END_OF_STREAM = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];

/**
 * The number of bytes the schema message takes at the start of `head` (framing included), read
 * from its first 4 or 8 bytes; null when `head` is too short to tell or does not start with a
 * message (an Arrow *file*, "ARROW1", is not a stream and is read whole).
 */
export function schemaLength(head: Uint8Array): number | null {
  if (head.length < 8) return null;
  // "ARROW1": the file format, whose schema sits behind a footer, not at the start
  if (String.fromCharCode(...head.subarray(0, 6)) === "ARROW1") return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const first = view.getUint32(0, true);
  const [length, framing] = first === CONTINUATION ? [view.getInt32(4, true), 8] : [view.getInt32(0, true), 4];
  return length > 0 ? framing + length : null;
}

/**
 * The schema message of `head` as a stream of its own (schema, then end of stream), for
 * tableFromIPC: a table with every field and the metadata, and no rows. Null when `head` does not
 * hold the whole schema message (ask for `schemaLength(head)` bytes then).
 */
export function schemaOnly(head: Uint8Array): Uint8Array | null {
  const length = schemaLength(head);
  if (length === null || head.length < length) return null;
  const out = new Uint8Array(length + END_OF_STREAM.length);
  out.set(head.subarray(0, length));
  out.set(END_OF_STREAM, length);
  return out;
}

/** The part of `fetch` that fetchSchema uses (the browser's fetch, or a fake in a test). */
export type RangeFetch = (url: string, init: { headers: Record<string, string> }) => Promise<Pick<Response, "ok" | "status" | "arrayBuffer">>;

/**
 * The schema of the Arrow stream at `url` as a stream of its own (schemaOnly), fetched with HTTP
 * Range requests: the first HEAD_BYTES, and when the schema is longer, a second request for
 * exactly its length. A server that ignores Range answers 200 with the whole file, which is
 * returned as it is (it decodes too, with its rows). `what` names the dataset in errors.
 */
export async function fetchSchema(url: string, fetchRange: RangeFetch, what: string = url): Promise<Uint8Array> {
  // the first `end` bytes; a server that ignores Range sends the whole file (200), read as it is
  const range = async (end: number): Promise<{ bytes: Uint8Array; whole: boolean }> => {
    const response = await fetchRange(url, { headers: { Range: `bytes=0-${end - 1}` } });
    if (!response.ok) throw new Error(`${what}: filen kunne ikke hentes (${response.status} ${url})`);
    return { bytes: new Uint8Array(await response.arrayBuffer()), whole: response.status !== 206 };
  };
  const first = await range(HEAD_BYTES);
  if (first.whole) return first.bytes;
  const head = schemaOnly(first.bytes);
  if (head) return head;
  // a schema longer than the first request: ask for exactly its length
  const length = schemaLength(first.bytes);
  if (length === null) throw new Error(`${what}: filen begynder ikke med et Arrow-skema`);
  const second = await range(length);
  if (second.whole) return second.bytes;
  const schema = schemaOnly(second.bytes);
  if (!schema) throw new Error(`${what}: Arrow-skemaet kunne ikke læses`);
  return schema;
}
