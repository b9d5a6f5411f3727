import { runArrowLoader } from "../../loaders/run.ts";
import { commutingDistance } from "../../loaders/tables/commuting.ts";

await runArrowLoader(commutingDistance);
