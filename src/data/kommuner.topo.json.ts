import { readGeography, runJsonValueLoader } from "../../loaders/geo.ts";

await runJsonValueLoader(async () => (await readGeography()).topology);
