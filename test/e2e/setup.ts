/**
 * Global setup of the e2e project: build the site once from the StatBank mirror (STATBANK_MIRROR,
 * else ../shared/statbank) with a fresh data cache. E2E_SKIP_BUILD=1 reuses an existing dist/.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { mirrorDir, projectRoot } from "../paths.ts";

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === "1" && existsSync(join(projectRoot, "dist/index.html"))) return;
  const env = { ...process.env, STATBANK_MIRROR: process.env.STATBANK_MIRROR || mirrorDir };
  // the build logs every file it writes (about 1 MiB with the per-municipality files): node's default
  // maxBuffer of 1 MiB would kill it mid-build with SIGTERM
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: projectRoot, env, encoding: "utf8", timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0)
    throw new Error(
      `site build failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ""}${r.error ? `, ${r.error.message}` : ""}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`,
    );
}
