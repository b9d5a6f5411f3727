import { runArrowLoader } from "../../loaders/run.ts";
import { indicators } from "../../loaders/tables/indicators.ts";

await runArrowLoader(indicators);
