/**
 * Writing the output of `npm run data` and its provenance file together (writeOutputs): each must
 * be a regular file (or a symbolic link to one, which is written through) or a new path, never a
 * directory, device, FIFO or socket, and never a read-only file, even as root; an existing file
 * keeps its mode. Both are written to temporary files beside them, then renamed into place; if the
 * second rename fails the first is undone, so neither is left without the other. A failure names
 * the path and the OS's error code and text.
 */
import { randomBytes } from "node:crypto";
import { constants as fsConstants, type Stats } from "node:fs";
import { access, copyFile, link, lstat, mkdir, open, realpath, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { CliError } from "../common.ts";

/** A refused or failed write: names the path and, where the OS gave one, its error code. Exit code 1. */
export class OutputError extends CliError {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message, 1);
    this.name = "OutputError";
  }
}

/** What an output path is now: new, or an existing regular file (through a symbolic link, if `real` differs). */
export interface OutputTarget {
  /** The path as given. */
  path: string;
  /** Where the bytes go: `path`, or the regular file a symbolic link at `path` points to. */
  real: string;
  /** The existing file's permission bits and owner, kept when it is replaced; null for a new path. */
  existing: { mode: number; uid: number; gid: number } | null;
}

const isRoot = () => process.getuid?.() === 0;

/** The OS's text for an error code, as node words it: "EACCES: permission denied, open '…'" -> "permission denied". */
function osText(e: NodeJS.ErrnoException): string {
  return /^[A-Z0-9_]+: ([^,]*)/.exec(e.message)?.[1] ?? e.message;
}

/** An OS error while writing `path` as an OutputError: path, code, the OS's text, and the call that failed. */
export function outputFailure(e: unknown, path: string, after = "Nothing was written."): OutputError {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  if (e instanceof OutputError) return e;
  if (!err?.code) return new OutputError(path, undefined, `Cannot write ${path}: ${err?.message ?? String(e)}\n${after}`);
  const call = err.syscall ? ` (${err.syscall}${err.path ? ` ${err.path}` : ""}${err.dest ? ` -> ${err.dest}` : ""})` : "";
  return new OutputError(path, err.code, `Cannot write ${path}: ${err.code}: ${osText(err)}${call}\n${after}`);
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * May `path` be written? A new path (its folder is created if need be), or an existing regular
 * file that is not read-only. A symbolic link counts as what it points to. Refused: a directory
 * (EISDIR), a device such as /dev/null, a FIFO or socket (npm run data would otherwise replace it
 * with a regular file, as root even /dev/null), a dangling link, and a read-only file. Root may
 * write any file, so the mode bits are checked here: a file without any write permission bit is
 * read-only for everyone, root included; other users also get the OS's verdict (access W_OK).
 */
export async function checkOutputTarget(path: string, hint?: string): Promise<OutputTarget> {
  const refuse = (code: string | undefined, why: string) =>
    new OutputError(path, code, `Cannot write ${path}: ${why}\nNothing was written.`);
  let st: Stats;
  try {
    st = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { path, real: path, existing: null };
    throw outputFailure(e, path);
  }
  let real = path;
  let via = "";
  if (st.isSymbolicLink()) {
    try {
      real = await realpath(path);
      st = await stat(real);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "ENOENT") throw refuse("ENOENT", "it is a symbolic link to a path that does not exist (ENOENT: no such file or directory).");
      throw outputFailure(e, path);
    }
    via = `it is a symbolic link to ${real}, `;
  }
  if (!st.isFile()) {
    const kind = kindOf(st);
    if (st.isDirectory()) {
      throw refuse("EISDIR", `${via || "it is "}${kind} (EISDIR: illegal operation on a directory).${hint ? ` ${hint}` : ""}`);
    }
    throw refuse(
      undefined,
      `${via || "it is "}${kind}, not a regular file. npm run data writes only a regular file or a new path, and never replaces a device, FIFO or socket.`,
    );
  }
  const mode = st.mode & 0o777;
  const readOnly = (why: string) =>
    refuse(
      "EACCES",
      `${via}the file is read-only (mode ${mode.toString(8).padStart(4, "0")}; ${why}). npm run data does not replace a read-only file, ` +
        `even when run as root (the OS would let root do it). Make it writable (chmod u+w) or choose another --out.`,
    );
  if ((mode & 0o222) === 0) throw readOnly("EACCES: permission denied, no write permission bit is set");
  if (!isRoot()) {
    try {
      await access(real, fsConstants.W_OK);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "EACCES" || err.code === "EPERM" || err.code === "EROFS") throw readOnly(`${err.code}: ${osText(err)}`);
      throw outputFailure(e, path);
    }
  }
  return { path, real, existing: { mode, uid: st.uid, gid: st.gid } };
}

/** A file ready to be renamed into place: its temporary file beside the target. */
export interface PreparedOutput extends OutputTarget {
  tmp: string;
}

/** A temporary name beside `real` (same folder, so the rename is atomic), with a suffix. */
function besides(real: string, suffix: string): string {
  return `${real}.${process.pid}.${randomBytes(4).toString("hex")}.${suffix}`;
}

/**
 * Check every target and write each file's bytes to a temporary file beside it, with the
 * existing file's mode (and, as root, its owner); nothing is replaced yet. On failure every
 * temporary file is removed and the error names the path.
 */
export async function prepareOutputs(files: ReadonlyArray<{ path: string; bytes: Uint8Array | string }>): Promise<PreparedOutput[]> {
  const prepared: PreparedOutput[] = [];
  try {
    for (const f of files) {
      const target = await checkOutputTarget(f.path);
      const same = prepared.find((p) => p.real === target.real);
      if (same) {
        throw new OutputError(f.path, undefined, `Cannot write ${f.path}: it is the same file as ${same.path} (${target.real}).\nNothing was written.`);
      }
      try {
        await mkdir(dirname(target.real), { recursive: true });
        const tmp = besides(target.real, "tmp");
        const handle = await open(tmp, "wx", 0o666);
        prepared.push({ ...target, tmp });
        try {
          if (target.existing) {
            if (isRoot()) await handle.chown(target.existing.uid, target.existing.gid);
            await handle.chmod(target.existing.mode);
          }
          await handle.writeFile(f.bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (e) {
        throw outputFailure(e, f.path);
      }
    }
    return prepared;
  } catch (e) {
    await Promise.all(prepared.map((p) => rm(p.tmp, { force: true }).catch(() => {})));
    throw e;
  }
}

/**
 * Rename prepared files into place, in order. Before the first renames, each existing target is
 * kept under a temporary name (a hard link; a copy where the file system has none), so that if a
 * later rename fails the earlier ones are undone: the previous file is restored, or a file that
 * did not exist is removed. Neither file is then left without the other.
 */
export async function commitOutputs(prepared: readonly PreparedOutput[]): Promise<void> {
  const backups = new Map<PreparedOutput, string>();
  const done: PreparedOutput[] = [];
  const cleanUp = () =>
    Promise.all([...prepared.map((p) => p.tmp), ...backups.values()].map((f) => rm(f, { force: true }).catch(() => {})));
  try {
    for (const p of prepared.slice(0, -1)) {
      if (!p.existing) continue;
      const backup = besides(p.real, "bak");
      try {
        await link(p.real, backup);
      } catch {
        await copyFile(p.real, backup, fsConstants.COPYFILE_EXCL).catch((e) => {
          throw outputFailure(e, p.path);
        });
      }
      backups.set(p, backup);
    }
  } catch (e) {
    await cleanUp();
    throw e;
  }
  for (const p of prepared) {
    try {
      await rename(p.tmp, p.real);
      done.push(p);
    } catch (e) {
      const undone: string[] = [];
      const failed: string[] = [];
      for (const q of done.reverse()) {
        const backup = backups.get(q);
        try {
          if (backup) {
            await rename(backup, q.real);
            backups.delete(q);
          } else await rm(q.real, { force: true });
          undone.push(backup ? `${q.path} restored` : `${q.path} removed again`);
        } catch (r) {
          failed.push(`${q.path} could not be ${backup ? `restored (its previous content is in ${backup})` : "removed"}: ${outputFailure(r, q.path).message.split("\n")[0]}`);
          if (backup) backups.delete(q); // keep the only copy of the previous content
        }
      }
      await cleanUp();
      const after =
        failed.length > 0
          ? `The files are out of step: ${[...undone, ...failed].join("; ")}.`
          : `Nothing was written${undone.length > 0 ? ` (${undone.join(", ")})` : ""}.`;
      throw outputFailure(e, p.path, after);
    }
  }
  await cleanUp();
}

/** Write files so that either all of them are replaced or none (prepareOutputs, then commitOutputs). */
export async function writeOutputs(files: ReadonlyArray<{ path: string; bytes: Uint8Array | string }>): Promise<void> {
  await commitOutputs(await prepareOutputs(files));
}
