import { runPartitionedLoader } from "../../../loaders/run.ts";
import { towns } from "../../../loaders/tables/towns.ts";
import { townSliceContext } from "../../../loaders/tables/towns.ts";

// each municipality's file also has the other parts of its towns that a border splits
await runPartitionedLoader(towns, "area", townSliceContext);
