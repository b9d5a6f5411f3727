// Ships a Source Sans 3 (latin) weight from @fontsource, self-hosted: no font CDN.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { writeStdout } from "../../loaders/arrow.ts";

const { values } = parseArgs({ options: { weight: { type: "string" } } });
if (!values.weight || !/^[1-9]00$/.test(values.weight)) throw new Error(`font weight ${JSON.stringify(values.weight)} is not 100…900`);
const require = createRequire(import.meta.url);
await writeStdout(await readFile(require.resolve(`@fontsource/source-sans-3/files/source-sans-3-latin-${values.weight}-normal.woff2`)));
