import { runPartitionedLoader } from "../../../loaders/run.ts";
import { flowPairs } from "../../../loaders/tables/flows.ts";

await runPartitionedLoader(flowPairs);
