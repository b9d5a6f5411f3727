/**
 * npm run data --out: what it refuses to write (a directory, a device such as the real /dev/null,
 * a FIFO, a link to one, a read-only file), that it keeps an existing file's mode, that the data
 * and its provenance file are replaced together or not at all, and that a failure names the path
 * and the OS's error code and text. Every case works in a fresh temporary folder and asserts that
 * the files there are exactly as before (content, mode, inode) or exactly as written.
 */
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { commitOutputs, OutputError, prepareOutputs, runDataCli, writeOutputs } from "../../loaders/cli/data.ts";
import { mirrorDir, projectRoot } from "../paths.ts";

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) {
    chmodSync(d, 0o700);
    rmSync(d, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "data-out-"));
  tempDirs.push(d);
  return d;
}

/** A one-row selection the mirror holds. */
const SELECTION = ["AFSTB4", "BOPOMR=101", "SOCIO=02", "KØN=TOT", "Tid=(1)"];

async function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runDataCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: { STATBANK_MIRROR: mirrorDir },
  });
  return { code, stdout, stderr };
}

/** Content, permission bits and inode of every entry of a folder (links not followed). */
function snapshot(dir: string): Record<string, { kind: string; mode: number; ino: number; content?: string; entries?: string[] }> {
  const out: Record<string, { kind: string; mode: number; ino: number; content?: string; entries?: string[] }> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    const kind = st.isFile() ? "file" : st.isDirectory() ? "dir" : st.isSymbolicLink() ? "link" : st.isFIFO() ? "fifo" : "other";
    out[name] = {
      kind,
      mode: st.mode & 0o7777,
      ino: st.ino,
      ...(kind === "file" ? { content: readFileSync(p, "utf8") } : {}),
      ...(kind === "dir" ? { entries: readdirSync(p).sort() } : {}),
    };
  }
  return out;
}

const isRoot = process.getuid?.() === 0;

describe("npm run data --out refuses what is not a regular file or a new path", () => {
  it("the real /dev/null stays a character device; no /dev/null.provenance.json appears", async () => {
    const before = statSync("/dev/null");
    expect(before.isCharacterDevice()).toBe(true);
    const r = await run([...SELECTION, "--format", "csv", "--out", "/dev/null"], tempDir());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "Cannot write /dev/null: it is a character device, not a regular file. npm run data writes only a regular file or a new path, " +
        "and never replaces a device, FIFO or socket.\nNothing was written.\n",
    );
    const after = statSync("/dev/null");
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev, after.mode]).toEqual([before.ino, before.rdev, before.mode]);
    expect(existsSync("/dev/null.provenance.json")).toBe(false);
    expect(readdirSync("/dev").filter((f) => f.startsWith("null."))).toEqual([]);
  });

  it("a directory: EISDIR with the path; the directory and its contents are unchanged", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "out.arrow"));
    writeFileSync(join(cwd, "out.arrow", "inside"), "x");
    const before = snapshot(cwd);
    const r = await run([...SELECTION, "--out", "out.arrow"], cwd);
    expect(r.code).toBe(1);
    const path = join(cwd, "out.arrow");
    expect(r.stderr).toBe(
      `Cannot write ${path}: it is a directory (EISDIR: illegal operation on a directory). Name a file, e.g. ${join(path, "AFSTB4.arrow")}.\nNothing was written.\n`,
    );
    expect(snapshot(cwd)).toEqual(before);
  });

  it("a FIFO, and symbolic links to /dev/null, to a directory and to nothing", async () => {
    const cwd = tempDir();
    execFileSync("mkfifo", [join(cwd, "fifo.csv")]);
    symlinkSync("/dev/null", join(cwd, "null.csv"));
    mkdirSync(join(cwd, "d"));
    symlinkSync(join(cwd, "d"), join(cwd, "dir.csv"));
    symlinkSync(join(cwd, "nowhere"), join(cwd, "dangling.csv"));
    const before = snapshot(cwd);
    const expected: Record<string, string> = {
      "fifo.csv": "it is a FIFO (named pipe), not a regular file.",
      "null.csv": "it is a symbolic link to /dev/null, a character device, not a regular file.",
      "dir.csv": `it is a symbolic link to ${join(cwd, "d")}, a directory (EISDIR: illegal operation on a directory).`,
      "dangling.csv": "it is a symbolic link to a path that does not exist (ENOENT: no such file or directory).",
    };
    for (const [name, why] of Object.entries(expected)) {
      const r = await run([...SELECTION, "--out", name], cwd);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toContain(`Cannot write ${join(cwd, name)}: ${why}`);
      expect(r.stderr, name).toMatch(/Nothing was written\.\n$/);
    }
    expect(snapshot(cwd)).toEqual(before);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it(`a read-only file is not replaced, even as root (this run: ${isRoot ? "root" : "not root"}): EACCES, content and mode unchanged`, async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "ro.csv"), "previous\n");
    chmodSync(join(cwd, "ro.csv"), 0o444);
    const before = snapshot(cwd);
    const r = await run([...SELECTION, "--out", "ro.csv"], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot write ${join(cwd, "ro.csv")}: the file is read-only (mode 0444; EACCES: permission denied`);
    expect(r.stderr).toContain("npm run data does not replace a read-only file, even when run as root");
    expect(snapshot(cwd)).toEqual(before);
  });

  it("a read-only provenance file is not replaced either, and the data file beside it stays as it was", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "x.csv"), "old data\n");
    writeFileSync(join(cwd, "x.csv.provenance.json"), "{}\n");
    chmodSync(join(cwd, "x.csv.provenance.json"), 0o400);
    const before = snapshot(cwd);
    const r = await run([...SELECTION, "--out", "x.csv"], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot write ${join(cwd, "x.csv.provenance.json")}: the file is read-only (mode 0400; EACCES`);
    expect(snapshot(cwd)).toEqual(before);
  });
});

describe("npm run data --out replaces a regular file and keeps its mode", () => {
  it("an existing file keeps its permission bits; a new provenance file gets the usual ones; no temporary file is left", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "x.csv"), "old\n");
    chmodSync(join(cwd, "x.csv"), 0o640);
    const r = await run([...SELECTION, "--out", "x.csv"], cwd);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(["x.csv", "x.csv.provenance.json"]);
    expect(statSync(join(cwd, "x.csv")).mode & 0o7777).toBe(0o640);
    expect(readFileSync(join(cwd, "x.csv"), "utf8")).toMatch(/^BOPOMR;SOCIO;KØN;TID;INDHOLD\n101;02;TOT;\d{4};[\d.]+\n$/);
    const umask = process.umask();
    expect(statSync(join(cwd, "x.csv.provenance.json")).mode & 0o777).toBe(0o666 & ~umask);
    expect(JSON.parse(readFileSync(join(cwd, "x.csv.provenance.json"), "utf8"))).toMatchObject({ table: "AFSTB4", file: "x.csv" });
  });

  it("a symbolic link to a regular file is written through: the link stays, the file it names gets the data", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "real"));
    writeFileSync(join(cwd, "real", "target.csv"), "old\n");
    chmodSync(join(cwd, "real", "target.csv"), 0o600);
    symlinkSync(join(cwd, "real", "target.csv"), join(cwd, "link.csv"));
    const r = await run([...SELECTION, "--out", "link.csv"], cwd);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(lstatSync(join(cwd, "link.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(cwd, "real", "target.csv"), "utf8")).toMatch(/^BOPOMR;SOCIO;KØN;TID;INDHOLD\n101;02;TOT;/);
    expect(statSync(join(cwd, "real", "target.csv")).mode & 0o7777).toBe(0o600);
    expect(readdirSync(join(cwd, "real"))).toEqual(["target.csv"]);
    expect(existsSync(join(cwd, "link.csv.provenance.json"))).toBe(true);
  });
});

describe("data and provenance are replaced together or not at all", () => {
  it("the provenance path is an existing directory: refused before anything is written, the data file unchanged", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "x.csv"), "old data\n");
    chmodSync(join(cwd, "x.csv"), 0o640);
    mkdirSync(join(cwd, "x.csv.provenance.json"));
    const before = snapshot(cwd);
    const r = await run([...SELECTION, "--out", "x.csv"], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Cannot write ${join(cwd, "x.csv.provenance.json")}: it is a directory (EISDIR: illegal operation on a directory). ` +
        "npm run data writes the provenance of x.csv there: move it away or choose another --out.\nNothing was written.\n",
    );
    expect(snapshot(cwd)).toEqual(before);
  });

  it("the second rename fails after the first succeeded: the first is rolled back to the previous file (content, mode, inode)", async () => {
    const cwd = tempDir();
    const data = join(cwd, "x.csv");
    const sidecar = join(cwd, "x.csv.provenance.json");
    writeFileSync(data, "old data\n");
    chmodSync(data, 0o604);
    const prepared = await prepareOutputs([
      { path: data, bytes: "new data\n" },
      { path: sidecar, bytes: "{}\n" },
    ]);
    // Between the check and the renames the provenance path becomes a directory (a race the
    // check cannot see): rename(2) onto it fails with EISDIR.
    mkdirSync(sidecar);
    writeFileSync(join(sidecar, "inside"), "x");
    const tmpNames = prepared.map((p) => p.tmp.slice(cwd.length + 1)).sort();
    expect(readdirSync(cwd).sort()).toEqual(["x.csv", "x.csv.provenance.json", ...tmpNames].sort());
    const before = snapshot(cwd);
    for (const t of tmpNames) delete before[t];

    const error = await commitOutputs(prepared).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as OutputError).path).toBe(sidecar);
    expect((error as OutputError).code).toBe("EISDIR");
    expect((error as OutputError).message).toBe(
      `Cannot write ${sidecar}: EISDIR: illegal operation on a directory (rename ${prepared[1].tmp} -> ${sidecar})\n` +
        `Nothing was written (${data} restored).`,
    );
    // The same inode, content and mode as before; no temporary or backup file left.
    expect(snapshot(cwd)).toEqual(before);
  });

  it("the second rename fails and the data file was new: it is removed again", async () => {
    const cwd = tempDir();
    const data = join(cwd, "new.csv");
    const sidecar = join(cwd, "new.csv.provenance.json");
    const prepared = await prepareOutputs([
      { path: data, bytes: "new data\n" },
      { path: sidecar, bytes: "{}\n" },
    ]);
    mkdirSync(sidecar);
    writeFileSync(join(sidecar, "inside"), "x");
    const error = (await commitOutputs(prepared).catch((e: unknown) => e)) as OutputError;
    expect(error).toBeInstanceOf(OutputError);
    expect([error.path, error.code]).toEqual([sidecar, "EISDIR"]);
    expect(error.message).toMatch(new RegExp(`\nNothing was written \\(${data.replace(/[.]/g, "\\.")} removed again\\)\\.$`));
    expect(readdirSync(cwd)).toEqual(["new.csv.provenance.json"]);
    expect(readdirSync(sidecar)).toEqual(["inside"]);
  });

  it("two paths that are one file (a link) are refused before anything is written", async () => {
    const cwd = tempDir();
    const data = join(cwd, "x.csv");
    writeFileSync(data, "old\n");
    symlinkSync(data, `${data}.provenance.json`);
    const before = snapshot(cwd);
    const error = (await writeOutputs([
      { path: data, bytes: "new\n" },
      { path: `${data}.provenance.json`, bytes: "{}\n" },
    ]).catch((e: unknown) => e)) as OutputError;
    expect(error).toBeInstanceOf(OutputError);
    expect(error.message).toBe(`Cannot write ${data}.provenance.json: it is the same file as ${data} (${data}).\nNothing was written.`);
    expect(snapshot(cwd)).toEqual(before);
  });

  it("writeOutputs replaces both files when both can be written", async () => {
    const cwd = tempDir();
    const data = join(cwd, "x.csv");
    writeFileSync(data, "old\n");
    writeFileSync(`${data}.provenance.json`, "old\n");
    chmodSync(`${data}.provenance.json`, 0o600);
    await writeOutputs([
      { path: data, bytes: "new\n" },
      { path: `${data}.provenance.json`, bytes: "{}\n" },
    ]);
    expect(readFileSync(data, "utf8")).toBe("new\n");
    expect(readFileSync(`${data}.provenance.json`, "utf8")).toBe("{}\n");
    expect(statSync(`${data}.provenance.json`).mode & 0o777).toBe(0o600);
    expect(readdirSync(cwd).sort()).toEqual(["x.csv", "x.csv.provenance.json"]);
  });
});

describe("npm run data --out reports the OS's own error", () => {
  it("a folder the user may not write: EACCES (not ENOENT), with the path and the OS's text", async (ctx) => {
    // As root the command runs as nobody, who must be able to read the project (a checkout inside
    // a folder only root may enter cannot be tested this way; .ci/run keeps its fresh clone readable).
    if (isRoot) {
      const reachable = await promisify(execFile)(
        process.execPath,
        ["-e", `require("fs").accessSync(${JSON.stringify(join(projectRoot, "node_modules/tsx/package.json"))})`],
        { uid: 65534, gid: 65534 },
      ).then(
        () => true,
        () => false,
      );
      if (!reachable) ctx.skip(`user nobody cannot read ${projectRoot}: the EACCES case needs a project folder others may enter`);
    }
    const cwd = tempDir();
    chmodSync(cwd, 0o755);
    const locked = join(cwd, "locked");
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    const path = join(locked, "x.csv");
    let code: number;
    let stderr: string;
    if (isRoot) {
      // Root may write anywhere: run the command as the unprivileged user nobody (65534).
      const result = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/data.ts", ...SELECTION, "--out", path], {
        cwd: projectRoot,
        uid: 65534,
        gid: 65534,
        env: { ...process.env, STATBANK_MIRROR: mirrorDir },
      }).then(
        (r) => ({ code: 0, stderr: r.stderr }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      ({ code, stderr } = result);
    } else {
      ({ code, stderr } = await run([...SELECTION, "--out", path], cwd));
    }
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^Cannot write ${path.replace(/[.]/g, "\\.")}: EACCES: permission denied \\(open ${locked}/x\\.csv\\.\\d+\\.[0-9a-f]{8}\\.tmp\\)\nNothing was written\\.\n$`,
      ),
    );
    expect(stderr).not.toContain("ENOENT");
    expect(readdirSync(locked)).toEqual([]);
  });

  it("a path through a regular file: ENOTDIR with the path", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "file"), "x");
    const before = snapshot(cwd);
    const r = await run([...SELECTION, "--out", "file/x.csv"], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Cannot write ${join(cwd, "file/x.csv")}: ENOTDIR: not a directory (lstat ${join(cwd, "file/x.csv")})\nNothing was written.\n`);
    expect(snapshot(cwd)).toEqual(before);
  });
});

describe("npm run data: a selection with an absurd count", () => {
  it("Tid=(-n+99999999999999999999) is refused at once, naming the spec and the bound; nothing is written", async () => {
    const cwd = tempDir();
    const t = performance.now();
    const r = await run(["AFSTB4", "BOPOMR=101", "SOCIO=02", "KØN=TOT", "Tid=(-n+99999999999999999999)"], cwd);
    expect(performance.now() - t).toBeLessThan(5000); // it used to spin at 100 % CPU for ever
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'TID=(-n+99999999999999999999): AFSTB4: nth rule "(-n+99999999999999999999)": the count 99999999999999999999 ' +
        "is beyond the limit of 100000 (no table has that many values)\nNothing was written.\n",
    );
    expect(readdirSync(cwd)).toEqual([]);
  });
});
