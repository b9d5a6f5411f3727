import { runPartitionedLoader } from "../../../loaders/run.ts";
import { populationAges } from "../../../loaders/tables/population.ts";

await runPartitionedLoader(populationAges);
