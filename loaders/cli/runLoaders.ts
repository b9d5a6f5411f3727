/**
 * Run the site's data loaders a few at a time before Framework builds the site.
 *
 * Framework 1.13 runs the data loaders of a build one after another, and most of them use one
 * core. `npm run build` (scripts/build.mjs) therefore first runs every loader the build will ask
 * for here, N at a time, longest first, each exactly as Framework would run it: the same command
 * and arguments (Framework's own loader resolver gives them), the same working folder and
 * environment, its standard output written to a temporary file that is renamed into
 * src/.observablehq/cache/<target> only when the loader succeeds. Framework's build then finds every
 * output in its cache and only copies it.
 *
 * Which loaders: the files the build copies, found the way Framework's build finds them (the pages
 * and dynamicPaths of observablehq.config.ts, the files the pages and their imports reference),
 * and for each the loader Framework would run for it (for a member of an archive written by a
 * loader, the archive's loader). A loader nothing references is not run here, nor by Framework.
 *
 * The loaders of one build may share a computation through a folder of their own (LOADER_SHARE_DIR:
 * the peers, which four loaders need, loaders/peers.ts); Framework alone (npm start) gives none.
 *
 * When a loader fails, the others are stopped, nothing of theirs is left in the cache, and the
 * failing loader's message is repeated with its file named; the caller stops the build.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";

/** One loader run: what Framework's CommandLoader would run for a file of the build. */
export interface LoaderJob {
  /** The loader script, relative to the source root: "data/peers.arrow.ts". */
  loader: string;
  /** Its output, from the site's root: "/data/peers.arrow" (cached under <cache>/data/peers.arrow). */
  target: string;
  /** The command and arguments, relative to the working folder ("node", ["--import", "tsx", "src/data/peers.arrow.ts"]). */
  command: string;
  args: string[];
}

/** The loaders of the build of the Framework project in the current working folder, and its source root. */
export interface BuildLoaders {
  root: string;
  jobs: LoaderJob[];
}

// Framework ships no type declarations; these are the parts of its modules used here.
interface FrameworkLoader {
  path: string;
  targetPath: string;
  command?: string;
  args?: string[];
  inflatePath?: string;
}
interface FrameworkLoaderResolver {
  interpreters: Map<string, string[]>;
  find(path: string): FrameworkLoader | undefined;
  findFile(path: string): FrameworkLoader | undefined;
  findPage(path: string): FrameworkLoader | undefined;
  loadPage(path: string, options: object): Promise<{ data: { draft?: boolean } }>;
}
interface FrameworkConfig {
  root: string;
  loaders: FrameworkLoaderResolver;
  paths(): AsyncIterable<string>;
}
interface FrameworkResolvers {
  files: Set<string>;
  assets?: Set<string>;
}

const FRAMEWORK = "@observablehq/framework/dist/";
const ARCHIVE_EXTENSIONS = [".tar.gz", ".tgz", ".zip", ".tar"];

async function framework() {
  const load = (name: string) => import(/* @vite-ignore */ FRAMEWORK + name);
  const [config, resolvers, module, path] = await Promise.all([load("config.js"), load("resolvers.js"), load("javascript/module.js"), load("path.js")]);
  return {
    readConfig: config.readConfig as (configPath?: string, root?: string) => Promise<FrameworkConfig>,
    getResolvers: resolvers.getResolvers as (page: unknown, options: object) => Promise<FrameworkResolvers>,
    getModuleResolvers: resolvers.getModuleResolvers as (path: string, options: object) => Promise<FrameworkResolvers>,
    findModule: module.findModule as (root: string, path: string) => unknown,
    resolvePath: path.resolvePath as (source: string, target: string) => string,
  };
}

/**
 * The loader Framework runs to produce `loader`'s output: the loader itself when it is a command
 * loader; for a member of an archive written by a loader (data/by-area/towns.zip.ts), that
 * archive's loader; undefined for a file in the source tree or in a static archive.
 */
function commandLoaderOf(loaders: FrameworkLoaderResolver, loader: FrameworkLoader): FrameworkLoader | undefined {
  if (loader.command !== undefined) return loader;
  if (loader.inflatePath === undefined || !loaders.interpreters.has(extname(loader.path))) return undefined;
  const archive = loader.path.slice(0, -extname(loader.path).length);
  const ext = ARCHIVE_EXTENSIONS.find((e) => archive.endsWith(e));
  if (!ext) return undefined;
  const dir = loader.targetPath.slice(0, -(loader.inflatePath.length + 1));
  const found = loaders.findFile(dir + ext);
  return found?.command !== undefined ? found : undefined;
}

/**
 * Every loader the build of the Framework project in the current working folder runs, once each,
 * in the order the build meets them. Pages are read as Framework's build reads them; a page that
 * is itself generated by a loader (page.md.ts) is left to Framework.
 */
export async function findBuildLoaders(): Promise<BuildLoaders> {
  const fw = await framework();
  const config = await fw.readConfig();
  const { root, loaders } = config;
  const files = new Set<string>();
  for await (const path of config.paths()) {
    const options = { path, ...config };
    if (path.endsWith(".js") && fw.findModule(root, path)) {
      for (const f of (await fw.getModuleResolvers(path, config)).files) files.add(fw.resolvePath(path, f));
      continue;
    }
    if (loaders.find(path)) {
      files.add(path);
      continue;
    }
    const page = loaders.findPage(path);
    if (!page || page.command !== undefined) continue;
    const parsed = await loaders.loadPage(path, options);
    if (parsed.data?.draft) continue;
    const resolvers = await fw.getResolvers(parsed, options);
    for (const f of [...(resolvers.assets ?? []), ...resolvers.files]) files.add(fw.resolvePath(path, f));
  }
  const jobs = new Map<string, LoaderJob>();
  for (const file of files) {
    const found = loaders.find(file);
    const loader = found && commandLoaderOf(loaders, found);
    if (!loader || jobs.has(loader.targetPath)) continue;
    jobs.set(loader.targetPath, { loader: loader.path, target: loader.targetPath, command: loader.command!, args: [...loader.args!] });
  }
  return { root, jobs: [...jobs.values()] };
}

/** Seconds each loader took in the last build that ran it, by its output ("/data/peers.arrow"). */
export type LoaderTimes = Record<string, number>;

export function readLoaderTimes(file: string): LoaderTimes {
  try {
    const data = JSON.parse(readFileSync(file, "utf8"));
    return data && typeof data === "object" ? data : {};
  } catch {
    return {};
  }
}

/**
 * Longest first, by the times of the last build; loaders without a time (new, or the first build,
 * as in a fresh clone) go first, as they may be long ones: those writing an archive (a file per
 * municipality, usually the longest) before the others, each in the order given.
 */
export function longestFirst(jobs: LoaderJob[], times: LoaderTimes): LoaderJob[] {
  const isArchive = (j: LoaderJob) => ARCHIVE_EXTENSIONS.some((e) => j.target.endsWith(e));
  const t = (j: LoaderJob) => times[j.target] ?? (isArchive(j) ? Number.MAX_VALUE : Number.MAX_VALUE / 2);
  return jobs
    .map((job, i) => ({ job, i }))
    .sort((a, b) => t(b.job) - t(a.job) || a.i - b.i)
    .map((x) => x.job);
}

export interface RunOptions {
  /** The working folder the commands run in (the project; Framework's is the folder it was started in). */
  cwd: string;
  /** Framework's cache folder, relative to cwd: <source root>/.observablehq/cache. */
  cacheDir: string;
  /** How many loaders run at once. */
  concurrency: number;
  env?: NodeJS.ProcessEnv;
  /** Progress lines (one per loader); the loaders' own messages go to `stderr` as they come. */
  stdout?: { write(chunk: string): unknown };
  stderr?: { write(chunk: string): unknown };
}

export interface LoaderRun {
  job: LoaderJob;
  seconds: number;
  bytes: number;
}

export interface RunResult {
  ok: boolean;
  runs: LoaderRun[];
  /** The loader that failed first, with its exit code or signal and its standard error. */
  failure?: { job: LoaderJob; reason: string; stderr: string };
}

/** The cached output's path, relative to the working folder, as Framework names it. */
export const cachePath = (cacheDir: string, job: LoaderJob) => join(cacheDir, job.target);

/**
 * Run the loaders, at most `concurrency` at a time, in the order given. Each writes its standard
 * output to <cache>/<target>.<pid> and, on success, that file is renamed to <cache>/<target>. The
 * first failure stops the loaders still running and starts no more; no output of a failed or
 * stopped loader is left behind.
 */
export async function runLoaders(jobs: LoaderJob[], options: RunOptions): Promise<RunResult> {
  const { cwd, cacheDir, env = process.env, stdout = process.stdout, stderr = process.stderr } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const queue = [...jobs];
  const running = new Set<ChildProcess>();
  const runs: LoaderRun[] = [];
  let failure: RunResult["failure"];
  const stoppers = new Map<ChildProcess, () => void>();
  const stop = (child: ChildProcess) => stoppers.get(child)?.();

  const runOne = (job: LoaderJob) =>
    new Promise<void>((resolve) => {
      const output = join(cwd, cachePath(cacheDir, job));
      const temp = `${output}.${process.pid}`;
      mkdirSync(dirname(output), { recursive: true });
      const fd = openSync(temp, "w");
      const start = performance.now();
      let errText = "";
      let partial = "";
      let stopped = false;
      const child = spawn(job.command, job.args, { cwd, env, stdio: ["ignore", fd, "pipe"], windowsHide: true });
      running.add(child);
      // each line of the loader's messages as it comes, whole, so that lines of loaders running
      // side by side do not mix
      child.stderr!.on("data", (chunk: Buffer) => {
        const text = partial + chunk.toString("utf8");
        errText += chunk.toString("utf8");
        const end = text.lastIndexOf("\n");
        if (end >= 0 && !stopped) stderr.write(text.slice(0, end + 1));
        partial = text.slice(end + 1);
      });
      let spawnError: Error | undefined;
      let done = false;
      child.on("error", (e) => (spawnError = e));
      // A stopped loader is done when it exits, even if a process it started still holds its output open.
      child.on("exit", (code, signal) => {
        if (stopped) finish(code, signal);
      });
      child.on("close", (code, signal) => finish(code, signal));
      const finish = (code: number | null, signal: NodeJS.Signals | null) => {
        if (done) return;
        done = true;
        running.delete(child);
        closeSync(fd);
        if (partial && !stopped) stderr.write(partial + "\n");
        stoppers.delete(child);
        if (code === 0 && !spawnError && !stopped) {
          renameSync(temp, output);
          const run = { job, seconds: (performance.now() - start) / 1000, bytes: statSync(output).size };
          runs.push(run);
          stdout.write(`loader ${job.loader} → ${job.target}: ${formatBytes(run.bytes)} in ${run.seconds.toFixed(1)} s\n`);
        } else {
          rmSync(temp, { force: true });
          if (!failure && !stopped) {
            const reason = spawnError ? `could not be started (${spawnError.message})` : signal ? `was killed (${signal})` : `exited with code ${code}`;
            failure = { job, reason, stderr: errText };
            for (const other of running) stop(other);
          }
        }
        resolve();
      };
      stoppers.set(child, () => {
        stopped = true;
        child.kill("SIGTERM");
      });
      if (failure) stop(child);
    });

  const worker = async () => {
    for (let job = queue.shift(); job && !failure; job = queue.shift()) await runOne(job);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { ok: !failure, runs, failure };
}

/** The message for a failed loader: its file and what happened, then its last lines of standard error. */
export function failureMessage(root: string, failure: NonNullable<RunResult["failure"]>, lines = 40): string {
  const text = failure.stderr.trimEnd().split("\n");
  const tail = text.length > lines ? ["…", ...text.slice(-lines)] : text;
  return (
    `Data loader ${join(root, failure.job.loader)} (for ${failure.job.target}) failed: it ${failure.reason}.` +
    (failure.stderr.trim() ? `\nIts message:\n${tail.map((l) => `  ${l}`).join("\n")}` : " It wrote no message.")
  );
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
}

/** How many loaders at once: BUILD_LOADERS (a whole number ≥ 1), else 2, or 1 on a single core. */
export function loaderConcurrency(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const asked = env.BUILD_LOADERS?.trim();
  if (asked) {
    if (!/^\d+$/.test(asked) || Number(asked) < 1) throw new Error(`BUILD_LOADERS must be a whole number of at least 1 (got "${asked}")`);
    return Number(asked);
  }
  return Math.min(2, Math.max(1, cores));
}

/**
 * Find and run the build's loaders in the current working folder, longest first by the times kept
 * in <cache>/loader-times.json (updated with this run's). Returns the exit code: 0, or 1 when a
 * loader failed (its message printed, naming the file).
 */
export async function runBuildLoaders(options: { concurrency?: number; stdout?: RunOptions["stdout"]; stderr?: RunOptions["stderr"] } = {}): Promise<number> {
  const { stdout = process.stdout, stderr = process.stderr } = options;
  const t0 = performance.now();
  const { root, jobs } = await findBuildLoaders();
  const cacheDir = join(root, ".observablehq", "cache");
  const timesFile = join(cacheDir, "loader-times.json");
  const times = readLoaderTimes(timesFile);
  const concurrency = options.concurrency ?? loaderConcurrency();
  stdout.write(`Running ${jobs.length} data loaders, ${concurrency} at a time, longest first …\n`);
  // A folder the loaders of this build may share results in (the peers, loaders/peers.ts), empty at the start, removed at the end.
  const shareDir = mkdtempSync(join(tmpdir(), "loader-share-"));
  const env = { ...process.env, LOADER_SHARE_DIR: shareDir };
  let result: RunResult;
  try {
    result = await runLoaders(longestFirst(jobs, times), { cwd: process.cwd(), cacheDir, concurrency, env, stdout, stderr });
  } finally {
    rmSync(shareDir, { recursive: true, force: true });
  }
  for (const run of result.runs) times[run.job.target] = Math.round(run.seconds * 100) / 100;
  if (result.runs.length) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(timesFile, JSON.stringify(times, null, 2) + "\n");
  }
  if (result.failure) {
    stderr.write(`\n${failureMessage(root, result.failure)}\n`);
    return 1;
  }
  const cpu = result.runs.reduce((s, r) => s + r.seconds, 0);
  stdout.write(`${jobs.length} data loaders in ${((performance.now() - t0) / 1000).toFixed(1)} s (${cpu.toFixed(1)} s of loader time)\n`);
  return 0;
}
