import { runArrowLoader } from "../../loaders/run.ts";
import { migrationAges } from "../../loaders/tables/flows.ts";

await runArrowLoader(migrationAges);
