// npm start: fetch all data anew and serve the dashboard on http://127.0.0.1:3000 (live reload).
// Without STATBANK_MIRROR the live API is used; when it cannot be reached, the project's snapshot.
import { spawn } from "node:child_process";
import { chooseSource, clearDataCache, describeSource } from "./fresh-data.mjs";

clearDataCache();
const env = await chooseSource(process.env);
const port = env.PORT ?? "3000";
console.log(`Data from ${describeSource(env)}; each dataset is fetched when a page first asks for it, with a line per dataset below.`);
console.log(`Open http://127.0.0.1:${port}/ (Ctrl+C stops the server).`);
const child = spawn("npx", ["observable", "preview", "--host", "127.0.0.1", "--port", port, "--no-open"], { stdio: "inherit", env });
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
