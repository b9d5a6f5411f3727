import { runArrowLoader } from "../../loaders/run.ts";
import { commuting } from "../../loaders/tables/commuting.ts";

await runArrowLoader(commuting);
