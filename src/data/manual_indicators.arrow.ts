// The municipality's own indicators in data/indicators/*.csv, and village_ambassador_communities
// computed from the ambassador scheme in data/ambassadoerer/*.csv (the number /lokalsamfund shows);
// empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { manualIndicators } from "../../loaders/manualIndicators.ts";
import { withAmbassadorIndicator } from "../../loaders/ambassadors.ts";

await runArrowLoader(async () => withAmbassadorIndicator(await manualIndicators()));
