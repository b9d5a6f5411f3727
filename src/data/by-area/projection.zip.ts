import { runPartitionedLoader } from "../../../loaders/run.ts";
import { projection } from "../../../loaders/tables/projection.ts";

await runPartitionedLoader(projection);
