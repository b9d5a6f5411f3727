/**
 * npm run new-loader writes code from tableinfo, which comes from the API or any mirror folder:
 * untrusted text. Hostile texts (a comment end followed by code, line breaks, U+2028) end up as
 * one-line comments or JSON string literals, and the generated loader runs without executing any
 * of it; a hostile code is refused and nothing is written.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { runNewLoaderCli } from "../../loaders/cli/scaffold.ts";
import { projectRoot } from "../paths.ts";

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

const EVIL = {
  text: "Ond tabel */ globalThis.process.exit(41); /*",
  unit: "Antal\n*/ process.exit(42) //",
  description: "x */ require('node:fs').writeFileSync('PWNED', '1') /*",
  variable: "område */ process.exit(43) /*",
  value: "Kbh\u2028process.exit(44)\r\n*/ process.exit(45)",
};

/** A minimal project (loaders/, the registry, node_modules linked) and a mirror with EVIL1. */
function setup(code = "101"): { root: string; mirror: string } {
  const root = mkdtempSync(join(tmpdir(), "scaffold-safety-"));
  temp.push(root);
  cpSync(join(projectRoot, "loaders"), join(root, "loaders"), { recursive: true });
  mkdirSync(join(root, "src/components"), { recursive: true });
  cpSync(join(projectRoot, "src/components/data.ts"), join(root, "src/components/data.ts"));
  symlinkSync(join(projectRoot, "node_modules"), join(root, "node_modules"));
  const mirror = join(root, "mirror");
  mkdirSync(join(mirror, "tableinfo"), { recursive: true });
  writeFileSync(join(mirror, "EVIL1.csv"), `OMRÅDE;TID;INDHOLD\n${code};2024;5\n`);
  writeFileSync(
    join(mirror, "tableinfo/EVIL1.json"),
    JSON.stringify({
      id: "EVIL1",
      text: EVIL.text,
      description: EVIL.description,
      unit: EVIL.unit,
      updated: "2026-01-01T00:00:00",
      variables: [
        { id: "OMRÅDE", text: EVIL.variable, elimination: true, time: false, values: [{ id: code, text: EVIL.value }] },
        { id: "Tid", text: "tid */ process.exit(46) /*", elimination: false, time: true, values: [{ id: "2024", text: "2024" }] },
      ],
    }),
  );
  return { root, mirror };
}

async function scaffold(root: string, mirror: string) {
  let stdout = "";
  let stderr = "";
  const code = await runNewLoaderCli(["EVIL1"], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: root,
    env: { STATBANK_MIRROR: mirror },
    root,
  });
  return { code, stdout, stderr };
}

describe("new-loader with hostile tableinfo", () => {
  it("writes the texts as comments and strings only; the generated loader runs and executes none of them", async () => {
    const { root, mirror } = setup();
    const r = await scaffold(root, mirror);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const loader = readFileSync(join(root, "loaders/tables/evil1.ts"), "utf8");
    // No comment end from the texts survives, and every line that mentions process.exit is a comment or a string.
    expect(loader).not.toContain("*/ globalThis");
    expect(loader).not.toContain("\u2028");
    for (const line of loader.split("\n").filter((l) => l.includes("process.exit"))) {
      expect(line, line).toMatch(/^\s*(\*|\/\/|\/\*\*)|"[^"]*process\.exit[^"]*"/);
    }

    // Run the generated loader on the hostile mirror: it must return the row, and exit 0.
    const script = [
      `import { StatbankClient } from "${join(root, "loaders/statbank/client.ts")}";`,
      `import { MirrorTransport } from "${join(root, "loaders/statbank/mirror.ts")}";`,
      `import { evil1 } from "${join(root, "loaders/tables/evil1.ts")}";`,
      `const ds = await evil1(new StatbankClient(new MirrorTransport(${JSON.stringify(mirror)})));`,
      `console.log(JSON.stringify({ rows: ds.meta.rows, value: ds.columns.value.values[0], title: ds.meta.title }));`,
    ].join("\n");
    const file = join(root, "run.mts");
    writeFileSync(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", file], { cwd: root, encoding: "utf8", timeout: 60_000 });
    const out = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(out).toEqual({ rows: 1, value: 5, title: EVIL.text.replace("*/", "* /") });
    expect(existsSync(join(root, "PWNED"))).toBe(false);
  }, 90_000);

  it("refuses a code that could end a comment or a string, and writes nothing", async () => {
    const { root, mirror } = setup("101*/");
    const before = readFileSync(join(root, "src/components/data.ts"), "utf8");
    const r = await scaffold(root, mirror);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`EVIL1: the tableinfo's OMRÅDE code "101*/" is not a StatBank code`);
    expect(existsSync(join(root, "loaders/tables/evil1.ts"))).toBe(false);
    expect(readFileSync(join(root, "src/components/data.ts"), "utf8")).toBe(before);
  });
});
