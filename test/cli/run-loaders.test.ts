/**
 * The build's loaders run ahead of Framework (loaders/cli/runLoaders.ts): which loaders it finds
 * in a small Framework project, that their outputs land in Framework's cache where its build finds
 * them fresh, that at most N run at once, and that a failing loader stops the rest, leaves nothing
 * in the cache and is named with its message.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { failureMessage, loaderConcurrency, longestFirst, runLoaders, type LoaderJob } from "../../loaders/cli/runLoaders.ts";
import { useTempDirs } from "../helpers.ts";
import { projectRoot } from "../paths.ts";

const tempDir = useTempDirs("run-loaders-");

/** A folder with these files (paths relative to it). */
function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Every file under dir, relative to it, sorted. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

// A Framework project: two pages, a module with a file of its own, a dynamic path, a
// parameterized loader, a loader writing an archive, a static file and a loader nothing uses.
const FIXTURE = {
  "observablehq.config.js": `export default { root: "src", dynamicPaths: ["/data/extra.txt"] };\n`,
  "src/index.md":
    '# Forside\n\n```js\nconst a = FileAttachment("data/a.dat");\nconst s = FileAttachment("data/static.dat");\nimport {b} from "./components/b.js";\n```\n',
  "src/other.md": '# Anden\n\n```js\nconst m = FileAttachment("data/arc/m.txt");\nconst n = FileAttachment("data/7.txt");\n```\n',
  "src/components/b.js": 'import {FileAttachment} from "observablehq:stdlib";\nexport const b = FileAttachment("../data/b.json");\n',
  "src/data/a.dat.sh": "echo 'x,y'\necho '1,2'\n",
  "src/data/b.json.js": 'process.stdout.write(JSON.stringify({ b: process.env.FIXTURE_VALUE ?? "unset", cwd: process.cwd() }));\n',
  "src/data/[n].txt.js": 'process.stdout.write("n=" + process.argv.find((a) => a.startsWith("--n=")));\n',
  "src/data/arc.tar.sh": 'd=$(mktemp -d) && echo member > "$d/m.txt" && tar -C "$d" -cf - m.txt && rm -r "$d"\n',
  "src/data/extra.txt.sh": "echo extra\n",
  "src/data/static.dat": "static\n",
  "src/data/unused.dat.sh": "echo unused\n",
};

const tsxLoader = pathToFileURL(join(projectRoot, "node_modules/tsx/dist/loader.mjs")).href;
const moduleUrl = pathToFileURL(join(projectRoot, "loaders/cli/runLoaders.ts")).href;
const configUrl = pathToFileURL(join(projectRoot, "node_modules/@observablehq/framework/dist/config.js")).href;

/** Run a script with tsx in `cwd` (Framework reads the project from the working folder). */
function runIn(cwd: string, script: string, env: NodeJS.ProcessEnv = {}) {
  writeFileSync(join(cwd, "driver.mts"), script);
  const r = spawnSync(process.execPath, ["--import", tsxLoader, "driver.mts"], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("findBuildLoaders and runBuildLoaders on a Framework project", () => {
  it("finds every loader the pages, their modules and dynamicPaths use, with Framework's commands, and no other", () => {
    const dir = project(FIXTURE);
    const r = runIn(dir, `import { findBuildLoaders } from "${moduleUrl}";\nconsole.log(JSON.stringify(await findBuildLoaders()));\nprocess.exit(0);\n`);
    // (Framework may log that it cannot fetch the npm packages its client needs when offline; that is not an error here)
    expect(r.code).toBe(0);
    const { root, jobs } = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { root: string; jobs: LoaderJob[] };
    expect(root).toBe("src");
    const byTarget = Object.fromEntries(jobs.map((j) => [j.target, j]));
    expect(Object.keys(byTarget).sort()).toEqual(["/data/7.txt", "/data/a.dat", "/data/arc.tar", "/data/b.json", "/data/extra.txt"]);
    expect(byTarget["/data/a.dat"]).toEqual({ loader: "data/a.dat.sh", target: "/data/a.dat", command: "sh", args: ["src/data/a.dat.sh"] });
    expect(byTarget["/data/b.json"]).toMatchObject({
      loader: "data/b.json.js",
      command: "node",
      args: ["--no-warnings=ExperimentalWarning", "src/data/b.json.js"],
    });
    // the parameterized loader gets its parameter; the archive member is made by the archive's loader
    expect(byTarget["/data/7.txt"].args).toEqual(["--no-warnings=ExperimentalWarning", "src/data/[n].txt.js", "--n=7"]);
    expect(byTarget["/data/arc.tar"]).toMatchObject({ loader: "data/arc.tar.sh", command: "sh", args: ["src/data/arc.tar.sh"] });
  });

  it("writes each output into Framework's cache, where its loaders then find it fresh, with the build's environment", () => {
    const dir = project(FIXTURE);
    const r = runIn(
      dir,
      `import { runBuildLoaders } from "${moduleUrl}";
const { readConfig } = await import("${configUrl}");
const code = await runBuildLoaders({ concurrency: 2 });
const config = await readConfig();
let said = "";
const effects = { logger: { log: (s) => (said += s + "\\n") }, output: { write: (s) => (said += s) } };
for (const path of ["/data/a.dat", "/data/b.json", "/data/7.txt", "/data/arc/m.txt", "/data/extra.txt"]) await config.loaders.find(path).load({ useStale: true }, effects);
console.log("CODE " + code);
console.log(said);
process.exit(0);
`,
      { FIXTURE_VALUE: "from the build" },
    );
    expect(r.stdout, r.stderr).toContain("CODE 0");
    expect(r.stdout).toMatch(/Running 5 data loaders, 2 at a time/);
    expect(r.stdout).toMatch(/loader data\/a\.dat\.sh → \/data\/a\.dat: 8 B in \d+\.\d s/);
    // Framework runs none of them again: each is [fresh], and the archive member is extracted from the fresh archive
    const said = r.stdout.slice(r.stdout.indexOf("CODE 0"));
    for (const path of ["/data/a.dat", "/data/b.json", "/data/7.txt", "/data/extra.txt"]) expect(said).toContain(`load ${path} → [fresh] success`);
    expect(said).toContain("load /data/arc/m.txt → [missing] load /data/arc.tar → [fresh] success");
    expect(said.match(/\[fresh\]/g)).toHaveLength(5);
    const cache = join(dir, "src/.observablehq/cache");
    expect(listFiles(cache)).toEqual(["data/7.txt", "data/a.dat", "data/arc.tar", "data/arc/m.txt", "data/b.json", "data/extra.txt", "loader-times.json"]);
    expect(readFileSync(join(cache, "data/a.dat"), "utf8")).toBe("x,y\n1,2\n");
    expect(readFileSync(join(cache, "data/7.txt"), "utf8")).toBe("n=--n=7");
    expect(readFileSync(join(cache, "data/arc/m.txt"), "utf8")).toBe("member\n");
    // same working folder and environment as the build
    expect(JSON.parse(readFileSync(join(cache, "data/b.json"), "utf8"))).toEqual({ b: "from the build", cwd: dir });
    const times = JSON.parse(readFileSync(join(cache, "loader-times.json"), "utf8"));
    expect(Object.keys(times).sort()).toEqual(["/data/7.txt", "/data/a.dat", "/data/arc.tar", "/data/b.json", "/data/extra.txt"]);
  });

  it("stops at a failing loader with exit code 1, its message and file named, and leaves no output of it", () => {
    const dir = project({ ...FIXTURE, "src/data/a.dat.sh": "echo 'x,y'\necho 'FOLK1A.csv: 10 data rows, but MANIFEST.json says 20' >&2\nexit 3\n" });
    const r = runIn(dir, `import { runBuildLoaders } from "${moduleUrl}";\nprocess.exitCode = await runBuildLoaders({ concurrency: 1 });\nprocess.exit();\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("FOLK1A.csv: 10 data rows, but MANIFEST.json says 20\n");
    expect(r.stderr).toContain("Data loader src/data/a.dat.sh (for /data/a.dat) failed: it exited with code 3.\nIts message:\n  FOLK1A.csv: 10 data rows");
    expect(listFiles(join(dir, "src/.observablehq/cache/data"))).not.toContain("a.dat");
    expect(listFiles(join(dir, "src/.observablehq/cache/data")).filter((f) => f.startsWith("a.dat"))).toEqual([]);
  });
});

describe("runLoaders", () => {
  const sh = (loader: string, target: string): LoaderJob => ({ loader, target, command: "sh", args: [`src/${loader}`] });

  it("runs at most N at a time, in the order given", async () => {
    const log = "run.log";
    const loader = (name: string) => `echo "start ${name}" >> ${log}; sleep 0.3; echo "end ${name}" >> ${log}; echo ${name}\n`;
    const dir = project(Object.fromEntries(["a", "b", "c", "d", "e"].map((n) => [`src/data/${n}.txt.sh`, loader(n)])));
    const out: string[] = [];
    const r = await runLoaders(
      ["a", "b", "c", "d", "e"].map((n) => sh(`data/${n}.txt.sh`, `/data/${n}.txt`)),
      { cwd: dir, cacheDir: "src/.observablehq/cache", concurrency: 2, stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => {} } },
    );
    expect(r.ok).toBe(true);
    expect(r.runs.map((x) => x.job.target).sort()).toEqual(["/data/a.txt", "/data/b.txt", "/data/c.txt", "/data/d.txt", "/data/e.txt"]);
    const events = readFileSync(join(dir, log), "utf8").trim().split("\n");
    let running = 0;
    let most = 0;
    for (const e of events) {
      running += e.startsWith("start") ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(
      events
        .filter((e) => e.startsWith("start"))
        .slice(0, 2)
        .sort(),
    ).toEqual(["start a", "start b"]);
    expect(readFileSync(join(dir, "src/.observablehq/cache/data/e.txt"), "utf8")).toBe("e\n");
    expect(listFiles(join(dir, "src/.observablehq/cache"))).toEqual(["data/a.txt", "data/b.txt", "data/c.txt", "data/d.txt", "data/e.txt"]);
    expect(out).toHaveLength(5);
  });

  it("on a failure stops the loaders still running, starts no more, and keeps none of their output", async () => {
    const dir = project({
      "src/data/slow.txt.sh": "echo partial; sleep 20; echo done\n",
      "src/data/bad.txt.sh": "sleep 0.2; echo 'bad: the table has no rows' >&2; exit 1\n",
      "src/data/later.txt.sh": "echo later\n",
    });
    const err: string[] = [];
    const t0 = performance.now();
    const r = await runLoaders([sh("data/slow.txt.sh", "/data/slow.txt"), sh("data/bad.txt.sh", "/data/bad.txt"), sh("data/later.txt.sh", "/data/later.txt")], {
      cwd: dir,
      cacheDir: "src/.observablehq/cache",
      concurrency: 2,
      stdout: { write: () => {} },
      stderr: { write: (s: string) => err.push(s) },
    });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(r.ok).toBe(false);
    expect(r.failure?.job.loader).toBe("data/bad.txt.sh");
    expect(r.failure?.reason).toBe("exited with code 1");
    expect(err.join("")).toBe("bad: the table has no rows\n");
    expect(listFiles(join(dir, "src/.observablehq/cache"))).toEqual([]);
    expect(failureMessage("src", r.failure!)).toBe(
      "Data loader src/data/bad.txt.sh (for /data/bad.txt) failed: it exited with code 1.\nIts message:\n  bad: the table has no rows",
    );
  });

  it("names a loader whose command cannot be started", async () => {
    const dir = project({ "src/data/x.txt.nope": "" });
    const r = await runLoaders([{ loader: "data/x.txt.nope", target: "/data/x.txt", command: "no-such-interpreter-here", args: ["src/data/x.txt.nope"] }], {
      cwd: dir,
      cacheDir: "src/.observablehq/cache",
      concurrency: 2,
      stdout: { write: () => {} },
      stderr: { write: () => {} },
    });
    expect(r.ok).toBe(false);
    expect(r.failure?.reason).toMatch(/^could not be started \(spawn no-such-interpreter-here ENOENT\)$/);
    expect(listFiles(join(dir, "src/.observablehq/cache"))).toEqual([]);
  });
});

describe("longestFirst and loaderConcurrency", () => {
  const job = (target: string): LoaderJob => ({ loader: `${target.slice(1)}.ts`, target, command: "node", args: [] });

  it("orders by the last build's times, longest first, loaders without a time first in their own order", () => {
    const jobs = ["/data/a.arrow", "/data/b.arrow", "/data/new.arrow", "/data/by-area/analyses.zip", "/data/new2.arrow"].map(job);
    const times = { "/data/a.arrow": 0.7, "/data/b.arrow": 9.8, "/data/by-area/analyses.zip": 29.1, "/data/gone.arrow": 50 };
    expect(longestFirst(jobs, times).map((j) => j.target)).toEqual([
      "/data/new.arrow",
      "/data/new2.arrow",
      "/data/by-area/analyses.zip",
      "/data/b.arrow",
      "/data/a.arrow",
    ]);
  });

  it("on a first build (no times), runs the loaders writing an archive first, then the others, each in the order given", () => {
    const jobs = ["/data/population.arrow", "/data/by-area/towns.zip", "/fonts/x-400.woff2", "/data/by-area/analyses.zip", "/data/peers.arrow"].map(job);
    expect(longestFirst(jobs, {}).map((j) => j.target)).toEqual([
      "/data/by-area/towns.zip",
      "/data/by-area/analyses.zip",
      "/data/population.arrow",
      "/fonts/x-400.woff2",
      "/data/peers.arrow",
    ]);
  });

  it("runs 2 at a time unless BUILD_LOADERS says otherwise, 1 on one core", () => {
    expect(loaderConcurrency({}, 2)).toBe(2);
    expect(loaderConcurrency({}, 8)).toBe(2);
    expect(loaderConcurrency({}, 1)).toBe(1);
    expect(loaderConcurrency({ BUILD_LOADERS: "3" }, 2)).toBe(3);
    expect(() => loaderConcurrency({ BUILD_LOADERS: "0" }, 2)).toThrow('BUILD_LOADERS must be a whole number of at least 1 (got "0")');
    expect(() => loaderConcurrency({ BUILD_LOADERS: "two" }, 2)).toThrow(/BUILD_LOADERS must be a whole number/);
  });
});
