/**
 * npm run snapshot -- [DIR] [--geo DIR] [--api DIR]
 *
 * Thin wrapper around loaders/cli/snapshot.ts (see --help). Relative paths are resolved against
 * the folder npm was started from (INIT_CWD).
 */
import { runSnapshotCli } from "../loaders/cli/snapshot.ts";

process.exitCode = runSnapshotCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
