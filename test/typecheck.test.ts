import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { projectRoot } from "./paths.ts";

it("the whole project type-checks (tsc --noEmit)", () => {
  const r = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."], { cwd: projectRoot, encoding: "utf8" });
  expect(r.stdout + r.stderr).toBe("");
  expect(r.status).toBe(0);
}, 120_000);
