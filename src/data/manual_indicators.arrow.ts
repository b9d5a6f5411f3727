// The municipality's own indicators in data/indicators/*.csv; empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { manualIndicators } from "../../loaders/manualIndicators.ts";

await runArrowLoader(() => manualIndicators());
