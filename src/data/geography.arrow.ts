import { runArrowLoader } from "../../loaders/run.ts";
import { geographyDataset, readGeography } from "../../loaders/geo.ts";

await runArrowLoader(async () => geographyDataset(await readGeography()));
