import { runArrowLoader } from "../../loaders/run.ts";
import { migrationTotals } from "../../loaders/tables/flows.ts";

await runArrowLoader(migrationTotals);
