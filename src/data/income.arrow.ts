import { runArrowLoader } from "../../loaders/run.ts";
import { income } from "../../loaders/tables/income.ts";

await runArrowLoader(income);
