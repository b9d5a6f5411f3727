import { runArrowLoader } from "../../loaders/run.ts";
import { townSummariesDataset } from "../../loaders/tables/towns.ts";

await runArrowLoader(townSummariesDataset);
