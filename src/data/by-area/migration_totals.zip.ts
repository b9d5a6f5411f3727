import { runPartitionedLoader } from "../../../loaders/run.ts";
import { migrationTotals } from "../../../loaders/tables/flows.ts";

await runPartitionedLoader(migrationTotals);
