// Ships data/survey/eksempel.csv (the municipality's survey eksempel) to the site as it is.
import { readFile } from "node:fs/promises";
import { writeStdout } from "../../../loaders/arrow.ts";

await writeStdout(await readFile("data/survey/eksempel.csv"));
