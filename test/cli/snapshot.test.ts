/**
 * npm run snapshot (scripts/snapshot.ts → loaders/cli/snapshot.ts): a mirror is copied and checked
 * against its MANIFEST.json, and a synthetic mirror (scripts/bench/scale.ts, `"synthetic": true`)
 * is refused before anything is copied or replaced, in Danish and English.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSnapshotCli } from "../../loaders/cli/snapshot.ts";
import { sha256Hex } from "../../loaders/statbank/manifest.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const CSV = "OMRÅDE;TID;INDHOLD\n260;2024;31612\n";

/** A folder with `statbank/` (one table and its MANIFEST.json) and `out/statbank/` holding an earlier snapshot. */
function setup(manifest: Record<string, unknown>): { root: string; mirror: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), "snapshot-"));
  dirs.push(root);
  const mirror = join(root, "statbank");
  mkdirSync(mirror);
  writeFileSync(join(mirror, "T.csv"), CSV);
  writeFileSync(join(mirror, "MANIFEST.json"), JSON.stringify(manifest));
  const out = join(root, "out");
  mkdirSync(join(out, "statbank"), { recursive: true });
  writeFileSync(join(out, "statbank", "OLD.csv"), "earlier snapshot\n");
  return { root, mirror, out };
}

function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = runSnapshotCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd });
  return { code, stdout, stderr };
}

const entry = { id: "T", file: "T.csv", rows: 1, sha256: sha256Hex(CSV) };

describe("npm run snapshot", () => {
  it("copies a real mirror that matches its MANIFEST.json", () => {
    const { root, mirror, out } = setup({ generated: "2026-12-04", tables: [entry] });
    const r = run([mirror, "--to", out], root);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "statbank", "T.csv"), "utf8")).toBe(CSV);
    expect(existsSync(join(out, "statbank", "OLD.csv"))).toBe(false);
  });

  it('refuses a synthetic mirror (MANIFEST.json "synthetic": true) in Danish and English, and replaces nothing', () => {
    const { root, mirror, out } = setup({ synthetic: true, generated: "2026-12-04", tables: [{ ...entry, synthetic: true }] });
    const r = run([mirror, "--to", out], root);
    expect(r.code).toBe(1);
    const manifest = join(mirror, "MANIFEST.json");
    expect(r.stderr).toContain(
      `${manifest} siger "synthetic": true: et syntetisk spejl til ydelsesmåling (scripts/bench/scale.ts), ikke Danmarks Statistiks tal; det kopieres aldrig ind i et snapshot.`,
    );
    expect(r.stderr).toContain(
      `${manifest} says "synthetic": true: a synthetic mirror for performance measurement (scripts/bench/scale.ts), not Statistics Denmark's figures; it is never copied into a snapshot.`,
    );
    expect(r.stderr).toMatch(/Nothing was replaced\.\n$/);
    expect(readFileSync(join(out, "statbank", "OLD.csv"), "utf8")).toBe("earlier snapshot\n");
    expect(existsSync(join(out, "statbank", "T.csv"))).toBe(false);
  });

  it("refuses a mirror in which a single table is synthetic, naming it", () => {
    const { root, mirror, out } = setup({ generated: "2026-12-04", tables: [{ ...entry, synthetic: true }] });
    const r = run([mirror, "--to", out], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('siger "synthetic": true for T: et syntetisk spejl');
    expect(r.stderr).toContain('says "synthetic": true for T: a synthetic mirror');
    expect(readFileSync(join(out, "statbank", "OLD.csv"), "utf8")).toBe("earlier snapshot\n");
  });
});
