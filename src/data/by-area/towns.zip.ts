import { runArrowLoader } from "../../loaders/run.ts";
import { towns } from "../../loaders/tables/towns.ts";

await runArrowLoader(towns);
