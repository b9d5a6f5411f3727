import { geographyDataset, readGeography, runDatasetLoader } from "../../loaders/geo.ts";

await runDatasetLoader(async () => geographyDataset(await readGeography()));
