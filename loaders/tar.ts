/**
 * A minimal POSIX ustar writer: regular files only, in the order given. Framework reads a data
 * loader's .tar output and hands out each member as a file of its own (src/data/by-area/*.tar.ts →
 * /data/by-area/<dataset>/<area>.arrow), so one loader run gives a dataset's slice per municipality.
 */
const BLOCK = 512;

function octal(value: number, width: number): string {
  // width − 1 digits and a NUL, as ustar writes numeric fields
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, mtime: number): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  if (nameBytes.length > 100) throw new Error(`tar: member name longer than 100 bytes: ${name}`);
  if (size > 0o77777777777) throw new Error(`tar: member ${name} is larger than 8 GiB`);
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, text: string) => h.set(new TextEncoder().encode(text), offset);
  h.set(nameBytes, 0);
  put(100, octal(0o644, 8)); // mode
  put(108, octal(0, 8)); // uid
  put(116, octal(0, 8)); // gid
  put(124, octal(size, 12));
  put(136, octal(mtime, 12));
  put(148, "        "); // checksum field counts as spaces while summing
  put(156, "0"); // regular file
  put(257, "ustar\0");
  put(263, "00");
  let sum = 0;
  for (const b of h) sum += b;
  put(148, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

export interface TarMember {
  name: string;
  bytes: Uint8Array;
}

/** The archive as one buffer: a header and the padded content per member, then two zero blocks. */
export function tarArchive(members: TarMember[], mtime = Math.floor(Date.now() / 1000)): Uint8Array {
  const names = new Set<string>();
  let total = 2 * BLOCK;
  for (const m of members) {
    if (names.has(m.name)) throw new Error(`tar: member ${m.name} appears twice`);
    names.add(m.name);
    total += BLOCK + Math.ceil(m.bytes.length / BLOCK) * BLOCK;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const m of members) {
    out.set(header(m.name, m.bytes.length, mtime), at);
    at += BLOCK;
    out.set(m.bytes, at);
    at += Math.ceil(m.bytes.length / BLOCK) * BLOCK;
  }
  return out;
}
