import { runArrowLoader } from "../../loaders/run.ts";
import { populationTotals } from "../../loaders/tables/population.ts";

await runArrowLoader(populationTotals);
