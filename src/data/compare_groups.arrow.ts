// Sammenligningsgrupper (loaders/compareGroups.ts): each municipality's neighbours, similar municipalities, region and country, one row per member.
import { runArrowLoader } from "../../loaders/run.ts";
import { compareGroups } from "../../loaders/compareGroups.ts";

await runArrowLoader(compareGroups);
