import { runArrowLoader } from "../../loaders/run.ts";
import { movements } from "../../loaders/tables/movements.ts";

await runArrowLoader(movements);
