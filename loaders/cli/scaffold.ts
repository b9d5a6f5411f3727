/**
 * `npm run new-loader -- TABLE [--name NAME] [--force]`: write a typed loader for a StatBank table
 * from its tableinfo, on the loaders' own client (the live API, or a mirror folder with
 * STATBANK_MIRROR=<dir> or --mirror <dir>; a mirror's tableinfo lists the codes its file holds).
 *
 * It writes, for the dataset NAME (the lower-case table id unless --name says otherwise):
 *
 *   loaders/tables/NAME.ts                  a DatasetBuilder with a default selection, typed rows
 *   src/data/NAME.arrow.ts                  the thin Framework loader (runArrowLoader)
 *   test/loaders/NAME.test.ts               a test of the loader on the fixture below
 *   test/fixtures/loaders/NAME/TABLE.csv    a small BULK/Code fixture with invented values
 *
 * and registers NAME in src/components/data.ts (FILES and DatasetRows), found with the
 * TypeScript parser and left alone when it is there already. The fixture has a folder of its
 * own, so it never changes what the other tests see in test/fixtures/mirror.
 *
 * Everything is computed before the first file is written; existing files are an error that
 * names them unless --force is given. Exit codes: 0 done, 1 table or file error, 2 usage.
 *
 * This file is the command and the order of the steps; the steps are in ./scaffold/: plan.ts (names
 * and the default selection), safeInfo.ts (tableinfo made safe to write), fixture.ts, render.ts
 * with the templates in ./templates/, and registry.ts (the edit of src/components/data.ts).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../arrow.ts";
import type { StatbankClient } from "../statbank/client.ts";
import { StatbankHttpError } from "../statbank/errors.ts";
import type { Query } from "../statbank/query.ts";
import type { SourceDescription } from "../statbank/transport.ts";
import { checkTableId, CliError, clientFor, reportError, usageError, type CliIO } from "./common.ts";
import { tableInfoOrExplain } from "./data/tableInfo.ts";
import { fixtureText, makeFixture } from "./scaffold/fixture.ts";
import { checkName, defaultName, oneLine, queryOf, scaffoldPaths, scaffoldPlan, type VariablePlan } from "./scaffold/plan.ts";
import { isRegistered, registerDataset } from "./scaffold/registry.ts";
import { renderLoader, renderReport, renderTest, renderThinLoader, type ReportedFile } from "./scaffold/render.ts";
import { safeTableInfo } from "./scaffold/safeInfo.ts";

// What scripts and tests import from here.
export { fixtureText, makeFixture, type Fixture } from "./scaffold/fixture.ts";
export {
  asciiName,
  checkName,
  defaultName,
  planSelection,
  queryOf,
  scaffoldPaths,
  SMALL_VARIABLE,
  totalValue,
  type Role,
  type ScaffoldPaths,
  type ScaffoldPlan,
  type VariablePlan,
} from "./scaffold/plan.ts";
export { isRegistered, registerDataset, type RegistryEntry } from "./scaffold/registry.ts";
export { commentSafe, safeTableInfo } from "./scaffold/safeInfo.ts";

export const USAGE = `npm run new-loader -- TABLE [--name NAME] [--force] [--mirror DIR]

Writes a typed loader for the StatBank table TABLE from its tableinfo, read with the loaders'
client: the live API (https://api.statbank.dk/v1), or a mirror folder with STATBANK_MIRROR=DIR or
--mirror DIR (a mirror's tableinfo lists only the codes its file holds).

  --name NAME   the dataset's name: lower-case letters, digits and _ (default: the table id in
                lower case). The files are loaders/tables/NAME.ts, src/data/NAME.arrow.ts,
                test/loaders/NAME.test.ts and test/fixtures/loaders/NAME/TABLE.csv; NAME is
                registered in src/components/data.ts.
  --force       overwrite those files if they exist (the registry entry is kept as it is).
  --mirror DIR  read the mirror folder DIR (same as STATBANK_MIRROR=DIR).

Example:
  STATBANK_MIRROR=../shared/statbank npm run new-loader -- FOLK1A
`;

export interface ScaffoldOptions {
  table: string;
  /** Dataset name; default the lower-case table id. */
  name?: string;
  force?: boolean;
  /** Project root (the folder with loaders/, src/ and test/). */
  root: string;
  client: StatbankClient;
}

export type WrittenFile = ReportedFile;

export interface ScaffoldResult {
  table: string;
  name: string;
  title: string;
  source: SourceDescription;
  query: Query;
  plan: VariablePlan[];
  files: WrittenFile[];
  /** What to do next, for the terminal. */
  report: string;
}

// ---------------------------------------------------------------------------------------------
// The scaffold

/** Files and registry entries that already exist for `name`. */
export function existingParts(root: string, name: string, table: string): string[] {
  const paths = scaffoldPaths(name, table);
  const found = [paths.loader, paths.thinLoader, paths.test, paths.fixture].filter((p) => existsSync(join(root, p)));
  // Any other loader in src/data with the same stem (name.json.ts, name.csv, …) writes a file of that name.
  const dataDir = join(root, "src/data");
  if (existsSync(dataDir)) {
    for (const f of readdirSync(dataDir)) if (f.startsWith(`${name}.`) && `src/data/${f}` !== paths.thinLoader) found.push(`src/data/${f}`);
  }
  // a dataset cut per municipality (src/lib/byArea.ts) is written by src/data/by-area/NAME.zip.ts
  const byArea = `src/data/by-area/${name}.zip.ts`;
  if (existsSync(join(root, byArea))) found.push(byArea);
  const registry = join(root, paths.registry);
  if (existsSync(registry) && isRegistered(readFileSync(registry, "utf8"), name)) found.push(`${paths.registry} (FILES already has "${name}")`);
  return found;
}

function freeName(root: string, base: string, table: string): string {
  if (existingParts(root, base, table).length === 0) return base;
  for (let i = 2; ; i++) if (existingParts(root, `${base}_${i}`, table).length === 0) return `${base}_${i}`;
}

export async function scaffoldLoader(opts: ScaffoldOptions): Promise<ScaffoldResult> {
  const table = checkTableId(opts.table);
  const name = checkName(opts.name ?? defaultName(table));
  const root = resolve(opts.root);
  const paths = scaffoldPaths(name, table);
  const registryPath = join(root, paths.registry);
  if (!existsSync(registryPath)) throw new CliError(`${registryPath} not found: is ${root} the project folder?`);

  const clash = existingParts(root, name, table);
  if (clash.length > 0 && !opts.force) {
    const suggestion = freeName(root, name === defaultName(table) ? `${name}_data` : defaultName(table), table);
    throw new CliError(
      [
        `"${name}" is taken: these already exist:`,
        ...clash.map((p) => `  ${p}`),
        `Nothing was written. Pick another name with --name (e.g. --name ${suggestion}), or pass --force to overwrite the files.`,
      ].join("\n"),
    );
  }

  const rawInfo = await tableInfoOrExplain(opts.client, table).catch((e: unknown) => {
    if (e instanceof StatbankHttpError) {
      throw new CliError(
        `${e.message}\nNothing was written. Without internet, read the mirror: STATBANK_MIRROR=../shared/statbank npm run new-loader -- ${table}`,
      );
    }
    throw e;
  });
  // Tableinfo comes from the API or any mirror folder: untrusted text that must never become code.
  const info = safeTableInfo(rawInfo, table);
  const plan = scaffoldPlan(table, name, info, opts.client.source);
  const fixture = makeFixture(plan.plan);
  const registry = registerDataset(
    readFileSync(registryPath, "utf8"),
    { name, rowType: plan.rowType, from: `../../loaders/tables/${name}.ts` },
    paths.registry,
  );
  const outputs: Array<[string, string]> = [
    [paths.loader, renderLoader(plan)],
    [paths.thinLoader, renderThinLoader(plan)],
    [paths.fixture, fixtureText(fixture)],
    [paths.test, renderTest(plan, fixture)],
  ];

  // Everything is rendered: write.
  const files: WrittenFile[] = [];
  for (const [path, text] of outputs) {
    const existed = existsSync(join(root, path));
    await writeFileAtomic(join(root, path), text);
    files.push({ path, action: existed ? "overwritten" : "written" });
  }
  if (registry.changed) await writeFileAtomic(registryPath, registry.text);
  files.push({ path: paths.registry, action: registry.changed ? "updated" : "unchanged" });

  const query = queryOf(table, plan.plan);
  return { table, name, title: oneLine(info.text || table), source: opts.client.source, query, plan: plan.plan, files, report: renderReport(plan, files) };
}

// ---------------------------------------------------------------------------------------------
// Command line

export async function runNewLoaderCli(argv: string[], io: CliIO & { root: string }): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: { help: { type: "boolean", short: "h" }, name: { type: "string" }, force: { type: "boolean" }, mirror: { type: "string" } },
      });
    } catch (e) {
      throw usageError(e);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new CliError(
        positionals.length === 0 ? "Name a table, e.g. npm run new-loader -- FOLK1A" : `One table at a time (got ${positionals.join(" ")})`,
        2,
      );
    }
    const client = clientFor(values.mirror, io);
    const result = await scaffoldLoader({ table: positionals[0], name: values.name, force: values.force ?? false, root: io.root, client });
    io.stdout.write(result.report);
    return 0;
  } catch (e) {
    return reportError(e, io, USAGE, "npm run new-loader");
  }
}
