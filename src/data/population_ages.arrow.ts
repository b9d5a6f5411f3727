import { runArrowLoader } from "../../loaders/run.ts";
import { populationAges } from "../../loaders/tables/population.ts";

await runArrowLoader(populationAges);
