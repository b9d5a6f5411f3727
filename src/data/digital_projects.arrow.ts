// The 32 projects of the joint-municipal digitalisation strategy 2011-2015 (data/digitalisering).
import { runArrowLoader } from "../../loaders/run.ts";
import { digitalProjects } from "../../loaders/digitalisering/projects.ts";

await runArrowLoader(() => digitalProjects());
