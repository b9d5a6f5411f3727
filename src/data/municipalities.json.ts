import { runJsonLoader } from "../../loaders/run.ts";
import { municipalities } from "../../loaders/tables/municipalities.ts";

await runJsonLoader(municipalities);
