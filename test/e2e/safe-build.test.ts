/**
 * npm run build never loses the published site: after the good build of the global setup, a
 * build from a mirror with one corrupt file exits non-zero naming the file, and dist/ is byte for
 * byte what it was. Runs in the project itself (the e2e files run one at a time).
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../loaders/statbank/manifest.ts";
import { mirrorDir, projectRoot } from "../paths.ts";

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** path -> sha256 of every file under dir. */
function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), sha256Hex(readFileSync(p)));
    }
  };
  walk(dir);
  return out;
}

function build(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/build.mjs"], { cwd: projectRoot, env: { ...process.env, NO_COLOR: "1", ...env } });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (output += b.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("safe publishing", () => {
  it("a build from a mirror with a cut file exits non-zero naming the file, and dist/ stays byte-identical", async () => {
    const dist = join(projectRoot, "dist");
    const before = fingerprint(dist);
    expect(before.size).toBeGreaterThan(20);

    // The mirror with one table file cut after its first half, at a line end: FOLK1A, which the
    // front page needs (any table the MANIFEST gives a row count would do).
    const manifest = JSON.parse(readFileSync(join(mirrorDir, "MANIFEST.json"), "utf8")) as { tables: { id: string; file?: string; rows?: number }[] };
    const entry = manifest.tables.find((t) => t.id === "FOLK1A" && t.file && t.rows)!;
    expect(entry, "MANIFEST.json gives FOLK1A's rows").toBeDefined();
    const corrupt = mkdtempSync(join(tmpdir(), "corrupt-mirror-"));
    temp.push(corrupt);
    cpSync(mirrorDir, corrupt, { recursive: true });
    const file = join(corrupt, entry.file!);
    const lines = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, lines.slice(0, Math.floor(lines.length / 2)).join("\n") + "\n");

    const r = await build({ STATBANK_MIRROR: corrupt });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain(file);
    expect(r.output).toMatch(new RegExp(`${entry.file!.replace(".", "\\.")}: \\d+ data rows, but MANIFEST\\.json says ${entry.rows} for ${entry.id}`));
    expect(r.output).toMatch(/dist\/ is left exactly as it was/);

    const after = fingerprint(dist);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, hash] of before) expect(after.get(path), path).toBe(hash);
  }, 600_000);
});
