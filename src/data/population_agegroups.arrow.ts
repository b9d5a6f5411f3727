import { runArrowLoader } from "../../loaders/run.ts";
import { populationAgeGroups } from "../../loaders/tables/agegroups.ts";

await runArrowLoader(populationAgeGroups);
