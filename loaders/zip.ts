/**
 * A minimal ZIP writer: regular files, stored (no compression: the members are Arrow files, and
 * the web server compresses what it sends). Framework hands out each member of a data loader's
 * .zip output as a file of its own (src/data/by-area/*.zip.ts → /data/by-area/<dataset>/<area>.arrow).
 * A ZIP rather than a tar because Framework finds a ZIP member through the central directory at
 * the end of the file, where a tar is read from its start for every member: with a thousand
 * members of a full-scale build, minutes against seconds.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipMember {
  name: string;
  bytes: Uint8Array;
}

/** MS-DOS time and date of `date` (local fields as UTC; a ZIP has no time zone). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The archive as one buffer: a local header and the content per member, the central directory, its end record. */
export function zipArchive(members: ZipMember[], modified = new Date()): Uint8Array {
  const names = new Set<string>();
  const encoded = members.map((m) => {
    if (names.has(m.name)) throw new Error(`zip: member ${m.name} appears twice`);
    names.add(m.name);
    const name = new TextEncoder().encode(m.name);
    if (name.length > 0xffff) throw new Error(`zip: member name too long: ${m.name}`);
    if (m.bytes.length > 0xfffffffe) throw new Error(`zip: member ${m.name} is larger than 4 GiB`);
    return { name, bytes: m.bytes, crc: crc32(m.bytes) };
  });
  if (encoded.length > 0xfffe) throw new Error(`zip: ${encoded.length} members, at most 65534 without ZIP64`);
  const { time, date } = dosDateTime(modified);
  const localSize = encoded.reduce((a, m) => a + 30 + m.name.length + m.bytes.length, 0);
  const centralSize = encoded.reduce((a, m) => a + 46 + m.name.length, 0);
  if (localSize + centralSize > 0xfffffffe) throw new Error("zip: archive larger than 4 GiB");
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  const UTF8 = 0x0800; // general purpose flag 11: names are UTF-8
  for (const m of encoded) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true); // version needed: 2.0
    view.setUint16(at + 6, UTF8, true);
    view.setUint16(at + 8, 0, true); // stored
    view.setUint16(at + 10, time, true);
    view.setUint16(at + 12, date, true);
    view.setUint32(at + 14, m.crc, true);
    view.setUint32(at + 18, m.bytes.length, true);
    view.setUint32(at + 22, m.bytes.length, true);
    view.setUint16(at + 26, m.name.length, true);
    view.setUint16(at + 28, 0, true);
    out.set(m.name, at + 30);
    out.set(m.bytes, at + 30 + m.name.length);
    at += 30 + m.name.length + m.bytes.length;
  }
  const central = at;
  encoded.forEach((m, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: 2.0
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, UTF8, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, date, true);
    view.setUint32(at + 16, m.crc, true);
    view.setUint32(at + 20, m.bytes.length, true);
    view.setUint32(at + 24, m.bytes.length, true);
    view.setUint16(at + 28, m.name.length, true);
    // extra, comment, disk, internal and external attributes: 0
    view.setUint32(at + 42, offsets[i], true);
    out.set(m.name, at + 46);
    at += 46 + m.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, encoded.length, true);
  view.setUint16(at + 10, encoded.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  return out;
}

/**
 * The members of a ZIP this writer made (stored, no ZIP64), read through the central directory.
 * Anything else (compressed members, a damaged file, a CRC that does not match) is an error that
 * names `file`: the build copies these members as the site's per-municipality files.
 */
export function readZip(bytes: Uint8Array, file: string): ZipMember[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (what: string) => new Error(`${file}: ${what}`);
  // the end record: 22 bytes, followed by a comment of at most 65535 bytes
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw fail("not a ZIP archive (no end of central directory record)");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const members: ZipMember[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) throw fail(`central directory entry ${i + 1} of ${count} is damaged`);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (method !== 0) throw fail(`member ${name} is compressed (method ${method}); only stored members are read`);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw fail(`member ${name}: its local header is damaged`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > bytes.length) throw fail(`member ${name} runs past the end of the file`);
    const content = bytes.subarray(start, start + size);
    if (crc32(content) !== crc) throw fail(`member ${name} is damaged (CRC mismatch)`);
    members.push({ name, bytes: content });
    at += 46 + nameLength + skip;
  }
  return members;
}
