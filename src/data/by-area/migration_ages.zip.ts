import { runPartitionedLoader } from "../../../loaders/run.ts";
import { migrationAges } from "../../../loaders/tables/flows.ts";

await runPartitionedLoader(migrationAges);
