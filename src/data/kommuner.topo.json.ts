import { runJsonLoader } from "../../loaders/run.ts";
import { readGeography } from "../../loaders/geo.ts";

await runJsonLoader(async () => (await readGeography()).topology);
