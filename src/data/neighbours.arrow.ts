import { neighboursDataset, readGeography, runDatasetLoader } from "../../loaders/geo.ts";

await runDatasetLoader(async () => neighboursDataset(await readGeography()));
