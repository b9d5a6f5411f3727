// Ships data/survey/schema.json (the municipality's survey schema) to the site as it is.
import { readFile } from "node:fs/promises";
import { writeStdout } from "../../../loaders/arrow.ts";

await writeStdout(await readFile("data/survey/schema.json"));
