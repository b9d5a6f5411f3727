import { runArrowLoader } from "../../loaders/run.ts";
import { flowPairs } from "../../loaders/tables/flows.ts";

await runArrowLoader(flowPairs);
