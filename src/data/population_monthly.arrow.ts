import { runArrowLoader } from "../../loaders/run.ts";
import { populationMonthly } from "../../loaders/tables/population.ts";

await runArrowLoader(populationMonthly);
