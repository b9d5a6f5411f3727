import { analysisResults } from "../../../loaders/analysisResults.ts";
import { runAreaArchive } from "../../../loaders/run.ts";

await runAreaArchive(analysisResults);
