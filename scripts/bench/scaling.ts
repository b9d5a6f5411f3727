/**
 * `npm run bench -- --scale full` (or `--scale 0.3`): the bench at two scales in one run, side by
 * side. Scale 1 is the real mirror (this project, its dist/); the other scale is a synthetic mirror
 * at the full shape a live build fetches (scripts/bench/scale.ts), built and measured in a
 * temporary copy of the project, so dist/ and the loader cache never hold synthetic data. Each run
 * writes its figures (bench-results/bench-scale-<scale>.json); this prints how each figure grows
 * with the input: ratio full / 1 and the exponent k in figure ∝ rows^k (k = ln ratio / ln rows
 * ratio: 0 = flat, 1 = proportional to the data), and writes bench-results/scaling.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defaultSource, generateScaledMirror, type ScaleSummary } from "./scale.ts";

const log = (s: string) => process.stderr.write(`${s}\n`);

function runBench(cwd: string, env: Record<string, string>): void {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench.ts"], { cwd, env: { ...process.env, ...env }, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`the bench in ${cwd} failed (exit ${r.status})`);
}

/** A copy of the project's files (as git sees them, uncommitted changes included) with node_modules linked. */
function copyProject(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-scale-project-"));
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  if (files.status !== 0) throw new Error("git ls-files failed: the scaling bench copies the project's files as git lists them");
  // (a checkout may have node_modules as a symlink that git lists as untracked: linked below instead)
  const list = files.stdout
    .split("\n")
    .filter((f) => f && f !== "node_modules" && !f.startsWith("node_modules/") && !f.startsWith("src/.observablehq/") && existsSync(join(root, f)));
  const tar = spawnSync("sh", ["-c", `tar -cf - -T - | tar -xf - -C "${dir}"`], { cwd: root, input: list.join("\n") });
  if (tar.status !== 0) throw new Error(`copying the project failed: ${tar.stderr}`);
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return dir;
}

type Json = Record<string, any>;

interface Row {
  figure: string;
  at1: number | null;
  atScale: number | null;
  unit: string;
}

/** The figures compared across scales, from two bench.json files. */
function figures(a: Json, b: Json): Row[] {
  const rows: Row[] = [];
  const add = (figure: string, unit: string, get: (r: Json) => number | null | undefined) =>
    rows.push({ figure, unit, at1: get(a) ?? null, atScale: get(b) ?? null });
  add("full build", "s", (r) => r.build?.seconds);
  const pages = Object.keys(a.pages ?? {});
  for (const p of pages) {
    add(`${p} first chart p50`, "ms", (r) => r.pages?.[p]?.firstChartMs?.p50);
    add(`${p} data before first chart`, "KiB", (r) => (r.pages?.[p] ? r.pages[p].dataBeforeChartBytes / 1024 : null));
    add(`${p} data, one municipality`, "KiB", (r) => (r.pages?.[p] ? r.pages[p].dataTotalBytes / 1024 : null));
  }
  for (const p of Object.keys(a.switching ?? {})) add(`${p} switch p95`, "ms", (r) => r.switching?.[p]?.p95);
  for (const q of Object.keys(a.queries ?? {})) add(`SQL ${q} wasm p95`, "ms", (r) => r.queries?.[q]?.wasm?.p95);
  add("all datasets, Arrow gzip", "KiB", (r) => (r.sizes ? r.sizes.reduce((x: number, s: Json) => x + s.arrowGzip, 0) / 1024 : null));
  return rows;
}

export async function runScaling(root: string, scale: "full" | number): Promise<void> {
  const label = String(scale);
  const source = resolve(root, process.env.STATBANK_MIRROR || defaultSource());
  mkdirSync(join(root, "bench-results"), { recursive: true });
  const out1 = join(root, "bench-results", "bench-scale-1.json");
  const outN = join(root, "bench-results", `bench-scale-${label}.json`);

  log(`\n=== scale 1: the mirror ${source} ===`);
  // BENCH_REUSE_SCALE1=1: the scale-1 figures of an earlier run of the same tree (bench-results/bench-scale-1.json)
  if (process.env.BENCH_REUSE_SCALE1 === "1" && existsSync(out1)) log(`(reusing ${out1})`);
  else runBench(root, { STATBANK_MIRROR: source, BENCH_OUT: out1 });

  log(`\n=== scale ${label}: a synthetic mirror (never shown as data, never committed) ===`);
  const mirror = mkdtempSync(join(tmpdir(), `bench-mirror-${label}-`));
  let copy: string | null = null;
  try {
    const summary: ScaleSummary = await generateScaledMirror({ source, out: mirror, scale });
    log(
      `synthetic mirror: ${summary.total.rows} rows (${(summary.total.bytes / 2 ** 20).toFixed(1)} MiB) from ${summary.total.sourceRows} in ${summary.seconds.toFixed(1)} s`,
    );
    copy = copyProject(root);
    runBench(copy, { STATBANK_MIRROR: mirror, BENCH_OUT: outN });

    const a = JSON.parse(readFileSync(out1, "utf8"));
    const b = JSON.parse(readFileSync(outN, "utf8"));
    const rowsRatio = summary.total.rows / summary.total.sourceRows;
    const table = figures(a, b).map((r) => {
      const ratio = r.at1 && r.atScale !== null ? r.atScale / r.at1 : null;
      return { ...r, ratio, exponent: ratio && ratio > 0 ? Math.log(ratio) / Math.log(rowsRatio) : null };
    });
    const result = {
      date: new Date().toISOString(),
      scale: label,
      input: { rowsAt1: summary.total.sourceRows, rowsAtScale: summary.total.rows, ratio: rowsRatio, tables: summary.tables },
      figures: table,
    };
    writeFileSync(join(root, "bench-results", "scaling.json"), `${JSON.stringify(result, null, 2)}\n`);

    const f = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? "–" : x.toFixed(d));
    const w = Math.max(...table.map((r) => r.figure.length)) + 2;
    console.log(`\nScaling: StatBank input ${summary.total.sourceRows} rows at scale 1, ${summary.total.rows} at scale ${label} (× ${rowsRatio.toFixed(1)})`);
    console.log(
      `${"figure".padEnd(w)}${"unit".padEnd(6)}${"scale 1".padStart(10)}${`scale ${label}`.padStart(12)}${"ratio".padStart(8)}${"exponent".padStart(10)}`,
    );
    for (const r of table)
      console.log(
        `${r.figure.padEnd(w)}${r.unit.padEnd(6)}${f(r.at1).padStart(10)}${f(r.atScale).padStart(12)}${f(r.ratio, 2).padStart(8)}${f(r.exponent, 2).padStart(10)}`,
      );
    console.log("exponent: figure ∝ rows^exponent (0 = flat per page, 1 = grows with the data); written to bench-results/scaling.json");
  } finally {
    rmSync(mirror, { recursive: true, force: true });
    if (copy) rmSync(copy, { recursive: true, force: true });
  }
}
