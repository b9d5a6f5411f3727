import { runArrowLoader } from "../../loaders/run.ts";
import { projectionTotals } from "../../loaders/tables/projection.ts";

await runArrowLoader(projectionTotals);
