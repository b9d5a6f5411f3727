import { runArrowLoader } from "../../loaders/run.ts";
import { families } from "../../loaders/tables/families.ts";

await runArrowLoader(families);
