/**
 * npm run snapshot -- [DIR] [--geo DIR] [--api DIR] [--to DIR]
 *
 * Refreshes the project's own copy of the StatBank mirror (snapshot/statbank), of the municipal
 * boundaries (snapshot/geo) and of the recorded API exchanges (snapshot/statbank-api) from folders
 * laid out like ../shared. Nothing is edited: files are copied byte for byte, every table file is
 * checked against its MANIFEST.json entry (rows and sha256) before anything is replaced, and the
 * old copy is swapped for the new one only when the whole copy succeeded.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkMirrorFile, countDataRows, type ManifestFileEntry } from "../statbank/manifest.ts";

export const SNAPSHOT_DIR = "snapshot";

export interface SnapshotPart {
  /** Folder name inside the snapshot: statbank, geo, statbank-api. */
  name: string;
  from: string;
}

export interface SnapshotIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

const HELP = `npm run snapshot -- [DIR] [--geo DIR] [--api DIR] [--to DIR]

Copies a StatBank mirror folder (default ../shared/statbank) into snapshot/statbank, and the
boundary files and recorded API exchanges beside it (default DIR/../geo, DIR/../statbank-api)
into snapshot/geo and snapshot/statbank-api. Every table file must match its MANIFEST.json entry
(rows, sha256); otherwise nothing is replaced. --to writes another snapshot folder.
`;

class SnapshotError extends Error {}

/** Every regular file under `dir`; made writable by the owner (the source may be read-only), so a later refresh can replace it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...filesUnder(path));
    else if (st.isFile()) {
      chmodSync(path, 0o644);
      out.push(path);
    }
  }
  return out;
}

interface MirrorManifest {
  synthetic?: unknown;
  tables?: (ManifestFileEntry & { synthetic?: unknown })[];
  tableinfo?: ManifestFileEntry[];
}

/**
 * Refuses a synthetic mirror: scripts/bench/scale.ts writes one for the benchmark (MANIFEST.json
 * `"synthetic": true`, also per table), whose numbers are not Statistics Denmark's and never
 * belong in a snapshot.
 */
function refuseSynthetic(manifestPath: string, manifest: MirrorManifest): void {
  const tables = Array.isArray(manifest.tables) ? manifest.tables.filter((t) => t?.synthetic === true).map((t) => t.id) : [];
  if (manifest.synthetic !== true && tables.length === 0) return;
  const what = manifest.synthetic === true ? '"synthetic": true' : `"synthetic": true for ${tables.join(", ")}`;
  throw new SnapshotError(
    `${manifestPath} siger ${what}: et syntetisk spejl til ydelsesmåling (scripts/bench/scale.ts), ikke Danmarks Statistiks tal; det kopieres aldrig ind i et snapshot.\n` +
      `${manifestPath} says ${what}: a synthetic mirror for performance measurement (scripts/bench/scale.ts), not Statistics Denmark's figures; it is never copied into a snapshot.`,
  );
}

/** Checks a copied mirror folder against its MANIFEST.json; returns one line per table. */
export function verifyMirrorFolder(dir: string): string[] {
  const manifestPath = join(dir, "MANIFEST.json");
  if (!existsSync(manifestPath))
    throw new SnapshotError(`${manifestPath} does not exist: a mirror folder needs its MANIFEST.json (what each file covers and where it came from)`);
  let manifest: MirrorManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  } catch (e) {
    throw new SnapshotError(`${manifestPath}: ${(e as Error).message}`);
  }
  refuseSynthetic(manifestPath, manifest);
  const problems: string[] = [];
  const lines: string[] = [];
  const tableinfo = Array.isArray(manifest.tableinfo) ? manifest.tableinfo.map((e) => ({ ...e, id: e.id ?? e.file ?? "?" })) : [];
  for (const entry of [...(manifest.tables ?? []), ...tableinfo]) {
    if (!entry.file) continue;
    const path = join(dir, entry.file);
    if (!existsSync(path)) {
      problems.push(`${path}: listed in MANIFEST.json for ${entry.id} but not in the folder`);
      continue;
    }
    const bytes = readFileSync(path);
    problems.push(...checkMirrorFile(path, bytes, entry));
    if (entry.file.endsWith(".csv")) lines.push(`${entry.id}: ${countDataRows(bytes.toString("utf8")).toLocaleString("en")} rows`);
  }
  if (problems.length > 0) throw new SnapshotError(problems.join("\n"));
  return lines;
}

/** Copies the parts into `to` (snapshot/ by default); all or nothing. Returns what was copied. */
export function writeSnapshot(parts: SnapshotPart[], to: string): string[] {
  for (const part of parts) {
    if (!existsSync(part.from) || !statSync(part.from).isDirectory()) throw new SnapshotError(`${part.from} is not a folder (source of snapshot/${part.name})`);
    // A synthetic mirror is refused before anything is copied (verifyMirrorFolder checks the copy again).
    const manifestPath = join(part.from, "MANIFEST.json");
    if (part.name === "statbank" && existsSync(manifestPath)) {
      let manifest: MirrorManifest | null = null;
      try {
        manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      } catch {
        // verifyMirrorFolder names the broken MANIFEST.json
      }
      if (manifest) refuseSynthetic(manifestPath, manifest);
    }
  }
  mkdirSync(to, { recursive: true });
  const staging = join(to, `.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const report: string[] = [];
  try {
    for (const part of parts) {
      const target = join(staging, part.name);
      cpSync(part.from, target, { recursive: true, dereference: true });
      const files = filesUnder(target);
      report.push(`${part.name}: ${files.length} files from ${part.from}`);
      if (part.name === "statbank") report.push(...verifyMirrorFolder(target).map((l) => `  ${l}`));
    }
    // Swap each part in only after every part was copied and checked.
    for (const part of parts) {
      const live = join(to, part.name);
      const old = join(to, `.old-${process.pid}-${part.name}`);
      if (existsSync(live)) renameSync(live, old);
      renameSync(join(staging, part.name), live);
      rmSync(old, { recursive: true, force: true });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return report;
}

export function runSnapshotCli(argv: string[], io: SnapshotIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { geo: { type: "string" }, api: { type: "string" }, to: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    io.stderr.write(`One mirror folder, please (got ${parsed.positionals.join(", ")}).\n\n${HELP}`);
    return 2;
  }
  const mirror = resolve(io.cwd, parsed.positionals[0] ?? "../shared/statbank");
  const beside = dirname(mirror);
  const parts: SnapshotPart[] = [{ name: "statbank", from: mirror }];
  const geo = parsed.values.geo ? resolve(io.cwd, parsed.values.geo) : join(beside, "geo");
  const api = parsed.values.api ? resolve(io.cwd, parsed.values.api) : join(beside, "statbank-api");
  for (const [name, from, explicit] of [
    ["geo", geo, parsed.values.geo],
    ["statbank-api", api, parsed.values.api],
  ] as const) {
    if (explicit || existsSync(from)) parts.push({ name, from });
    else io.stdout.write(`(no ${basename(from)} folder beside the mirror: snapshot/${name} is left as it is)\n`);
  }
  const to = resolve(io.cwd, parsed.values.to ?? SNAPSHOT_DIR);
  try {
    const report = writeSnapshot(parts, to);
    io.stdout.write(`${report.join("\n")}\nSnapshot written to ${relative(io.cwd, to) || "."}.\n`);
    return 0;
  } catch (e) {
    const msg = e instanceof SnapshotError ? e.message : `${(e as Error).message}`;
    io.stderr.write(`${msg}\nNothing was replaced.\n`);
    return 1;
  }
}
