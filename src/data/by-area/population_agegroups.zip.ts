import { runPartitionedLoader } from "../../../loaders/run.ts";
import { populationAgeGroups } from "../../../loaders/tables/agegroups.ts";

await runPartitionedLoader(populationAgeGroups);
