import { runArrowLoader } from "../../loaders/run.ts";
import { townMovers } from "../../loaders/tables/townMovers.ts";

await runArrowLoader(townMovers);
