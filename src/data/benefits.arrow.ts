import { runArrowLoader } from "../../loaders/run.ts";
import { benefits } from "../../loaders/tables/benefits.ts";

await runArrowLoader(benefits);
