import { runArrowLoader } from "../../loaders/run.ts";
import { localCommunities } from "../../loaders/tables/localCommunities.ts";

await runArrowLoader(localCommunities);
