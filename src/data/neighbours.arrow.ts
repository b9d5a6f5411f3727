import { runArrowLoader } from "../../loaders/run.ts";
import { neighboursDataset, readGeography } from "../../loaders/geo.ts";

await runArrowLoader(async () => neighboursDataset(await readGeography()));
