/**
 * npm run doctor [-- --mirror DIR] [--dist DIR]
 *
 * Thin wrapper around loaders/cli/doctor.ts (see --help). Relative paths are resolved against the
 * folder npm was started from (INIT_CWD), not the project root npm switches to.
 */
import { runDoctorCli } from "../loaders/cli/doctor.ts";

process.exitCode = await runDoctorCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
});
