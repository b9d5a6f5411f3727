// The municipality's own indicators in data/indicators/*.csv, and the indicators computed from
// other files of its own: village_ambassador_communities from data/ambassadoerer/*.csv (the number
// /lokalsamfund shows) and digital_post_share, digital_selfservice_share, digital_post_exemptions
// from data/digital-post, data/henvendelser, data/digital-post-fritagelser (the numbers
// /digitalisering shows); empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { manualIndicators } from "../../loaders/manualIndicators.ts";
import { withAmbassadorIndicator } from "../../loaders/ambassadors.ts";
import { withDigitalIndicators } from "../../loaders/digitalisering/indicators.ts";

await runArrowLoader(async () => withDigitalIndicators(await withAmbassadorIndicator(await manualIndicators())));
