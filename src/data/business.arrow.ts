import { runArrowLoader } from "../../loaders/run.ts";
import { business } from "../../loaders/tables/business.ts";

await runArrowLoader(business);
