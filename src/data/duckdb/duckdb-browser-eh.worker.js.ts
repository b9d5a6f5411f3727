// Ships DuckDB-wasm's duckdb-browser-eh.worker.js from node_modules, so the browser never asks a CDN for it.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { writeStdout } from "../../../loaders/arrow.ts";

const require = createRequire(import.meta.url);
await writeStdout(await readFile(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js")));
