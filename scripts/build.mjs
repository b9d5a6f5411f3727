// npm run build: fetch all data anew and build the static site into dist/.
import { spawnSync } from "node:child_process";
import { clearDataCache, describeSource } from "./fresh-data.mjs";

clearDataCache();
console.log(`Building with data from ${describeSource()} …`);
const result = spawnSync("npx", ["observable", "build"], { stdio: "inherit", env: process.env });
process.exit(result.status ?? 1);
