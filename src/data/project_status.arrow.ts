// The projects' status per report, data/projekter/*.csv; empty dataset when there is none.
import { runArrowLoader } from "../../loaders/run.ts";
import { projectStatus } from "../../loaders/digitalisering/projects.ts";

await runArrowLoader(() => projectStatus());
