/**
 * npm run new-loader -- TABLE [--name NAME] [--force] [--mirror DIR]
 *
 * Thin wrapper around loaders/cli/scaffold.ts (see --help). The files are written into this
 * project (the folder above scripts/); --mirror is resolved against the folder npm was started from.
 */
import { fileURLToPath } from "node:url";
import { runNewLoaderCli } from "../loaders/cli/scaffold.ts";

process.exitCode = await runNewLoaderCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  root: fileURLToPath(new URL("..", import.meta.url)),
});
