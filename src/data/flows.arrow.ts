import { runArrowLoader } from "../../loaders/run.ts";
import { flows } from "../../loaders/tables/flows.ts";

await runArrowLoader(flows);
