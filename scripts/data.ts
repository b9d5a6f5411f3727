/**
 * npm run data -- --info TABLE | TABLE VAR=specs … [--out FILE] [--format arrow|csv] [--allow-gaps]
 *
 * Thin wrapper around loaders/cli/data.ts (see --help). Relative paths are resolved against the
 * folder npm was started from (INIT_CWD), not the project root npm switches to.
 */
import { runDataCli } from "../loaders/cli/data.ts";

process.exitCode = await runDataCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
});
