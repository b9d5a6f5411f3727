// npm start: fetch all data anew and serve the dashboard on http://127.0.0.1:3000 (live reload).
import { spawn } from "node:child_process";
import { clearDataCache, describeSource } from "./fresh-data.mjs";

clearDataCache();
const port = process.env.PORT ?? "3000";
console.log(`Data from ${describeSource()}; it is fetched as the pages ask for it.`);
console.log(`Open http://127.0.0.1:${port}/ (Ctrl+C stops the server).`);
const child = spawn("npx", ["observable", "preview", "--host", "127.0.0.1", "--port", port, "--no-open"], { stdio: "inherit", env: process.env });
child.on("exit", (code) => process.exit(code ?? 0));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
