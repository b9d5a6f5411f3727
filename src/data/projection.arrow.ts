import { runArrowLoader } from "../../loaders/run.ts";
import { projection } from "../../loaders/tables/projection.ts";

await runArrowLoader(projection);
